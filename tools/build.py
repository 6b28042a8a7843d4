"""Rebuild the bundled store's reference-owned facts from the raw tables in data/raw/.

    python -m tools.build [--raw data/raw] [--store data/store] [CODE ...]

The raw CSV files (copied from the UN Treaty Collection, the unvotes dataset and Landmine Monitor
material) and the editorial facts of editorial.toml, see data/raw/README.md, own these facts of a
profile: its name, treaty status and dates, CCW status, the votes on the resolutions of the raw
roll calls, observer attendance found in the raw tables, and the reference sources behind them
(marked with a ``ref`` key). Everything else a person wrote — narratives, hand-added sources,
notes, other votes and meetings — is kept as it is (minecli.edits.merge), and source ids never
change once given. Files are written only through minecli's writer, which validates each one
and rewrites only those whose text changes.

This is a maintainer's tool: it lives outside the package and is not in the wheel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

# Run as a script (python tools/build.py), Python puts tools/ on the path, not the checkout;
# the checkout goes first either way, so the tool always builds with the minecli beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minecli import countries, files, writer
from minecli.dates import date_key
from minecli.edits.merge import (
    keep_extra,
    merge_meetings,
    merge_records,
    merge_sources,
    merge_votes,
)
from minecli.errors import MinecliError
from minecli.model import SCHEMA_VERSION, STATUS_FIELDS
from minecli.store import Store
from tools.rawdata import IMPLEMENTATION_TITLE, RawData, day, undl_source, urls

ROOT = Path(__file__).resolve().parent.parent

# The seat coded YU in the dataset (un_membership.md): the Federal Republic of Yugoslavia, then
# Serbia and Montenegro from 4 February 2003, then Serbia from 3 June 2006.
SCG_FROM = dt.date(2003, 2, 4)
SERBIA_FROM = dt.date(2006, 6, 3)
# The treaty keys the depositary's table owns, and the as-of date the rebuild sets.
TREATY_OWNED = (*STATUS_FIELDS, "as_of")
# The keys of a resolution the build writes whenever it has them: an old value is never kept in
# their place (a doubt resolved, a reading withdrawn, a roll call now recorded).
RESOLUTION_OWNED = ("recorded", "rcid", "note", "doubt", "readings")
CCW_COLUMNS = {
    "convention": "ccw",
    "protocol_ii": "protocol_ii_original",
    "amended_protocol_ii": "amended_protocol_ii",
    "protocol_v": "protocol_v",
}


# --- reference sources --------------------------------------------------------------------------


def ref_sources(
    code: str,
    status_row: dict[str, str],
    observer_rows: list[dict[str, str]],
    membership_row: dict[str, str] | None,
    voted: bool,
    data: RawData,
) -> list[dict[str, Any]]:
    """The reference sources a profile needs, each with a stable ``ref`` key."""
    edit = data.editorial
    mbt = {"ref": "untc-mbt", **edit.sources["untc-mbt"], "date": edit.status_as_of}
    remark = edit.treaty_remarks.get(code)
    if remark:
        mbt["note"] += " " + remark
    out = [mbt, {"ref": "untc-ccw", **edit.sources["untc-ccw"], "date": edit.status_as_of}]
    if voted:
        out.append({"ref": "unvotes", **edit.sources["unvotes"]})
    if membership_row:
        links = urls(membership_row["source"])
        membership = edit.sources["un-membership"]
        note = membership["note"]
        if membership_row["note"]:
            note += " " + membership_row["note"]
        out.append(
            {
                "ref": "un-membership",
                "title": f"Admission to United Nations membership ({membership_row['admitted']})",
                "kind": membership["kind"],
                "url": links[0] if links else "",
                "note": note,
            }
        )
    if code in ("PL", "UA"):
        extra = [
            u
            for u in urls(status_row["source"])
            if "treaties.un.org" not in u and "github.com" not in u and "unoda.org" not in u
        ]
        for i, url in enumerate(extra, start=1):
            out.append(
                {
                    "ref": f"news-{i}",
                    "title": f"Report on the withdrawal of {status_row['name']}",
                    "kind": "media",
                    "url": url,
                }
            )
    for row in observer_rows:
        links = urls(row["source"])
        out.append(
            {
                "ref": f"observer-{row['meeting_id']}",
                "title": f"Record of {row['country']} at {row['meeting_id']} as an observer",
                "kind": "record",
                "url": links[0] if links else "",
                "note": row.get("evidence") or row["source"],
            }
        )
    # Sources added to the raw tables later come last, so that a fresh build numbers them as the
    # bundled store does.
    member = data.admitted.get(code)
    for number, source in data.roll_call_sources.items():
        if member is not None and member <= data.roll_calls[number]["date"]:
            out.append({"ref": f"roll-call-{number}", **source})
    for row in data.disagreements:
        if row["iso2"] == code:
            record = data.undl[row["resolution"]]["undl_record"].split("?")[0]
            out.append(
                {"ref": f"undl-{row['resolution']}", **undl_source(row["resolution"], record)}
            )
    return out


# --- the parts of a profile ---------------------------------------------------------------------


def treaty_part(
    old: dict[str, Any], row: dict[str, str], ids: dict[str, int], code: str, data: RawData
) -> dict:
    """The treaty table: the raw status and dates, with what a person added to it."""
    new: dict[str, Any] = {"status": row["status"]}
    for key in ("signed", "consent"):
        if row[key]:
            new[key] = day(row[key])
    if row["consent_type"]:
        new["consent_type"] = row["consent_type"]
    for key in ("entry_into_force", "withdrawal_notified", "withdrawal_effective"):
        if row[key]:
            new[key] = day(row[key])
    new["as_of"] = data.editorial.as_of(code)
    if code in data.editorial.treaty_doubts:
        new["doubt"] = data.editorial.treaty_doubts[code]
    new["sources"] = [ids["untc-mbt"]] + [i for r, i in ids.items() if r.startswith("news-")]
    return keep_extra(old, new, TREATY_OWNED)


def ccw_part(
    old: dict[str, Any], row: dict[str, str], source_id: int, code: str, data: RawData
) -> dict:
    """The four CCW instruments: party or not and since when, with what a person added."""
    out = {}
    for instrument, column in CCW_COLUMNS.items():
        unknown = (code, instrument) in data.editorial.ccw_unknown
        value = "unknown" if unknown else row[column]
        if value == "unknown":
            result: dict[str, Any] = {"party": "unknown"}
        elif value:
            result = {"party": True, "since": day(value)}
        else:
            result = {"party": False}
        result["sources"] = [source_id]
        out[instrument] = keep_extra(old.get(instrument, {}), result, ("party", "since"))
    return out


# Why a member is absent: the source marks it as not voting, or names it in none of its lists.
MARKED_ABSENT = "Marked not voting (X) in the UN record."
DERIVED_ABSENT = "Derived: in none of the source's lists; a UN member on the day."


def other_vote_readings(code: str, number: str, data: RawData, ids: dict[str, int]) -> list[dict]:
    """The UN Digital Library's reading of a vote where it differs from the unvotes dataset's."""
    out = []
    for row in data.disagreements:
        if (row["resolution"], row["iso2"]) == (number, code):
            said = row["vote_in_undl_derived"]
            shown = "not voting (X)" if said == "non_voting" else said
            theirs = row["vote_in_unvotes_reference"]
            theirs = "has no row for it" if theirs == "(not listed)" else f"reads {theirs}"
            out.append(
                {
                    "vote": "absent" if said == "non_voting" else said,
                    "sources": [ids[f"undl-{number}"]],
                    "note": f"The record's column {row['undl_column']} reads {shown}; the unvotes "
                    f"dataset {theirs}. Neither is known to be right.",
                }
            )
    return out


def vote_entries(code: str, data: RawData, ids: dict[str, int]) -> list[dict[str, Any]]:
    """The profile's votes on the raw roll calls; absent where a member is not in the roll call."""
    admitted = data.admitted.get(code)
    entries = []
    for number, res in data.roll_calls.items():
        vote = data.votes.get((number, code))
        when = res["date"]
        if vote is None and (admitted is None or admitted > when):
            continue
        entry: dict[str, Any] = {"resolution": number, "vote": vote or "absent"}
        notes = []
        if code == "RS" and when < SERBIA_FROM:
            state = (
                "the Federal Republic of Yugoslavia" if when < SCG_FROM else "Serbia and Montenegro"
            )
            verb = "Cast by" if vote else "The seat was then held by"
            notes.append(f"{verb} {state}; Serbia continues the seat.")
        source = ids.get(f"roll-call-{number}", ids.get("unvotes"))
        if vote is None:
            marked = (number, code) in data.marked_not_voting
            notes.append(MARKED_ABSENT if marked else DERIVED_ABSENT)
            entry["sources"] = [source] if marked else [source, ids["un-membership"]]
        else:
            entry["sources"] = [source]
        if notes:
            entry["note"] = " ".join(notes)
        readings = other_vote_readings(code, number, data, ids)
        if readings:
            entry["readings"] = readings
        entries.append(entry)
    return entries


