"""The schema: what each table of a store file may hold, and the validation of whole records.

Each spec maps a key to (check, required); its order is the canonical order of keys on disk.
Validation returns every Problem found (minecli.model), an empty list for a valid record.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any

from minecli.dates import PartialDate
from minecli.model import (
    ATTENDED_AS,
    CCW_INSTRUMENTS,
    CODE_RE,
    CONSENT_TYPES,
    IDENTITY_KEYS,
    MEETING_KINDS,
    MEETING_RE,
    PRODUCTION_STATUSES,
    READING_META,
    READINGS,
    RESOLUTION_RE,
    SCHEMA_VERSION,
    SOURCE_KINDS,
    STOCKPILE_STATUSES,
    TRANSFER_STATUSES,
    TREATY_STATUSES,
    UNKNOWN,
    VOTES,
    Problem,
)

Check = Callable[[Any], "str | None"]


def _is(kind: type, message: str) -> Check:
    def check(v: Any) -> str | None:
        return (
            None if isinstance(v, kind) and (kind is bool or not isinstance(v, bool)) else message
        )

    return check


_is_str, _is_bool = _is(str, "expected text"), _is(bool, "expected true or false")
_is_bool.choices = ("true", "false")  # type: ignore[attr-defined]
# TOML's integers are 64-bit: a larger one could be written but not read back by other tools.
INT_RANGE = (-(2**63), 2**63 - 1)


def _is_int(v: Any) -> str | None:
    if not isinstance(v, int) or isinstance(v, bool):
        return "expected a whole number"
    if not INT_RANGE[0] <= v <= INT_RANGE[1]:
        return "expected a whole number TOML can hold (64 bits)"
    return None


def _is_date(v: Any) -> str | None:
    if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
        return None
    return "expected a full date (YYYY-MM-DD, unquoted in TOML)"


def _is_partial_date(v: Any) -> str | None:
    try:
        PartialDate.parse(v)
    except ValueError:
        return 'expected a date: YYYY-MM-DD, or a partial date in quotes: "YYYY-MM" or "YYYY"'
    return None


def _is_tri(v: Any) -> str | None:
    return None if isinstance(v, bool) or v == UNKNOWN else 'expected true, false or "unknown"'


_is_tri.choices = ("true", "false", UNKNOWN)  # type: ignore[attr-defined]


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(v: Any) -> str | None:
        return None if v in choices else f"expected one of: {', '.join(choices)}"

    check.choices = choices  # type: ignore[attr-defined]  # what shell completion offers
    return check


def _pattern(rx: re.Pattern[str], what: str) -> Check:
    def check(v: Any) -> str | None:
        return None if isinstance(v, str) and rx.match(v) else f"expected {what}"

    return check


def _list_of(item: Check, what: str) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, list) or any(item(x) for x in v):
            return f"expected a list of {what}"
        return None

    return check


def _is_size(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool) and v > INT_RANGE[1]:
        return "expected a number of mines TOML can hold (64 bits)"
    if _is_int(v) is None and v >= 0:
        return None
    return "expected a number of mines (0 or more)"


SOURCE_IDS = _list_of(_is_int, "source ids (whole numbers)")


def _is_tables(v: Any) -> str | None:
    if isinstance(v, list) and all(isinstance(x, dict) for x in v):
        return None
    return "expected an array of tables"


# Every fact may carry other readings; their keys are checked against the fact's own spec.
READING = (_is_tables, False)
TEXTS = _list_of(_is_str, "texts")

# Each table spec maps a key to (check, required). Order here is the canonical order on disk.
Spec = dict[str, tuple[Check, bool]]

TREATY: Spec = {
    "status": (_one_of(TREATY_STATUSES), True),
    "signed": (_is_date, False),
    "consent": (_is_date, False),
    "consent_type": (_one_of(CONSENT_TYPES), False),
    "entry_into_force": (_is_date, False),
    "withdrawal_notified": (_is_date, False),
    "withdrawal_effective": (_is_date, False),
    "as_of": (_is_date, False),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
CCW_ENTRY: Spec = {
    "party": (_is_tri, True),
    "since": (_is_date, False),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
VOTE: Spec = {
    "resolution": (_pattern(RESOLUTION_RE, "a resolution number like 65/48"), True),
    "vote": (_one_of(VOTES), True),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
MEETING: Spec = {
    "meeting": (_pattern(MEETING_RE, "a meeting id like 10MSP"), True),
    "attended": (_is_bool, True),
    "as": (_one_of(ATTENDED_AS), False),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
PRODUCTION: Spec = {
    "status": (_one_of(PRODUCTION_STATUSES), True),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
TRANSFER: Spec = {
    "status": (_one_of(TRANSFER_STATUSES), True),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
STOCKPILE: Spec = {
    "status": (_one_of(STOCKPILE_STATUSES), True),
    "types": (TEXTS, False),
    "holders": (TEXTS, False),
    "size": (_is_size, False),
    "origin": (_is_str, False),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
USE: Spec = {
    "year": (_is_int, False),
    "date": (_is_partial_date, False),
    "where": (_is_str, True),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
SECTION: Spec = {
    "title": (_is_str, True),
    "text": (_is_str, True),
}
SOURCE: Spec = {
    "id": (_is_int, True),
    "title": (_is_str, True),
    "author": (_is_str, False),
    "date": (_is_partial_date, False),
    "kind": (_one_of(SOURCE_KINDS), False),
    "url": (_is_str, False),
    "note": (_is_str, False),
}
PROFILE: Spec = {
    "schema": (_is_int, True),
    "code": (_pattern(CODE_RE, "a two-letter ISO 3166 code in capitals"), True),
    "name": (_is_str, True),
    "official_name": (_is_str, False),
    "updated": (_is_partial_date, False),
    # The highest source id ever given, kept once a source is removed so no id is reused.
    "last_source_id": (_is_int, False),
}
UN_MEMBERSHIP: Spec = {
    "admitted": (_is_date, True),
    "note": (_is_str, False),
    "sources": (SOURCE_IDS, False),
    READINGS: READING,
}
# Nested parts of a profile: key -> (kind, spec); kind is "table", "tables" (array) or "ccw".
PROFILE_PARTS: dict[str, tuple[str, Spec]] = {
    "un_membership": ("table", UN_MEMBERSHIP),
    "treaty": ("table", TREATY),
    "ccw": ("ccw", CCW_ENTRY),
    "votes": ("tables", VOTE),
    "meetings": ("tables", MEETING),
    "production": ("table", PRODUCTION),
    "transfer": ("table", TRANSFER),
    "stockpile": ("table", STOCKPILE),
    "use": ("tables", USE),
    "sections": ("tables", SECTION),
    "sources": ("tables", SOURCE),
}
TALLY: Spec = {
    "yes": (_is_int, True),
    "no": (_is_int, True),
    "abstain": (_is_int, True),
    "absent": (_is_int, False),
}
RESOLUTION: Spec = {
    "number": (_pattern(RESOLUTION_RE, "a resolution number like 65/48"), True),
    "session": (_is_int, True),
    "date": (_is_date, False),
    "title": (_is_str, True),
    "recorded": (_is_bool, False),
    "rcid": (_is_int, False),
    "meeting": (_is_str, False),
    "report": (_is_str, False),
    "sponsors": (TEXTS, False),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "source": (_is_str, False),
    "url": (_is_str, False),
    READINGS: READING,
}
MEETING_RECORD: Spec = {
    "id": (_pattern(MEETING_RE, "a meeting id like 10MSP"), True),
    "name": (_is_str, True),
    "kind": (_one_of(MEETING_KINDS), False),
    "place": (_is_str, False),
    "start": (_is_partial_date, False),
    "end": (_is_partial_date, False),
    "doubt": (_is_str, False),
    "source": (_is_str, False),
    READINGS: READING,
}


def _check_table(table: Any, spec: Spec, path: str, out: list[Problem]) -> None:
    if not isinstance(table, dict):
        out.append(Problem(path, "expected a table"))
        return
    for key, (check, required) in spec.items():
        where = f"{path}.{key}" if path else key
        if key not in table:
            if required:
                out.append(Problem(where, "missing"))
            continue
        message = check(table[key])
        if message:
            out.append(Problem(where, f"{message}, got {table[key]!r}"))
        elif key == READINGS:
            _check_readings(table[key], spec, where, out)


def _check_readings(items: list[dict], spec: Spec, path: str, out: list[Problem]) -> None:
    """Each other reading gives at least one of the fact's values, valid by the fact's own spec,
    and says who gives it: source ids in a profile, a source text in resolutions and meetings."""
    values = [k for k in spec if k not in IDENTITY_KEYS and k not in (*READING_META, READINGS)]
    values = [k for k in values if k != "doubt"]
    backed_by = "sources" if "sources" in spec else "source"
    for i, reading in enumerate(items):
        where = f"{path}[{i}]"
        given = [k for k in reading if k in values]
        if not given:
            out.append(Problem(where, f"gives no other value; give one of: {', '.join(values)}"))
        for key in given:
            message = spec[key][0](reading[key])
            if message:
                out.append(Problem(f"{where}.{key}", f"{message}, got {reading[key]!r}"))
        if not reading.get(backed_by):
            what = "the ids of the sources" if backed_by == "sources" else "the source"
            out.append(
                Problem(f"{where}.{backed_by}", f"missing: a reading needs {what} giving it")
            )
        for key, check in (("sources", SOURCE_IDS), ("source", _is_str), ("url", _is_str)):
            message = check(reading[key]) if key in reading else None
            if message:
                out.append(Problem(f"{where}.{key}", f"{message}, got {reading[key]!r}"))
        if "note" in reading and _is_str(reading["note"]):
            out.append(Problem(f"{where}.note", f"expected text, got {reading['note']!r}"))


def _check_tables(value: Any, spec: Spec, path: str, out: list[Problem]) -> None:
    if not isinstance(value, list):
        out.append(Problem(path, "expected an array of tables"))
        return
    for i, item in enumerate(value):
        _check_table(item, spec, f"{path}[{i}]", out)


def validate_profile(doc: Any, code: str | None = None) -> list[Problem]:
    """Every schema problem of a profile; an empty list means it is valid."""
    out: list[Problem] = []
    _check_table(doc, PROFILE, "", out)
    if not isinstance(doc, dict):
        return out
    if doc.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        out.append(Problem("schema", f"this minecli reads schema {SCHEMA_VERSION}"))
    if code is not None and doc.get("code") not in (None, code):
        out.append(Problem("code", f"{doc.get('code')!r} does not match its file name {code}.toml"))
    for key, (kind, spec) in PROFILE_PARTS.items():
        if key not in doc:
            continue
        if kind == "table":
            _check_table(doc[key], spec, key, out)
        elif kind == "tables":
            _check_tables(doc[key], spec, key, out)
        elif not isinstance(doc[key], dict):
            out.append(Problem(key, "expected a table"))
        else:
            for name, entry in doc[key].items():
                if name in CCW_INSTRUMENTS:
                    _check_table(entry, spec, f"{key}.{name}", out)
    uses = doc.get("use")
    for i, use in enumerate(uses if isinstance(uses, list) else []):
        if isinstance(use, dict) and "year" not in use and "date" not in use:
            out.append(Problem(f"use[{i}]", "needs a year or a date"))
    sources = doc.get("sources")
    ids = [
        s.get("id") for s in (sources if isinstance(sources, list) else []) if isinstance(s, dict)
    ]
    dupes = sorted({i for i in ids if isinstance(i, int) and ids.count(i) > 1})
    if dupes:
        out.append(Problem("sources", f"duplicate source id {dupes[0]}"))
    return out


def validate_resolutions(doc: Any) -> list[Problem]:
    """Schema problems of resolutions.toml."""
    out: list[Problem] = []
    items = doc.get("resolutions", []) if isinstance(doc, dict) else None
    _check_tables(items, RESOLUTION, "resolutions", out)
    for i, item in enumerate(items if isinstance(items, list) else []):
        for part in ("tally", "announced"):
            if isinstance(item, dict) and part in item:
                _check_table(item[part], TALLY, f"resolutions[{i}].{part}", out)
    return out


def validate_meetings(doc: Any) -> list[Problem]:
    """Schema problems of meetings.toml."""
    out: list[Problem] = []
    items = doc.get("meetings", []) if isinstance(doc, dict) else None
    _check_tables(items, MEETING_RECORD, "meetings", out)
    return out
