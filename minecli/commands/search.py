"""search: where a piece of text occurs in the profiles."""

from typing import Annotated

import typer

from minecli.app import format_option
from minecli.commands._common import active_store, complete_country, country_args
from minecli.commands._rows import shapes
from minecli.errors import InvalidData, UsageError
from minecli.query import search as search_query
from minecli.query.rows import Shape
from minecli.render import ROWS_AND_IDS, TABLE, emit_message, emit_rows


@shapes(search_query.SEARCH_COLUMNS)
def search(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="Text to look for, case-insensitive.", show_default=False)
    ],
    within: Annotated[
        list[str] | None,
        typer.Option(
            "--in",
            help="Search only these states (repeatable).",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    fmt: format_option(ROWS_AND_IDS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """Find text anywhere in the profiles: the state, the field (a fact path) and a snippet.

    Examples:
      minecli search OZM
      minecli search "border with" --format tsv | cut -f1 | sort -u
      minecli search OZM --fields code,field --no-headers
    """
    if not text.strip():
        raise UsageError("give some text to search for")
    store = active_store(ctx)
    if within:
        profiles = store.profiles(list(country_args(store, within)))
        rows = search_query.search(text, profiles)
    else:  # the text index names the profiles that may match: only those are read
        index, names = store.index(), {}
        for brief in index.briefs():
            if isinstance(brief, InvalidData):
                emit_message(f"Warning: skipped {brief}")
            else:
                names[brief["code"]] = brief["name"]
        texts = ((code, names[code], path, t) for code, path, t in index.texts(text))
        rows = search_query.iter_matches(text, texts)  # streamed to a machine format
    if fmt == "table":
        rows = list(rows)
    title = f"{len(rows)} matches for {text!r}" if isinstance(rows, list) else None
    emit_rows(
        rows,
        fmt,
        columns=search_query.SEARCH_COLUMNS,
        id_key="code",
        title=title,
        shape=shape,
    )
