"""Sources: numbering, adding, finding and citing them."""

from __future__ import annotations

from typing import Any

from minecli.errors import Conflict, NotFound

Profile = dict[str, Any]


def next_source_id(profile: Profile) -> int:
    """The next free source id: one more than the highest ever given (a removed source's id
    is remembered in ``last_source_id``), so ids are never reused."""
    ids = [s["id"] for s in profile.get("sources", []) if isinstance(s.get("id"), int)]
    last = profile.get("last_source_id")
    if isinstance(last, int) and not isinstance(last, bool):
        ids.append(last)
    return max(ids, default=0) + 1


def source_by_id(profile: Profile, source_id: int) -> dict[str, Any] | None:
    """The source with this id, if the profile has it."""
    return next((s for s in profile.get("sources", []) if s.get("id") == source_id), None)


def require_source(profile: Profile, source_id: int | None) -> None:
    """NotFound unless the profile has this source (None asks for none)."""
    if source_id is not None and source_by_id(profile, source_id) is None:
        code = profile["code"]
        raise NotFound(f"{code} has no source {source_id} (see: minecli sources {code})")


def matching_source_id(profile: Profile, *, title: str, url: str | None = None) -> int | None:
    """The id of a source with this title and URL (sources that share a URL, such as one
    dataset's pages for two resolutions, stay apart)."""
    for source in profile.get("sources", []):
        if source.get("title") == title and source.get("url") == (url or None):
            return int(source["id"])
    return None


def same_source_id(profile: Profile, fields: dict[str, Any]) -> int | None:
    """The id of a source with the same title, author and date (the same document, most
    likely), or None."""
    wanted = tuple(str(fields.get(k) or "") for k in ("title", "author", "date"))
    for source in profile.get("sources", []):
        if tuple(str(source.get(k) or "") for k in ("title", "author", "date")) == wanted:
            return int(source["id"])
    return None


def add_source(profile: Profile, fields: dict[str, Any]) -> int:
    """Append a source with the next free id; empty fields are left out. Returns the id."""
    new_id = next_source_id(profile)
    entry = {"id": new_id, **{k: v for k, v in fields.items() if v not in (None, "")}}
    profile.setdefault("sources", []).append(entry)
    return new_id


def ensure_source(profile: Profile, fields: dict[str, Any]) -> int:
    """The id of a matching source, added if the profile does not have it yet."""
    found = matching_source_id(profile, title=fields["title"], url=fields.get("url"))
    return found if found is not None else add_source(profile, fields)


def cite(fact: dict[str, Any], source_id: int) -> None:
    """Add a source id to a fact's ``sources`` list, once."""
    ids = fact.setdefault("sources", [])
    if source_id not in ids:
        ids.append(source_id)


def remove_source(profile: Profile, source_id: int, *, force: bool = False) -> dict[str, bool]:
    """Remove a source. Refused (Conflict) while anything cites it, unless ``force``: then the
    citations go too, ``[n]`` markers from narrative sections included. Returns the paths that
    lost a citation, each with True where that removed the whole entry (a reading only this
    source gave is no reading). The id is remembered so it is never given again."""
    from minecli.model import MARKER_RE, READINGS, readings
    from minecli.paths import cited_by, iter_facts

    code = profile["code"]
    if source_by_id(profile, source_id) is None:
        raise NotFound(f"{code} has no source {source_id} (see: minecli sources {code})")
    citing = cited_by(profile).get(source_id, [])
    if citing and not force:
        raise Conflict(
            f"source [{source_id}] of {code} is cited by {', '.join(citing)}; cite another "
            "source there first, or remove the citations too with --force"
        )
    lost = {path: False for path in citing}
    for where, fact in iter_facts(profile):
        for i, reading in enumerate(readings(fact), start=1):
            if reading.get("sources") == [source_id]:
                lost[f"{where}.readings.{i}"] = True
        for table in (fact, *readings(fact)):
            ids = table.get("sources")
            if isinstance(ids, list) and source_id in ids:
                ids.remove(source_id)
                if not ids:
                    del table["sources"]
        if readings(fact):  # a reading no source gives any more is no reading
            kept = [r for r in readings(fact) if r.get("sources")]
            if kept:
                fact[READINGS] = kept
            else:
                del fact[READINGS]
    marker = f"[{source_id}]"
    for section in profile.get("sections", []):
        text = section.get("text") if isinstance(section, dict) else None
        if isinstance(text, str) and marker in text:
            section["text"] = MARKER_RE.sub(
                lambda m: "" if m.group(0) == marker else m.group(0), text
            )
    profile["last_source_id"] = next_source_id(profile) - 1
    profile["sources"] = [s for s in profile["sources"] if s.get("id") != source_id]
    if not profile["sources"]:
        del profile["sources"]
    return lost
