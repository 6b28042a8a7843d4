"""The records minecli keeps, their allowed values, and the schema that validates them.

A profile is a plain dict shaped like its TOML file: full dates are ``datetime.date``, partial
dates (``"2004-05"``, ``"2004"``) are strings, and keys the schema does not know are kept as they
are. Keeping records as dicts means a profile round-trips through the store untouched and its JSON
form *is* the record.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from minecli.dates import PartialDate, date_key, is_before

SCHEMA_VERSION = 1

TREATY_STATUSES = ("state_party", "signatory", "not_party", "withdrawn")
CONSENT_TYPES = ("ratification", "accession", "succession")
VOTES = ("yes", "no", "abstain", "absent")
ATTENDED_AS = ("state_party", "observer")
CCW_INSTRUMENTS = ("convention", "protocol_ii", "amended_protocol_ii", "protocol_v")
SOURCE_KINDS = ("letter", "interview", "statement", "report", "media", "dataset", "record", "other")
PRODUCTION_STATUSES = ("producer", "past_producer", "not_producer", "unknown")
TRANSFER_STATUSES = ("exporter", "past_exporter", "not_known_to_export", "unknown")
STOCKPILE_STATUSES = ("holds", "destroyed", "none", "unknown")
MEETING_KINDS = ("msp", "review_conference", "intersessional", "other")
UNKNOWN = "unknown"
# The treaty facts of a state's one-line summary (`list`), kept in the cache's brief of it.
TREATY_SUMMARY = (
    "status",
    "signed",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_effective",
)

CODE_RE = re.compile(r"^[A-Z]{2}\Z")
RESOLUTION_RE = re.compile(r"^\d{1,3}/\d{1,3}[A-Z]{0,2}\Z")
MEETING_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}\Z")
_SYMBOL_RE = re.compile(r"^(?:A/RES/)?(\d{1,3})\s*/\s*(\d{1,3})\s*([A-Za-z]{0,2})$", re.IGNORECASE)
MARKER_RE = re.compile(r"\[(\d+)\]")


def resolution_number(text: str) -> str | None:
    """``65/48`` from ``65/48``, ``A/RES/65/48`` or ``51/45 s``; None if the text is no symbol."""
    m = _SYMBOL_RE.match(text.strip())
    return f"{m.group(1)}/{m.group(2)}{m.group(3).upper()}" if m else None


# --- schema -------------------------------------------------------------------------------------

Check = Callable[[Any], "str | None"]


def _is(kind: type, message: str) -> Check:
    def check(v: Any) -> str | None:
        return (
            None if isinstance(v, kind) and (kind is bool or not isinstance(v, bool)) else message
        )

    return check


_is_str, _is_bool = _is(str, "expected text"), _is(bool, "expected true or false")
_is_int = _is(int, "expected a whole number")


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


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(v: Any) -> str | None:
        return None if v in choices else f"expected one of: {', '.join(choices)}"

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
    return None if _is_int(v) is None and v >= 0 else "expected a number of mines (0 or more)"


SOURCE_IDS = _list_of(_is_int, "source ids (whole numbers)")
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
}
CCW_ENTRY: Spec = {
    "party": (_is_tri, True),
    "since": (_is_date, False),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
}
VOTE: Spec = {
    "resolution": (_pattern(RESOLUTION_RE, "a resolution number like 65/48"), True),
    "vote": (_one_of(VOTES), True),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
}
MEETING: Spec = {
    "meeting": (_pattern(MEETING_RE, "a meeting id like 10MSP"), True),
    "attended": (_is_bool, True),
    "as": (_one_of(ATTENDED_AS), False),
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "sources": (SOURCE_IDS, False),
}
PRODUCTION: Spec = {
    "status": (_one_of(PRODUCTION_STATUSES), True),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
}
TRANSFER: Spec = {
    "status": (_one_of(TRANSFER_STATUSES), True),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
}
STOCKPILE: Spec = {
    "status": (_one_of(STOCKPILE_STATUSES), True),
    "types": (TEXTS, False),
    "holders": (TEXTS, False),
    "size": (_is_size, False),
    "origin": (_is_str, False),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
}
USE: Spec = {
    "year": (_is_int, False),
    "date": (_is_partial_date, False),
    "where": (_is_str, True),
    "summary": (_is_str, False),
    "sources": (SOURCE_IDS, False),
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
}
UN_MEMBERSHIP: Spec = {
    "admitted": (_is_date, True),
    "note": (_is_str, False),
    "sources": (SOURCE_IDS, False),
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
    "note": (_is_str, False),
    "doubt": (_is_str, False),
    "source": (_is_str, False),
    "url": (_is_str, False),
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
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: where (a dotted path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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


# --- rules across fields ------------------------------------------------------------------------

# What each treaty status needs: importers, writers and `check` all ask this one table.
STATUS_NEEDS = {
    "state_party": ("consent",),
    "withdrawn": ("consent", "withdrawal_notified", "withdrawal_effective"),
}
# Treaty dates that must come in this order: (later, earlier, what it means when they do not).
TREATY_DATE_ORDER = (
    ("entry_into_force", "consent", "entry into force {a} is before consent {b}"),
    ("consent", "signed", "consent {a} is before signature {b}"),
    ("withdrawal_notified", "consent", "withdrawal notice {a} is before consent {b}"),
    (
        "withdrawal_effective",
        "withdrawal_notified",
        "withdrawal took effect {a}, before notice {b}",
    ),
)
_NEEDED = {"consent": "a consent date", "withdrawal_notified": "the date withdrawal was notified"}
_NEEDED["withdrawal_effective"] = "the date withdrawal took effect"


def treaty_problems(treaty: Mapping[str, Any]) -> list[Problem]:
    """What is wrong across the fields of a treaty record: a date its status needs, or two dates
    in an impossible order. Paths are ``treaty.<key>``."""
    out = []
    status = treaty.get("status")
    for key in STATUS_NEEDS.get(str(status), ()):
        if not treaty.get(key):
            out.append(Problem(f"treaty.{key}", f"status {status} needs {_NEEDED[key]}"))
    for later, earlier, message in TREATY_DATE_ORDER:
        # A succession takes effect from independence, before the notice is deposited.
        if later == "entry_into_force" and treaty.get("consent_type") == "succession":
            continue
        if is_before(treaty.get(later), treaty.get(earlier)):
            text = message.format(a=treaty[later], b=treaty[earlier])
            out.append(Problem(f"treaty.{later}", text))
    return out


def tally(votes: Iterable[str]) -> dict[str, int]:
    """yes / no / abstain / absent counts of the votes given (any other value is not counted)."""
    cast = list(votes)
    return {v: cast.count(v) for v in VOTES}


def tally_text(counts: Mapping[str, Any]) -> str:
    """A tally as the UN prints it: yes-no-abstain, e.g. ``165-0-17``."""
    return "-".join(str(counts.get(k, "?")) for k in ("yes", "no", "abstain"))


def tally_words(counts: Mapping[str, Any]) -> str:
    """A tally in words: ``165 yes, 0 no, 17 abstain, 10 absent``."""
    return ", ".join(f"{counts.get(v, 0)} {v}" for v in VOTES)


def resolution_key(resolution: Mapping[str, Any]) -> tuple[Any, ...]:
    """The one order of resolutions: by session, then adoption date, then number (65/48 before
    65/100)."""
    number = str(resolution.get("number", ""))
    m = re.match(r"(\d+)/(\d+)(.*)", number)
    numeric = (int(m.group(1)), int(m.group(2)), m.group(3)) if m else (0, 0, number)
    return (resolution.get("session", 0), date_key(resolution.get("date")), numeric)


def resolution_order(resolutions: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Resolution numbers in time order (see resolution_key)."""
    return sorted(resolutions, key=lambda n: resolution_key({"number": n, **resolutions[n]}))
