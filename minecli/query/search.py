"""Search: where a piece of text occurs in profiles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from minecli.paths import text_fields
from minecli.query.votes import Profile

SEARCH_COLUMNS = ("code", "name", "field", "snippet")


def snippet(text: str, start: int, length: int, width: int = 36) -> str:
    """The match with some context either side, on one line."""
    lo, hi = max(0, start - width), min(len(text), start + length + width)
    piece = " ".join(text[lo:hi].split())
    return f"{'…' if lo else ''}{piece}{'…' if hi < len(text) else ''}"


def search(needle: str, profiles: Iterable[Profile]) -> list[dict]:
    """Where ``needle`` occurs (case-insensitive): state, text path, snippet."""
    return matches(
        needle,
        ((p["code"], p["name"], path, text) for p in profiles for path, text in text_fields(p)),
    )


def matches(needle: str, texts: Iterable[tuple[str, str, str, str]]) -> list[dict]:
    """The rows of `search` from (code, name, field path, text) of the fields to look in: those
    that hold ``needle`` (case-insensitive), in the order given."""
    return list(iter_matches(needle, texts))


def iter_matches(needle: str, texts: Iterable[tuple[str, str, str, str]]) -> Iterator[dict]:
    """matches(), one row at a time, as the texts come."""
    wanted = needle.casefold()
    for code, name, path, text in texts:
        at = text.casefold().find(wanted)
        if at >= 0:
            yield {
                "code": code,
                "name": name,
                "field": path,
                "snippet": snippet(text, at, len(needle)),
            }
