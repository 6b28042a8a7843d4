"""add-source: a numbered source for a profile, cited by the facts it supports."""

from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._citing import UpdatedOption
from minecli.commands._common import CountryArg, DryRunOption, did, warn, write_profile
from minecli.edits.provenance import source_date
from minecli.edits.sources import add_source as add_to
from minecli.edits.sources import cite, same_source_id
from minecli.model import SOURCE_KINDS
from minecli.paths import fact_at
from minecli.render import emit_ids, emit_message


def add_source(
    ctx: typer.Context,
    country: CountryArg,
    title: Annotated[
        str, typer.Option(help="Title or description of the source.", show_default=False)
    ],
    date: Annotated[
        str | None,
        typer.Option(help="Date: YYYY-MM-DD, or partial YYYY-MM / YYYY.", show_default=False),
    ] = None,
    author: Annotated[
        str | None, typer.Option(help="Person or organisation.", show_default=False)
    ] = None,
    kind: Annotated[
        choice(SOURCE_KINDS) | None, typer.Option(help="What kind of source.", show_default=False)
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where to find it.", show_default=False)] = None,
    note: Annotated[
        str | None, typer.Option(help="A note on the source.", show_default=False)
    ] = None,
    cites: Annotated[
        list[str] | None,
        typer.Option(
            "--cites",
            help="A fact this source supports, as a path: votes.65/48, treaty, ccw.protocol_v, "
            "meetings.10MSP, use.1, stockpile (repeatable).",
            show_default=False,
        ),
    ] = None,
    reuse: Annotated[
        bool,
        typer.Option(
            "--reuse",
            help="If the profile has a source with the same title, author and date, cite that "
            "one (and print its id) instead of adding a copy.",
        ),
    ] = False,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a numbered source to a profile and print its new id on stdout. A source with the same
    title, author and date already there is named in a warning; --reuse cites it instead.

    Examples:
      id=$(minecli add-source UZ --title "Letter" --kind letter --cites production)
      minecli add-source UZ --title "Interview" --date 2004-05
    """
    when = source_date(date, "--date")
    fields = {
        "title": title,
        "author": author,
        "date": when,
        "kind": kind,
        "url": url,
        "note": note,
    }

    same: list[int] = []

    def change(profile: dict) -> int:
        facts = [fact_at(profile, path) for path in cites or []]
        found = same_source_id(profile, fields)
        if found is not None:
            same.append(found)
        new_id = found if found is not None and reuse else add_to(profile, fields)
        for fact in facts:
            cite(fact, new_id)
        return new_id

    code, new_id = write_profile(ctx, country, change, dry_run, updated=updated)
    cited = f", cited by {', '.join(cites)}" if cites else ""
    if same and reuse:
        emit_message(f"{did(dry_run, 'Reused', 'Would reuse')} source [{new_id}] of {code}{cited}")
    else:
        if same:
            warn(
                f"{code} already has source [{same[0]}] with the same title, author and date; "
                "--reuse cites it instead of adding a copy"
            )
        emit_message(f"{did(dry_run, 'Added', 'Would add')} source [{new_id}] to {code}{cited}")
    if not dry_run:
        emit_ids([new_id])


def rm_source(
    ctx: typer.Context,
    country: CountryArg,
    source_id: Annotated[
        int, typer.Argument(help="The source's id (see: minecli sources).", show_default=False)
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Remove it even if cited: its citations go too, and are listed."
        ),
    ] = False,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Remove a source that nothing cites (with --force, its citations too). Its id is never
    given to another source.

    Examples:
      minecli rm-source UZ 14
      minecli rm-source UZ 9 --force
    """
    from minecli.edits.sources import remove_source

    code, lost = write_profile(
        ctx,
        country,
        lambda p: remove_source(p, source_id, force=force),
        dry_run,
        updated=updated,
    )
    emit_message(f"{did(dry_run, 'Removed', 'Would remove')} source [{source_id}] of {code}")
    for path, whole in lost.items():
        if whole:
            gone = did(dry_run, "was removed", "would be removed")
            warn(f"{code} {path} {gone}: it was the reading of [{source_id}] alone")
        else:
            warn(
                f"{code} {path} {did(dry_run, 'no longer cites', 'would no longer cite')} [{source_id}]"
            )
