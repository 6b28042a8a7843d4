"""Rebuild the bundled store's reference-owned facts from the raw tables in data/raw/.

    python -m minecli.build [--raw data/raw] [--store data/store] [CODE ...]

The raw CSV files (copied from the UN Treaty Collection, the unvotes dataset and Landmine Monitor
material, see data/raw/README.md) own these facts of a profile: its name, treaty status and dates,
CCW status, the votes on the resolutions of the raw roll calls, observer attendance found in the
raw tables, and the reference sources behind them (marked with a ``ref`` key). Everything else a
person wrote — narratives, hand-added sources, notes, other votes and meetings — is kept as it is,
and source ids never change once given.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from minecli import codec, countries
from minecli.model import (
    SCHEMA_VERSION,
    date_key,
    validate_meetings,
    validate_profile,
    validate_resolutions,
)
from minecli.store import write_atomic

ROOT = Path(__file__).resolve().parent.parent
STATUS_AS_OF = dt.date(2026, 2, 3)
LATER_AS_OF = {
    "PL": dt.date(2026, 2, 20)
}  # Poland's withdrawal took effect after the UNTC snapshot
IMPLEMENTATION_TITLE = (
    "Implementation of the Convention on the Prohibition of the Use, Stockpiling, Production and "
    "Transfer of Anti-Personnel Mines and on Their Destruction"
)
UNTC_MBT = (
    "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&clang=_en"
)
UNTC_CCW = (
    "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2&chapter=26&clang=_en"
)
UNODA_EIF = "https://disarmament.unoda.org/anti-personnel-landmines-convention/joining-the-mine-ban-convention"
UNVOTES_URL = "https://github.com/dgrtwo/unvotes"
FRY_ADMITTED = dt.date(2000, 11, 1)
SCG_FROM = dt.date(2003, 2, 4)  # the Federal Republic of Yugoslavia became Serbia and Montenegro
SERBIA_FROM = dt.date(2006, 6, 3)

# Open questions about a state's treaty record, reported by `minecli check` as warnings.
TREATY_DOUBTS = {
    "ME": "Entry into force is assumed to be the date of independence; no source specific to the "
    "treaty confirms it.",
    "PL": "The withdrawal's effect on 20 February 2026 rests on news reports; no depositary record "
    "after 3 February 2026 was found.",
    "UA": "Ukraine ordered withdrawal in June 2025 and its parliament voted to suspend the treaty, "
    "but the depositary shows no withdrawal notification as of 3 February 2026.",
}
RESOLUTION_DOUBTS = {
    "65/48": "The dataset counts 17 abstentions; reports of the vote give more. The tally the UN "
    "announced has not been found.",
}
MEETING_DOUBTS = {
    "2RC": "The start date follows the ICRC fact sheet (opening events); the formal conference may "
    "have opened on 30 November 2009.",
    "IM2024": "The 2024 intersessional page gives 18-20 June; the Fifth Review Conference page "
    "gives 17-19 June.",
}
UNCHECKED_DATE = "Adoption date as the dataset gives it; not checked against a UN record."
# CCW parties missing from the depositary's table of consents to Protocols I-III: whether they
# accepted the original Protocol II is not known (data/raw/README.md), which a blank cannot say.
CCW_UNKNOWN = {("CM", "protocol_ii"), ("DO", "protocol_ii")}

# Per-state remarks on the treaty record that the reference README explains.
TREATY_REMARKS = {
    "ME": "Entry into force taken as the date of independence (3 June 2006), following UN "
    "succession practice; no source specific to this treaty was found.",
    "SS": "Succession took effect on independence, 9 July 2011, according to the treaty's "
    "Implementation Support Unit.",
    "RS": "The accession of 18 September 2003 was made by Serbia and Montenegro; the UN Treaty "
    "Collection lists it under Serbia.",
    "UA": "No withdrawal notification is recorded at the UN Treaty Collection as of 3 February 2026, "
    "although a presidential decree of 29 June 2025 ordered withdrawal and the Verkhovna Rada voted on "
    "15 July 2025 to suspend the treaty for Ukraine.",
    "PL": "On 3 February 2026 the depositary said the withdrawal would take effect on 20 February 2026, "
    "subject to Art. 20(3); news reports say it took effect that day.",
    "JP": "The UN Treaty Collection records an acceptance, counted here as a ratification.",
    "NL": "The UN Treaty Collection records an acceptance, counted here as a ratification.",
    "SK": "The UN Treaty Collection records an approval, counted here as a ratification.",
    "LT": "The UN Treaty Collection shows its signature and ratification in square brackets since "
    "the withdrawal; the dates are kept.",
    "EE": "The UN Treaty Collection shows its accession in square brackets since the withdrawal.",
    "LV": "The UN Treaty Collection shows its accession in square brackets since the withdrawal.",
    "FI": "The UN Treaty Collection shows its accession in square brackets since the withdrawal.",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s;,)]+", text)


# --- reference sources --------------------------------------------------------------------------


def ref_sources(
    code: str,
    status_row: dict[str, str],
    observer_rows: list[dict[str, str]],
    membership_row: dict[str, str] | None,
    voted: bool,
) -> list[dict[str, Any]]:
    """The reference sources a profile needs, each with a stable ``ref`` key."""
    mbt_note = (
        "Status as at 3 February 2026, read from a saved copy of the page "
        "(mgaldino/treaties-ideal-point, commit 746a24f). Entry into force is worked out from "
        "Art. 17 as described by UNODA, not read from the depositary."
    )
    remark = TREATY_REMARKS.get(code)
    if remark:
        mbt_note += " " + remark
    out = [
        {
            "ref": "untc-mbt",
            "title": "Status of the Convention on the Prohibition of the Use, Stockpiling, "
            "Production and Transfer of Anti-Personnel Mines and on their Destruction (XXVI-5)",
            "author": "United Nations Treaty Collection",
            "date": STATUS_AS_OF,
            "kind": "record",
            "url": UNTC_MBT,
            "note": mbt_note,
        },
        {
            "ref": "untc-ccw",
            "title": "Status of the Convention on Certain Conventional Weapons (XXVI-2) and of its "
            "Amended Protocol II (XXVI-2-b) and Protocol V (XXVI-2-d)",
            "author": "United Nations Treaty Collection",
            "date": STATUS_AS_OF,
            "kind": "record",
            "url": UNTC_CCW,
            "note": "Status as at 3 February 2026. Dates are those of consent to be bound, not of "
            "entry into force; acceptance of the 1980 Protocol II is dated with the CCW instrument.",
        },
    ]
    if voted:
        out.append(
            {
                "ref": "unvotes",
                "title": "unvotes: United Nations General Assembly Voting Data (R package)",
                "author": "David Robinson, Mine Cetinkaya-Rundel et al.; data from Erik Voeten",
                "kind": "dataset",
                "url": UNVOTES_URL,
                "note": "Roll calls of 1996-2019 from data/un_votes.rda and data/un_roll_calls.rda at "
                "commit 7eb7034. A UN member missing from a roll call is recorded here as absent.",
            }
        )
    if membership_row:
        links = urls(membership_row["source"])
        note = "Used to tell an absent member from a state that was not yet a member."
        if membership_row["note"]:
            note += " " + membership_row["note"]
        out.append(
            {
                "ref": "un-membership",
                "title": f"Admission to United Nations membership ({membership_row['admitted']})",
                "kind": "dataset",
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
                "note": row["source"],
            }
        )
    return out


def merge_sources(profile: dict[str, Any], wanted: list[dict[str, Any]]) -> dict[str, int]:
    """Put reference sources into the profile; returns ref -> id. Ids already given never change."""
    sources: list[dict[str, Any]] = profile.setdefault("sources", [])
    by_ref = {s["ref"]: s for s in sources if "ref" in s}
    next_id = max((s["id"] for s in sources), default=0) + 1
    ids = {}
    for entry in wanted:
        have = by_ref.get(entry["ref"])
        if have is None:
            have = {"id": next_id}
            next_id += 1
            sources.append(have)
        for key in ("title", "author", "date", "kind", "url", "note", "ref"):
            if key in entry:
                have[key] = entry[key]
            elif key in have and key != "ref":
                del have[key]
        ids[entry["ref"]] = have["id"]
    return ids


def union(*lists: Iterable[int]) -> list[int]:
    out: list[int] = []
    for ids in lists:
        out.extend(i for i in ids if i not in out)
    return out


# --- the parts of a profile ---------------------------------------------------------------------


def treaty_part(old: dict[str, Any], row: dict[str, str], ids: dict[str, int], code: str) -> dict:
    treaty = {
        k: v
        for k, v in old.items()
        if k
        not in (
            "status",
            "signed",
            "consent",
            "consent_type",
            "entry_into_force",
            "withdrawal_notified",
            "withdrawal_effective",
            "as_of",
        )
    }
    new: dict[str, Any] = {"status": row["status"]}
    for key in ("signed", "consent"):
        if row[key]:
            new[key] = day(row[key])
    if row["consent_type"]:
        new["consent_type"] = row["consent_type"]
    for key in ("entry_into_force", "withdrawal_notified", "withdrawal_effective"):
        if row[key]:
            new[key] = day(row[key])
    new["as_of"] = LATER_AS_OF.get(code, STATUS_AS_OF)
    if code in TREATY_DOUBTS:
        new["doubt"] = TREATY_DOUBTS[code]
    refs = [ids["untc-mbt"]] + [i for r, i in ids.items() if r.startswith("news-")]
    new.update(treaty)
    new["sources"] = union(refs, old.get("sources", []))
    return new


def ccw_part(old: dict[str, Any], row: dict[str, str], source_id: int, code: str) -> dict:
    columns = {
        "convention": "ccw",
        "protocol_ii": "protocol_ii_original",
        "amended_protocol_ii": "amended_protocol_ii",
        "protocol_v": "protocol_v",
    }
    out = {}
    for instrument, column in columns.items():
        prior = old.get(instrument, {})
        entry = {k: v for k, v in prior.items() if k not in ("party", "since")}
        value = "unknown" if (code, instrument) in CCW_UNKNOWN else row[column]
        if value == "unknown":
            result: dict[str, Any] = {"party": "unknown"}
        elif value:
            result = {"party": True, "since": day(value)}
        else:
            result = {"party": False}
        result.update(entry)
        result["sources"] = union([source_id], prior.get("sources", []))
        out[instrument] = result
    return out


def vote_entries(
    code: str,
    admitted: dt.date | None,
    roll_calls: dict[str, dict[str, Any]],
    votes: dict[tuple[str, str], str],
    ids: dict[str, int],
) -> list[dict[str, Any]]:
    """The profile's votes on the raw roll calls; absent where a member is not in the roll call."""
    entries = []
    for number, res in roll_calls.items():
        vote = votes.get((number, code))
        when = res["date"]
        if vote is None and (admitted is None or admitted > when):
            continue
        entry: dict[str, Any] = {"resolution": number, "vote": vote or "absent"}
        if code == "RS" and when < SERBIA_FROM:
            state = (
                "the Federal Republic of Yugoslavia" if when < SCG_FROM else "Serbia and Montenegro"
            )
            verb = "Cast by" if vote else "The seat was then held by"
            entry["note"] = f"{verb} {state}; Serbia continues the seat."
        if vote is None:
            entry["sources"] = [ids["unvotes"], ids["un-membership"]]
        else:
            entry["sources"] = [ids["unvotes"]]
        entries.append(entry)
    return entries


