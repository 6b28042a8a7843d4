"""Fact paths: the names of the facts in a profile, and everything that reads or builds them.

A fact path names one fact table: ``treaty``, ``un_membership``, ``ccw.protocol_v``,
``votes.65/48``, ``meetings.10MSP``, ``production``, ``transfer``, ``stockpile``, ``use.2``. A
field path adds a key: ``treaty.signed``, ``ccw.protocol_v.since``, ``votes.65/48.note`` (and a
few shorthands: ``ccw.protocol_v`` and ``votes.65/48`` name the party and the vote). Text paths
(for search) name any string of a profile, e.g. ``sections.1.text`` or ``sources.3.title``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from minecli.errors import MinecliError, NotFound, UsageError
from minecli.model import CCW_INSTRUMENTS, MARKER_RE, readings, resolution_number
from minecli.schema import PROFILE, PROFILE_PARTS, SOURCE_IDS, TEXTS, Check, Spec

Profile = dict[str, Any]

# Entries of these lists are named by a key of their own; those of the others by 1-based index.
KEYED = {"votes": "resolution", "meetings": "meeting", "sources": "id"}
# The single fact tables, and the lists whose entries are facts.
TABLE_FACTS = ("un_membership", "treaty", "production", "transfer", "stockpile")
LIST_FACTS = ("votes", "meetings", "use")
EXAMPLES = "e.g. treaty, ccw.protocol_v, votes.65/48, meetings.10MSP, use.1, production, stockpile"


def entry_label(part: str, entry: Any, position: int) -> str:
    """How an entry of a list part is named in a path: its key (65/48, 10MSP, 3) or position."""
    if part in KEYED and isinstance(entry, dict):
        return str(entry.get(KEYED[part]))
    return str(position)


def iter_facts(profile: Profile) -> Iterator[tuple[str, dict[str, Any]]]:
    """(fact path, fact table) for every fact of a profile, in schema order."""
    for key in PROFILE_PARTS:
        value = profile.get(key)
        if key in TABLE_FACTS and isinstance(value, dict):
            yield key, value
        elif key == "ccw" and isinstance(value, dict):
            for instrument in CCW_INSTRUMENTS:
                if isinstance(value.get(instrument), dict):
                    yield f"ccw.{instrument}", value[instrument]
        elif key in LIST_FACTS and isinstance(value, list):
            for i, entry in enumerate(value, start=1):
                if isinstance(entry, dict):
                    yield f"{key}.{entry_label(key, entry, i)}", entry


def cited_by(profile: Profile) -> dict[int, list[str]]:
    """For each source id, the paths that cite it: facts by their ``sources``, the other readings
    of a fact (``votes.53/77N.readings.1``) by theirs, narrative sections (``sections.1``) by
    their ``[n]`` markers."""
    cited: dict[int, list[str]] = {}

    def note(ids: Any, path: str) -> None:
        for i in ids if isinstance(ids, list) else []:
            if isinstance(i, int) and path not in cited.setdefault(i, []):
                cited[i].append(path)

    for path, fact in iter_facts(profile):
        note(fact.get("sources"), path)
        for i, reading in enumerate(readings(fact), start=1):
            note(reading.get("sources"), f"{path}.readings.{i}")
    sections = profile.get("sections")
    for i, section in enumerate(sections if isinstance(sections, list) else [], start=1):
        text = section.get("text", "") if isinstance(section, dict) else ""
        note(
            [int(n) for n in MARKER_RE.findall(text if isinstance(text, str) else "")],
            f"sections.{i}",
        )
    return cited


def text_fields(profile: Profile) -> Iterator[tuple[str, str]]:
    """(text path, text) for every piece of text in a profile; dates as ISO text."""

    def walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            top = path.split(".")[0]
            for i, v in enumerate(node, start=1):
                label = entry_label(top, v, i) if path == top else str(i)
                yield from walk(v, f"{path}.{label}")
        elif isinstance(node, str):
            yield path, node
        elif isinstance(node, dt.date):
            yield path, node.isoformat()

    return walk(profile, "")


def _entry(items: Any, part: str, label: str) -> dict[str, Any]:
    """The entry of a list part named by its key (votes.65/48) or 1-based index (use.2)."""
    if not isinstance(items, list):
        raise NotFound(f"the profile has no {part}")
    if part in KEYED:
        if part == "votes":
            label = resolution_number(label) or label  # A/RES/65/48 names 65/48
        for i, entry in enumerate(items, start=1):
            if entry_label(part, entry, i) == label:
                return entry  # type: ignore[no-any-return]
        raise NotFound(f"no {part} entry {label!r} in this profile")
    if label.isdigit() and 1 <= int(label) <= len(items):
        return items[int(label) - 1]  # type: ignore[no-any-return]
    raise NotFound(
        f"no {part}.{label}: the profile has {len(items)} {part} entries (1-{len(items)})"
    )


def fact_at(profile: Profile, path: str) -> dict[str, Any]:
    """The fact table a fact path names; NotFound when the profile has none there."""
    top, _, rest = path.partition(".")
    if top not in PROFILE_PARTS or top in ("sections", "sources"):
        raise NotFound(f"{path!r} is not a fact path ({EXAMPLES})")
    kind, _ = PROFILE_PARTS[top]
    value = profile.get(top)
    if kind == "tables":
        if not rest:
            raise NotFound(
                f"name one entry of {top}, e.g. {top}.{'65/48' if top == 'votes' else '1'}"
            )
        return _entry(value, top, rest)
    if kind == "ccw":
        if rest not in CCW_INSTRUMENTS or not isinstance(value, dict) or rest not in value:
            raise NotFound(f"no {path} in this profile")
        return value[rest]  # type: ignore[no-any-return]
    if rest or not isinstance(value, dict):
        raise NotFound(f"no {path} in this profile")
    return value


def _split_field(path: str) -> tuple[str, str, Spec]:
    """A field path as (the fact path holding it, its key, the spec of that table)."""
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


def fact_of_field(path: str) -> str | None:
    """The fact a field path belongs to (``treaty.signed`` -> ``treaty``, ``votes.65/48`` ->
    itself), or None for a field of the profile itself (``name``)."""
    container = _split_field(path)[0]
    return container or None


def field_check(path: str) -> Check | None:
    """The validator of a field path (its ``choices`` are the values of a closed set), or None
    when the path names no field."""
    try:
        _, key, spec = _split_field(path)
    except MinecliError:
        return None
    return spec[key][0] if key in spec else None


def field_at(profile: Profile, path: str) -> tuple[dict[str, Any], str, Check]:
    """Where a scalar field path lives: (the table holding it, its key, its validator). A single
    table (treaty, stockpile, ccw.protocol_v...) is created when it is missing; list entries
    must exist."""
    container, key, spec = _split_field(path)
    if key not in spec:
        fields = ", ".join(k for k, (check, _) in spec.items() if check is not SOURCE_IDS)
        raise NotFound(f"unknown field {path!r}; the fields here are: {fields}")
    check = spec[key][0]
    if check is SOURCE_IDS or check is TEXTS:
        raise UsageError(f"{path} is a list; use --cites on add-source, or edit the profile")
    if not container:
        return profile, key, check
    top, _, instrument = container.partition(".")
    if PROFILE_PARTS[top][0] == "table":
        return profile.setdefault(top, {}), key, check
    if top == "ccw" and instrument in CCW_INSTRUMENTS:  # one table per instrument, like treaty
        return profile.setdefault("ccw", {}).setdefault(instrument, {}), key, check
    return fact_at(profile, container), key, check
