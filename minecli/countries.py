"""ISO 3166 country codes and names, and turning what a user typed into a code.

``UZ``, ``uz``, ``UZB``, ``Uzbekistan`` and ``uzbekistan`` all name the same profile. The ISO table
(minecli/iso3166.csv, from ISO 3166-1) is read only when the input is not already a known code.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from minecli.errors import MinecliError, NotFound, UsageError
from minecli.model import CODE_RE

# Everyday names that neither ISO nor the UN's style uses, mapped to their codes.
ALIASES = {
    "turkey": "TR",
    "ivory coast": "CI",
    "burma": "MM",
    "swaziland": "SZ",
    "macedonia": "MK",
    "south korea": "KR",
    "north korea": "KP",
    "laos": "LA",
    "vatican": "VA",
    "palestine": "PS",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "america": "US",
    "cape verde": "CV",
    "east timor": "TL",
    "micronesia": "FM",
    "brunei": "BN",
    "moldova": "MD",
    "czech republic": "CZ",
    "russia": "RU",
    "syria": "SY",
    "iran": "IR",
    "tanzania": "TZ",
    "vietnam": "VN",
    "bolivia": "BO",
    "venezuela": "VE",
    "drc": "CD",
    "congo-kinshasa": "CD",
    "congo-brazzaville": "CG",
    "the former yugoslav republic of macedonia": "MK",
}


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str
    official_name: str


@cache
def iso_table() -> dict[str, Country]:
    """ISO 3166-1 entries by alpha-2 code."""
    path = Path(__file__).with_name("iso3166.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["alpha2"]: Country(**r) for r in csv.DictReader(handle)}


@cache
def alpha3_index() -> dict[str, str]:
    """alpha-3 -> alpha-2."""
    return {c.alpha3: c.alpha2 for c in iso_table().values()}


def is_assignable(code: str) -> bool:
    """An ISO 3166-1 code, or a user-assigned one (X followed by a letter) such as XK for Kosovo."""
    return bool(CODE_RE.match(code)) and (code in iso_table() or code.startswith("X"))


def squash(text: str) -> str:
    """Compare names without case, accents, punctuation or spaces: 'Viet Nam' == 'vietnam'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def name_index(store_names: Iterable[tuple[str, str]] = ()) -> dict[str, set[str]]:
    """squashed name -> codes, from the ISO table, the aliases and the store's own names."""
    index: dict[str, set[str]] = {}

    def add(name: str, code: str) -> None:
        if name:
            index.setdefault(squash(name), set()).add(code)

    for c in iso_table().values():
        add(c.name, c.alpha2)
        add(c.official_name, c.alpha2)
    for alias, code in ALIASES.items():
        add(alias, code)
    for code, name in store_names:
        add(name, code)
    return index


def exact_code(text: str, index: dict[str, set[str]]) -> str | None:
    """The one code a name stands for exactly (case, accents, spaces and punctuation aside), or
    None: no prefix, no guess. For importers, where a near miss must be an error."""
    codes = index.get(squash(text), set())
    return next(iter(codes)) if len(codes) == 1 else None


def resolve(
    text: str,
    has_profile: Callable[[str], bool],
    store_names: Callable[[], Iterable[tuple[str, str]]],
    display_name: Callable[[str], str] | None = None,
) -> str:
    """The code a user means by ``text``; NotFound with close matches when there is none.

    ``has_profile`` answers for a code cheaply; ``store_names`` (code, name) pairs are asked for
    only when the text is not a code the store holds.
    """
    raw = text.strip()
    upper = raw.upper()
    if CODE_RE.match(upper) and has_profile(upper):
        return upper
    if len(upper) == 3 and upper.isalpha() and upper in alpha3_index():
        code = alpha3_index()[upper]
        if has_profile(code):
            return code
        raise NotFound(f"no profile for {code} ({upper}) in this store")
    pairs = list(store_names())
    names: dict[str, str] = {}
    for code, name in pairs:
        names.setdefault(code, name)
    label = display_name or (lambda c: names.get(c) or _iso_name(c))
    index = name_index(pairs)
    key = squash(raw)
    if key:
        candidates = index.get(key) or {
            code for name, codes in index.items() if name.startswith(key) for code in codes
        }
        held = sorted(c for c in candidates if has_profile(c))
        if len(held) == 1:
            return held[0]
        if len(held) > 1:
            options = ", ".join(f"{label(c)} ({c})" for c in held)
            raise UsageError(f"{text!r} is ambiguous: {options}")
        if candidates and CODE_RE.match(upper) is None:
            code = sorted(candidates)[0]
            raise NotFound(f"no profile for {label(code)} ({code}) in this store")
    if CODE_RE.match(upper) and upper in iso_table():
        raise NotFound(f"no profile for {label(upper)} ({upper}) in this store")
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.75)
    suggestions = sorted({c for n in close for c in index[n] if has_profile(c)}, key=label)
    hint = f"; did you mean {' or '.join(label(c) for c in suggestions)}?" if suggestions else ""
    raise NotFound(f"unknown country {text!r}{hint}")


def _iso_name(code: str) -> str:
    entry = iso_table().get(code)
    return entry.name if entry else code


def resolve_exactly(
    text: str,
    has_profile: Callable[[str], bool],
    store_names: Callable[[], Iterable[tuple[str, str]]],
) -> str:
    """The code of the state ``text`` names exactly, for a command that writes: a code (UZ, uz),
    an alpha-3 code (UZB) or a name of the store's (any case, spaces as typed); never a close
    match, an accent-folded or a look-alike spelling (``ß`` is not SS, ``U\u200bZ`` is not UZ).
    NotFound says what was close, for the person to type it."""
    raw = text.strip(" \t")
    if not raw or not raw.isprintable():
        raise NotFound(
            f"{text!r} holds an invisible or control character; a command that writes needs "
            "the exact code or name of a state"
        )
    if re.fullmatch(r"[A-Za-z]{2}", raw) and has_profile(raw.upper()):
        return raw.upper()
    if re.fullmatch(r"[A-Za-z]{3}", raw) and alpha3_index().get(raw.upper()):
        code = alpha3_index()[raw.upper()]
        if has_profile(code):
            return code
    wanted = " ".join(raw.split()).casefold()
    named = {c for c, name in store_names() if " ".join(name.split()).casefold() == wanted}
    if len(named) == 1:
        return named.pop()
    try:
        near = resolve(text, has_profile, store_names)
    except MinecliError:
        near = None
    hint = f"; did you mean {near}?" if near else ""
    raise NotFound(f"{text!r} is not the exact code or name of a state in this store{hint}")
