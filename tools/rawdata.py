"""The raw tables of data/raw/ and their editorial facts, read and joined once for the rebuild.

The CSV files are described in data/raw/README.md; editorial.toml holds what they cannot say by
themselves (as-of dates, doubts, remarks, announced tallies, the reference sources' wording),
each entry with the source it comes from.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

EDITORIAL = "editorial.toml"
IMPLEMENTATION_TITLE = (
    "Implementation of the Convention on the Prohibition of the Use, Stockpiling, Production and "
    "Transfer of Anti-Personnel Mines and on Their Destruction"
)


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file with a header line."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(text: str) -> dt.date | None:
    """A table's ISO date, or None for a blank."""
    return dt.date.fromisoformat(text) if text else None


def urls(text: str) -> list[str]:
    """The web addresses in a table's source text, in order."""
    return re.findall(r"https?://[^\s;,)]+", text)


def clean_title(title: str) -> str:
    """A roll call's title as the store gives it: the dataset's encoding slips and suffixes gone,
    and every title of the implementation resolution spelled one way."""
    title = title.replace("anti?personnel", "anti-personnel").split(". - ")[0]
    title = title.split(": resolution /")[0].strip()
    if title.casefold().startswith("implementation of the conv"):
        return IMPLEMENTATION_TITLE
    return title


class Editorial:
    """editorial.toml: each table of texts as key -> text; the ``source`` keys are for readers."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            doc = tomllib.load(handle)

        def texts(name: str) -> dict[str, str]:
            return {k: v["text"] for k, v in doc.get(name, {}).items()}

        self.status_as_of: dt.date = doc["status_as_of"]["date"]
        self.later_as_of: dict[str, dt.date] = {
            k: v["date"] for k, v in doc.get("later_as_of", {}).items()
        }
        self.treaty_doubts = texts("treaty_doubts")
        self.resolution_doubts = texts("resolution_doubts")
        self.resolution_notes = texts("resolution_notes")
        self.meeting_doubts = texts("meeting_doubts")
        self.treaty_remarks = texts("treaty_remarks")
        self.unchecked_date: str = doc["unchecked_date"]["text"]
        self.ccw_unknown = {(e["code"], e["instrument"]) for e in doc.get("ccw_unknown", [])}
        self.announced: dict[str, dict[str, int]] = {
            number: {k: v for k, v in tally.items() if k != "source"}
            for number, tally in doc.get("announced", {}).items()
        }
        self.sources: dict[str, dict[str, str]] = {
            ref: {k: v for k, v in entry.items() if k != "source"}
            for ref, entry in doc["sources"].items()
        }
        self.not_recorded: dict[str, str] = doc["not_recorded"]

    def as_of(self, code: str) -> dt.date:
        """The date a state's treaty record stands for."""
        return self.later_as_of.get(code, self.status_as_of)


# The UN Digital Library's voting records behind the wide table of source B (data/raw/README.md):
# how its readings are named in the store.
UNDL_TABLE = (
    "https://github.com/navyanawal0310/un-votes-intelligence-platform/blob/"
    "b1a33e9f13e44a213373dc4baf927cda041488ff/data/raw/downloads/UN%20DATA.csv.zip"
)


def roll_call_source(number: str, row: dict[str, str]) -> dict[str, str]:
    """The source a roll call of unga_resolutions_2008_2019-2025.csv cites: the file at its
    commit, and the UN Digital Library record or the plenary meeting that adopted it."""
    links = urls(row["source"])
    record = next((u for u in links if "digitallibrary.un.org" in u), "")
    if "UNxml" in row["source"]:
        title = f"A/RES/{number}: recorded vote, UN machine-readable General Assembly resolutions"
        where = row["source"].split(" (")[0]
        note = (
            f"Entry A/RES/{number} of {where}, the machine-readable resolutions published by the "
            "UN Department for General Assembly and Conference Management (unofficial copies "
            f"for information); adopted at plenary meeting {row['meeting']}."
        )
        return {"title": title, "kind": "dataset", "url": where, "note": note}
    title = f"A/RES/{number}: recorded vote, UN Digital Library voting record"
    note = (
        f"UN Digital Library record {record}, as scraped into 'UN DATA.csv' ({UNDL_TABLE}, one "
        "column per member state: Y, N, A, or X for not voting)."
    )
    return {"title": title, "kind": "record", "url": record, "note": note}


def undl_source(number: str, record: str) -> dict[str, str]:
    """The UN Digital Library record of a 1996-2019 roll call, the other reading's source."""
    return {
        "title": f"A/RES/{number}: recorded vote, UN Digital Library voting record",
        "kind": "record",
        "url": record,
        "note": (
            f"As scraped into 'UN DATA.csv' ({UNDL_TABLE}); where it and the unvotes dataset "
            "differ, neither is known to be right (data/raw/README.md)."
        ),
    }


