"""Records as TOML text in one canonical layout (reading goes through minecli.files).

The canonical layout puts known keys in schema order and unknown keys after them in the order
they came, so writing the same record twice gives the same bytes and a one-field edit is a
one-hunk diff.
"""

from __future__ import annotations

from typing import Any

from minecli.schema import PROFILE, PROFILE_PARTS, Spec


def _ordered(table: dict[str, Any], spec: Spec) -> dict[str, Any]:
    known = {k: table[k] for k in spec if k in table}
    known.update((k, v) for k, v in table.items() if k not in spec)
    return known


def canonical_profile(doc: dict[str, Any]) -> dict[str, Any]:
    """The profile with its keys in canonical order; values and unknown keys untouched."""
    out = {k: doc[k] for k in PROFILE if k in doc}
    out.update((k, v) for k, v in doc.items() if k not in PROFILE and k not in PROFILE_PARTS)
    for key, (kind, spec) in PROFILE_PARTS.items():
        if key not in doc:
            continue
        value = doc[key]
        if kind == "table" and isinstance(value, dict):
            value = _ordered(value, spec)
        elif kind == "tables" and isinstance(value, list):
            value = [_ordered(v, spec) if isinstance(v, dict) else v for v in value]
        elif kind == "ccw" and isinstance(value, dict):
            value = {k: _ordered(v, spec) if isinstance(v, dict) else v for k, v in value.items()}
        out[key] = value
    return out


def dumps(doc: dict[str, Any]) -> str:
    """Serialise a record to TOML in the canonical layout (minecli.tomlout)."""
    from minecli.tomlout import dumps as write  # only writers pay for it

    return write(doc)


def dump_profile(doc: dict[str, Any]) -> str:
    """A profile as canonical TOML text."""
    return dumps(canonical_profile(doc))
