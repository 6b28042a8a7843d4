"""list: one row per state, filtered by treaty status, votes and CCW membership."""

from typing import Annotated

import typer

from minecli import query
from minecli.app import App
from minecli.commands._common import FormatOption, active_store, read_profiles
from minecli.commands.votes import known_resolution, vote_choice
from minecli.errors import UsageError
from minecli.model import TREATY_STATUSES
from minecli.render import Format, emit_rows


def list_states(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            help=f"Keep states with this treaty status "
            f"({', '.join(TREATY_STATUSES)}); repeat to allow several.",
            show_default=False,
        ),
    ] = None,
    vote: Annotated[
        list[str] | None,
        typer.Option(
            "--vote",
            help="Keep states that cast this vote, as RESOLUTION=VOTE "
            "(65/48=abstain); repeat to require several.",
            show_default=False,
        ),
    ] = None,
    ccw: Annotated[
        bool | None,
        typer.Option(
            "--ccw/--no-ccw",
            help="Keep only CCW parties, or only states that are not.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """One row per state: treaty status and dates, CCW membership, latest UN vote.

    Examples: minecli list; minecli list --status not_party --format ids;
    minecli list --vote 65/48=abstain --no-ccw --format csv
    """
    store = active_store(ctx)
    for s in status or []:
        if s not in TREATY_STATUSES:
            raise UsageError(f"--status must be one of {', '.join(TREATY_STATUSES)}, not {s!r}")
    votes = []
    for item in vote or []:
        number, sep, choice = item.partition("=")
        if not sep:
            raise UsageError(f"--vote takes RESOLUTION=VOTE, such as 65/48=abstain, not {item!r}")
        votes.append((known_resolution(store, number), vote_choice(choice.strip()) or ""))
    rows = query.state_rows(
        read_profiles(store, digest=True),
        store.resolutions(),
        status=status or (),
        votes=votes,
        ccw=ccw,
    )
    emit_rows(rows, fmt, columns=query.LIST_COLUMNS, id_key="code", title=f"{len(rows)} states")


app = App()
app.command("list")(list_states)