def build_profile(old: dict[str, Any], code: str, data: RawData) -> dict[str, Any]:
    """A state's profile: ``old`` (empty for a new one) with its reference-owned facts rebuilt."""
    status = data.status[code]
    observer_rows = [r for r in data.observers if r["iso2"] == code]
    profile = dict(old)
    profile["schema"] = SCHEMA_VERSION
    profile["code"] = code
    profile["name"] = status["name"]
    iso = countries.iso_table().get(code)
    if "official_name" not in old:
        # ISO 3166 gives a separate full name only where it differs from the short one; where it
        # gives none, the UN's own name for the state is its formal name.
        profile["official_name"] = (
            iso.official_name if iso and iso.official_name else status["name"]
        )
    as_of = data.editorial.as_of(code)
    if date_key(old.get("updated")) < date_key(as_of):
        profile["updated"] = as_of
    member = data.admitted.get(code)
    voted = member is not None and any(
        member <= r["date"] for n, r in data.roll_calls.items() if n not in data.roll_call_sources
    )
    wanted = ref_sources(code, status, observer_rows, data.membership.get(code), voted, data)
    ids = merge_sources(profile, wanted)
    if code in data.admitted:
        built = {"admitted": data.admitted[code], "sources": [ids["un-membership"]]}
        profile["un_membership"] = keep_extra(old.get("un_membership", {}), built, ("admitted",))
    profile["treaty"] = treaty_part(old.get("treaty", {}), status, ids, code, data)
    profile["ccw"] = ccw_part(old.get("ccw", {}), data.ccw[code], ids["untc-ccw"], code, data)
    votes = vote_entries(code, data, ids)
    generated = {s["id"] for s in profile["sources"] if "ref" in s}
    profile["votes"] = merge_votes(
        old.get("votes", []), votes, set(data.roll_calls), list(data.roll_calls), generated
    )
    if not profile["votes"]:
        del profile["votes"]
    observer_ids = {
        s["id"] for s in profile["sources"] if str(s.get("ref", "")).startswith("observer-")
    }
    attended = [
        {
            "meeting": row["meeting_id"],
            "attended": True,
            "as": "observer",
            "sources": [ids[f"observer-{row['meeting_id']}"]],
        }
        for row in observer_rows
    ]
    meetings = merge_meetings(old.get("meetings", []), attended, observer_ids, data.meeting_order)
    if meetings:
        profile["meetings"] = meetings
    profile["sources"] = sorted(profile["sources"], key=lambda s: s["id"])
    return profile


