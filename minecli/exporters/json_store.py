"""The store as JSON, in the schema's own shape (dates as ISO text), or as JSON Lines: one
profile a line."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from minecli.exporters import Dataset


def _iso(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def _dumps(value: Any, indent: int | None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(value, default=_iso, ensure_ascii=False, indent=indent, separators=separators)


def write_json(out: TextIO, data: Dataset) -> None:
    """One JSON object: schema, resolutions, meetings and profiles; profiles are written one
    at a time as they come."""
    out.write("{\n")
    out.write(f'  "schema": {data.schema},\n')
    out.write(f'  "resolutions": {_indented(data.resolutions)},\n')
    out.write(f'  "meetings": {_indented(data.meetings)},\n')
    out.write('  "profiles": [')
    for i, profile in enumerate(data.profiles):
        out.write(("," if i else "") + "\n    " + _dumps(profile, 2).replace("\n", "\n    "))
    out.write("\n  ]\n}\n")


def _indented(value: Any) -> str:
    return _dumps(value, 2).replace("\n", "\n  ")


def write_jsonl(out: TextIO, data: Dataset) -> None:
    """One profile a line."""
    for profile in data.profiles:
        out.write(_dumps(profile, None) + "\n")
