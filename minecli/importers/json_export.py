"""An export of `minecli export --format json` (the whole store) or `--format jsonl` (a profile
a line) read back into records: JSON has no dates, so each ISO date text in a field the schema
dates becomes a date again (a partial date, "2004-05", stays text, as in the TOML)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from minecli import schema
from minecli.errors import InvalidData
from minecli.model import READINGS

FULL = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
DATED = (schema._is_date, schema._is_partial_date)


@dataclass
class Export:
    profiles: list[dict[str, Any]]
    resolutions: list[dict[str, Any]] | None  # None: the file holds profiles only (JSON Lines)
    meetings: list[dict[str, Any]] | None


def revive(table: Any, spec: schema.Spec) -> Any:
    """A table of JSON values with the dates its spec names made dates."""
    if not isinstance(table, dict):
        return table
    out = {}
    for key, value in table.items():
        check = spec.get(key, (None,))[0]
        if key == READINGS and isinstance(value, list):
            value = [revive(r, spec) for r in value]
        elif check in DATED and isinstance(value, str) and FULL.match(value):
            with contextlib.suppress(ValueError):  # else left as it is: validation names it
                value = dt.date.fromisoformat(value)
        out[key] = value
    return out


def profile(record: Any) -> Any:
    """A profile of an export with its dates revived, part by part."""
    if not isinstance(record, dict):
        return record
    out = revive(record, schema.PROFILE)
    for key, (kind, spec) in schema.PROFILE_PARTS.items():
        value = out.get(key)
        if kind == "table":
            out[key] = revive(value, spec) if key in out else value
        elif kind == "tables" and isinstance(value, list):
            out[key] = [revive(v, spec) for v in value]
        elif kind == "ccw" and isinstance(value, dict):
            out[key] = {k: revive(v, spec) for k, v in value.items()}
    return {k: v for k, v in out.items() if k in record}


def read(text: str, where: str) -> Export:
    """The records of a JSON or JSON Lines export; InvalidData names the line that is not."""
    stripped = text.lstrip()
    if not stripped:
        raise InvalidData("the file is empty", file=where)
    if stripped.startswith("{") and "\n{" not in stripped.rstrip():
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidData(
                f"not JSON: {exc.msg}", file=where, line=exc.lineno, column=exc.colno
            ) from None
        if isinstance(whole, dict) and "profiles" in whole:
            if not isinstance(whole["profiles"], list):
                raise InvalidData('"profiles" is not a list', file=where)
            resolutions = [revive(r, schema.RESOLUTION) for r in whole.get("resolutions", [])]
            for r in resolutions:
                if isinstance(r.get("tally"), dict):
                    r["tally"] = dict(r["tally"])
            meetings = [revive(m, schema.MEETING_RECORD) for m in whole.get("meetings", [])]
            return Export([profile(p) for p in whole["profiles"]], resolutions, meetings)
        return Export([profile(whole)], None, None)  # one profile, as `show --format json`
    profiles = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidData(f"not a JSON line: {exc.msg}", file=where, line=number) from None
        if not isinstance(value, dict):
            raise InvalidData(
                "not a profile (a JSON object) nor an export", file=where, line=number
            )
        profiles.append(profile(value))
    return Export(profiles, None, None)
