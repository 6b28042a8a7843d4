"""Numbered entries with a hanging indent: the citation list that ends `show` and that `sources`
prints, and any other list of ``[n]``-labelled blocks.

On a terminal, Rich wraps each entry between words; a URL is a hyperlink (OSC 8) to its whole
target and, if it is wider than the terminal, is shown on a line of its own, shortened with "…".
Piped, entries are wrapped between words to $COLUMNS (when set) and a URL is never shortened or
broken: it stands whole on its own line, however long.
"""

from __future__ import annotations

import sys
import textwrap
from typing import Any

from minecli.render.views import Line, Row, line_text


def _rich_text(lines: list[Line]) -> Any:
    from rich.style import Style
    from rich.text import Text

    from minecli.render.console import style_of

    text = Text(overflow="ellipsis")
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        for content, kind in line:
            if kind == "link":
                text.append(content, style=Style(link=content, dim=True))
            else:
                text.append(content, style=style_of(kind))
    return text


def plain_lines(rows: list[Row], width: int) -> list[str]:
    """Rows as plain text ``width`` wide: labels right-aligned, text wrapped between words,
    no word (a URL) ever broken, even when it is wider than the line."""
    label = max((len(r.label) for r in rows), default=0)
    indent = " " * (label + 2)
    out = []
    for row in rows:
        first = row.label.rjust(label) + "  "
        if not row.lines:
            out.append(first.rstrip())
        for line in row.lines:
            wrapped = textwrap.wrap(
                line_text(line),
                width=max(width - len(indent), 1),
                break_long_words=False,
                break_on_hyphens=False,
            )
            for part in wrapped or [""]:
                out.append((first + part).rstrip())
                first = indent
    return out


def print_entries(console: Any, rows: list[Row], title: str | None = None) -> None:
    """Draw labelled entries (``[n]`` and its lines) on a console."""
    from rich.table import Table
    from rich.text import Text

    from minecli.render.console import style_of

    if title:
        console.print(Text(title, style=style_of("title")))
    if not console.is_terminal:
        for line in plain_lines(rows, console.width):
            console.print(Text(line), no_wrap=True, crop=False, overflow="ignore")
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(overflow="ellipsis")
    for row in rows:
        table.add_row(row.label, _rich_text(row.lines))
    console.print(table)


def print_lists(lists: list[tuple[str, list[Row]]]) -> None:
    """Titled lists of entries on stdout (`sources`: one list per state), a blank line apart."""
    from minecli.render.console import PIPED_WIDTH, columns_set, console_out, stdout_is_terminal

    if not stdout_is_terminal():  # plain text, without loading Rich
        from minecli.render.plain import wrap

        width, out = columns_set() or PIPED_WIDTH, []
        for i, (title, rows) in enumerate(lists):
            out += [""] * bool(i) + wrap(title if rows else f"{title}: (none)", width)
            out += plain_lines(rows, width)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in out))
        return
    from rich.text import Text

    with console_out(paged=True) as console:
        for i, (title, rows) in enumerate(lists):
            if i:
                console.print()
            if rows:
                print_entries(console, rows, title)
            else:
                console.print(Text(f"{title}: (none)"))
