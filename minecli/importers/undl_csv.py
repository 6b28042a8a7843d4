"""The UN Digital Library's "General Assembly Voting Data" CSV: alpha-3 ``ms_code``, ``ms_vote``
Y / N / A / X, one file per resolution or the full multi-resolution download (from which one
resolution's rows are taken)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from minecli.countries import alpha3_index
from minecli.errors import InvalidData, UsageError
from minecli.importers import RollCall
from minecli.importers.csvrows import RowErrors, Rows, day, pick
from minecli.inputs import label
from minecli.model import resolution_number

VOTES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent", "NV": "absent", "": "absent"}
# Column names differ between the UN Digital Library's file versions.
COLUMNS = {
    "code": ("ms_code", "ms_codes"),
    "vote": ("ms_vote", "ms_votes"),
    "yes": ("total_yes", "yes"),
    "no": ("total_no", "no"),
    "abstain": ("total_abstentions", "abstentions"),
}


def accepts(header: set[str]) -> bool:
    return bool(header & set(COLUMNS["code"]))


def _choose(path: Path, rows: Rows, number: str | None) -> str:
    """The resolution to read: the one named, or the file's only one."""
    if number is not None:
        return number
    named = sorted({n for _, row in rows if (n := resolution_number(row.get("resolution", "")))})
    if len(named) != 1:
        raise UsageError(f"{path} holds {len(named)} resolutions; choose one with --resolution")
    return named[0]


# A count as the layout writes it: a whole number, often as a decimal (``165.0``); nothing else
# (``1e400``, ``inf``, ``nan``, ``-3``) is a count.
_COUNT = re.compile(r"^([0-9]{1,4})(?:\.0*)?\Z")


def _totals(row: dict[str, str]) -> dict[str, int] | None:
    """The counts a row prints, or None when any is missing or is not a count."""
    counts = [_COUNT.match(pick(row, COLUMNS[k]) or "") for k in ("yes", "no", "abstain")]
    if not all(counts):
        return None
    return dict(zip(("yes", "no", "abstain"), (int(m.group(1)) for m in counts if m), strict=True))


def read(path: Path, rows: Rows, number: str | None, resolve: Callable[[str], str]) -> RollCall:
    number = _choose(path, rows, number)
    mine = [
        (line, row) for line, row in rows if resolution_number(row.get("resolution", "")) == number
    ]
    if not mine:
        raise InvalidData(f"no rows for resolution {number}", file=label(path))
    errors = RowErrors(label(path))
    alpha3 = alpha3_index()
    votes: dict[str, str] = {}
    for line, row in mine:
        raw_code = (pick(row, COLUMNS["code"]) or "").upper()
        raw_vote = (pick(row, COLUMNS["vote"]) or "").upper()
        code = alpha3.get(raw_code)
        if code is None:
            errors.add(line, f"unknown alpha-3 country code {raw_code!r}")
        if raw_vote not in VOTES:
            errors.add(line, f"vote {raw_vote!r} is not one of Y, N, A, X")
        if code and code in votes:
            errors.add(line, f"{raw_code} appears twice for {number}")
        if code and raw_vote in VOTES:
            votes[code] = VOTES[raw_vote]
        if row.get("date") and day(row["date"]) is None:
            errors.add(line, f"date {row['date']!r} is not YYYY-MM-DD")
    first_line, first = mine[0]
    for key in ("yes", "no", "abstain"):
        value = pick(first, COLUMNS[key]) or ""
        if value and not _COUNT.match(value):
            errors.add(first_line, f"the printed {key} count {value!r} is not a whole number")
    session = first.get("session", "")
    if session and not re.fullmatch(r"[0-9]{1,3}", session) and not session.startswith("ES-"):
        errors.add(first_line, f"session {session!r} is not a session number")
    errors.raise_if_any()
    return RollCall(
        number,
        votes,
        layout="undl-csv",
        date=day(first.get("date", "")),
        session=int(session) if re.fullmatch(r"[0-9]{1,3}", session) else None,
        title=(first.get("title") or "").split(" : resolution /")[0].strip() or None,
        link=first.get("undl_link") or None,
        totals=_totals(first),
        described_as="UN Digital Library voting data",
    )
