"""TOML in and out: parse a file with clear errors, and write records in one canonical layout.

The canonical layout puts known keys in schema order and unknown keys after them in the order
they came, so writing the same record twice gives the same bytes and a one-field edit is a
one-hunk diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from minecli.errors import InvalidData
from minecli.model import PROFILE, PROFILE_PARTS, Spec


def parse(text: str, where: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes InvalidData naming the file, line and column."""
    import tomllib  # runs served from the index never need it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidData(f"{where}: invalid TOML: {exc}") from None


def read(path: Path, where: str | None = None) -> dict[str, Any]:
    """Read and parse one TOML file as UTF-8."""
    label = where or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidData(f"{label}: file not found") from None
    except UnicodeDecodeError as exc:
        raise InvalidData(f"{label}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InvalidData(f"{label}: cannot read: {exc.strerror}") from None
    return parse(text, label)


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
