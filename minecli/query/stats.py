"""Counts over time and by status: how many States Parties the treaty had at the end of each
year (from consent or from entry into force, withdrawals subtracted), who joined and who left
each year, and the states by status (overall or per region). Pure functions over profiles."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from minecli.model import TREATY_STATUSES

FIRST_YEAR = 1997  # the treaty was opened for signature on 3 December 1997
BY = {"consent": "consent", "force": "entry_into_force"}
SERIES_COLUMNS = ("year", "states_parties", "joined", "withdrew")


def _day(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def party_on(treaty: dict[str, Any], day: dt.date, by: str = "consent") -> bool:
    """Whether a state was party on ``day``: bound (by consent, or in force) and not yet out."""
    joined = _day(treaty.get(BY[by]))
    left = _day(treaty.get("withdrawal_effective"))
    return joined is not None and joined <= day and (left is None or left > day)


def parties_on(profiles: Iterable[dict[str, Any]], day: dt.date, by: str = "consent") -> int:
    return sum(party_on(p.get("treaty", {}), day, by) for p in profiles)


def series(
    profiles: list[dict[str, Any]], by: str = "consent", until: int | None = None
) -> list[dict[str, Any]]:
    """One row a year from 1997: States Parties at the year's end, and how many joined (by
    ``by``'s date) and withdrew (withdrawal effective) that year."""
    last = until or dt.date.today().year
    treaties = [p.get("treaty", {}) for p in profiles]
    joined = Counter(d.year for t in treaties if (d := _day(t.get(BY[by]))))
    left = Counter(d.year for t in treaties if (d := _day(t.get("withdrawal_effective"))))
    return [
        {
            "year": year,
            "states_parties": sum(party_on(t, dt.date(year, 12, 31), by) for t in treaties),
            "joined": joined.get(year, 0),
            "withdrew": left.get(year, 0),
        }
        for year in range(FIRST_YEAR, last + 1)
    ]


def by_status(profiles: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many states have each treaty status, in the schema's order."""
    counts = Counter(p.get("treaty", {}).get("status") for p in profiles)
    return {status: counts.get(status, 0) for status in TREATY_STATUSES}


def by_region(profiles: Iterable[dict[str, Any]], region_of: Any) -> list[dict[str, Any]]:
    """One row per region (``region_of(code)``): the states of each status, and the total."""
    rows: dict[str, Counter[str]] = {}
    for p in profiles:
        region = region_of(p["code"]) or "(none)"
        rows.setdefault(region, Counter())[p.get("treaty", {}).get("status")] += 1
    return [
        {
            "region": region,
            **{s: counts.get(s, 0) for s in TREATY_STATUSES},
            "total": sum(counts.values()),
        }
        for region, counts in sorted(rows.items())
    ]


def series_by_region(
    profiles: list[dict[str, Any]], region_of: Any, by: str = "consent", until: int | None = None
) -> list[dict[str, Any]]:
    """The series of each region (``region_of(code)``): one row per year, a column per region."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for p in profiles:
        groups.setdefault(region_of(p["code"]) or "(none)", []).append(p)
    per = {name: series(members, by, until) for name, members in sorted(groups.items())}
    years = [r["year"] for r in next(iter(per.values()), [])]
    return [
        {"year": y, **{name: rows[i]["states_parties"] for name, rows in per.items()}}
        for i, y in enumerate(years)
    ]
