"""Importers: one module per input layout, each turning a file into plain records, every row
checked before anything changes (minecli.edits applies the records; the writer writes them).

A roll-call file in JSON is read by the JSON layout (unxml_json); a CSV file by the first of the
CSV layouts in ROLL_CALL_LAYOUTS whose ``accepts`` takes its header. Treaty status has one
layout (status_csv). ``-`` reads standard input.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minecli.errors import InvalidData
from minecli.inputs import label

# CSV layout name -> its module in this package. A module offers accepts(header) and read(...).
ROLL_CALL_LAYOUTS = {
    "undl-csv": "undl_csv",
    "plain-csv": "plain_csv",
}
JSON_LAYOUT = "unxml_json"


@dataclass
class RollCall:
    """A roll call read from a file: the votes by code, and what the file says of the resolution."""

    number: str
    votes: dict[str, str]
    layout: str
    date: dt.date | None = None
    session: int | None = None
    title: str | None = None
    link: str | None = None
    totals: dict[str, int] | None = None  # the counts the file prints, if it does
    described_as: str = "imported roll call"  # how resolutions.toml names where it came from
    meeting: str | None = None  # the plenary meeting record, e.g. A/80/PV.52
    report: str | None = None  # the committee report it came from, e.g. A/80/534
    sponsors: list[str] | None = None
    # What a member named nowhere in the file did: None when the file lists every vote; "absent"
    # when the layout only lists those who voted (the importer then records the others absent).
    unlisted: str | None = None
    announced: dict[str, int] | None = None  # the tally the source printed, kept in the store
    derived: frozenset[str] = frozenset()  # codes whose vote was inferred (unlisted members)


@dataclass
class StatusRow:
    """One state's treaty status as a file gives it."""

    code: str
    name: str
    treaty: dict[str, Any]
    urls: list[str]


def read_roll_call(
    path: Path,
    number: str | None,
    resolve: Callable[[str], str],
    exact: Callable[[str], str | None],
) -> RollCall:
    """Read and check a roll-call file in any known layout. ``resolve`` turns a code or name into
    a store code (or fails); ``exact`` gives the code a full name stands for exactly, or None."""
    from minecli.importers.csvrows import read_rows, read_text

    text = read_text(path)
    if text.lstrip()[:1] in ("{", "["):
        layout = importlib.import_module(f"minecli.importers.{JSON_LAYOUT}")
        return layout.read(text, label(path), number, exact)  # type: ignore[no-any-return]
    rows = read_rows(text, label(path))
    header = set(rows[0][1]) if rows else set()
    for module in ROLL_CALL_LAYOUTS.values():
        layout = importlib.import_module(f"minecli.importers.{module}")
        if layout.accepts(header):
            return layout.read(path, rows, number, resolve)  # type: ignore[no-any-return]
    raise InvalidData(
        "unknown layout; expected the UN Digital Library voting data (ms_code, ms_vote, "
        "resolution, ...), a plain file with a code,vote header, or the UN's JSON resolutions",
        file=label(path),
    )


def read_status(path: Path, known_code: Callable[[str], bool]) -> list[StatusRow]:
    """Read and check a status file in the layout of data/raw/mbt_status.csv."""
    from minecli.importers import status_csv

    return status_csv.read(path, known_code)
