"""votes: a resolution's roll call, or states' voting records across the resolutions."""

from typing import Annotated

import typer

from minecli.app import choice, format_option
from minecli.commands._common import (
    active_store,
    complete_country,
    complete_resolution,
    country_args,
)
from minecli.commands._regions import RegionOption, in_region
from minecli.commands._rows import shapes
from minecli.commands.vote_changes import (
    AllStatesOption,
    ByOption,
    ChangesOption,
    FromOption,
    PatternOption,
    ToOption,
    grouped,
    show_changes,
    show_patterns,
)
from minecli.errors import UsageError
from minecli.model import VOTES
from minecli.query import votes as vote_query
from minecli.query.rows import Shape
from minecli.render import ROWS_AND_IDS, TABLE, emit_message, emit_rows


@shapes(tuple(dict.fromkeys(vote_query.ROLL_CALL_COLUMNS + vote_query.RECORD_COLUMNS)))
def votes(
    ctx: typer.Context,
    countries: Annotated[
        list[str] | None,
        typer.Argument(
            help="States whose voting record to show (codes or names; - reads stdin). With "
            "--resolution, limits the roll call to these states.",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            "-r",
            help="A resolution number such as 65/48: show its roll call.",
            autocompletion=complete_resolution,
            show_default=False,
        ),
    ] = None,
    region: RegionOption = None,
    by: ByOption = None,
    vote: Annotated[
        choice(VOTES) | None,
        typer.Option("--vote", help="Keep only this vote.", show_default=False),
    ] = None,
    changes: ChangesOption = False,
    pattern: PatternOption = False,
    all_states: AllStatesOption = False,
    start: FromOption = None,
    end: ToOption = None,
    fmt: format_option(ROWS_AND_IDS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """UN General Assembly votes on the resolutions supporting the Mine Ban Treaty.

    With --resolution, the roll call: every state's vote and the tally. With states, each
    state's voting record across all resolutions, oldest first. With --format ids, a roll call
    gives country codes and a record gives resolution numbers.

    Examples:
      minecli votes --resolution 65/48
      minecli votes -r 65/48 --vote abstain --format ids
      minecli votes UZ
      minecli votes -r 65/48 --sort vote --fields code,name,vote
      minecli votes --changes --from 79/34 --to 80/35
      minecli votes -r 80/35 --region "Eastern European Group"
    """
    store = active_store(ctx)
    if changes or start or end or pattern:
        codes = list(country_args(store, countries)) if countries else None
        if pattern:
            return show_patterns(store, codes, fmt, shape, all_states)
        return show_changes(store, codes, start, end, fmt, shape)
    if resolution is None and not countries:
        raise UsageError("name a resolution (--resolution 65/48) or at least one state")
    codes = list(country_args(store, countries)) if countries else None
    if resolution is not None:
        number = store.known_resolution(resolution)
        res = store.resolutions()[number]
        profiles = in_region(store.profiles(codes, brief=True, warn=emit_message), region)
        if not res.get("recorded", True):
            note = f" {res['note']}" if res.get("note") else ""
            emit_message(
                f"{number}: its roll call is not recorded in this store; only votes known "
                f"from other sources are listed.{note}"
            )
        table = fmt == TABLE and not shape.picks
        rows, columns = grouped(
            vote_query.roll_call(number, profiles, vote), by, vote_query.ROLL_CALL_COLUMNS, table
        )
        counts = vote_query.count_votes(profiles, number)
        title = f"Resolution {number} ({res.get('date') or res.get('session')}): roll call"
        caption = vote_query.tally_caption(counts, res, vote_query.count_disputed(profiles, number))
        emit_rows(
            rows,
            fmt,
            columns=columns,
            id_key="code",
            title=title,
            caption=caption,
            shape=shape,
            fields=(*columns, *vote_query.RECORD_COLUMNS),
            for_people=_for_people,
        )
        return
    rows = []
    for code in codes or []:
        record = vote_query.voting_record(store.read_profile(code), store.resolutions())
        rows.extend(r for r in record if vote is None or r["vote"] == vote)
    title = "Voting record: " + ", ".join(codes or [])
    emit_rows(
        rows,
        fmt,
        columns=vote_query.RECORD_COLUMNS,
        id_key="resolution",
        title=title,
        caption=vote_query.record_caption(rows),
        shape=shape,
        for_people=_for_people,
    )


def _for_people(rows: list[dict]) -> list[dict]:
    from minecli.render.views import with_markers

    return with_markers(rows)
