"""Bringing a profile read from a Monitor text (minecli.importers.monitor) into a profile the
store already holds: add what is new, keep the rest, never overwrite a value silently.

A footnote that is the same document as a source the profile has (the same footnote text as
`report` writes it, or the same title and date) takes that source's id, and the markers of the
narrative follow. A fact the profile lacks is added citing what its sentence cited (or the
edition); a fact whose value differs keeps the profile's value and gets the imported one as
another reading, with its sources, so that both are shown side by side. Only sources something
new cites are added. Nothing here reads or writes a file.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from minecli import prose
from minecli.query.report import footnote_text

Record = dict[str, Any]
SINGLE = ("production", "transfer", "stockpile")
KEYED = {"votes": "resolution", "meetings": "meeting"}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def same_document(source: Record, footnote: str, imported: Record) -> bool:
    """Whether an imported footnote (its text, and the source read from it) is ``source``."""
    if _norm(footnote) == _norm(footnote_text(source)):
        return True
    if imported.get("date") != source.get("date"):
        return False
    if _norm(imported.get("title", "")) == _norm(source.get("title", "")):
        return True
    # the same letter or interview of the same day, worded a little differently by each edition
    a, b = (
        set(_norm(imported.get("title", "")).split()),
        set(_norm(source.get("title", "")).split()),
    )
    day = isinstance(source.get("date"), dt.date)
    return day and imported.get("kind") == source.get("kind") and len(a & b) >= 0.7 * len(a | b)


def source_map(profile: Record, parsed: Any) -> dict[int, int | None]:
    """Imported source id -> the id of the same document in ``profile`` (None: new)."""
    texts = {f.source["id"]: f.text for f in parsed.footnotes}
    mapping: dict[int, int | None] = {}
    for source in parsed.record.get("sources", []):
        text = texts.get(source["id"], footnote_text(source))
        match = next(
            (s["id"] for s in profile.get("sources", []) if same_document(s, text, source)), None
        )
        mapping[source["id"]] = match
    return mapping


def merge(profile: Record, parsed: Any) -> list[str]:
    """Merge the imported record into ``profile`` in place; what was added, a line each."""
    mapping = source_map(profile, parsed)
    imported = {s["id"]: s for s in parsed.record.get("sources", [])}
    next_id = (
        max(
            [s["id"] for s in profile.get("sources", [])] + [profile.get("last_source_id", 0)],
            default=0,
        )
        + 1
    )
    added: list[str] = []
    used: set[int] = set()

    def ids(old: list[int]) -> list[int]:
        nonlocal next_id
        out = []
        for i in old:
            if i not in imported:  # a marker with no footnote: left as written
                out.append(i)
                continue
            if mapping.get(i) is None:
                mapping[i] = next_id
                next_id += 1
                used.add(i)
            out.append(mapping[i])  # type: ignore[arg-type]
        return out

    def cited(fact: Record) -> Record:
        fact = copy.deepcopy(fact)
        if "sources" in fact:
            fact["sources"] = ids(fact["sources"])
        return fact

    record = parsed.record
    for key in ("treaty", *SINGLE):
        if key in record:
            _one(profile, key, record[key], cited, added)
    for name, fact in record.get("ccw", {}).items():
        _one(profile.setdefault("ccw", {}), name, fact, cited, added, f"ccw.{name}")
    for part, key in KEYED.items():
        have = {e.get(key): e for e in profile.get(part, [])}
        for entry in record.get(part, []):
            if entry[key] not in have:
                profile.setdefault(part, []).append(cited(entry))
                added.append(f"{part}.{entry[key]}")
            else:
                _reading(have[entry[key]], entry, cited, added, f"{part}.{entry[key]}")
    known_use = {(u.get("year"), u.get("where")) for u in profile.get("use", [])}
    for event in record.get("use", []):
        if (event.get("year"), event.get("where")) not in known_use:
            profile.setdefault("use", []).append(cited(event))
            added.append(f"use {event.get('year')} {event['where']}")
    for section in record.get("sections", []):
        _section(profile, section, ids, added)
    for old in sorted(used):
        profile.setdefault("sources", []).append({**imported[old], "id": mapping[old]})
    if used:
        profile["last_source_id"] = max(profile.get("last_source_id", 0), next_id - 1)
        added.append(f"{len(used)} source(s)")
    return added


def _value(fact: Record) -> Record:
    return {k: v for k, v in fact.items() if k not in ("sources", "note", "readings", "doubt")}


def _one(
    holder: Record, key: str, fact: Record, cited: Any, added: list[str], path: str | None = None
) -> None:
    if key not in holder:
        holder[key] = cited(fact)
        added.append(path or key)
    else:
        _reading(holder[key], fact, cited, added, path or key)


def _reading(have: Record, fact: Record, cited: Any, added: list[str], path: str) -> None:
    """A value the imported text gives differently: kept beside the profile's, as a reading."""
    new = _value(fact)
    differs = {k: v for k, v in new.items() if k in have and have[k] != v}
    extra = [k for k in new if k not in have]
    for k in extra:  # what the profile does not say yet is added, citing what says it
        have[k] = new[k]
        added.append(f"{path}.{k}")
    if extra:
        more = cited({"sources": fact.get("sources", [])})["sources"]
        have["sources"] = list(dict.fromkeys([*have.get("sources", []), *more]))
    if not differs:
        return
    reading = cited({**differs, "sources": fact.get("sources", [])})
    known = [_value(r) for r in have.get("readings", [])]
    if _value(reading) not in known:
        have.setdefault("readings", []).append(reading)
        added.append(
            f"{path}: another reading ({', '.join(f'{k} {v}' for k, v in differs.items())})"
        )


