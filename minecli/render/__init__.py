"""One output layer for every command: rows or a record in, table / JSON / JSONL / CSV / TSV out.

Commands build plain rows (dicts with the same keys in every format) and hand them here; nothing
else in minecli writes data to stdout. Rich is imported only when a table is drawn.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from minecli.errors import UsageError
from minecli.render import machine


class Format(StrEnum):
    """Output formats shared by every read command."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    ids = "ids"


def emit_rows(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    *,
    columns: Sequence[str],
    id_key: str | None = None,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """Write rows to stdout in ``fmt``. ``columns`` fixes the key order of every format."""
    ordered = [{c: row.get(c) for c in columns} for row in rows]
    out = sys.stdout
    if fmt is Format.table:
        from minecli.render import table

        table.print_rows(ordered, columns, title=title, caption=caption)
    elif fmt is Format.ids:
        if id_key is None:
            raise UsageError("--format ids is not available for this command")
        machine.write_ids(out, ordered, id_key)
    else:
        machine.write(out, ordered, fmt.value, columns)


def emit_message(text: str) -> None:
    """A message for the person running the command: stderr, never mixed with data."""
    print(text, file=sys.stderr)


def emit_records(records: Sequence[dict[str, Any]], fmt: Format, *, single: bool) -> None:
    """Whole records (profiles) as JSON: one object when one was asked for, else an array."""
    if fmt is Format.jsonl:
        for record in records:
            machine.write_record(sys.stdout, record, "jsonl")
    elif single and len(records) == 1:
        machine.write_record(sys.stdout, records[0], "json")
    else:
        sys.stdout.write(machine.dumps_json(list(records)) + "\n")


def emit_text(text: str) -> None:
    """Plain text data (a diff) on stdout, as it is."""
    sys.stdout.write(text)
