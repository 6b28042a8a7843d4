"""One output layer for every command: rows or a record in, table / JSON / JSONL / CSV / TSV out.

Commands build plain rows (dicts with the same keys in every format) and hand them here; nothing
else in minecli writes data to stdout. Rich is imported only when a table is drawn on a terminal.
Each command offers the formats that make sense for it (see FORMATS and ROWS_AND_IDS).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from minecli.errors import UsageError
from minecli.query.rows import AS_IT_IS, Shape, columns_of, shaped, shaped_records
from minecli.render import machine

TABLE = "table"
# -q/--quiet: the root command sets this on every run (so one run never leaks into the next).
QUIET = {"on": False}


def set_quiet(on: bool) -> None:
    """Silence the messages of a run (what a write did, titles and captions on stderr); its
    warnings and errors still print."""
    QUIET["on"] = on


# The formats rows can take; ``ids`` (one identifier a line) only where rows have an id.
ROW_FORMATS = ("table", "json", "jsonl", "csv", "tsv")
ROWS_AND_IDS = (*ROW_FORMATS, "ids")
# Sources as a reference manager imports them (minecli.exporters.citations); `sources` and `export`.
CITATION_FORMATS = ("csl-json", "bibtex", "ris")


def emit_rows(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str],
    id_key: str | None = None,
    title: str | None = None,
    caption: str | None = None,
    shape: Shape = AS_IT_IS,
    fields: Sequence[str] | None = None,
    for_people: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None,
) -> None:
    """Write rows to stdout in ``fmt``, shaped as the reader asked (--fields, --sort,
    --reverse, --limit, --no-headers). ``columns`` fixes the key order of every format;
    ``id_key`` is the column ``ids`` prints; ``fields`` what --fields and --sort may name
    when more than the ``columns`` (by default, those); ``for_people`` turns the shaped rows into what a
    table shows (markers on votes), after sorting on the raw values.

    Rows in a machine format that are not sorted or reversed are written as they come, so a
    generator of rows (a search of a large store) never has them all in memory."""
    fits_format(shape, fmt)
    if fmt != TABLE and not shape.sort and not shape.reverse:
        picked = columns_of(shape, columns, fields)
        cut = rows if shape.limit is None else itertools.islice(rows, shape.limit)
        stream = ({c: row.get(c) for c in picked} for row in cut)
        _write_machine(stream, fmt, picked, id_key, shape.headers)
        return
    rows = list(rows)
    ordered, columns = shaped(rows, shape, columns, fields)
    if title and len(ordered) < len(rows):
        title = f"{title} (the first {len(ordered)})"
    if fmt == TABLE:
        from minecli.render import table

        shown = for_people(ordered) if for_people else ordered
        table.print_rows(
            shown,
            columns,
            title=title,
            caption=caption,
            headers=shape.headers,
            chosen=shape.picks,
        )
    else:
        _write_machine(ordered, fmt, columns, id_key, shape.headers)


def _write_machine(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    id_key: str | None,
    headers: bool,
) -> None:
    if fmt == "ids":
        if id_key is None:  # a command offers ids only when its rows have an id
            raise ValueError("rows without an id column cannot be written as ids")
        machine.write_ids(sys.stdout, rows, id_key)
    else:
        machine.write(sys.stdout, rows, fmt, columns, headers=headers)


def fits_format(shape: Shape, fmt: str) -> None:
    """Refuse a shape the format cannot take: --no-headers where there is no header row,
    --fields where one id a line is the whole output."""
    if not shape.headers and fmt not in ("table", "csv", "tsv"):
        raise UsageError(f"--no-headers applies to table, csv and tsv output, not {fmt}")
    if shape.picks and fmt == "ids":
        raise UsageError("--fields does not apply to --format ids, which prints one id a line")


def emit_ids(values: Sequence[Any]) -> None:
    """Bare values on stdout, one a line (a new source's id, a new store's path)."""
    machine.write_ids(sys.stdout, [{"id": v} for v in values], "id")


def emit_message(text: str) -> None:
    """A message for the person running the command: stderr, never mixed with data (and lost,
    not an error, if stderr cannot take it); silenced by -q/--quiet unless it is a warning."""
    if QUIET["on"] and not text.startswith("Warning:"):
        return
    from minecli.render.console import stderr_text

    with contextlib.suppress(OSError):
        print(stderr_text(text), file=sys.stderr)


def emit_records(
    records: Sequence[dict[str, Any]], fmt: str, *, single: bool, shape: Shape = AS_IT_IS
) -> None:
    """Whole records (profiles) as JSON: one object when one was asked for, else an array;
    --fields picks top-level keys, --sort, --reverse and --limit order and cut the records."""
    fits_format(shape, fmt)
    records = shaped_records(records, shape)
    if fmt == "jsonl":
        for record in records:
            machine.write_record(sys.stdout, record, "jsonl")
    elif single and len(records) == 1:
        machine.write_record(sys.stdout, records[0], "json")
    else:
        sys.stdout.write(machine.dumps_json(list(records)) + "\n")


def emit_citations(fmt: str, profiles: Sequence[dict[str, Any]], shape: Shape = AS_IT_IS) -> None:
    """Every source of the profiles as CSL-JSON, BibTeX or RIS (minecli.exporters.citations);
    whole items, so the options that shape rows do not apply."""
    if shape != AS_IT_IS:
        raise UsageError(
            f"--fields, --sort, --reverse, --limit and --no-headers do not apply to {fmt}"
        )
    from minecli.exporters import Dataset, exporter

    exporter(fmt)(sys.stdout, Dataset(0, [], [], profiles))


def emit_text(text: str) -> None:
    """Plain text data (a diff) on stdout, as it is."""
    sys.stdout.write(text)


def emit_changes(changes: Sequence[Any], dry_run: bool) -> None:
    """After a write: the diff on stdout for a dry run; which files changed on stderr."""
    if dry_run:
        from minecli.render.console import diff_text

        emit_text(diff_text("".join(c.diff() for c in changes)))
        emit_message(f"Dry run: {len(changes)} file(s) would change; nothing was written")
    elif changes:
        names = ", ".join(c.label for c in changes[:5])
        emit_message(
            f"Wrote {len(changes)} file(s): {names}" + (" ..." if len(changes) > 5 else "")
        )