def merge_votes(
    old: list[dict[str, Any]], built: list[dict[str, Any]], owned: set[str], order: list[str]
) -> list[dict[str, Any]]:
    """Built votes replace those on owned resolutions; a person's sources and notes are kept."""
    previous = {v["resolution"]: v for v in old}
    merged = []
    for entry in built:
        prior = previous.get(entry["resolution"], {})
        extra = {
            k: v for k, v in prior.items() if k not in ("resolution", "vote", "sources", "note")
        }
        if "note" in prior and "note" not in entry:
            entry["note"] = prior["note"]
        entry["sources"] = union(entry["sources"], prior.get("sources", []))
        entry.update(extra)
        merged.append(entry)
    merged.extend(v for v in old if v["resolution"] not in owned)
    rank = {n: i for i, n in enumerate(order)}
    return sorted(merged, key=lambda v: rank.get(v["resolution"], len(rank)))


def build_profile(old: dict[str, Any], code: str, data: RawData) -> dict[str, Any]:
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
    as_of = LATER_AS_OF.get(code, STATUS_AS_OF)
    if date_key(old.get("updated")) < date_key(as_of):
        profile["updated"] = as_of
    member = data.admitted.get(code)
    voted = member is not None and any(member <= r["date"] for r in data.roll_calls.values())
    wanted = ref_sources(code, status, observer_rows, data.membership.get(code), voted)
    ids = merge_sources(profile, wanted)
    if code in data.admitted:
        membership = {k: v for k, v in old.get("un_membership", {}).items() if k != "admitted"}
        profile["un_membership"] = {
            "admitted": data.admitted[code],
            **membership,
            "sources": union([ids["un-membership"]], membership.get("sources", [])),
        }
    profile["treaty"] = treaty_part(old.get("treaty", {}), status, ids, code)
    profile["ccw"] = ccw_part(old.get("ccw", {}), data.ccw[code], ids["untc-ccw"], code)
    built = vote_entries(code, data.admitted.get(code), data.roll_calls, data.votes, ids)
    profile["votes"] = merge_votes(
        old.get("votes", []), built, set(data.roll_calls), list(data.roll_calls)
    )
    if not profile["votes"]:
        del profile["votes"]
    observer_ids = {
        s["id"] for s in profile["sources"] if str(s.get("ref", "")).startswith("observer-")
    }
    listed = {row["meeting_id"] for row in observer_rows}
    kept = []
    for m in old.get("meetings", []):
        cites = set(m.get("sources", []))
        built_only = (
            cites and cites <= observer_ids and set(m) <= {"meeting", "attended", "as", "sources"}
        )
        if built_only and m["meeting"] not in listed:
            continue  # the build made this entry and its raw row is gone
        kept.append(m)
    for row in observer_rows:
        prior = next((m for m in kept if m["meeting"] == row["meeting_id"]), {})
        kept = [m for m in kept if m is not prior]
        entry = {"meeting": row["meeting_id"], "attended": True, "as": "observer"}
        entry.update((k, v) for k, v in prior.items() if k not in entry and k != "sources")
        source_id = ids[f"observer-{row['meeting_id']}"]
        entry["sources"] = union(
            [source_id], [i for i in prior.get("sources", []) if i not in observer_ids]
        )
        kept.append(entry)
    rank = {m: i for i, m in enumerate(data.meeting_order)}
    if kept:
        profile["meetings"] = sorted(kept, key=lambda m: rank.get(m["meeting"], len(rank)))
    profile["sources"] = sorted(profile["sources"], key=lambda s: s["id"])
    return profile


