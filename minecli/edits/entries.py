"""Entries of a profile's lists (votes, meetings, use) and whole new profiles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minecli.edits.sources import cite
from minecli.errors import Conflict
from minecli.model import SCHEMA_VERSION
from minecli.paths import fact_at

Profile = dict[str, Any]


def _in_order(entries: list[dict[str, Any]], key: str, order: Sequence[str]) -> None:
    """Sort entries by the place of their key in ``order``; unknown keys keep their place at the end."""
    rank = {n: i for i, n in enumerate(order)}
    entries.sort(key=lambda e: rank.get(e.get(key), len(rank)))  # type: ignore[arg-type]


def set_vote(profile: Profile, resolution: str, vote: str, source_id: int | None) -> str:
    """Record a vote, new or changed, citing ``source_id``; returns "added", "changed" or
    "unchanged". A changed vote's old citations go (they backed the old vote); a note is kept."""
    votes = profile.setdefault("votes", [])
    for entry in votes:
        if entry.get("resolution") == resolution:
            before = entry.get("vote")
            entry["vote"] = vote
            if source_id is not None:
                if before != vote:
                    entry.pop("sources", None)
                cite(entry, source_id)
            return "unchanged" if before == vote else "changed"
    entry = {"resolution": resolution, "vote": vote}
    if source_id is not None:
        entry["sources"] = [source_id]
    votes.append(entry)
    return "added"


def order_votes(profile: Profile, order: Sequence[str]) -> None:
    """Sort a profile's votes by resolution order."""
    if "votes" in profile:
        _in_order(profile["votes"], "resolution", order)


def add_vote(
    profile: Profile, resolution: str, vote: str, source_id: int | None, order: Sequence[str]
) -> None:
    """A vote on a resolution the profile has none for (Conflict if it has one)."""
    held = next((v for v in profile.get("votes", []) if v.get("resolution") == resolution), None)
    if held is not None:
        code = profile["code"]
        raise Conflict(
            f"{code} already has a vote on {resolution} ({held['vote']}); "
            f"change it with: minecli set {code} votes.{resolution} {vote}"
        )
    set_vote(profile, resolution, vote, source_id)
    order_votes(profile, order)


def add_meeting(
    profile: Profile,
    meeting: str,
    *,
    attended: bool,
    role: str | None,
    source_id: int | None,
    order: Sequence[str],
) -> None:
    """Whether the state attended a meeting, and as what (Conflict if the profile has an entry)."""
    if any(m.get("meeting") == meeting for m in profile.get("meetings", [])):
        code = profile["code"]
        raise Conflict(
            f"{code} already has an entry for {meeting}; "
            f"remove it first with: minecli rm-meeting {code} {meeting}"
        )
    entry: dict[str, Any] = {"meeting": meeting, "attended": attended}
    if role:
        entry["as"] = role
    if source_id is not None:
        entry["sources"] = [source_id]
    profile.setdefault("meetings", []).append(entry)
    _in_order(profile["meetings"], "meeting", order)


def add_use(profile: Profile, event: dict[str, Any], source_id: int | None) -> int:
    """A report of use; returns its number (``use.N``)."""
    entry = dict(event)
    if source_id is not None:
        entry["sources"] = [source_id]
    profile.setdefault("use", []).append(entry)
    return len(profile["use"])


def remove_entry(profile: Profile, part: str, label: str) -> None:
    """Remove the entry a path names (votes.65/48, meetings.10MSP, use.2)."""
    target = fact_at(profile, f"{part}.{label}")
    profile[part] = [e for e in profile[part] if e is not target]
    if not profile[part]:
        del profile[part]


def new_profile(
    code: str, name: str, *, official_name: str | None = None, status: str | None = "not_party"
) -> Profile:
    """A profile for a state the store does not have yet (with no treaty record when ``status``
    is None, for an importer to fill in)."""
    profile: Profile = {"schema": SCHEMA_VERSION, "code": code, "name": name}
    if official_name:
        profile["official_name"] = official_name
    if status is not None:
        profile["treaty"] = {"status": status}
    return profile
