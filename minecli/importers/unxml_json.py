"""The UN's machine-readable General Assembly resolutions (UNxml "GAresolutions" extracts): one
JSON object per resolution, or a session's file of them as a JSON array or JSON lines. Each
object gives ``symbol``, ``adoption_date`` (``7 December 2020`` or ``2019-12-12 00:00:00``),
``pv``, ``originating_document``, ``sponsors`` and the three lists ``MS_in_favour``,
``MS_against`` and ``MS_abstaining`` of member names as the UN wrote them that year, with the
counts it printed (``N.A.`` where none was). A member named in no list did not vote: the layout
has no list for it, so the importer records such members as absent (see RollCall.unlisted)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from minecli.errors import InvalidData, UsageError
from minecli.importers import RollCall
from minecli.importers.csvrows import RowErrors
from minecli.model import resolution_number

LISTS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}
COUNTS = {"yes": "MS_in_favour_count", "no": "MS_against_count", "abstain": "MS_abstaining_count"}
MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {name: i for i, name in enumerate(MONTH_NAMES.split(), start=1)}
_WORDS_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\Z")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00)?\Z")


def objects(text: str, label: str) -> list[dict[str, Any]]:
    """The resolution objects of a file: one object, an array of them, or JSON lines."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise InvalidData("not JSON a resolution can be: nested too deeply", file=label) from None
    except json.JSONDecodeError:
        value = None
        out = []
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except RecursionError:
                    raise InvalidData("nested too deeply", file=label, line=i) from None
                except json.JSONDecodeError as exc:
                    raise InvalidData(f"not JSON ({exc.msg})", file=label, line=i) from None
        value = out
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, dict) for x in items):
        raise InvalidData("expected JSON objects of General Assembly resolutions", file=label)
    return items


def adoption_date(text: Any) -> dt.date | None:
    """A date in either of the layout's forms; None if it is neither."""
    clean = " ".join(str(text).split())  # the UN's text uses no-break spaces too
    m = _ISO_DATE.match(clean)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _WORDS_DATE.match(clean)
        if m and m.group(2).lower() in MONTHS:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
    return None


def _printed(item: dict[str, Any]) -> dict[str, int] | None:
    """The counts the source printed; ``N.A.`` (none printed) counts as 0 when others are given."""
    out = {}
    for vote, key in COUNTS.items():
        raw = str(item.get(key, "")).strip()
        if raw.upper() == "N.A.":
            out[vote] = 0
        elif raw.isdigit() and raw.isascii():
            out[vote] = int(raw)
        else:
            return None
    return out


def _choose(items: list[dict[str, Any]], number: str | None, label: str) -> dict[str, Any]:
    numbers = [resolution_number(str(x.get("symbol", ""))) for x in items]
    if number is None:
        if len(items) != 1:
            raise UsageError(
                f"{label} holds {len(items)} resolutions; choose one with --resolution"
            )
        return items[0]
    for item, found in zip(items, numbers, strict=True):
        if found == number:
            return item
    raise InvalidData(f"no resolution {number} in the file", file=label)


def read(text: str, label: str, number: str | None, exact: Callable[[str], str | None]) -> RollCall:
    """Read and check one resolution's roll call; ``exact`` names the code a member name stands
    for exactly, or None."""
    item = _choose(objects(text, label), number, label)
    symbol = resolution_number(str(item.get("symbol", "")))
    if symbol is None:
        raise InvalidData(f"symbol {item.get('symbol')!r} is not a resolution symbol", file=label)
    errors = RowErrors(label)
    votes: dict[str, str] = {}
    for key, vote in LISTS.items():
        names = item.get(key, [])
        if not isinstance(names, list):
            errors.add_at(key, "not a list of names")
            continue
        for i, name in enumerate(names):
            text = str(name).strip()
            code = exact(text)
            if code is None:
                errors.add_at(f"{key}[{i}]", f"{text!r} is no member name minecli knows")
            elif code in votes:
                errors.add_at(f"{key}[{i}]", f"{code} ({text}) is named in two lists or twice")
            else:
                votes[code] = vote
    when = adoption_date(item.get("adoption_date", ""))
    if when is None:
        errors.add_at("adoption_date", f"{item.get('adoption_date')!r} is not a date")
    errors.raise_if_any()
    report = str(item.get("originating_document") or "").split(",")[0].strip() or None
    sponsors = [str(s).strip() for s in item.get("sponsors") or [] if str(s).strip()]
    return RollCall(
        symbol,
        votes,
        layout="unxml-json",
        date=when,
        session=int(symbol.split("/")[0]),
        title=str(item.get("title") or "").strip() or None,
        totals=_printed(item),
        announced=_printed(item),
        described_as="UN machine-readable General Assembly resolutions (UNxml GAresolutions)",
        meeting=str(item.get("pv") or "").strip() or None,
        report=report,
        sponsors=sponsors or None,
        unlisted="absent",
    )
