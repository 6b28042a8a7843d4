"""Setting and removing one field of a profile, typed by the schema."""

from __future__ import annotations

import contextlib
from typing import Any

from minecli.dates import parse_date_value
from minecli.errors import InvalidData, NotFound
from minecli.paths import field_at
from minecli.schema import Check

Profile = dict[str, Any]


def typed_value(text: str, check: Check, path: str) -> Any:
    """Command-line text as the value the schema wants: boolean, number, date or text."""
    candidates: list[Any] = []
    low = text.strip().lower()
    if low in ("true", "false"):
        candidates.append(low == "true")
    if text.strip().lstrip("-").isdigit():
        with contextlib.suppress(ValueError):  # "--5" and "²" pass isdigit() but are no number
            candidates.append(int(text))
    with contextlib.suppress(ValueError):
        candidates.append(parse_date_value(text))
    candidates.append(text)
    for value in candidates:
        if check(value) is None:
            return value
    raise InvalidData(f"{path}: {check(text)}, got {text!r}")


def set_field(profile: Profile, path: str, text: str) -> Any:
    """Set a scalar field from text; returns the typed value."""
    table, key, check = field_at(profile, path)
    table[key] = typed_value(text, check, path)
    return table[key]


def unset_field(profile: Profile, path: str) -> None:
    """Remove an optional field (the schema refuses a required one when the profile is written)."""
    table, key, _ = field_at(profile, path)
    if key not in table:
        raise NotFound(f"{profile['code']} has no {path} to remove")
    del table[key]
