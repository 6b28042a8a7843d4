"""Rows as a table for people: drawn by Rich on a terminal, as plain aligned text when piped.

Piped tables need neither colour nor boxes, so they are laid out here without loading Rich,
which keeps a script's hundredth `minecli ... | grep` as quick as its first.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from minecli.render.console import box_for, console_out, stdout_is_terminal, style_of
from minecli.render.machine import cell


def header(key: str) -> str:
    """A column key as a heading: ``entry_into_force`` -> ``Entry into force``."""
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


def build(rows: Sequence[dict[str, Any]], columns: Sequence[str], console: Any, **kw: Any) -> Any:
    """A Rich Table of rows; vote and status values are coloured, nothing is cut off."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box_for(console), title_justify="left", caption_justify="left", **kw)
    for key in columns:
        table.add_column(header(key), overflow="fold")
    for row in rows:
        cells = []
        for key in columns:
            value = row.get(key)
            kind = f"{key}.{value}" if key in ("vote", "status") else None
            cells.append(Text(cell(value), style=style_of(kind) or ""))
        table.add_row(*cells)
    return table


def print_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """Draw rows as a table on stdout."""
    if not stdout_is_terminal():
        sys.stdout.write(plain(rows, columns, title=title, caption=caption))
        return
    from rich.text import Text

    with console_out() as console:
        if not rows:
            console.print(Text(f"{title}: (no rows)" if title else "(no rows)"))
            return
        if title:
            # Title and caption are printed apart from the table, so they never wrap to its width.
            console.print(Text(title, style="bold"))
        console.print(build(rows, columns, console))
        if caption:
            console.print(Text(caption, style="dim"))


def plain(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> str:
    """Rows as aligned columns of plain text: two spaces apart, nothing wrapped or cut."""
    if not rows:
        return f"{title}: (no rows)\n" if title else "(no rows)\n"
    grid = [[header(key) for key in columns]]
    grid += [[" ".join(cell(row.get(key)).split("\n")) for key in columns] for row in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    lines = [title] if title else []
    lines += [
        "  ".join(text.ljust(w) for text, w in zip(line, widths, strict=False)).rstrip()
        for line in grid
    ]
    if caption:
        lines.append(caption)
    return "\n".join(lines) + "\n"
