"""Machine formats: JSON, JSON Lines, CSV, TSV and bare ids, with stable keys and ISO dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TextIO


def jsonable(value: Any) -> Any:
    """A value JSON can hold: dates become ISO text, everything else is kept as it is."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def cell(value: Any) -> str:
    """One value as flat text for CSV, TSV and tables: lists joined by ';', booleans lower-case,
    another reading of a fact (a table) as its value and the ids of its sources: ``absent [9]``."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return _reading_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(cell(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _reading_cell(reading: dict[str, Any]) -> str:
    shown = [cell(v) for k, v in reading.items() if k not in ("sources", "by", "note", "url")]
    ids = reading.get("sources") or []
    where = f" [{', '.join(str(i) for i in ids)}]" if ids else ""
    if not ids and reading.get("by"):
        where = f" ({'; '.join(reading['by'])})"
    return " ".join(shown) + where


def _tsv_cell(value: Any) -> str:
    # Tabs and line breaks cannot appear raw in TSV; escape them the way linear TSV does.
    text = cell(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def dumps_json(value: Any, *, pretty: bool = True) -> str:
    """JSON text with non-ASCII kept as UTF-8."""
    import json

    if pretty:
        return json.dumps(jsonable(value), ensure_ascii=False, indent=2)
    return json.dumps(jsonable(value), ensure_ascii=False, separators=(",", ":"))


def write(
    out: TextIO,
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    *,
    headers: bool = True,
) -> None:
    """Write rows as json, jsonl, csv or tsv (the last two with a header row unless not
    ``headers``)."""
    if fmt == "json":
        out.write(dumps_json(list(rows)) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(dumps_json(row, pretty=False) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        if headers:
            writer.writerow(columns)
        writer.writerows([cell(row.get(c)) for c in columns] for row in rows)
    elif fmt == "tsv":
        if headers:
            out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(_tsv_cell(row.get(c)) for c in columns) + "\n")
    else:  # pragma: no cover - Format is an Enum; this guards a new member without a writer
        raise ValueError(f"no writer for format {fmt!r}")


def write_ids(out: TextIO, rows: Sequence[dict[str, Any]], key: str) -> None:
    """One id per line, for `while read` loops and `minecli ... -`."""
    for row in rows:
        out.write(cell(row.get(key)) + "\n")


def write_record(out: TextIO, record: dict[str, Any], fmt: str) -> None:
    """A whole record (a profile) as JSON or one JSON line."""
    out.write(dumps_json(record, pretty=(fmt == "json")) + "\n")
