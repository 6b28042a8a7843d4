"""import-status: treaty status and dates from a file in the layout of mbt_status.csv."""

import datetime as dt
from typing import Annotated

import typer

from minecli import writer
from minecli.commands._citing import UpdatedOption
from minecli.commands._common import DryRunOption, active_store, warn
from minecli.commands._imports import FileArg, counts_text, date_option
from minecli.edits.provenance import updated_date
from minecli.render import emit_changes, emit_message


def import_status(
    ctx: typer.Context,
    file: FileArg,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The date the status was read (default: today).", show_default=False
        ),
    ] = None,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Bring in treaty status and dates (the layout of data/raw/mbt_status.csv).

    Columns: iso2, name, status, signed, consent, consent_type, entry_into_force,
    withdrawal_notified, withdrawal_effective, source. Blank dates are removed from the profile;
    a state without a profile gets a new one. Every state the file covers, changed or not, has
    its status marked as of --as-of and cites the depositary as read that day; a changed status
    drops the citations of the old one. Every row is checked first; one bad row and nothing
    changes.

    Example:
      minecli import-status untc-2026-06.csv --as-of 2026-06-01 --dry-run
    """
    from minecli import importers
    from minecli.countries import is_assignable, iso_table
    from minecli.edits.entries import new_profile
    from minecli.edits.imports import Outcome, apply_status_row

    store = active_store(ctx)
    store.require_writable()
    when = date_option(as_of, "--as-of") or dt.date.today()
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

    outcome, changes = writer.apply(store, change, dry_run=dry_run, updated=updated_date(updated))
    emit_message(f"{len(rows)} rows: {counts_text(outcome.counts)}")
    for text in outcome.warnings:
        warn(text)
    emit_changes(changes, dry_run)