# --- resolutions and meetings -------------------------------------------------------------------


def clean_title(title: str) -> str:
    title = title.replace("anti?personnel", "anti-personnel").split(". - ")[0]
    title = title.split(": resolution /")[0].strip()
    if title.casefold().startswith("implementation of the conv"):
        return IMPLEMENTATION_TITLE
    return title


def build_resolutions(data: RawData, old: dict[str, Any]) -> dict[str, Any]:
    """resolutions.toml: the raw roll calls, 63/42 (not recorded), and any others kept."""
    built = []
    for number, res in data.roll_calls.items():
        entry: dict[str, Any] = {
            "number": number,
            "session": res["session"],
            "date": res["date"],
            "title": res["title"],
            "recorded": True,
            "rcid": res["rcid"],
            "source": "unvotes dataset (Voeten; Robinson et al.), roll call "
            f"{res['rcid']}; tally counted from its rows",
            "url": UNVOTES_URL,
        }
        if res.get("date_note"):
            entry["note"] = res["date_note"]
        if res.get("doubt"):
            entry["doubt"] = res["doubt"]
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
        if not row["resolution"]:
            continue  # sessions whose resolution symbol was not found stay out of the store
        entry = {
            "number": row["resolution"],
            "session": int(row["session"]),
            "date": day(row["date"]),
            "title": IMPLEMENTATION_TITLE,
            "recorded": False,
            "note": "The roll call of this resolution is not in the reference data: no state's "
            "vote is recorded and none is assumed.",
            "doubt": "The date is that of the plenary meeting that adopted the First Committee's "
            "texts; that this resolution was among them is assumed.",
            "source": "; ".join(urls(row["source"])[:1]),
        }
        built.append({k: v for k, v in entry.items() if v is not None})
    previous = {r["number"]: r for r in old.get("resolutions", [])}
    for entry in built:  # what a person added to a resolution (an announced tally, a note) stays
        for key, value in previous.get(entry["number"], {}).items():
            entry.setdefault(key, value)
    numbers = {e["number"] for e in built}
    built.extend(r for r in old.get("resolutions", []) if r["number"] not in numbers)
    built.sort(key=lambda r: (r["session"], date_key(r.get("date")), r["number"]))
    return {"schema": SCHEMA_VERSION, "resolutions": built}


