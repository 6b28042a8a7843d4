"""Pure changes to records: add a source, set a vote, count a roll call. No I/O here.

The write commands and the importers call these inside a writer transaction, so each change is
validated and written (or shown as a diff) in one place.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from typing import Any

from minecli.errors import InvalidData, NotFound, UsageError
from minecli.model import (
    CCW_INSTRUMENTS,
    PROFILE,
    PROFILE_PARTS,
    SOURCE_IDS,
    TEXTS,
    VOTES,
    Check,
    Spec,
    parse_date_value,
    resolution_number,
)

Profile = dict[str, Any]


def next_source_id(profile: Profile) -> int:
    """The next free source id: one more than the highest, so ids are never reused."""
    ids = [s["id"] for s in profile.get("sources", []) if isinstance(s.get("id"), int)]
    return max(ids, default=0) + 1


def find_source(profile: Profile, *, title: str, url: str | None = None) -> int | None:
    """The id of a source with this title and URL (sources that share a URL, such as one
    dataset's pages for two resolutions, stay apart)."""
    for source in profile.get("sources", []):
        if source.get("title") == title and source.get("url") == (url or None):
            return int(source["id"])
    return None


def add_source(profile: Profile, fields: dict[str, Any]) -> int:
    """Append a source with the next free id; returns the id."""
    new_id = next_source_id(profile)
    entry = {"id": new_id, **{k: v for k, v in fields.items() if v not in (None, "")}}
    profile.setdefault("sources", []).append(entry)
    return new_id


def ensure_source(profile: Profile, fields: dict[str, Any]) -> int:
    """The id of a matching source, added if the profile does not have it yet."""
    found = find_source(profile, title=fields["title"], url=fields.get("url"))
    return found if found is not None else add_source(profile, fields)


def cite(fact: dict[str, Any], source_id: int) -> None:
    """Add a source id to a fact's ``sources`` list, once."""
    ids = fact.setdefault("sources", [])
    if source_id not in ids:
        ids.append(source_id)


def set_vote(profile: Profile, resolution: str, vote: str, source_id: int | None) -> str:
    """Record a vote; returns "added", "changed" or "unchanged". A person's note is kept."""
    votes = profile.setdefault("votes", [])
    for entry in votes:
        if entry.get("resolution") == resolution:
            before = entry.get("vote")
            entry["vote"] = vote
            if source_id is not None:
                cite(entry, source_id)
            return "unchanged" if before == vote else "changed"
    entry = {"resolution": resolution, "vote": vote}
    if source_id is not None:
        entry["sources"] = [source_id]
    votes.append(entry)
    return "added"


def order_votes(profile: Profile, order: list[str]) -> None:
    """Sort a profile's votes by resolution order; unknown numbers keep their place at the end."""
    rank = {n: i for i, n in enumerate(order)}
    if "votes" in profile:
        profile["votes"].sort(key=lambda v: rank.get(v.get("resolution"), len(rank)))


def tally(votes: dict[str, str]) -> dict[str, int]:
    """yes / no / abstain / absent counts of a roll call."""
    counts = Counter(votes.values())
    return {v: counts.get(v, 0) for v in VOTES}


# --- fact paths ---------------------------------------------------------------------------------

KEYED = {"votes": "resolution", "meetings": "meeting", "sources": "id"}
INDEXED = ("use", "sections")


def _item(items: Any, top: str, label: str) -> dict[str, Any]:
    """The entry of a list part named by its key (votes.65/48) or 1-based index (use.2)."""
    if not isinstance(items, list):
        raise NotFound(f"the profile has no {top}")
    if top in KEYED:
        if top == "votes":
            label = resolution_number(label) or label  # A/RES/65/48 names 65/48
        for entry in items:
            if str(entry.get(KEYED[top])) == label:
                return entry
        raise NotFound(f"no {top} entry {label!r} in this profile")
    if label.isdigit() and 1 <= int(label) <= len(items):
        return items[int(label) - 1]
    raise NotFound(f"no {top}.{label}: the profile has {len(items)} {top} entries (1-{len(items)})")


def fact_at(profile: Profile, path: str) -> dict[str, Any]:
    """The fact table a path names: treaty, ccw.protocol_v, votes.65/48, use.2, stockpile..."""
    top, _, rest = path.partition(".")
    if top not in PROFILE_PARTS or top in ("sections", "sources"):
        raise NotFound(
            f"{path!r} is not a fact path (e.g. treaty, ccw.protocol_v, votes.65/48, "
            "meetings.10MSP, use.1, production, stockpile)"
        )
    kind, _ = PROFILE_PARTS[top]
    value = profile.get(top)
    if kind == "tables":
        if not rest:
            raise NotFound(
                f"name one entry of {top}, e.g. {top}.{'65/48' if top == 'votes' else '1'}"
            )
        return _item(value, top, rest)
    if kind == "ccw":
        if rest not in CCW_INSTRUMENTS or not isinstance(value, dict) or rest not in value:
            raise NotFound(f"no {path} in this profile")
        return value[rest]
    if rest or not isinstance(value, dict):
        raise NotFound(f"no {path} in this profile")
    return value


def _field_spec(path: str) -> tuple[str, str, Spec]:
    """Split a scalar path into (container path, key, spec of the container)."""
    parts = path.split(".")
    top = parts[0]
    if len(parts) == 1:
        return "", top, PROFILE
    kind, spec = PROFILE_PARTS.get(top, ("", {}))
    if not kind:
        raise NotFound(f"unknown field {path!r}")
    if kind == "table":
        return top, ".".join(parts[1:]), spec
    if kind == "ccw":
        if len(parts) == 2:  # ccw.protocol_v true: shorthand for its party
            return path, "party", spec
        return ".".join(parts[:2]), ".".join(parts[2:]), spec
    container = ".".join(parts[:2])
    key = ".".join(parts[2:])
    if not key and top == "votes":
        return container, "vote", spec  # votes.65/48 abstain: shorthand for its vote
    return container, key, spec


def scalar_target(profile: Profile, path: str) -> tuple[dict[str, Any], str, Check]:
    """Where a scalar path lives: (the table holding it, its key, its validator)."""
    container, key, spec = _field_spec(path)
    if key not in spec:
        fields = ", ".join(k for k, (check, _) in spec.items() if check is not SOURCE_IDS)
        raise NotFound(f"unknown field {path!r}; the fields here are: {fields}")
    check = spec[key][0]
    if check is SOURCE_IDS or check is TEXTS:
        raise UsageError(f"{path} is a list; use --cites on add-source, or edit the profile")
    if not container:
        return profile, key, check
    top = container.split(".")[0]
    if PROFILE_PARTS[top][0] == "table":
        return profile.setdefault(top, {}), key, check
    return fact_at(profile, container), key, check


def typed_value(text: str, check: Check, path: str) -> Any:
    """Turn command-line text into the value the schema wants: boolean, number, date or text."""
    candidates: list[Any] = []
    low = text.strip().lower()
    if low in ("true", "false"):
        candidates.append(low == "true")
    if text.strip().lstrip("-").isdigit():
        candidates.append(int(text))
    with contextlib.suppress(ValueError):
        candidates.append(parse_date_value(text))
    candidates.append(text)
    for value in candidates:
        if check(value) is None:
            return value
    raise InvalidData(f"{path}: {check(text)}, got {text!r}")


def find_source_id(profile: Profile, source_id: int) -> dict[str, Any] | None:
    """The source with this id, if the profile has it."""
    return next((s for s in profile.get("sources", []) if s.get("id") == source_id), None)
