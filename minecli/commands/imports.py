"""import-votes and import-status: bring a year's roll call or the treaty status into the store."""

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from minecli import edits, importers, writer
from minecli.app import App
from minecli.commands._common import DryRunOption, active_store, report_changes, resolve_country
from minecli.countries import is_assignable, iso_table
from minecli.errors import InvalidData, UsageError
from minecli.model import SCHEMA_VERSION, VOTES, parse_date_value, resolution_number
from minecli.render import emit_message
from minecli.store import Store

UNDL_RECORD = "https://digitallibrary.un.org/record/4060887"
FileArg = Annotated[
    Path,
    typer.Argument(help="The CSV file to read.", exists=True, dir_okay=False, show_default=False),
]


def import_votes(
    ctx: typer.Context,
    file: FileArg,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            "-r",
            help="The resolution to import, e.g. 80/45 (may be "
            "left out when the file holds only one).",
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
    store = active_store(ctx)
    store.require_writable()
    number = None
    if resolution is not None:
        number = resolution_number(resolution)
        if number is None:
            raise UsageError(f"--resolution {resolution!r} is not a resolution number like 80/45")
    roll = importers.read_roll_call(file, number, lambda text: resolve_country(store, text))
    missing = sorted(c for c in roll.votes if not store.has(c))
    if missing:
        shown = ", ".join(missing[:10]) + (
            f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        )
        raise InvalidData(f"{file}: no profile in the store for {shown}; nothing imported")
    if roll.layout == "undl":
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

    def change(tx: writer.Transaction) -> dict[str, int]:
        doc = tx.resolutions()
        entry = _resolution_entry(doc, roll, date, title)
        stats = {"added": 0, "changed": 0, "unchanged": 0}
        for code, vote in roll.votes.items():
            profile = tx.profile(code)
            source_id = edits.ensure_source(profile, cited)
            stats[edits.set_vote(profile, roll.number, vote, source_id)] += 1
            edits.order_votes(profile, [r["number"] for r in doc["resolutions"]])
        entry["tally"] = _store_tally(store, tx, roll.number, set(roll.votes))
        return stats

    stats, changes = writer.apply(store, change, dry_run=dry_run)
    t = edits.tally(roll.votes)
    summary = (
        f"{roll.number}: {stats['added']} added, {stats['changed']} changed, "
        f"{stats['unchanged']} unchanged; tally {t['yes']} yes, {t['no']} no, "
        f"{t['abstain']} abstain, {t['absent']} absent"
    )
    if not changes:
        summary += " — the store already holds this roll call; nothing changed"
    emit_message(summary)
    if roll.totals and any(roll.totals[k] != t[k] for k in roll.totals):
        totals = "-".join(str(roll.totals[k]) for k in ("yes", "no", "abstain"))
        emit_message(f"Warning: the file's total columns say {totals}; its rows count otherwise")
    report_changes(changes, dry_run)


def _store_tally(
    store: Store, tx: writer.Transaction, number: str, touched: set[str]
) -> dict[str, int]:
    """The resolution's tally counted over the whole store, with this import's changes."""
    from minecli.query import vote_on

    counts = dict.fromkeys(VOTES, 0)
    for item in store.iter_profiles(digest=True):
        if isinstance(item, InvalidData):
            continue
        profile = tx.profile(item["code"]) if item["code"] in touched else item
        entry = vote_on(profile, number)
        if entry is not None:
            counts[entry["vote"]] += 1
    return counts


def _resolution_entry(
    doc: dict[str, Any], roll: importers.RollCall, date: str | None, title: str | None
) -> dict[str, Any]:
    for entry in doc["resolutions"]:
        if entry["number"] == roll.number:
            if entry.get("recorded") is False:
                entry["recorded"] = True
                entry.pop("note", None)  # it said the roll call was missing; no longer true
            return entry
    when = roll.date or (_full_date(date, "--date") if date else None)
    name = roll.title or title
    if when is None or not name or isinstance(when, str):
        raise UsageError(
            f"resolution {roll.number} is not in the store yet; give its full "
            "--date YYYY-MM-DD and --title"
        )
    entry = {
        "number": roll.number,
        "session": roll.session or int(roll.number.split("/")[0]),
        "date": when,
        "title": name,
        "recorded": True,
    }
    if roll.link:
        entry["url"] = roll.link
    entry["source"] = (
        "UN Digital Library voting data" if roll.layout == "undl" else "imported roll call"
    )
    doc["resolutions"].append(entry)
    doc["resolutions"].sort(
        key=lambda r: (r.get("session", 0), str(r.get("date", "")), r["number"])
    )
    return entry


def _full_date(text: str, option: str) -> dt.date:
    try:
        value = parse_date_value(text)
    except ValueError:
        value = None
    if not isinstance(value, dt.date):
        raise UsageError(f"{option} needs a full date (YYYY-MM-DD), not {text!r}")
    return value


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
    store = active_store(ctx)
    store.require_writable()
    when = dt.date.today() if as_of is None else _full_date(as_of, "--as-of")
    rows = importers.read_status(file, lambda c: store.has(c) or is_assignable(c))

    def change(tx: writer.Transaction) -> dict[str, int]:
        stats = {"added": 0, "changed": 0, "unchanged": 0}
        for row in rows:
            if store.has(row.code):
                profile = tx.profile(row.code)
                kind = "changed"
            else:
                iso = iso_table().get(row.code)
                name = row.name or (iso.name if iso else row.code)
                profile = {"schema": SCHEMA_VERSION, "code": row.code, "name": name}
                tx.new_profile(row.code, profile)
                kind = "added"
            treaty = profile.setdefault("treaty", {})
            before = {k: treaty.get(k) for k in importers.STATUS_FIELDS}
            for key in importers.STATUS_FIELDS:
                if key in row.treaty:
                    treaty[key] = row.treaty[key]
                else:
                    treaty.pop(key, None)
            if kind == "changed" and before == {k: treaty.get(k) for k in importers.STATUS_FIELDS}:
                kind = "unchanged"
            else:
                treaty["as_of"] = when
                if treaty.get("doubt"):
                    emit_message(
                        f"Warning: {row.code} treaty.doubt may no longer hold: {treaty['doubt']}"
                    )
                cited = {
                    "title": f"Status of the Mine Ban Treaty, UN Treaty Collection (XXVI-5), "
                    f"as at {when.isoformat()}",
                    "author": "United Nations Treaty Collection",
                    "date": when,
                    "kind": "record",
                    "url": row.urls[0] if row.urls else None,
                }
                edits.cite(treaty, edits.ensure_source(profile, cited))
            stats[kind] += 1
        return stats

    stats, changes = writer.apply(store, change, dry_run=dry_run)
    emit_message(
        f"{len(rows)} rows: {stats['added']} added, {stats['changed']} changed, "
        f"{stats['unchanged']} unchanged"
    )
    report_changes(changes, dry_run)


app = App()
app.command("import-votes")(import_votes)
app.command("import-status")(import_status)
