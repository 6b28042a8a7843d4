"""add-/rm-vote, add-/rm-meeting, add-/rm-use: the entries of a profile's lists."""

from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._common import (
    CountryArg,
    DryRunOption,
    ResolutionArg,
    SourceOption,
    active_store,
    did,
    write_profile,
)
from minecli.dates import parse_date_value
from minecli.edits import entries
from minecli.edits.sources import require_source
from minecli.errors import InvalidData, NotFound, UsageError
from minecli.model import ATTENDED_AS, VOTES
from minecli.render import emit_ids, emit_message

MeetingArg = Annotated[
    str, typer.Argument(help="Meeting id from meetings.toml, e.g. 22MSP.", show_default=False)
]


def add_vote(
    ctx: typer.Context,
    country: CountryArg,
    resolution: ResolutionArg,
    vote: Annotated[choice(VOTES), typer.Argument(help="The vote.", show_default=False)],
    source: SourceOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record a state's vote on a resolution the store knows.

    Example: minecli add-vote UZ 65/48 abstain --source 3
    """
    store = active_store(ctx)
    number = store.known_resolution(resolution)
    order = list(store.resolutions())

    def change(profile: dict) -> None:
        require_source(profile, source)
        entries.add_vote(profile, number, vote, source, order)

    code, _ = write_profile(ctx, country, change, dry_run)
    emit_message(f"{did(dry_run, 'Recorded', 'Would record')} {code} {vote} on {number}")


def rm_vote(
    ctx: typer.Context,
    country: CountryArg,
    resolution: ResolutionArg,
    dry_run: DryRunOption = False,
) -> None:
    """Remove a state's vote on a resolution.

    Example: minecli rm-vote UZ 65/48
    """
    _remove(ctx, country, "votes", resolution, dry_run)


def add_meeting(
    ctx: typer.Context,
    country: CountryArg,
    meeting: MeetingArg,
    attended: Annotated[
        bool, typer.Option("--attended/--not-attended", help="Whether the state attended.")
    ] = True,
    role: Annotated[
        choice(ATTENDED_AS) | None,
        typer.Option("--as", help="In what role it attended.", show_default=False),
    ] = None,
    source: SourceOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record whether a state attended a treaty meeting, and in what role.

    Examples: minecli add-meeting UZ 22MSP --attended --as observer;
    minecli add-meeting UZ 11MSP --not-attended --source 3
    """
    store = active_store(ctx)
    if meeting not in store.meetings():
        raise NotFound(
            f"unknown meeting {meeting!r}; the ids are in meetings.toml (e.g. 10MSP, 2RC)"
        )
    if role is not None and not attended:
        raise UsageError("--as describes attendance; it cannot go with --not-attended")
    order = list(store.meetings())

    def change(profile: dict) -> None:
        require_source(profile, source)
        entries.add_meeting(
            profile, meeting, attended=attended, role=role, source_id=source, order=order
        )

    code, _ = write_profile(ctx, country, change, dry_run)
    what = "attended" if attended else "did not attend"
    emit_message(f"{did(dry_run, 'Recorded', 'Would record')} {code} {what} {meeting}")


def rm_meeting(
    ctx: typer.Context, country: CountryArg, meeting: MeetingArg, dry_run: DryRunOption = False
) -> None:
    """Remove a state's entry for a meeting.

    Example: minecli rm-meeting UZ 10MSP
    """
    _remove(ctx, country, "meetings", meeting, dry_run)


def add_use(
    ctx: typer.Context,
    country: CountryArg,
    where: Annotated[str, typer.Option(help="Where mines were used.", show_default=False)],
    year: Annotated[int | None, typer.Option(help="The year of use.", show_default=False)] = None,
    date: Annotated[
        str | None, typer.Option(help="The date of use, full or partial.", show_default=False)
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="What was reported.", show_default=False)
    ] = None,
    source: SourceOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record a report of antipersonnel mine use; prints the new entry's number.

    Example: minecli add-use UZ --year 2000 --where "Border with Tajikistan" --source 3
    """
    if (year is None) == (date is None):
        raise UsageError("give either --year or --date")
    event: dict = {"year": year} if year is not None else {}
    if date is not None:
        try:
            event["date"] = parse_date_value(date)
        except ValueError:
            raise InvalidData(
                f"--date {date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
            ) from None
    event["where"] = where
    if summary:
        event["summary"] = summary

    def change(profile: dict) -> int:
        require_source(profile, source)
        return entries.add_use(profile, event, source)

    code, number = write_profile(ctx, country, change, dry_run)
    emit_message(f"{did(dry_run, 'Added', 'Would add')} use.{number} to {code}")
    if not dry_run:
        emit_ids([f"use.{number}"])


def rm_use(
    ctx: typer.Context,
    country: CountryArg,
    number: Annotated[
        int, typer.Argument(help="The use entry's number (see: minecli show).", show_default=False)
    ],
    dry_run: DryRunOption = False,
) -> None:
    """Remove a report of use by its number.

    Example: minecli rm-use UZ 3
    """
    _remove(ctx, country, "use", str(number), dry_run)


def _remove(ctx: typer.Context, country: str, part: str, label: str, dry_run: bool) -> None:
    code, _ = write_profile(ctx, country, lambda p: entries.remove_entry(p, part, label), dry_run)
    emit_message(f"{did(dry_run, 'Removed', 'Would remove')} {code} {part}.{label}")
