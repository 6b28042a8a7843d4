"""Merging facts built from reference data into records a person may also have written.

The reference data owns some keys of a record; everything else a person put there stays: their
notes, sources, entries and keys minecli does not know. Source ids, once given, never change.
The maintainer's rebuild of the bundled store (tools/build.py) uses these, and so can any
import that brings whole records. Nothing here reads or writes a file: each function takes
records and returns the merged ones.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

Record = dict[str, Any]
SOURCE_KEYS = ("title", "author", "date", "kind", "url", "note", "ref")
# The keys of a meeting entry that the reference data writes; any other key is a person's.
MEETING_KEYS = frozenset({"meeting", "attended", "as"})


def union(*lists: Iterable[int]) -> list[int]:
    """Every id of the lists, once each, in the order first met."""
    out: list[int] = []
    for ids in lists:
        out.extend(i for i in ids if i not in out)
    return out


def merge_sources(profile: Record, wanted: Iterable[Record]) -> dict[str, int]:
    """Put reference sources into ``profile["sources"]`` in place; returns each ``ref`` -> id.

    A wanted source (it has a ``ref`` key) replaces the fields of the profile's source with the
    same ``ref`` (a field it lacks is removed) and keeps that source's id; a new one gets the
    next id after the highest. Sources without a ``ref`` (a person's) are left alone, and a
    referenced source no longer wanted stays too, so that nothing citing it breaks.
    """
    sources: list[Record] = profile.setdefault("sources", [])
    by_ref = {s["ref"]: s for s in sources if "ref" in s}
    next_id = max((s["id"] for s in sources), default=0) + 1
    ids = {}
    for entry in wanted:
        have = by_ref.get(entry["ref"])
        if have is None:
            have = {"id": next_id}
            next_id += 1
            sources.append(have)
        for key in SOURCE_KEYS:
            if key in entry:
                have[key] = entry[key]
            elif key in have and key != "ref":
                del have[key]
        ids[entry["ref"]] = have["id"]
    return ids


def keep_extra(prior: Record, built: Record, owned_keys: Collection[str]) -> Record:
    """``built``, plus every key of ``prior`` outside ``owned_keys``; a new record.

    Keys the reference data does not own are a person's, so their values win over a built
    value of the same key. ``sources`` is never owned: the result cites the built sources first,
    then the ones ``prior`` adds.
    """
    out = dict(built)
    out.update((k, v) for k, v in prior.items() if k not in owned_keys and k != "sources")
    if "sources" in built or "sources" in prior:
        out["sources"] = union(built.get("sources", []), prior.get("sources", []))
    return out


def _ranked(entries: list[Record], key: str, order: Sequence[str]) -> list[Record]:
    rank = {n: i for i, n in enumerate(order)}
    return sorted(entries, key=lambda e: rank.get(e[key], len(rank)))


def merge_readings(prior: Any, built: Any, generated: Collection[int]) -> list[Record]:
    """A fact's other readings: the built ones, then the prior ones a person wrote (those citing
    a source outside ``generated``) that no built reading repeats."""
    out = [r for r in built or [] if isinstance(r, dict)]
    for reading in prior if isinstance(prior, list) else []:
        cites = set(reading.get("sources", [])) if isinstance(reading, dict) else set()
        if reading not in out and not (cites and cites <= set(generated)):
            out.append(reading)
    return out


def merge_votes(
    old: Iterable[Record],
    built: Iterable[Record],
    owned: Collection[str],
    order: Sequence[str],
    generated: Collection[int] = (),
) -> list[Record]:
    """A profile's votes: the built ones, with what a person added to each, then the person's
    votes on resolutions outside ``owned``, sorted by the place of their resolution in ``order``
    (unknown ones last, in their order).

    A built vote replaces the old vote on its resolution, but keeps the old one's extra keys,
    its sources (after the built ones) and its note where the built vote has none. An old vote
    on an owned resolution that was not built is dropped: the reference data says there is none.
    Its other readings are merged (merge_readings): ``generated`` are the ids of the sources the
    reference data makes.
    """
    old = list(old)
    previous = {v["resolution"]: v for v in old}
    merged = []
    for entry in built:
        prior = previous.get(entry["resolution"], {})
        vote = keep_extra(prior, entry, ("resolution", "vote", "note", "readings"))
        if "note" in prior and "note" not in entry:
            vote["note"] = prior["note"]
        readings = merge_readings(prior.get("readings"), entry.get("readings"), generated)
        if readings:
            vote["readings"] = readings
        merged.append(vote)
    merged.extend(v for v in old if v["resolution"] not in owned)
    return _ranked(merged, "resolution", order)


def merge_meetings(
    old: Iterable[Record], built: Iterable[Record], generated: Collection[int], order: Sequence[str]
) -> list[Record]:
    """A profile's meetings: the person's, and the built ones (``meeting``, ``attended``, ``as``
    and ``sources``) with what a person added to each, sorted by the place of their meeting in
    ``order`` (unknown ones last, in their order).

    ``generated`` are the ids of the sources the reference data makes for its meeting entries.
    An old entry that cites only those and holds no key of a person's was made by an earlier
    build; it is dropped when no built entry is for its meeting any more. A built entry takes
    the old entry's extra keys and its sources other than generated ones.
    """
    built = list(built)
    listed = {m["meeting"] for m in built}
    kept = []
    for m in old:
        cites = set(m.get("sources", []))
        built_only = cites and cites <= set(generated) and set(m) <= MEETING_KEYS | {"sources"}
        if built_only and m["meeting"] not in listed:
            continue  # a build made this entry and its reference row is gone
        kept.append(m)
    for entry in built:
        prior = next((m for m in kept if m["meeting"] == entry["meeting"]), {})
        kept = [m for m in kept if m is not prior]
        own = [i for i in prior.get("sources", []) if i not in generated]
        kept.append(keep_extra({**prior, "sources": own}, entry, MEETING_KEYS))
    return _ranked(kept, "meeting", order)


def merge_records(
    old: Iterable[Record],
    built: Iterable[Record],
    key: str,
    *,
    fill: bool = True,
    owned: Collection[str] = (),
) -> list[Record]:
    """The built records of a store-wide list (resolutions, meetings), then the old records
    whose ``key`` no built record has (a person's). With ``fill``, a built record also takes
    each key of its old counterpart that it lacks, except the ``owned`` keys, which only the
    build writes. Order is left to the caller."""
    old = list(old)
    previous = {r[key]: r for r in old}
    out = []
    for record in built:
        merged = dict(record)
        if fill:
            merged.update(
                (k, v)
                for k, v in previous.get(record[key], {}).items()
                if k not in merged and k not in owned
            )
        out.append(merged)
    have = {r[key] for r in out}
    out.extend(r for r in old if r[key] not in have)
    return out