class RawData:
    """The raw tables, read and joined once."""

    def __init__(self, raw: Path) -> None:
        self.editorial = edit = Editorial(raw / EDITORIAL)
        self.status = {r["iso2"]: r for r in read_csv(raw / "mbt_status.csv")}
        self.ccw = {r["iso2"]: r for r in read_csv(raw / "ccw_status.csv")}
        self.membership = {r["iso2"]: r for r in read_csv(raw / "un_membership.csv")}
        self.admitted = {c: day(r["admitted"]) for c, r in self.membership.items()}
        self.observers = read_csv(raw / "mbt_meeting_observers.csv")
        self.observers += read_csv(raw / "mbt_meeting_observers_extra.csv")
        self.meetings = read_csv(raw / "mbt_meetings.csv")
        self.meeting_order = [r["id"] for r in sorted(self.meetings, key=lambda r: r["start"])]
        self.extra_resolutions = read_csv(raw / "unga_resolutions_extra.csv")
        corrections = {r["resolution"]: r for r in read_csv(raw / "unga_date_check.csv")}
        self.votes: dict[tuple[str, str], str] = {}
        for r in read_csv(raw / "unga_votes_1996_2019.csv"):
            code = "RS" if r["iso2"] == "YU" else r["iso2"]  # one seat; see un_membership.md
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
                entry["note"] = (
                    f"Adoption date corrected from the dataset's {fix['date_in_dataset']}; "
                    f"source: {'; '.join(urls(fix['source']))}"
                )
                date = day(fix["date_found"])
            elif fix:
                entry["note"] = f"Date confirmed: {fix['source']}"
            else:
                entry["doubt"] = edit.unchecked_date
            if number in edit.resolution_notes:
                entry["note"] = f"{entry.get('note', '')} {edit.resolution_notes[number]}".strip()
            if number in edit.resolution_doubts:
                doubt = entry.get("doubt")
                entry["doubt"] = edit.resolution_doubts[number] + (f" {doubt}" if doubt else "")
            entry["date"] = date
            if number in edit.announced:
                entry["announced"] = edit.announced[number]
            self.roll_calls[number] = entry
        self.undl = {
            r["resolution"]: r for r in read_csv(raw / "unga_tally_check_undl_1996_2019.csv")
        }
        for number, entry in self.roll_calls.items():
            self._check_with_undl(number, entry)
        self.disagreements = read_csv(raw / "unga_votes_disagreements_1996_2019.csv")
        self.roll_call_sources: dict[str, dict[str, str]] = {}
        self.marked_not_voting: set[tuple[str, str]] = set()  # the source says X, not derived
        self._later_roll_calls(raw)
        self.roll_calls = dict(sorted(self.roll_calls.items(), key=lambda kv: kv[1]["date"]))

    def _check_with_undl(self, number: str, entry: dict[str, Any]) -> None:
        """The UN Digital Library's date of a 1996-2019 roll call: a confirmation where it agrees,
        another reading where it does not; the doubt of an unchecked date goes either way."""
        row = self.undl.get(number)
        if row is None:
            return
        record = row["undl_record"].split("?")[0]
        undl_date = day(row["undl_date"])
        if entry["date"] == undl_date:
            if entry.get("doubt") == self.editorial.unchecked_date:
                del entry["doubt"]
            confirmed = f"date confirmed by the UN Digital Library voting record {record}"
            entry["note"] = "; ".join(filter(None, (entry.get("note"), confirmed)))
            return
        if entry.get("doubt") == self.editorial.unchecked_date:
            del entry["doubt"]
        entry["readings"] = [
            {
                "date": undl_date,
                "source": f"UN Digital Library voting record {record}, as scraped into "
                f"'UN DATA.csv' ({UNDL_TABLE})",
                "url": record,
            }
        ]

    def _later_roll_calls(self, raw: Path) -> None:
        """63/42 (2008) and 75/52 to 80/35 (2020-2025); 74/61 is already in the unvotes rows,
        which the later file's reading of it equals vote for vote (tests/test_bundled_votes.py)."""
        later = read_csv(raw / "unga_resolutions_2008_2019-2025.csv")
        for row in later:
            number = row["resolution"]
            if number in self.roll_calls:
                entry = self.roll_calls[number]
            else:
                entry = {"session": int(row["session"]), "date": day(row["date"])}
                entry["title"] = clean_title(row["title"])
                self.roll_call_sources[number] = roll_call_source(number, row)
                counts = [row[f"announced_{k}"] for k in ("yes", "no", "abstain")]
                if all(c.isdigit() for c in counts):
                    entry["announced"] = dict(
                        zip(("yes", "no", "abstain"), map(int, counts), strict=True)
                    )
                self.roll_calls[number] = entry
            printed = [row[f"announced_{k}"] for k in ("yes", "no", "abstain")]
            if "announced" not in entry and any(printed):
                said = ", ".join(
                    f"{k}: {v or 'blank'}"
                    for k, v in zip(("yes", "no", "abstain"), printed, strict=True)
                )
                entry["note"] = "; ".join(
                    filter(
                        None,
                        (entry.get("note"), f"counts printed by {urls(row['source'])[0]}: {said}"),
                    )
                )
            for key, column in (("meeting", "meeting"), ("report", "committee_report")):
                if row[column]:
                    entry[key] = row[column]
            if row["sponsors"]:
                entry["sponsors"] = row["sponsors"].split(";")
        for r in read_csv(raw / "unga_votes_2008_2019-2025.csv"):
            number = r["resolution"]
            if number not in self.roll_call_sources:
                continue
            if r["vote"] == "non_voting":
                if "derived" not in r["source"]:
                    self.marked_not_voting.add((number, r["iso2"]))
                continue
            self.votes[(number, r["iso2"])] = r["vote"]
