"""Reading roll calls and treaty status from CSV files, every row checked before anything changes.

Two roll-call layouts are understood: the UN Digital Library's "General Assembly Voting Data"
(alpha-3 ``ms_code``, ``ms_vote`` Y / N / A / X; a file of one resolution or the full
multi-resolution download) and a plain ``code,vote`` file (alpha-2, alpha-3 or name; yes / no /
abstain / absent). Treaty status uses the layout of data/raw/mbt_status.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minecli.countries import alpha3_index
from minecli.errors import InvalidData, MinecliError, UsageError
from minecli.model import CONSENT_TYPES, TREATY_STATUSES, VOTES, resolution_number

UNDL_VOTES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent", "NV": "absent", "": "absent"}
# Column names differ between the UN Digital Library's file versions.
UNDL_COLUMNS = {
    "code": ("ms_code", "ms_codes"),
    "vote": ("ms_vote", "ms_votes"),
    "yes": ("total_yes", "yes"),
    "no": ("total_no", "no"),
    "abstain": ("total_abstentions", "abstentions"),
}
MAX_REPORTED = 20


@dataclass
class RowErrors:
    """Problems found in a file, each with its line number; raised all together."""

    label: str
    items: list[str] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.items.append(f"line {line}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            shown = "; ".join(self.items[:MAX_REPORTED])
            more = (
                f"; and {len(self.items) - MAX_REPORTED} more"
                if len(self.items) > MAX_REPORTED
                else ""
            )
            raise InvalidData(
                f"{self.label}: {len(self.items)} bad row(s), nothing imported: {shown}{more}"
            )


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV file read as UTF-8 (a BOM is allowed)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise MinecliError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            raise InvalidData(f"{path}: empty file, expected a header row")
        try:
            for row in reader:
                yield (
                    reader.line_num,
                    {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None},
                )
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InvalidData(f"{path}: line {reader.line_num}: {exc}") from None


def _pick(row: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in row:
            return row[name]
    return None


# --- roll calls ---------------------------------------------------------------------------------


@dataclass
class RollCall:
    """A roll call read from a file: the votes by code, and what the file says of the resolution."""

    number: str
    votes: dict[str, str]
    date: dt.date | None = None
    session: int | None = None
    title: str | None = None
    link: str | None = None
    totals: dict[str, int] | None = None
    layout: str = "plain"


def read_roll_call(path: Path, number: str | None, resolve: Callable[[str], str]) -> RollCall:
    """Read and check a roll-call file; ``resolve`` turns a code or name into a store code."""
    rows = list(_rows(path))
    header = set(rows[0][1]) if rows else set()
    if header & {"ms_code", "ms_codes"}:
        return _read_undl(path, rows, number)
    if {"code", "vote"} <= header:
        if number is None:
            raise UsageError("a plain code,vote file needs --resolution")
        return _read_plain(path, rows, number, resolve)
    raise InvalidData(
        f"{path}: unknown layout; expected the UN Digital Library voting data (ms_code, ms_vote, "
        "resolution, ...) or a plain file with a code,vote header"
    )


def _read_plain(
    path: Path, rows: list[tuple[int, dict[str, str]]], number: str, resolve: Callable[[str], str]
) -> RollCall:
    errors = RowErrors(str(path))
    votes: dict[str, str] = {}
    for line, row in rows:
        vote = row["vote"].lower()
        if vote not in VOTES:
            errors.add(line, f"vote {row['vote']!r} is not one of {', '.join(VOTES)}")
        try:
            code = resolve(row["code"])
        except MinecliError as exc:
            errors.add(line, str(exc))
            continue
        if code in votes:
            errors.add(line, f"{code} appears twice")
        votes[code] = vote
    errors.raise_if_any()
    return RollCall(number, votes)


def _read_undl(path: Path, rows: list[tuple[int, dict[str, str]]], number: str | None) -> RollCall:
    errors = RowErrors(str(path))
    symbols = {}
    for line, row in rows:
        found = resolution_number(row.get("resolution", ""))
        symbols.setdefault(found, line)
    named = [s for s in symbols if s]
    if number is None:
        if len(named) != 1:
            raise UsageError(f"{path} holds {len(named)} resolutions; choose one with --resolution")
        number = named[0]
    mine = [
        (line, row) for line, row in rows if resolution_number(row.get("resolution", "")) == number
    ]
    if not mine:
        raise InvalidData(f"{path}: no rows for resolution {number}")
    alpha3 = alpha3_index()
    votes: dict[str, str] = {}
    first = mine[0][1]
    for line, row in mine:
        raw_code = (_pick(row, UNDL_COLUMNS["code"]) or "").upper()
        raw_vote = (_pick(row, UNDL_COLUMNS["vote"]) or "").upper()
        code = alpha3.get(raw_code)
        if code is None:
            errors.add(line, f"unknown alpha-3 country code {raw_code!r}")
        if raw_vote not in UNDL_VOTES:
            errors.add(line, f"vote {raw_vote!r} is not one of Y, N, A, X")
        if code and code in votes:
            errors.add(line, f"{raw_code} appears twice for {number}")
        if code and raw_vote in UNDL_VOTES:
            votes[code] = UNDL_VOTES[raw_vote]
        if row.get("date") and _date(row["date"]) is None:
            errors.add(line, f"date {row['date']!r} is not YYYY-MM-DD")
    errors.raise_if_any()
    title = (first.get("title") or "").split(" : resolution /")[0].strip() or None
    session = first.get("session", "")
    totals = None
    counts = [_pick(first, UNDL_COLUMNS[k]) for k in ("yes", "no", "abstain")]
    if all(c not in (None, "") for c in counts):
        try:
            totals = dict(
                zip(("yes", "no", "abstain"), (int(float(c or 0)) for c in counts), strict=False)
            )
        except ValueError:
            totals = None
    return RollCall(
        number,
        votes,
        date=_date(first.get("date", "")),
        session=int(session) if session.isdigit() else None,
        title=title,
        link=first.get("undl_link") or None,
        totals=totals,
        layout="undl",
    )


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


# --- treaty status ------------------------------------------------------------------------------

STATUS_DATES = (
    "signed",
    "consent",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
)
STATUS_FIELDS = ("status", *STATUS_DATES, "consent_type")


@dataclass
class StatusRow:
    """One state's treaty status as the file gives it."""

    code: str
    name: str
    treaty: dict[str, Any]
    urls: list[str]


