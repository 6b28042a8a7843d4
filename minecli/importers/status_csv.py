"""Treaty status and dates in the layout of data/raw/mbt_status.csv: iso2, name, status, signed,
consent, consent_type, entry_into_force, withdrawal_notified, withdrawal_effective, source."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from minecli.errors import InvalidData
from minecli.importers import StatusRow
from minecli.importers.csvrows import RowErrors, day, read_rows, read_text
from minecli.inputs import label
from minecli.model import CONSENT_TYPES, STATUS_DATES, TREATY_STATUSES, treaty_problems

URL_RE = re.compile(r"https?://[^\s;,)]+")


def _treaty(line: int, row: dict[str, str], errors: RowErrors) -> dict[str, Any]:
    """The row's treaty record, each value checked."""
    treaty: dict[str, Any] = {"status": row["status"]}
    if row["status"] not in TREATY_STATUSES:
        errors.add(line, f"status {row['status']!r} is not one of {', '.join(TREATY_STATUSES)}")
    for key in STATUS_DATES:
        value = row.get(key, "")
        if value:
            parsed = day(value) if len(value) == 10 else None
            if parsed is None:
                errors.add(line, f"{key} {value!r} is not a date (YYYY-MM-DD)")
            treaty[key] = parsed
    kind = row.get("consent_type", "")
    if kind:
        if kind not in CONSENT_TYPES:
            errors.add(line, f"consent_type {kind!r} is not one of {', '.join(CONSENT_TYPES)}")
        treaty["consent_type"] = kind
    for problem in treaty_problems({k: v for k, v in treaty.items() if v is not None}):
        errors.add(line, problem.message)
    return treaty


def read(path: Path, known_code: Callable[[str], bool]) -> list[StatusRow]:
    """Every row of the file, checked; one bad row and InvalidData names them all."""
    rows = read_rows(read_text(path), label(path))
    if rows and not {"iso2", "status"} <= set(rows[0][1]):
        raise InvalidData(
            "expected the columns of mbt_status.csv (iso2, name, status, ...)", file=label(path)
        )
    errors = RowErrors(label(path))
    out: list[StatusRow] = []
    seen: set[str] = set()
    for line, row in rows:
        code = row["iso2"].upper()
        if not known_code(code):
            errors.add(line, f"unknown country code {row['iso2']!r}")
        if code in seen:
            errors.add(line, f"{code} appears twice")
        seen.add(code)
        treaty = _treaty(line, row, errors)
        out.append(
            StatusRow(code, row.get("name", ""), treaty, URL_RE.findall(row.get("source", "")))
        )
    errors.raise_if_any()
    return out
