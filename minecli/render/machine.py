"""Machine formats: JSON, JSON Lines, CSV, TSV and bare ids, with stable keys and ISO dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
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


CHUNK = 1 << 16  # characters gathered before a write: few system calls, yet a prompt stream


def write(
    out: TextIO,
    rows: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    *,
    headers: bool = True,
) -> None:
    """Write rows as json, jsonl, csv or tsv (the last two with a header row unless not
    ``headers``), as they come: rows from a generator are never all held at once."""
    if fmt == "csv":
        lines = _csv_lines(rows, columns, headers)
    elif fmt == "json":
        lines = _json_elements(rows)
    elif fmt == "jsonl":
        lines = (dumps_json(row, pretty=False) + "\n" for row in rows)
    elif fmt == "tsv":
        lines = ("\t".join(_tsv_cell(row.get(c)) for c in columns) + "\n" for row in rows)
        if headers:
            out.write("\t".join(columns) + "\n")
    else:  # pragma: no cover - Format is an Enum; this guards a new member without a writer
        raise ValueError(f"no writer for format {fmt!r}")
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size > CHUNK:
            out.write("".join(chunk))
            chunk, size = [], 0
    out.write("".join(chunk))


def _csv_lines(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], headers: bool
) -> Iterable[str]:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module leaves a field holding a bare carriage return unquoted, which a reader
    # takes for the end of the line: such a row is written with every field quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    if headers:
        writer.writerow(columns)
    for row in rows:
        cells = [cell(row.get(c)) for c in columns]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
        if buffer.tell() > CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_elements(rows: Iterable[dict[str, Any]]) -> Iterable[str]:
    """The text json.dumps(list(rows), indent=2) gives, an element at a time."""
    import json

    nested = json.JSONEncoder(ensure_ascii=False, indent=2).encode
    flat = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder, for one value
    lead = "["
    for row in rows:
        value = jsonable(row)
        if value and all(
            isinstance(k, str) and not isinstance(v, (dict, list)) for k, v in value.items()
        ):
            items = ",\n    ".join(f"{flat(k)}: {flat(v)}" for k, v in value.items())
            element = "{\n    " + items + "\n  }"
        else:  # JSON text holds no raw newline: each of its lines moves in by two
            element = nested(value).replace("\n", "\n  ")
        yield f"{lead}\n  {element}"
        lead = ","
    yield "[]\n" if lead == "[" else "\n]\n"


def write_ids(out: TextIO, rows: Iterable[dict[str, Any]], key: str) -> None:
    """One id per line, for `while read` loops and `minecli ... -`."""
    for row in rows:
        out.write(cell(row.get(key)) + "\n")


def write_record(out: TextIO, record: dict[str, Any], fmt: str) -> None:
    """A whole record (a profile) as JSON or one JSON line."""
    out.write(dumps_json(record, pretty=(fmt == "json")) + "\n")
