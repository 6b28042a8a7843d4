"""import-votes: a General Assembly roll call from a file, into every profile it names."""

from typing import Annotated

import typer

from minecli import writer
from minecli.commands._citing import UpdatedOption
from minecli.commands._common import DryRunOption, active_store, warn
from minecli.commands._imports import FileArg, counts_text, date_option
from minecli.edits.provenance import updated_date
from minecli.errors import InvalidData, UsageError
from minecli.model import resolution_number, tally_words
from minecli.render import emit_changes, emit_message


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
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Bring in a General Assembly roll call from a file (- reads standard input).

    Reads the UN Digital Library's "General Assembly Voting Data" CSV (alpha-3 ms_code, ms_vote
    Y/N/A/X; a one-resolution file or the full download, from which the named resolution's rows
    are taken), a plain code,vote CSV (alpha-2, alpha-3 or names; yes/no/abstain/absent), or the
    UN's machine-readable resolutions in JSON (one object, an array, or JSON lines; a member named
    in none of its lists is recorded absent). Every entry is checked first; one bad entry and
    nothing changes. A resolution the store does not know
    is created from the file's symbol, date and title. Importing the same roll call again changes
    nothing.

    Examples:
      minecli import-votes undl-2025.csv --resolution 80/45
      minecli import-votes 80.jsonl --resolution 80/35
      minecli import-votes votes.csv -r 80/45 --date 2025-12-01 --title "Implementation of ..." -n
    """
    from minecli import importers
    from minecli.edits.imports import apply_roll_call, roll_call_source, with_unlisted_absent

    store = active_store(ctx)
    store.require_writable()
    number = None
    if resolution is not None:
        number = resolution_number(resolution)
        if number is None:
            raise UsageError(f"--resolution {resolution!r} is not a resolution number like 80/45")
    when = date_option(date, "--date")
    roll = importers.read_roll_call(file, number, store.write_country, store.exact_country)
    if roll.unlisted:
        members = {p["code"]: p.get("un_membership", {}).get("admitted") for p in store.profiles()}
        roll = with_unlisted_absent(roll, members)
    missing = sorted(c for c in roll.votes if not store.has(c))
    if missing:
        shown = ", ".join(missing[:10]) + (
            f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        )
        raise InvalidData(f"{file}: no profile in the store for {shown}; nothing imported")
    cited = roll_call_source(roll, "standard input" if str(file) == "-" else file.name, source)
    others = store.profiles(brief=True)

    def change(tx: writer.Transaction):
        profiles = {code: tx.profile(code) for code in roll.votes}
        return apply_roll_call(
            tx.resolutions(), profiles, others, roll, cited, date=when, title=title
        )

    outcome, changes = writer.apply(store, change, dry_run=dry_run, updated=updated_date(updated))
    summary = f"{roll.number}: {counts_text(outcome.counts)}; tally {tally_words(outcome.tally)}"
    if not changes:
        summary += " — the store already holds this roll call; nothing changed"
    emit_message(summary)
    for text in outcome.warnings:
        warn(text)
    emit_changes(changes, dry_run)
