"""votes --changes: the states whose vote changed from one resolution to the next."""

from typing import Annotated

import typer

from minecli.commands._common import complete_resolution
from minecli.errors import UsageError
from minecli.query.rows import Shape
from minecli.render import emit_rows
from minecli.store import Store

ChangesOption = Annotated[
    bool,
    typer.Option(
        "--changes", help="The states whose vote changed from one resolution to the next."
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="With --changes: compare from this resolution...",
        autocompletion=complete_resolution,
        show_default=False,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        help="...to this one (default: every pair of consecutive resolutions).",
        autocompletion=complete_resolution,
        show_default=False,
    ),
]


def show_changes(
    store: Store,
    codes: list[str] | None,
    start: str | None,
    end: str | None,
    fmt: str,
    shape: Shape,
) -> None:
    from minecli.query import trends

    if (start is None) != (end is None):
        raise UsageError("--from and --to go together")
    resolutions = store.resolutions()
    start, end = (
        (store.known_resolution(start), store.known_resolution(end))
        if start and end
        else (None, None)
    )
    profiles = store.profiles(codes, brief=True)
    rows = trends.changes(profiles, trends.pairs(resolutions, start, end))
    span = f"from {start} to {end}" if start else "from each resolution to the next"
    emit_rows(
        rows,
        fmt,
        columns=trends.CHANGE_COLUMNS,
        id_key="code",
        title=f"Votes that changed {span}",
        shape=shape,
        fields=trends.CHANGE_COLUMNS,
    )