def _section(profile: Record, section: Record, ids: Any, added: list[str]) -> None:
    """A section's new paragraphs, their markers as the profile numbers its sources."""

    def renumbered(text: str) -> str:
        return prose.MARKER_RE.sub(lambda m: f"[{ids([int(m.group(1))])[0]}]", text)

    paragraphs = [p for p in section["text"].split("\n\n") if p.strip()]
    sections = profile.setdefault("sections", [])
    same = next((s for s in sections if _norm(s["title"]) == _norm(section["title"])), None)
    have = {_norm(prose.MARKER_RE.sub("", p)) for s in sections for p in s["text"].split("\n\n")}
    new = [p for p in paragraphs if _norm(prose.MARKER_RE.sub("", p)) not in have]
    if not new:
        return
    text = "\n\n".join(renumbered(p.strip()) for p in new)
    if same is None:
        sections.append({"title": section["title"], "text": text + "\n"})
    else:
        same["text"] = same["text"].rstrip("\n") + "\n\n" + text + "\n"
    added.append(f"section {section['title']}: {len(new)} paragraph(s)")


def renumbered(record: Record, after: int) -> Record:
    """The imported record with its sources numbered from ``after`` + 1 (their citations and
    markers too), so that replacing a profile reuses none of its source ids."""
    mapping = {s["id"]: after + n for n, s in enumerate(record.get("sources", []), start=1)}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if (
                    key == "sources"
                    and isinstance(value, list)
                    and all(isinstance(i, int) for i in value)
                ):
                    out[key] = [mapping.get(i, i) for i in value]
                elif key == "text" and isinstance(value, str):
                    out[key] = prose.MARKER_RE.sub(
                        lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", value
                    )
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    out = walk(record)
    out["sources"] = [{**s, "id": mapping[s["id"]]} for s in record.get("sources", [])]
    if mapping:
        out["last_source_id"] = max(mapping.values())
    return out


def as_parsed(record: Record) -> Any:
    """A whole profile (a JSON export's) in the shape merge() takes: its sources matched to the
    store's by title and date, as footnotes are."""
    from minecli.importers.monitor import Parsed

    return Parsed(copy.deepcopy(record), [])
