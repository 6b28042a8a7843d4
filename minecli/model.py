"""The vocabulary of the records: allowed values, identifiers, the rules across fields, the
tally and the order of resolutions. The schema that validates whole records is minecli.schema.

A profile is a plain dict shaped like its TOML file: full dates are ``datetime.date``, partial
dates (``"2004-05"``, ``"2004"``) are strings, and keys the schema does not know are kept as they
are. Keeping records as dicts means a profile round-trips through the store untouched and its JSON
form *is* the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from minecli.dates import date_key, is_before

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
# The treaty record's dates and fields that a status table (the depositary's) owns.
STATUS_DATES = (
    "signed",
    "consent",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
)
STATUS_FIELDS = ("status", *STATUS_DATES, "consent_type")
# The treaty facts of a state's one-line summary (`list`), kept in the cache's brief of it.
TREATY_SUMMARY = (
    "status",
    "signed",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_effective",
)

# Other readings of a fact (docs/schema.md, "Sources that disagree"): each is a table of some of
# the fact's own keys with the values another source gives, and that source. The fact's own
# values stay the ones counted; the readings are kept beside them.
READINGS = "readings"
READING_META = ("sources", "source", "url", "note")
# Keys that name a fact rather than state it: a reading cannot give another value for them.
IDENTITY_KEYS = ("resolution", "meeting", "number", "id", "code")

CODE_RE = re.compile(r"^[A-Z]{2}\Z")
RESOLUTION_RE = re.compile(r"^\d{1,3}/\d{1,3}[A-Z]{0,2}\Z")
MEETING_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}\Z")
_SYMBOL_RE = re.compile(r"^(?:A/RES/)?(\d{1,3})\s*/\s*(\d{1,3})\s*([A-Za-z]{0,2})$", re.IGNORECASE)
MARKER_RE = re.compile(r"\[(\d+)\]")


def resolution_number(text: str) -> str | None:
    """``65/48`` from ``65/48``, ``A/RES/65/48`` or ``51/45 s``; None if the text is no symbol."""
    m = _SYMBOL_RE.match(text.strip())
    return f"{m.group(1)}/{m.group(2)}{m.group(3).upper()}" if m else None


class Problem:
    """One thing wrong with a record: where (a dotted path) and what.

    A plain class rather than a NamedTuple or dataclass: those cost a few milliseconds to define,
    and every run defines it."""

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path, self.message = path, message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and (self.path, self.message) == (
            other.path,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.message))

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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


def readings(fact: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The other readings a fact carries (none for an undisputed fact)."""
    found = fact.get(READINGS)
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def reading_values(reading: Mapping[str, Any]) -> dict[str, Any]:
    """What a reading says: its values, without the sources and note that back them."""
    return {k: v for k, v in reading.items() if k not in READING_META}


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
