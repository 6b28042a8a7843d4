"""What shell completion offers, from a store and the schema (the shell glue is in
minecli/commands/_complete.py): countries by code and name, and the field paths of set/unset
with the values of the closed sets among them."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from minecli.model import CCW_INSTRUMENTS
from minecli.store import Store

# The profile's own keys that set/unset may change (code and schema are the file's identity).
TOP_FIELDS = ("name", "official_name")
PARTS = ("un_membership", "treaty", "ccw", "votes", "meetings", "production", "transfer")
PARTS += ("stockpile", "use")


def countries(store: Store, typed: str, *, slugs: bool) -> list[str]:
    """Country codes, and from two letters on the names that start with what is typed, in its
    case: a name of one word as itself (`uzbek` -> `uzbekistan`); a longer one, for a command
    that reads (``slugs``), with hyphens for spaces (`bosnia-and-herzegovina`), a form the shell
    keeps as one word and that names the state as well as its name does. Shells keep only the
    candidates that start with what is typed, so names are offered without accents."""
    from minecli.countries import squash

    codes = [c for c in store.codes() if c.startswith(typed.upper())]
    key = squash(typed)
    named: dict[str, str] = {}  # code -> the name to offer for it
    for code, name in store.names() if len(key) >= 2 else ():
        if code in named or code in codes or not squash(name).startswith(key):
            continue
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        if name.isalpha():
            named[code] = plain if slugs else name  # a write needs the exact name
        elif slugs and plain:
            named[code] = re.sub(r"[^0-9A-Za-z]+", "-", plain).strip("-")
    lower = typed[:1].islower()
    return [o.lower() if lower else o for o in codes + list(named.values())]


def _settable(spec: dict[str, Any], *skip: str) -> list[str]:
    """The keys of a table that set/unset can name: no lists, no identity key."""
    from minecli.schema import SOURCE_IDS, TEXTS

    lists = (SOURCE_IDS, TEXTS)
    return [k for k, (check, _) in spec.items() if check not in lists and k not in skip]


def field_paths(store: Store, typed: str, country: str | None) -> list[str]:
    """The field paths that continue what is typed, a level at a time: `treaty.` -> its keys,
    `votes.` -> the store's resolution numbers, `ccw.` -> the instruments, `meetings.` -> the
    meeting ids, `use.` -> the numbers of the state's own entries."""
    from minecli.schema import PROFILE_PARTS, READINGS

    top, dot, rest = typed.partition(".")
    if not dot:
        offered = [*TOP_FIELDS, *(f"{p}." for p in PARTS)]
        return [f for f in offered if f.startswith(typed)]
    if top not in PARTS:
        return []
    kind, spec = PROFILE_PARTS[top]
    keys = _settable(spec, READINGS, "resolution", "meeting")
    entry, dot2, _ = rest.partition(".")
    if kind == "table":
        labels = keys
    elif dot2:
        labels = [f"{entry}.{k}" for k in keys]
    else:
        labels = entries(store, top, country)
    return [f"{top}.{label}" for label in labels if f"{top}.{label}".startswith(typed)]


def entries(store: Store, part: str, country: str | None) -> list[str]:
    """How the entries of a part are named: instruments, resolution numbers, meeting ids, or the
    numbers of the state's own reports of use."""
    if part == "ccw":
        return list(CCW_INSTRUMENTS)
    if part == "votes":
        return list(store.resolutions())
    if part == "meetings":
        return list(store.meetings())
    uses = store.read_profile(store.resolve_country(country)).get("use") if country else None
    return [str(i) for i in range(1, len(uses) + 1)] if isinstance(uses, list) else []


def field_values(path: str, typed: str) -> list[str]:
    """The values a field of a closed set takes (treaty.status, votes.65/48, ccw.protocol_v)."""
    from minecli.paths import field_check

    check = field_check(path)
    return [c for c in getattr(check, "choices", ()) if c.startswith(typed)]
