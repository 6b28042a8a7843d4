"""Pure questions over records: roll calls, voting records, lists, timelines, citations, search.

Nothing here reads files or prints. Each function takes profiles (dicts), resolutions and meetings
as the store gives them, and returns rows: dicts with the same keys in every output format.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from minecli.model import CCW_INSTRUMENTS, CCW_LABELS, MARKER_RE, VOTES, date_key

Profile = dict[str, Any]
Resolutions = dict[str, dict[str, Any]]
Meetings = dict[str, dict[str, Any]]

ROLL_CALL_COLUMNS = ("resolution", "code", "name", "vote", "note")
RECORD_COLUMNS = ("code", "resolution", "session", "date", "vote", "note", "sources")
RESOLUTION_COLUMNS = (
    "resolution",
    "session",
    "date",
    "yes",
    "no",
    "abstain",
    "absent",
    "announced_yes",
    "announced_no",
    "announced_abstain",
    "recorded",
    "title",
)
LIST_COLUMNS = (
    "code",
    "name",
    "status",
    "signed",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_effective",
    "ccw",
    "latest_resolution",
    "latest_vote",
)
TIMELINE_COLUMNS = ("code", "date", "kind", "event", "sources")
SOURCE_COLUMNS = ("code", "id", "title", "author", "date", "kind", "url", "note", "cited_by")
SEARCH_COLUMNS = ("code", "name", "field", "snippet")

CONSENT_VERBS = {
    "ratification": "Ratified",
    "accession": "Acceded to",
    "succession": "Succeeded to",
}


# --- votes --------------------------------------------------------------------------------------


def vote_on(profile: Profile, resolution: str) -> dict[str, Any] | None:
    """A profile's vote entry on one resolution, if any."""
    for entry in profile.get("votes", []):
        if entry.get("resolution") == resolution:
            return entry
    return None


def roll_call(resolution: str, profiles: Iterable[Profile], vote: str | None = None) -> list[dict]:
    """Every state's vote on a resolution, by name; ``vote`` keeps only that answer."""
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
                "note": entry.get("note"),
            }
        )
    return sorted(rows, key=lambda r: r["name"].casefold())


def count_votes(profiles: Iterable[Profile], resolution: str) -> dict[str, int]:
    """yes / no / abstain / absent counted from the store's profiles."""
    counts = Counter(e["vote"] for p in profiles if (e := vote_on(p, resolution)))
    return {v: counts.get(v, 0) for v in VOTES}


def resolution_order(resolutions: Resolutions) -> list[str]:
    """Resolution numbers by adoption date (undated ones by session)."""
    return sorted(
        resolutions,
        key=lambda n: (resolutions[n].get("session", 0), date_key(resolutions[n].get("date"))),
    )


def resolution_rank(resolutions: Resolutions) -> dict[str, int]:
    """Resolution number -> its place in time, for sorting votes."""
    return {n: i for i, n in enumerate(resolution_order(resolutions))}


def voting_record(
    profile: Profile, resolutions: Resolutions, rank: dict[str, int] | None = None
) -> list[dict]:
    """A state's votes across the resolutions, oldest first."""
    order = rank if rank is not None else resolution_rank(resolutions)
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


def resolution_rows(resolutions: Resolutions) -> list[dict]:
    """One row per resolution: session, date, the tally of its roll call, the announced one."""
    rows = []
    for number in resolution_order(resolutions):
        res = resolutions[number]
        tally = res.get("tally") or {}
        announced = res.get("announced", {})
        rows.append(
            {
                "resolution": number,
                "session": res.get("session"),
                "date": res.get("date"),
                "yes": tally.get("yes"),
                "no": tally.get("no"),
                "abstain": tally.get("abstain"),
                "absent": tally.get("absent"),
                "announced_yes": announced.get("yes"),
                "announced_no": announced.get("no"),
                "announced_abstain": announced.get("abstain"),
                "recorded": res.get("recorded", True),
                "title": res.get("title"),
            }
        )
    return rows


# --- states -------------------------------------------------------------------------------------