# --- resolutions and meetings -------------------------------------------------------------------


def build_resolutions(data: RawData, old: dict[str, Any]) -> dict[str, Any]:
    """resolutions.toml: the raw roll calls, 63/42 (not recorded), and any others kept."""
    unvotes_url = data.editorial.sources["unvotes"]["url"]
    built = []
    for number, res in data.roll_calls.items():
        entry: dict[str, Any] = {
            "number": number,
            "session": res["session"],
            "date": res["date"],
            "title": res["title"],
            "recorded": True,
        }
        later = data.roll_call_sources.get(number)
        if later:
            entry["source"] = f"{later['title']}; tally counted from its lists"
            entry["url"] = later["url"]
        else:
            entry["rcid"] = res["rcid"]
            entry["source"] = (
                "unvotes dataset (Voeten; Robinson et al.), roll call "
                f"{res['rcid']}; tally counted from its rows"
            )
            entry["url"] = unvotes_url
        for key in ("meeting", "report", "sponsors", "note", "doubt", "readings"):
            if res.get(key):
                entry[key] = res[key]
        if entry.get("note"):
            entry["note"] = entry["note"][0].upper() + entry["note"][1:]
        members = [
            c for c, when in data.admitted.items() if when is not None and when <= res["date"]
        ]
        cast = [v for (n, _), v in data.votes.items() if n == number]
        entry["tally"] = {
            "yes": cast.count("yes"),
            "no": cast.count("no"),
            "abstain": cast.count("abstain"),
            "absent": sum(1 for c in members if (number, c) not in data.votes),
        }
        if res.get("announced"):
            entry["announced"] = res["announced"]
        built.append(entry)
    for row in data.extra_resolutions:
        if not row["resolution"] or row["resolution"] in data.roll_calls:
            continue  # a session whose symbol was not found stays out; a roll call is built above
        entry = {
            "number": row["resolution"],
            "session": int(row["session"]),
            "date": day(row["date"]),
            "title": IMPLEMENTATION_TITLE,
            "recorded": False,
            "note": data.editorial.not_recorded["note"],
            "doubt": data.editorial.not_recorded["doubt"],
            "source": "; ".join(urls(row["source"])[:1]),
        }
        built.append({k: v for k, v in entry.items() if v is not None})
    # what a person added to a resolution (an announced tally, a note) stays
    merged = merge_records(old.get("resolutions", []), built, "number", owned=RESOLUTION_OWNED)
    merged.sort(key=lambda r: (r["session"], date_key(r.get("date")), r["number"]))
    return {"schema": SCHEMA_VERSION, "resolutions": merged}