def build_meetings(data: RawData, old: dict[str, Any]) -> dict[str, Any]:
    """meetings.toml: the raw meetings, plus meetings a person added."""
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
                **({"doubt": MEETING_DOUBTS[row["id"]]} if row["id"] in MEETING_DOUBTS else {}),
            }
        )
    ids = {m["id"] for m in built}
    built.extend(m for m in old.get("meetings", []) if m["id"] not in ids)
    built.sort(key=lambda m: date_key(m.get("start")))
    return {"schema": SCHEMA_VERSION, "meetings": built}


# --- raw data -----------------------------------------------------------------------------------


class RawData:
    """The raw tables, read and joined once."""

    def __init__(self, raw: Path) -> None:
        self.status = {r["iso2"]: r for r in read_csv(raw / "mbt_status.csv")}
        self.ccw = {r["iso2"]: r for r in read_csv(raw / "ccw_status.csv")}
        self.membership = {r["iso2"]: r for r in read_csv(raw / "un_membership.csv")}
        self.admitted = {c: day(r["admitted"]) for c, r in self.membership.items()}
        self.observers = read_csv(raw / "mbt_meeting_observers.csv")
        self.meetings = read_csv(raw / "mbt_meetings.csv")
        self.meeting_order = [r["id"] for r in sorted(self.meetings, key=lambda r: r["start"])]
        self.extra_resolutions = read_csv(raw / "unga_resolutions_extra.csv")
        corrections = {r["resolution"]: r for r in read_csv(raw / "unga_date_check.csv")}
        announced = {"66/29": {"yes": 162, "no": 0, "abstain": 18}}
        self.votes: dict[tuple[str, str], str] = {}
        rows = read_csv(raw / "unga_votes_1996_2019.csv")
        for r in rows:
            code = "RS" if r["iso2"] == "YU" else r["iso2"]
            self.votes[(r["resolution"], code)] = r["vote"]
        self.roll_calls: dict[str, dict[str, Any]] = {}
        for r in read_csv(raw / "unga_resolutions_1996_2019.csv"):
            number = r["resolution"]
            date = day(r["date"])
            entry: dict[str, Any] = {
                "session": int(r["session"]),
                "rcid": int(r["rcid"]),
                "title": clean_title(r["title"]),
                "tally": {"yes": int(r["yes"]), "no": int(r["no"]), "abstain": int(r["abstain"])},
            }
            fix = corrections.get(number)
            if fix and fix["date_found"] != fix["date_in_dataset"]:
                entry["date_note"] = (
                    f"Adoption date corrected from the dataset's {fix['date_in_dataset']}; "
                    f"source: {'; '.join(urls(fix['source']))}"
                )
                date = day(fix["date_found"])
            elif fix:
                entry["date_note"] = f"Date confirmed: {fix['source']}"
            else:
                entry["doubt"] = UNCHECKED_DATE
            if number in RESOLUTION_DOUBTS:
                doubt = entry.get("doubt")
                entry["doubt"] = RESOLUTION_DOUBTS[number] + (f" {doubt}" if doubt else "")
            entry["date"] = date
            if number in announced:
                entry["announced"] = announced[number]
            self.roll_calls[number] = entry
        self.roll_calls = dict(sorted(self.roll_calls.items(), key=lambda kv: kv[1]["date"]))


