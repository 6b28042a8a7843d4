"""list: one row per state, filtered by treaty status, votes and CCW membership."""

from typing import Annotated

import typer

from minecli.app import choice, format_option
from minecli.commands._common import active_store
from minecli.commands._complete import complete_resolution_vote
from minecli.commands._regions import RegionOption, in_region
from minecli.commands._rows import shapes
from minecli.errors import UsageError
from minecli.model import TREATY_STATUSES, VOTES
from minecli.query import states
from minecli.query.rows import Shape
from minecli.render import ROWS_AND_IDS, TABLE, emit_message, emit_rows


@shapes(states.LIST_COLUMNS)
def list_states(
    ctx: typer.Context,
    status: Annotated[
        list[choice(TREATY_STATUSES)] | None,
        typer.Option(
            "--status",
            "-s",
            help="Keep states with this treaty status; repeat to allow several.",
            show_default=False,
        ),
    ] = None,
    vote: Annotated[
        list[str] | None,
        typer.Option(
            "--vote",
            help="Keep states that cast this vote on this resolution (65/48=abstain); repeat to "
            "require several.",
            metavar="<RES=VOTE>",
            autocompletion=complete_resolution_vote,
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
    region: RegionOption = None,
    by: Annotated[
        choice(("region", "un_group")) | None,
        typer.Option(
            "--by",
            help="Group the states by M49 sub-region or UN regional group.",
            show_default=False,
        ),
    ] = None,
    fmt: format_option(ROWS_AND_IDS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """One row per state: treaty status and dates, CCW membership, latest UN vote.

    Examples:
      minecli list
      minecli list --status not_party --format ids
      minecli list --vote 65/48=abstain --no-ccw --format csv
      minecli list --fields code,name,consent --sort consent --limit 10
      minecli list --region "Central Asia"
      minecli list --by un_group --fields un_group,code,name,status
    """
    store = active_store(ctx)
    votes = []
    for item in vote or []:
        number, sep, answer = item.partition("=")
        if not sep or answer.strip() not in VOTES:
            raise UsageError(
                f"--vote takes <RES=VOTE> with a vote of {', '.join(VOTES)}, such as 65/48=abstain, not {item!r}"
            )
        votes.append((store.known_resolution(number), answer.strip()))
    profiles = in_region(store.profiles(brief=True, warn=emit_message), region)
    rows = states.state_rows(
        profiles, store.resolutions(), status=status or (), votes=votes, ccw=ccw
    )
    columns = states.LIST_COLUMNS
    if by:  # each group together, its name first
        rows.sort(key=lambda r: (r[by] is None, r[by] or "", r["code"]))
        columns = (by, *(c for c in columns if c != by))
    emit_rows(
        rows,
        fmt,
        columns=columns,
        id_key="code",
        title=f"{len(rows)} states",
        shape=shape,
    )