def build_meetings(data: RawData, old: dict[str, Any]) -> dict[str, Any]:
    """meetings.toml: the raw meetings, plus meetings a person added."""
    doubts = data.editorial.meeting_doubts
    built = []
    for row in data.meetings:
        built.append(
            {
                "id": row["id"],
                "name": row["name"],
                "kind": row["kind"],
                "place": row["location"],
                "start": day(row["start"]),
                "end": day(row["end"]),
                "source": row["source"],
                **({"doubt": doubts[row["id"]]} if row["id"] in doubts else {}),
            }
        )
    merged = merge_records(old.get("meetings", []), built, "id", fill=False)
    merged.sort(key=lambda m: date_key(m.get("start")))
    return {"schema": SCHEMA_VERSION, "meetings": merged}


# --- driver -------------------------------------------------------------------------------------


def _replace(doc: dict[str, Any], new: dict[str, Any]) -> None:
    doc.clear()
    doc.update(new)


def build(raw: Path, root: Path, codes: list[str] | None = None) -> list[str]:
    """Rebuild the store's reference-owned facts; returns the names of the files that changed
    (``resolutions.toml``, ``meetings.toml``, then the codes of the profiles)."""
    data = RawData(raw)
    unknown = [c for c in codes or [] if c not in data.status]
    if unknown:
        raise MinecliError(f"not in {raw / 'mbt_status.csv'}: {' '.join(unknown)}")
    (root / files.COUNTRIES).mkdir(parents=True, exist_ok=True)
    store = Store(root, "tools/build.py", writable=True)

    def change(tx: writer.Transaction) -> None:
        for doc, builder in (
            (tx.resolutions(), build_resolutions),
            (tx.meetings(), build_meetings),
        ):
            _replace(doc, builder(data, doc))
        for code in codes or sorted(data.status):
            if store.has(code):
                profile = tx.profile(code)
                _replace(profile, build_profile(profile, code, data))
            else:
                tx.new_profile(code, build_profile({}, code, data))

    lock = root / writer.LOCK_NAME
    had_lock = lock.exists()
    try:
        # The data dates each profile (its editorial as-of), not the day of the build.
        _, changes = writer.apply(store, change, stamp=False)
    finally:
        if not had_lock:  # leave no lock file behind in data/store, which git tracks
            lock.unlink(missing_ok=True)
    first = {files.RESOLUTIONS: 0, files.MEETINGS: 1}
    changes.sort(key=lambda c: (first.get(c.label, 2), c.label))
    return [files.code_of(c.label) or c.label for c in changes]


def main(argv: list[str] | None = None) -> None:
    """The command line; the count and names of the changed files go to stderr."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--store", type=Path, default=ROOT / "data" / "store")
    parser.add_argument("codes", nargs="*", help="only these profiles (default: every state)")
    args = parser.parse_args(argv)
    try:
        changed = build(args.raw, args.store, [c.upper() for c in args.codes] or None)
    except (MinecliError, OSError) as exc:
        raise SystemExit(f"tools/build.py: {exc}") from None
    print(f"{len(changed)} file(s) changed: {' '.join(changed) or '-'}", file=sys.stderr)


if __name__ == "__main__":
    main()
