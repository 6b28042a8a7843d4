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

# A column whose every value is at most this long holds codes, dates or numbers: kept whole.
ATOMIC = 12
# A text column is never made narrower than its longest word, up to this many characters.
LONGEST_WORD = 24


def header(key: str) -> str:
    """A column key as a heading: ``entry_into_force`` -> ``Entry into force``."""
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


def _least_width(key: str, rows: Sequence[dict[str, Any]]) -> int:
    """How narrow a column may be: the longest value of an atomic column (codes, dates,
    numbers), else the longest word of a text column (at most LONGEST_WORD)."""
    texts = [cell(row.get(key)) for row in rows]
    word = max((len(w) for t in [header(key), *texts] for w in t.split()), default=1)
    if max((len(t) for t in texts), default=0) <= ATOMIC:
        return max(word, max((len(t) for t in texts), default=0))
    return min(word, LONGEST_WORD)


def fits(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int) -> bool:
    """Whether a table of these columns can be drawn in ``width`` without breaking a code, a
    date or a word: each column at its least width, with the table's frame (a space of
    padding either side of every cell, a rule between columns and one at each edge)."""
    return sum(_least_width(k, rows) + 3 for k in columns) + 1 <= width


def records(rows: Sequence[dict[str, Any]], columns: Sequence[str], console: Any) -> Any:
    """Rows too wide for the terminal, as records: one block per row, a field a line (the
    headings aligned, values wrapped between words), empty fields left out."""
    from rich.table import Table
    from rich.text import Text

    label = max(len(header(k)) for k in columns)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, min_width=label, style="bold")
    table.add_column(overflow="fold")
    for i, row in enumerate(rows):
        if i:
            table.add_row("", "")
        for key in columns:
            value = row.get(key)
            text = cell(value)
            if text == "":
                continue
            kind = f"{key}.{value}" if key in ("vote", "status") else None
            table.add_row(header(key), Text(text, style=style_of(kind) or ""))
    return table


def build(rows: Sequence[dict[str, Any]], columns: Sequence[str], console: Any, **kw: Any) -> Any:
    """A Rich Table of rows; vote and status values are coloured, nothing is cut off."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box_for(console), title_justify="left", caption_justify="left", **kw)
    for key in columns:
        least = _least_width(key, rows)
        if max((len(cell(row.get(key))) for row in rows), default=0) <= max(ATOMIC, least):
            # codes, dates, numbers, votes, and any column whose values are each one word that
            # fits: never broken (print_rows makes sure they fit)
            table.add_column(header(key), no_wrap=True, min_width=least)
        else:  # text wraps between words; a word longer than LONGEST_WORD is folded
            table.add_column(header(key), min_width=least, overflow="fold")
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
        if fits(rows, columns, console.width):
            console.print(build(rows, columns, console))
        else:  # too many columns for this terminal: a block per row rather than broken words
            console.print(records(rows, columns, console))
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