def ccw_party(profile: Profile, instrument: str = "convention") -> bool | str | None:
    """Whether the state is party to the CCW (or one protocol): True, False, "unknown" or None."""
    entry = profile.get("ccw", {}).get(instrument)
    return entry.get("party") if isinstance(entry, dict) else None


def summary_row(
    profile: Profile, resolutions: Resolutions, rank: dict[str, int] | None = None
) -> dict:
    """The one-line view of a state used by `list` and the CSV form of `show`."""
    treaty = profile.get("treaty", {})
    latest = latest_vote(profile, resolutions, rank)
    return {
        "code": profile["code"],
        "name": profile["name"],
        "status": treaty.get("status"),
        "signed": treaty.get("signed"),
        "consent": treaty.get("consent"),
        "consent_type": treaty.get("consent_type"),
        "entry_into_force": treaty.get("entry_into_force"),
        "withdrawal_effective": treaty.get("withdrawal_effective"),
        "ccw": ccw_party(profile),
        "latest_resolution": latest["resolution"] if latest else None,
        "latest_vote": latest["vote"] if latest else None,
    }


def state_rows(
    profiles: Iterable[Profile],
    resolutions: Resolutions,
    *,
    status: Sequence[str] = (),
    votes: Sequence[tuple[str, str]] = (),
    ccw: bool | None = None,
) -> list[dict]:
    """Summary rows of the states that pass every filter, by code."""
    rank = resolution_rank(resolutions)
    rows = []
    for p in profiles:
        if status and p.get("treaty", {}).get("status") not in status:
            continue
        if any((vote_on(p, res) or {}).get("vote") != v for res, v in votes):
            continue
        if ccw is not None and ccw_party(p) is not ccw:  # "unknown" passes neither filter
            continue
        rows.append(summary_row(p, resolutions, rank))
    return sorted(rows, key=lambda r: r["code"])


# --- timeline -----------------------------------------------------------------------------------


def timeline(profile: Profile, resolutions: Resolutions, meetings: Meetings) -> list[dict]:
    """Dated events in order: treaty actions, CCW, votes, meetings, use, dated sources."""
    code = profile["code"]
    events: list[dict] = []

    def add(date: Any, kind: str, event: str, sources: list[int] | None = None) -> None:
        if date is not None:
            events.append(
                {"code": code, "date": date, "kind": kind, "event": event, "sources": sources or []}
            )

    treaty = profile.get("treaty", {})
    cites = treaty.get("sources", [])
    add(treaty.get("signed"), "treaty", "Signed the Mine Ban Treaty", cites)
    verb = CONSENT_VERBS.get(treaty.get("consent_type", ""), "Consented to be bound by")
    add(treaty.get("consent"), "treaty", f"{verb} the Mine Ban Treaty", cites)
    add(treaty.get("entry_into_force"), "treaty", "Mine Ban Treaty entered into force", cites)
    add(treaty.get("withdrawal_notified"), "treaty", "Notified withdrawal from the treaty", cites)
    add(treaty.get("withdrawal_effective"), "treaty", "Withdrawal took effect", cites)
    for instrument in CCW_INSTRUMENTS:
        entry = profile.get("ccw", {}).get(instrument) or {}
        if entry.get("party") is True:
            label = CCW_LABELS[instrument]
            add(entry.get("since"), "ccw", f"Joined: {label}", entry.get("sources"))
    for row in voting_record(profile, resolutions):
        text = (
            f"Absent from the vote on resolution {row['resolution']}"
            if row["vote"] == "absent"
            else f"Voted {row['vote']} on resolution {row['resolution']}"
        )
        add(row["date"], "vote", text, row["sources"])
    for entry in profile.get("meetings", []):
        meeting = meetings.get(entry["meeting"], {})
        name = meeting.get("name", entry["meeting"])
        if entry.get("attended"):
            role = f" as {entry['as'].replace('_', ' ')}" if entry.get("as") else ""
            text = f"Attended {name}{role}"
        else:
            text = f"Did not attend {name}"
        add(meeting.get("start"), "meeting", text, entry.get("sources"))
    for entry in profile.get("use", []):
        when = entry.get("date", entry.get("year"))
        add(
            str(when) if isinstance(when, int) else when,
            "use",
            f"Used antipersonnel mines: {entry['where']}",
            entry.get("sources"),
        )
    for source in profile.get("sources", []):
        if source.get("date") is not None:
            add(source["date"], "source", f"[{source['id']}] {source['title']}", [source["id"]])
    return sorted(events, key=lambda e: date_key(e["date"]))


