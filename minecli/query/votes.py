"""Votes: roll calls, voting records, tallies, and naming a resolution."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from minecli.errors import NotFound
from minecli.model import (
    readings,
    resolution_number,
    resolution_order,
    tally,
    tally_text,
    tally_words,
)
from minecli.query.disputes import dispute_text, other_readings, reading_text, source_titles

Profile = dict[str, Any]
Resolutions = Mapping[str, Mapping[str, Any]]

# ``disputed`` holds a vote's other readings (minecli.query.disputes), empty when none.
ROLL_CALL_COLUMNS = ("resolution", "code", "name", "vote", "disputed", "note", "region", "un_group")
RECORD_COLUMNS = ("code", "resolution", "session", "date", "vote", "disputed", "note", "sources")
RESOLUTION_COLUMNS = (
    "resolution",
    "session",
    "year",
    "date",
    "yes",
    "no",
    "abstain",
    "absent",
    "announced_yes",
    "announced_no",
    "announced_abstain",
    "recorded",
    "missing",
    "title",
)
# The General Assembly's first session met in 1946; session N's regular part opens in 1945 + N.
FIRST_SESSION_YEAR = 1945
MISSING_TITLE = "(missing: no resolution of this session is in the store)"


def session_year(session: Any) -> int | None:
    """The year a session's resolutions on the treaty are adopted: 1945 + its number."""
    return FIRST_SESSION_YEAR + session if isinstance(session, int) else None


def missing_sessions(resolutions: Resolutions) -> list[int]:
    """Sessions between the store's first and last that have no resolution in it at all."""
    sessions = {r.get("session") for r in resolutions.values() if isinstance(r.get("session"), int)}
    if not sessions:
        return []
    return [s for s in range(min(sessions), max(sessions) + 1) if s not in sessions]


