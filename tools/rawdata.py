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


class RawData:
    """The raw tables, read and joined once."""

    def __init__(self, raw: Path) -> None:
        self.editorial = edit = Editorial(raw / EDITORIAL)
        self.status = {r["iso2"]: r for r in read_csv(raw / "mbt_status.csv")}
        self.ccw = {r["iso2"]: r for r in read_csv(raw / "ccw_status.csv")}
        self.membership = {r["iso2"]: r for r in read_csv(raw / "un_membership.csv")}
        self.admitted = {c: day(r["admitted"]) for c, r in self.membership.items()}
        self.observers = read_csv(raw / "mbt_meeting_observers.csv")
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
                entry["date_note"] = (
                    f"Adoption date corrected from the dataset's {fix['date_in_dataset']}; "
                    f"source: {'; '.join(urls(fix['source']))}"
                )
                date = day(fix["date_found"])
            elif fix:
                entry["date_note"] = f"Date confirmed: {fix['source']}"
            else:
                entry["doubt"] = edit.unchecked_date
            if number in edit.resolution_doubts:
                doubt = entry.get("doubt")
                entry["doubt"] = edit.resolution_doubts[number] + (f" {doubt}" if doubt else "")
            entry["date"] = date
            if number in edit.announced:
                entry["announced"] = edit.announced[number]
            self.roll_calls[number] = entry
        self.roll_calls = dict(sorted(self.roll_calls.items(), key=lambda kv: kv[1]["date"]))
