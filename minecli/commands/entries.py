"""add-/rm-vote and add-/rm-meeting: a state's votes and its attendance at treaty meetings."""

from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._citing import UpdatedOption, cites
from minecli.commands._common import (
    CountryArg,
    DryRunOption,
    ResolutionArg,
    active_store,
    did,
    write_profile,
)
from minecli.commands._complete import complete_meeting
from minecli.edits import entries
from minecli.edits.provenance import Citing
from minecli.errors import NotFound, UsageError
from minecli.model import ATTENDED_AS, VOTES
from minecli.render import emit_message

MeetingArg = Annotated[
    str,
    typer.Argument(
        help="Meeting id from meetings.toml, e.g. 22MSP.",
        autocompletion=complete_meeting,
        show_default=False,
    ),
]


@cites(keep=False)
def add_vote(
    ctx: typer.Context,
    country: CountryArg,
    resolution: ResolutionArg,
    vote: Annotated[
        choice(VOTES),
        typer.Argument(help="The vote: yes, no, abstain or absent.", show_default=False),
    ],
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
    *,
    cited: Citing,
) -> None:
    """Record a state's vote on a resolution the store knows, citing the sources named.

    Examples:
      minecli add-vote UZ 65/48 abstain --source 3
      minecli add-vote UZ 80/35 yes --cite-new "A/80/PV.52" --kind record --date 2025-12
    """
    store = active_store(ctx)
    number = store.known_resolution(resolution)
    order = list(store.resolutions())

    def change(profile: dict) -> None:
        entries.add_vote(profile, number, vote, None, order)

    code, _ = write_profile(
        ctx, country, change, dry_run, cited, lambda _: [f"votes.{number}"], updated
    )
    emit_message(f"{did(dry_run, 'Recorded', 'Would record')} {code} {vote} on {number}")


def rm_vote(
    ctx: typer.Context,
    country: CountryArg,
    resolution: ResolutionArg,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Remove a state's vote on a resolution.

    Example:
      minecli rm-vote UZ 65/48
    """
    remove_entry(ctx, country, "votes", resolution, dry_run, updated)


@cites(keep=False)
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
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
    *,
    cited: Citing,
) -> None:
    """Record whether a state attended a treaty meeting, and in what role, citing the sources
    named.

    Examples:
      minecli add-meeting UZ 22MSP --attended --as observer
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
        entries.add_meeting(
            profile, meeting, attended=attended, role=role, source_id=None, order=order
        )

    code, _ = write_profile(
        ctx, country, change, dry_run, cited, lambda _: [f"meetings.{meeting}"], updated
    )
    what = "attended" if attended else "did not attend"
    emit_message(f"{did(dry_run, 'Recorded', 'Would record')} {code} {what} {meeting}")


def rm_meeting(
    ctx: typer.Context,
    country: CountryArg,
    meeting: MeetingArg,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Remove a state's entry for a meeting.

    Example:
      minecli rm-meeting UZ 10MSP
    """
    remove_entry(ctx, country, "meetings", meeting, dry_run, updated)


def remove_entry(
    ctx: typer.Context, country: str, part: str, label: str, dry_run: bool, updated: str | None
) -> None:
    code, _ = write_profile(
        ctx,
        country,
        lambda p: entries.remove_entry(p, part, label),
        dry_run,
        updated=updated,
    )
    emit_message(f"{did(dry_run, 'Removed', 'Would remove')} {code} {part}.{label}")
