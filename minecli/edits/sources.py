"""Sources: numbering, adding, finding and citing them."""

from __future__ import annotations

from typing import Any

from minecli.errors import NotFound

Profile = dict[str, Any]


def next_source_id(profile: Profile) -> int:
    """The next free source id: one more than the highest, so ids are never reused."""
    ids = [s["id"] for s in profile.get("sources", []) if isinstance(s.get("id"), int)]
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