# --- driver -------------------------------------------------------------------------------------


def build(raw: Path, store: Path, codes: list[str] | None = None) -> list[str]:
    """Rebuild the store's reference-owned facts; returns the codes whose file changed."""
    data = RawData(raw)
    (store / "countries").mkdir(parents=True, exist_ok=True)
    changed = []
    for name, builder, validate in (
        ("resolutions.toml", build_resolutions, validate_resolutions),
        ("meetings.toml", build_meetings, validate_meetings),
    ):
        path = store / name
        old = codec.read(path) if path.exists() else {}
        doc = builder(data, old)
        problems = validate(doc)
        if problems:
            raise SystemExit(f"{name}: {problems[0]}")
        text = codec.dumps(doc)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            changed.append(name)
    for code in codes or sorted(data.status):
        path = store / "countries" / f"{code}.toml"
        old = codec.read(path) if path.exists() else {}
        profile = build_profile(old, code, data)
        problems = validate_profile(profile, code)
        if problems:
            raise SystemExit(f"{code}: {problems[0]}")
        text = codec.dump_profile(profile)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            changed.append(code)
    return changed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--store", type=Path, default=ROOT / "data" / "store")
    parser.add_argument("codes", nargs="*", help="only these profiles (default: every state)")
    args = parser.parse_args(argv)
    changed = build(args.raw, args.store, [c.upper() for c in args.codes] or None)
    print(f"{len(changed)} file(s) changed: {' '.join(changed) or '-'}", file=sys.stderr)


if __name__ == "__main__":
    main()
