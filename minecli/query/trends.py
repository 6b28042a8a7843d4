"""How votes move: the states whose vote on the resolutions changed from one to the next, and
which way. Pure functions over profiles (or their briefs) and the resolutions."""

from __future__ import annotations

import itertools
from typing import Any

from minecli.model import resolution_order
from minecli.query.votes import vote_on

CHANGE_COLUMNS = ("code", "name", "from_resolution", "to_resolution", "was", "now", "direction")
# How close each vote is to support for the treaty; absence is no position either way.
SUPPORT = {"yes": 2, "abstain": 1, "absent": 1, "no": 0}


def direction(was: str, now: str) -> str:
    """ "towards" support (towards yes), "away" from it, or "sideways" (abstain and absent)."""
    change = SUPPORT[now] - SUPPORT[was]
    return "towards" if change > 0 else "away" if change < 0 else "sideways"


def pairs(
    resolutions: dict[str, Any], start: str | None = None, end: str | None = None
) -> list[tuple[str, str]]:
    """The pairs of resolutions to compare: ``start`` and ``end`` when given, else every pair
    of consecutive resolutions in time."""
    if start and end:
        return [(start, end)]
    order = resolution_order(resolutions)
    return list(itertools.pairwise(order))


def changes(
    profiles: list[dict[str, Any]], compared: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """A row for each state whose vote differs between the two resolutions of a pair (both
    recorded), in the pairs' order and then by code."""
    rows = []
    for before, after in compared:
        for p in sorted(profiles, key=lambda p: p["code"]):
            a, b = vote_on(p, before), vote_on(p, after)
            if a and b and a["vote"] != b["vote"]:
                rows.append(
                    {
                        "code": p["code"],
                        "name": p.get("name"),
                        "from_resolution": before,
                        "to_resolution": after,
                        "was": a["vote"],
                        "now": b["vote"],
                        "direction": direction(a["vote"], b["vote"]),
                    }
                )
    return rows
