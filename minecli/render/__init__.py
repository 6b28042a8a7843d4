"""One output layer for every command: rows or a record in, table / JSON / JSONL / CSV / TSV out.

Commands build plain rows (dicts with the same keys in every format) and hand them here; nothing
else in minecli writes data to stdout. Rich is imported only when a table is drawn on a terminal.
Each command offers the formats that make sense for it (see FORMATS and ROWS_AND_IDS).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import Any

from minecli.render import machine

TABLE = "table"
# The formats rows can take; ``ids`` (one identifier a line) only where rows have an id.
ROW_FORMATS = ("table", "json", "jsonl", "csv", "tsv")
ROWS_AND_IDS = (*ROW_FORMATS, "ids")


def emit_rows(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str],
    id_key: str | None = None,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """Write rows to stdout in ``fmt``. ``columns`` fixes the key order of every format;
    ``id_key`` is the column ``ids`` prints."""
    ordered = [{c: row.get(c) for c in columns} for row in rows]
    if fmt == TABLE:
        from minecli.render import table

        table.print_rows(ordered, columns, title=title, caption=caption)
    elif fmt == "ids":
        if id_key is None:  # a command offers ids only when its rows have an id
            raise ValueError("rows without an id column cannot be written as ids")
        machine.write_ids(sys.stdout, ordered, id_key)
    else:
        machine.write(sys.stdout, ordered, fmt, columns)


def emit_ids(values: Sequence[Any]) -> None:
    """Bare values on stdout, one a line (a new source's id, a new store's path)."""
    machine.write_ids(sys.stdout, [{"id": v} for v in values], "id")


def emit_message(text: str) -> None:
    """A message for the person running the command: stderr, never mixed with data (and lost,
    not an error, if stderr cannot take it)."""
    with contextlib.suppress(OSError):
        print(text, file=sys.stderr)


def emit_records(records: Sequence[dict[str, Any]], fmt: str, *, single: bool) -> None:
    """Whole records (profiles) as JSON: one object when one was asked for, else an array."""
    if fmt == "jsonl":
        for record in records:
            machine.write_record(sys.stdout, record, "jsonl")
    elif single and len(records) == 1:
        machine.write_record(sys.stdout, records[0], "json")
    else:
        sys.stdout.write(machine.dumps_json(list(records)) + "\n")


def emit_text(text: str) -> None:
    """Plain text data (a diff) on stdout, as it is."""
    sys.stdout.write(text)


def emit_changes(changes: Sequence[Any], dry_run: bool) -> None:
    """After a write: the diff on stdout for a dry run; which files changed on stderr."""
    if dry_run:
        emit_text("".join(c.diff() for c in changes))
        emit_message(f"Dry run: {len(changes)} file(s) would change; nothing was written")
    elif changes:
        names = ", ".join(c.label for c in changes[:5])
        emit_message(
            f"Wrote {len(changes)} file(s): {names}" + (" ..." if len(changes) > 5 else "")
        )
