"""votes --changes and --pattern: whose vote changed from one resolution to the next, and the
groups supporters publish each year (always yes, always abstaining, moved to yes or away)."""

from typing import Annotated

import typer

from minecli.app import choice
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
PatternOption = Annotated[
    bool,
    typer.Option(
        "--pattern",
        help="The states not party (or those named) that always voted yes, always abstained, "
        "moved to yes, or moved away from it, with the year and the span of the record.",
    ),
]
ByOption = Annotated[
    choice(("region", "un_group")) | None,
    typer.Option(
        "--by",
        help="With --resolution: group the roll call by M49 sub-region (region) or UN regional "
        "group (un_group).",
        show_default=False,
    ),
]
AllStatesOption = Annotated[
    bool,
    typer.Option("--all-states", help="With --pattern: every state, States Parties too."),
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


def show_patterns(
    store: Store, codes: list[str] | None, fmt: str, shape: Shape, every: bool = False
) -> None:
    from minecli.query import trends

    profiles = store.profiles(codes, brief=True)
    if codes is None and not every:  # the states the published lists are about
        profiles = [p for p in profiles if p["treaty"].get("status") in ("not_party", "signatory")]
    rows = trends.patterns(profiles, store.resolutions())
    who = "the states named" if codes else "all states" if every else "states not party"
    emit_rows(
        rows,
        fmt,
        columns=trends.PATTERN_COLUMNS,
        id_key="code",
        title=f"Voting patterns of {who}",
        shape=shape,
        fields=trends.PATTERN_COLUMNS,
    )


def grouped(
    rows: list[dict], by: str | None, columns: tuple[str, ...], table: bool
) -> tuple[list[dict], tuple[str, ...]]:
    """A roll call's rows, each group together and the group first when grouped; a table for
    people shows the regions only when grouped (or when --fields asks)."""
    if by is None:
        return rows, tuple(c for c in columns if c not in ("region", "un_group") or not table)
    rows = sorted(rows, key=lambda r: (r[by] is None, r[by] or "", r["name"]))
    return rows, (by, *(c for c in columns if c != by))
