"""Facts that sources disagree on: a fact with other readings, each named with who gives it.

A fact's own value is the one the store counts; its ``readings`` (docs/schema.md) are the values
other sources give. Nothing here picks one: these functions only say what the readings are and
who says so, for `show`, `votes`, `timeline`, `check` and the JSON of each.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from minecli.model import reading_values, readings
from minecli.paths import iter_facts

Profile = dict[str, Any]


def source_titles(profile: Mapping[str, Any]) -> dict[int, str]:
    """Source id -> its title, for naming who gives a reading."""
    out = {}
    for source in profile.get("sources") or []:
        if isinstance(source, dict) and isinstance(source.get("id"), int):
            out[source["id"]] = str(source.get("title", ""))
    return out


def other_readings(fact: Mapping[str, Any], titles: Mapping[int, str]) -> list[dict[str, Any]]:
    """A fact's other readings as plain rows: the values, the source ids and titles (``by``),
    and the reading's note; an empty list for an undisputed fact.

    In a profile a reading cites numbered sources; in resolutions.toml and meetings.toml it
    names its source in words, which becomes its ``by``."""
    out = []
    for reading in readings(fact):
        ids = [i for i in reading.get("sources") or [] if isinstance(i, int)]
        by = [titles.get(i, f"source [{i}]") for i in ids]
        if not ids and reading.get("source"):
            by = [str(reading["source"])]
        row = {**reading_values(reading), "sources": ids, "by": by}
        if reading.get("note"):
            row["note"] = reading["note"]
        if reading.get("url"):
            row["url"] = reading["url"]
        out.append(row)
    return out


def reading_value(reading: Mapping[str, Any]) -> str:
    """What a reading says, briefly: ``absent`` or ``date 1997-12-09`` (several keys)."""
    values = reading_values({k: v for k, v in reading.items() if k != "by"})
    if len(values) == 1:
        return _text(next(iter(values.values())))
    return ", ".join(f"{k} {_text(v)}" for k, v in values.items())


def reading_text(reading: Mapping[str, Any]) -> str:
    """A reading in words for people: ``absent, per [9] UN Digital Library voting data``."""
    ids = reading.get("sources") or []
    by = reading.get("by") or []
    if ids:
        who = "; ".join(f"[{i}] {title}" for i, title in zip(ids, by, strict=False))
    else:
        who = "; ".join(by)
    return f"{reading_value(reading)}, per {who}" if who else reading_value(reading)


def own_value(fact: Mapping[str, Any], found: list[dict[str, Any]]) -> str:
    """The fact's own value of the keys its readings give, as reading_value writes it."""
    keys = dict.fromkeys(k for r in found for k in reading_values(r) if k != "by")
    return reading_value({k: fact.get(k) for k in keys})


def dispute_text(fact: Mapping[str, Any], found: list[dict[str, Any]]) -> str:
    """One line for a disputed fact: ``yes [6] here; or absent, per [9] ...``."""
    ids = "".join(f"[{i}]" for i in fact.get("sources") or [])
    own = f"{own_value(fact, found)} {ids}".rstrip()
    return f"{own} here; or " + "; or ".join(reading_text(r) for r in found)


def disputed_facts(profile: Profile) -> Iterator[tuple[str, dict[str, Any], list[dict]]]:
    """(fact path, fact, its other readings) for every fact of a profile that has any."""
    titles = source_titles(profile)
    for path, fact in iter_facts(profile):
        found = other_readings(fact, titles)
        if found:
            yield path, fact, found


def _text(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