def known_resolution(resolutions: Resolutions, text: str) -> str:
    """The number of a resolution the store knows, from ``65/48``, ``A/RES/65/48`` or
    ``51/45 s``; NotFound with close matches otherwise."""
    number = resolution_number(text) or text.strip()
    if number in resolutions:
        return number
    close = difflib.get_close_matches(number, list(resolutions), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise NotFound(f"unknown resolution {text!r}{hint} (see: minecli resolutions)")


def vote_on(profile: Profile, resolution: str) -> dict[str, Any] | None:
    """A profile's vote entry on one resolution, if any."""
    for entry in profile.get("votes", []):
        if entry.get("resolution") == resolution:
            return entry  # type: ignore[no-any-return]
    return None


def roll_call(resolution: str, profiles: Iterable[Profile], vote: str | None = None) -> list[dict]:
    """Every state's vote on a resolution, by name, with its region; ``vote`` keeps only that
    answer."""
    from minecli.regions import of

    rows = []
    for p in profiles:
        entry = vote_on(p, resolution)
        if entry is None or (vote is not None and entry["vote"] != vote):
            continue
        rows.append(
            {
                "resolution": resolution,
                "code": p["code"],
                "name": p["name"],
                "vote": entry["vote"],
                # a brief (minecli.cache) keeps each reading with its sources' titles
                "disputed": other_readings(entry, source_titles(p)) if "readings" in entry else [],
                "note": entry.get("note"),
                "region": of(p["code"])["subregion"],
                "un_group": of(p["code"])["un_group"],
            }
        )
    return sorted(rows, key=lambda r: r["name"].casefold())


def count_votes(profiles: Iterable[Profile], resolution: str) -> dict[str, int]:
    """The tally of a resolution counted from profiles."""
    return tally(e["vote"] for p in profiles if (e := vote_on(p, resolution)))


def count_disputed(profiles: Iterable[Profile], resolution: str) -> int:
    """How many of the votes on a resolution carry another reading."""
    return sum(1 for p in profiles if (e := vote_on(p, resolution)) and readings(e))


def resolution_rank(resolutions: Resolutions) -> dict[str, int]:
    """Resolution number -> its place in time, for sorting votes."""
    return {n: i for i, n in enumerate(resolution_order(resolutions))}


def voting_record(
    profile: Profile, resolutions: Resolutions, rank: dict[str, int] | None = None
) -> list[dict]:
    """A state's votes across the resolutions, oldest first."""
    order = rank if rank is not None else resolution_rank(resolutions)
    titles = source_titles(profile)
    rows = []
    for entry in profile.get("votes", []):
        number = entry["resolution"]
        res = resolutions.get(number, {})
        rows.append(
            {
                "code": profile["code"],
                "resolution": number,
                "session": res.get("session"),
                "date": res.get("date"),
                "vote": entry["vote"],
                "disputed": other_readings(entry, titles),
                "note": entry.get("note"),
                "sources": entry.get("sources", []),
            }
        )
    return sorted(rows, key=lambda r: order.get(r["resolution"], len(order)))


def latest_vote(
    profile: Profile, resolutions: Resolutions, rank: dict[str, int] | None = None
) -> dict | None:
    """The vote on the most recent resolution the profile has a vote for."""
    order = rank if rank is not None else resolution_rank(resolutions)
    votes = profile.get("votes") or []
    if not votes:
        return None
    last = max(votes, key=lambda v: order.get(v["resolution"], -1))
    return {"resolution": last["resolution"], "vote": last["vote"]}


def resolution_rows(resolutions: Resolutions, *, gaps: bool = True) -> list[dict]:
    """One row per resolution: session, year, date, the tally of its roll call, the announced
    one. With ``gaps``, a row (``missing`` true, no resolution) for each session of the series
    that the store has no resolution of, so that a hole in the series is seen."""
    rows = []
    for number in resolution_order(resolutions):
        res = resolutions[number]
        counted = res.get("tally") or {}
        announced = res.get("announced", {})
        rows.append(
            {
                "resolution": number,
                "session": res.get("session"),
                "year": session_year(res.get("session")),
                "date": res.get("date"),
                **{k: counted.get(k) for k in ("yes", "no", "abstain", "absent")},
                **{f"announced_{k}": announced.get(k) for k in ("yes", "no", "abstain")},
                "recorded": res.get("recorded", True),
                "missing": False,
                "title": res.get("title"),
            }
        )
    if gaps:
        for session in missing_sessions(resolutions):
            row = dict.fromkeys(RESOLUTION_COLUMNS)
            row.update(session=session, year=session_year(session), recorded=False)
            rows.append({**row, "missing": True, "title": MISSING_TITLE})
        rows.sort(key=lambda r: r["session"] if isinstance(r["session"], int) else -1)
    return rows


def coverage(resolutions: Resolutions) -> dict[str, Any]:
    """What span of the series the store's roll calls cover: how many resolutions have their
    roll call recorded, the first and last year, the resolutions known without one, and the
    years between with no resolution at all."""
    recorded = [n for n in resolution_order(resolutions) if resolutions[n].get("recorded", True)]
    years = [d.year for n in recorded if isinstance(d := resolutions[n].get("date"), dt.date)]
    missing = [n for n in resolution_order(resolutions) if not resolutions[n].get("recorded", True)]
    return {
        "recorded": len(recorded),
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
        "without_roll_call": missing,
        "missing_years": [session_year(s) for s in missing_sessions(resolutions)],
    }


def coverage_text(resolutions: Resolutions) -> str:
    """The coverage in words: "votes recorded for 30 resolutions, 1996-2025; 63/42 without its
    roll call; none at all for 2015"."""
    span = coverage(resolutions)
    if not span["recorded"]:
        return "no roll call recorded in this store"
    text = f"votes recorded for {span['recorded']} resolutions"
    if span["first_year"] is not None:
        text += f", {span['first_year']}-{span['last_year']}"
    if span["without_roll_call"]:
        text += f"; {', '.join(span['without_roll_call'])} without its roll call"
    if span["missing_years"]:
        text += f"; none at all for {', '.join(map(str, span['missing_years']))}"
    return text


def tally_caption(counts: dict[str, int], res: dict[str, Any], disputed: int = 0) -> str:
    """What a roll call's caption says of its tallies: counted here (and how many of the votes
    counted are disputed), stored, announced; and any other reading of the resolution itself."""
    where = "counted in this store"
    if disputed:
        where += f"; {disputed} of these votes disputed: see the Disputed column"
    parts = [f"{tally_words(counts)} ({where})"]
    if res.get("tally"):
        parts.append(f"roll call: {tally_text(res['tally'])}")
    if res.get("announced"):
        parts.append(f"announced by the UN: {tally_text(res['announced'])}")
    found = other_readings(res, {})
    if found:
        parts.append(f"sources disagree: {dispute_text(res, found)}")
    return "; ".join(parts)


def record_caption(rows: list[dict[str, Any]]) -> str | None:
    """Under a voting record: each disputed vote, with the other reading and who gives it."""
    lines = [
        f"{r['code']} {r['resolution']}: {r['vote']} here; or "
        + "; or ".join(reading_text(x) for x in r["disputed"])
        for r in rows
        if r["disputed"]
    ]
    return ("Disputed: " + " | ".join(lines)) if lines else None