def read_status(path: Path, known_code: Callable[[str], bool]) -> list[StatusRow]:
    """Read and check a status file in the layout of mbt_status.csv."""
    errors = RowErrors(str(path))
    out: list[StatusRow] = []
    seen: set[str] = set()
    rows = list(_rows(path))
    required = {"iso2", "status"}
    if rows and not required <= set(rows[0][1]):
        raise InvalidData(
            f"{path}: expected the columns of mbt_status.csv (iso2, name, status, ...)"
        )
    for line, row in rows:
        code = row["iso2"].upper()
        if not known_code(code):
            errors.add(line, f"unknown country code {row['iso2']!r}")
        if code in seen:
            errors.add(line, f"{code} appears twice")
        seen.add(code)
        treaty: dict[str, Any] = {"status": row["status"]}
        if row["status"] not in TREATY_STATUSES:
            errors.add(line, f"status {row['status']!r} is not one of {', '.join(TREATY_STATUSES)}")
        for key in STATUS_DATES:
            value = row.get(key, "")
            if value:
                parsed = _date(value) if len(value) == 10 else None
                if parsed is None:
                    errors.add(line, f"{key} {value!r} is not a date (YYYY-MM-DD)")
                treaty[key] = parsed
        kind = row.get("consent_type", "")
        if kind:
            if kind not in CONSENT_TYPES:
                errors.add(line, f"consent_type {kind!r} is not one of {', '.join(CONSENT_TYPES)}")
            treaty["consent_type"] = kind
        if row["status"] in ("state_party", "withdrawn") and not treaty.get("consent"):
            errors.add(line, f"status {row['status']} needs a consent date")
        if row["status"] == "withdrawn" and not treaty.get("withdrawal_notified"):
            errors.add(line, "status withdrawn needs a withdrawal_notified date")
        links = re.findall(r"https?://[^\s;,)]+", row.get("source", ""))
        out.append(StatusRow(code, row.get("name", ""), treaty, links))
    errors.raise_if_any()
    return out