# --- citations ----------------------------------------------------------------------------------


def fact_paths(profile: Profile) -> dict[int, list[str]]:
    """For each source id, the fact paths that cite it (``votes.65/48``, ``sections.1``...)."""
    cited: dict[int, list[str]] = {}

    def note(ids: Any, path: str) -> None:
        for i in ids if isinstance(ids, list) else []:
            if isinstance(i, int) and path not in cited.setdefault(i, []):
                cited[i].append(path)

    for key in ("un_membership", "treaty", "production", "transfer", "stockpile"):
        note(profile.get(key, {}).get("sources"), key)
    for instrument, entry in profile.get("ccw", {}).items():
        if isinstance(entry, dict):
            note(entry.get("sources"), f"ccw.{instrument}")
    for entry in profile.get("votes", []):
        note(entry.get("sources"), f"votes.{entry.get('resolution')}")
    for entry in profile.get("meetings", []):
        note(entry.get("sources"), f"meetings.{entry.get('meeting')}")
    for i, entry in enumerate(profile.get("use", []), start=1):
        note(entry.get("sources"), f"use.{i}")
    for i, section in enumerate(profile.get("sections", []), start=1):
        note([int(n) for n in MARKER_RE.findall(section.get("text", ""))], f"sections.{i}")
    return cited


def citations(profile: Profile) -> list[dict]:
    """The numbered source list, in id order, with where each source is cited."""
    cited = fact_paths(profile)
    rows = []
    for source in sorted(profile.get("sources", []), key=lambda s: s["id"]):
        rows.append(
            {
                "code": profile["code"],
                "id": source["id"],
                "title": source.get("title"),
                "author": source.get("author"),
                "date": source.get("date"),
                "kind": source.get("kind"),
                "url": source.get("url"),
                "note": source.get("note"),
                "cited_by": cited.get(source["id"], []),
            }
        )
    return rows


# --- search -------------------------------------------------------------------------------------


def text_fields(profile: Profile) -> Iterable[tuple[str, str]]:
    """(fact path, text) for every piece of text in a profile."""
    keyed = {"votes": "resolution", "meetings": "meeting", "sources": "id"}

    def walk(node: Any, path: str) -> Iterable[tuple[str, str]]:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            top = path.split(".")[0]
            for i, v in enumerate(node, start=1):
                label = (
                    v.get(keyed[top]) if top in keyed and isinstance(v, dict) and path == top else i
                )
                yield from walk(v, f"{path}.{label}")
        elif isinstance(node, str):
            yield path, node
        elif isinstance(node, dt.date):
            yield path, node.isoformat()

    return walk(profile, "")


def snippet(text: str, start: int, length: int, width: int = 36) -> str:
    """The match with some context either side, on one line."""
    lo, hi = max(0, start - width), min(len(text), start + length + width)
    piece = " ".join(text[lo:hi].split())
    return f"{'…' if lo else ''}{piece}{'…' if hi < len(text) else ''}"


def search(needle: str, profiles: Iterable[Profile]) -> list[dict]:
    """Where ``needle`` occurs (case-insensitive): state, fact path, snippet."""
    wanted = needle.casefold()
    rows = []
    for p in profiles:
        for path, text in text_fields(p):
            at = text.casefold().find(wanted)
            if at >= 0:
                rows.append(
                    {
                        "code": p["code"],
                        "name": p["name"],
                        "field": path,
                        "snippet": snippet(text, at, len(needle)),
                    }
                )
    return rows
