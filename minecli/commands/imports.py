"""import-votes and import-status: bring a year's roll call or the treaty status into the store."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from minecli import writer
from minecli.commands._common import DryRunOption, active_store, warn
from minecli.dates import full_date
from minecli.errors import InvalidData, UsageError
from minecli.model import resolution_number, tally_words
from minecli.render import emit_changes, emit_message

UNDL_RECORD = "https://digitallibrary.un.org/record/4060887"
FileArg = Annotated[
    Path,
    typer.Argument(help="The CSV file to read.", exists=True, dir_okay=False, show_default=False),
]


def _date_option(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    value = full_date(text)
    if value is None:
        raise UsageError(f"{option} needs a full date (YYYY-MM-DD), not {text!r}")
    return value


def _counts(counts: dict[str, int]) -> str:
    return f"{counts['added']} added, {counts['changed']} changed, {counts['unchanged']} unchanged"


def import_votes(
    ctx: typer.Context,
    file: FileArg,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            "-r",
            help="The resolution to import, e.g. 80/45 (may be left out when the file holds only one).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Adoption date, for a resolution new to the store read from a plain file.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            help="Title, for a resolution new to the store read from a plain file.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            help="Describe where a plain file's votes come from (cited in each profile).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Bring in a General Assembly roll call from a CSV file.

    Reads the UN Digital Library's "General Assembly Voting Data" layout (alpha-3 ms_code, ms_vote
    Y/N/A/X; a one-resolution file or the full download, from which the named resolution's rows
    are taken) or a plain code,vote file (alpha-2, alpha-3 or names; yes/no/abstain/absent). Every
    row is checked first; one bad row and nothing changes. A resolution the store does not know
    is created from the file's symbol, date and title. Importing the same roll call again changes
    nothing.

    Examples: minecli import-votes undl-2025.csv --resolution 80/45;
    minecli import-votes votes.csv -r 80/45 --date 2025-12-01 --title "Implementation of ..." -n
    """
    from minecli import importers
    from minecli.edits.imports import apply_roll_call

    store = active_store(ctx)
    store.require_writable()
    number = None
    if resolution is not None:
        number = resolution_number(resolution)
        if number is None:
            raise UsageError(f"--resolution {resolution!r} is not a resolution number like 80/45")
    when = _date_option(date, "--date")
    roll = importers.read_roll_call(file, number, store.resolve_country)
    missing = sorted(c for c in roll.votes if not store.has(c))
    if missing:
        shown = ", ".join(missing[:10]) + (
            f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        )
        raise InvalidData(f"{file}: no profile in the store for {shown}; nothing imported")
    if roll.layout == "undl-csv":
        cited = {
            "title": f"UN Digital Library, General Assembly voting data: A/RES/{roll.number}",
            "author": "United Nations Dag Hammarskjöld Library",
            "kind": "dataset",
            "url": roll.link or UNDL_RECORD,
        }
    else:
        cited = {
            "title": source or f"Roll call of resolution {roll.number} ({file.name})",
            "kind": "dataset",
        }
    others = store.profiles(brief=True)

    def change(tx: writer.Transaction):
        profiles = {code: tx.profile(code) for code in roll.votes}
        return apply_roll_call(
            tx.resolutions(), profiles, others, roll, cited, date=when, title=title
        )

    outcome, changes = writer.apply(store, change, dry_run=dry_run)
    summary = f"{roll.number}: {_counts(outcome.counts)}; tally {tally_words(outcome.tally)}"
    if not changes:
        summary += " — the store already holds this roll call; nothing changed"
    emit_message(summary)
    for text in outcome.warnings:
        warn(text)
    emit_changes(changes, dry_run)


def import_status(
    ctx: typer.Context,
    file: FileArg,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The date the status was read (default: today).", show_default=False
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Bring in treaty status and dates (the layout of data/raw/mbt_status.csv).

    Columns: iso2, name, status, signed, consent, consent_type, entry_into_force,
    withdrawal_notified, withdrawal_effective, source. Blank dates are removed from the profile;
    a state without a profile gets a new one. Every row is checked first; one bad row and nothing
    changes.

    Example: minecli import-status untc-2026-06.csv --as-of 2026-06-01 --dry-run
    """
    from minecli import importers
    from minecli.countries import is_assignable, iso_table
    from minecli.edits.entries import new_profile
    from minecli.edits.imports import Outcome, apply_status_row

    store = active_store(ctx)
    store.require_writable()
    when = _date_option(as_of, "--as-of") or dt.date.today()
    rows = importers.read_status(file, lambda c: store.has(c) or is_assignable(c))

    def change(tx: writer.Transaction) -> Outcome:
        outcome = Outcome()
        for row in rows:
            if store.has(row.code):
                profile = tx.profile(row.code)
            else:
                iso = iso_table().get(row.code)
                name = row.name or (iso.name if iso else row.code)
                profile = new_profile(
                    row.code, name, official_name=iso.official_name if iso else None, status=None
                )
                tx.new_profile(row.code, profile)
            kind = apply_status_row(profile, row, when, outcome)
            outcome.counts["added" if not store.has(row.code) else kind] += 1
        return outcome

    outcome, changes = writer.apply(store, change, dry_run=dry_run)
    emit_message(f"{len(rows)} rows: {_counts(outcome.counts)}")
    for text in outcome.warnings:
        warn(text)
    emit_changes(changes, dry_run)
