"""Writing TOML in one canonical layout, so that a one-field edit is a one-line diff.

Scalars and arrays of scalars come first, on one line each (``sources`` lists one id a line);
then each sub-table as
``[name]``; then arrays of tables, always as ``[[name]]`` blocks (never inline, whatever their
length, so adding one entry only adds lines). Text with line breaks is a multi-line string,
with ``\\r`` and other control characters escaped so that every character survives.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+\Z")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


# Lists under these keys are written one item per line, so that citing one more source adds a
# line rather than changing one.
ONE_PER_LINE = frozenset({"sources"})


def dumps(doc: Mapping[str, Any]) -> str:
    """A mapping as TOML text."""
    return "".join(_table(doc, "", header=None))


def _scalar_line(key: str, value: Any) -> str:
    if key in ONE_PER_LINE and isinstance(value, list) and value:
        items = "".join(f"    {value_text(v)},\n" for v in value)
        return f"{key_text(key)} = [\n{items}]\n"
    return f"{key_text(key)} = {value_text(value)}\n"


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _table(table: Mapping[str, Any], path: str, header: str | None) -> Iterator[str]:
    scalars = [
        (k, v) for k, v in table.items() if not isinstance(v, Mapping) and not _is_table_array(v)
    ]
    nested = [(k, v) for k, v in table.items() if isinstance(v, Mapping) or _is_table_array(v)]
    wrote = False
    # An array-of-tables entry always needs its header; a table only when it has keys of its
    # own or nothing else would make it exist.
    if header is not None and (header.startswith("[[") or scalars or not nested):
        yield header + "\n"
        wrote = True
    for key, value in scalars:
        yield _scalar_line(key, value)
        wrote = True
    for key, value in nested:
        name = f"{path}.{key_text(key)}" if path else key_text(key)
        items = [value] if isinstance(value, Mapping) else value
        for item in items:
            if wrote:
                yield "\n"
            wrote = True
            head = f"[{name}]" if isinstance(value, Mapping) else f"[[{name}]]"
            yield from _table(item, name, head)


def key_text(key: str) -> str:
    """A key, bare when TOML allows it, quoted otherwise."""
    return key if _BARE_KEY.match(key) else _quoted(key)


def _quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _multiline(text: str) -> str:
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"' and (text.startswith('""', i + 1) or i == n - 1):
            out.append('\\"')  # never three quotes in a row, never one before the closing ones
        elif ch in "\n\t":
            out.append(ch)
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
        i += 1
    # The line break after the opening quotes is not part of the text.
    return '"""\n' + "".join(out) + '"""'


def value_text(value: Any) -> str:
    """A value as TOML: strings, numbers, booleans, dates and times, arrays, inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _multiline(value) if "\n" in value else _quoted(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key_text(k)} = {value_text(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write a {type(value).__name__} to TOML")
