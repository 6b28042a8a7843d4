"""search: where a piece of text occurs in the profiles."""

from typing import Annotated

import typer

from minecli import query
from minecli.app import App
from minecli.commands._common import (
    FormatOption,
    active_store,
    complete_country,
    country_args,
    read_profiles,
)
from minecli.errors import UsageError
from minecli.render import Format, emit_rows


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
    fmt: FormatOption = Format.table,
) -> None:
    """Find text anywhere in the profiles: the state, the field (a fact path) and a snippet.

    Examples: minecli search OZM; minecli search "border with" --format tsv | cut -f1 | sort -u
    """
    if not text.strip():
        raise UsageError("give some text to search for")
    store = active_store(ctx)
    if within:
        profiles = read_profiles(store, list(country_args(store, within)))
    else:  # the index knows which profiles cannot match, so only the others are read
        profiles = read_profiles(store, store.index().could_match(text), indexed=True)
    rows = query.search(text, profiles)
    emit_rows(
        rows,
        fmt,
        columns=query.SEARCH_COLUMNS,
        id_key="code",
        title=f"{len(rows)} matches for {text!r}",
    )


app = App()
app.command()(search)
