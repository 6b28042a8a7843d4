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


PATTERN_COLUMNS = ("code", "name", "pattern", "since", "first", "last", "votes")
PATTERNS = ("always_yes", "always_abstain", "moved_to_yes", "moved_from_yes")


def record(
    profile: dict[str, Any], order: list[str], years: dict[str, int]
) -> list[tuple[int, str]]:
    """(year, vote) of a state's recorded votes, in time order."""
    held = {v["resolution"]: v["vote"] for v in profile.get("votes", [])}
    return [(years.get(n, 0), held[n]) for n in order if n in held]


def pattern(votes: list[tuple[int, str]]) -> tuple[str, int] | None:
    """The group a voting record falls in and the year it rests from: always yes or always
    abstaining (from the first vote), or moved to yes or away from it (the year of the move)."""
    if not votes:
        return None
    kinds = {v for _, v in votes}
    if kinds == {"yes"}:
        return "always_yes", votes[0][0]
    if kinds == {"abstain"}:
        return "always_abstain", votes[0][0]
    last_yes = votes[-1][1] == "yes"
    n = len(votes)
    while n > 0 and (votes[n - 1][1] == "yes") == last_yes:
        n -= 1
    if n == 0:
        return None  # never yes, and not always abstaining: no published group
    moved = votes[n][0]
    if last_yes:
        return "moved_to_yes", moved
    return ("moved_from_yes", moved) if any(v == "yes" for _, v in votes[:n]) else None


def patterns(profiles: list[dict[str, Any]], resolutions: dict[str, Any]) -> list[dict[str, Any]]:
    """A row per state that falls in one of the PATTERNS, with the span of its record."""
    order = resolution_order(resolutions)
    years = {n: r["date"].year for n, r in resolutions.items() if hasattr(r.get("date"), "year")}
    rows = []
    for p in sorted(profiles, key=lambda p: p["code"]):
        votes = record(p, order, years)
        found = pattern(votes)
        if found:
            rows.append(
                {
                    "code": p["code"],
                    "name": p.get("name"),
                    "pattern": found[0],
                    "since": found[1],
                    "first": votes[0][0],
                    "last": votes[-1][0],
                    "votes": len(votes),
                }
            )
    return sorted(rows, key=lambda r: (PATTERNS.index(r["pattern"]), r["since"], r["code"]))


AGREE_COLUMNS = ("code", "name", "other", "agreement", "common")


def agreement(a: dict[str, Any], b: dict[str, Any]) -> tuple[float | None, int]:
    """The share of identical votes on the resolutions both states voted on (absence is no
    vote), and how many that is."""
    va = {v["resolution"]: v["vote"] for v in a.get("votes", []) if v["vote"] != "absent"}
    vb = {v["resolution"]: v["vote"] for v in b.get("votes", []) if v["vote"] != "absent"}
    common = sorted(set(va) & set(vb))
    if not common:
        return None, 0
    return sum(va[n] == vb[n] for n in common) / len(common), len(common)
