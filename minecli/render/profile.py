"""A profile view (render.views) drawn for people: header and overview, CCW, use / production /
transfer / stockpile, narrative with its [n] markers, and the numbered sources."""

from __future__ import annotations

import sys
from typing import Any

from minecli.render.citations import print_entries
from minecli.render.console import (
    PIPED_WIDTH,
    box_for,
    columns_set,
    console_out,
    stdout_is_terminal,
    style_of,
)
from minecli.render.views import CcwRow, Line, ProfileView, Row


def _text(lines: list[Line]) -> Any:
    """Lines of spans as one Rich Text, styled by what each span is."""
    from rich.text import Text

    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        for content, kind in line:
            text.append(content, style=style_of(kind))
    return text


# Below this width a fact's label goes on a line of its own, above its text.
NARROW = 60


def _facts_table(rows: list[Row], width: int) -> Any:
    from rich.padding import Padding
    from rich.table import Table

    if width < NARROW:
        stacked = Table.grid()
        stacked.add_column(overflow="fold")
        for row in rows:
            stacked.add_row(_bold(row.label))
            stacked.add_row(Padding(_text(row.lines), (0, 0, 0, 2)))
        return stacked
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for row in rows:
        table.add_row(row.label, _text(row.lines))
    return table


def _bold(text: str) -> Any:
    from rich.text import Text

    return Text(text, style="bold")


def _ccw_table(rows: list[CcwRow], console: Any) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = "CCW and its protocols"
    if console.width < NARROW:  # an instrument a line, its party, date and sources under it
        facts = [
            Row(
                r.instrument,
                [[r.party, ("".join(f"  {t}" for t in (r.since, r.cites) if t), None)]],
            )
            for r in rows
        ]
        return Group(Text(title), _facts_table(facts, console.width))
    table = Table(box=box_for(console), title=title, title_justify="left")
    table.add_column("Instrument", overflow="fold")
    for name in ("Party", "Since", "Sources"):
        table.add_column(name, no_wrap=True)
    for row in rows:
        table.add_row(row.instrument, _text([[row.party]]), row.since, row.cites)
    return table


def print_profiles(views: list[ProfileView]) -> None:
    """Draw profile views on stdout, one after another (through one pager when long); piped,
    as plain text (minecli.render.plain), without loading Rich."""
    if not stdout_is_terminal():
        from minecli.render.plain import profile_text

        width = columns_set() or PIPED_WIDTH
        sys.stdout.write("".join(f"{line}\n" for v in views for line in profile_text(v, width)))
        return
    with console_out(paged=True) as console:
        for view in views:
            _draw(console, view)


def _draw(console: Any, view: ProfileView) -> None:
    """One profile view on a console."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    overview = _facts_table(view.overview, console.width)
    head = Text(view.title, style=style_of("title"))
    if view.subtitle:
        head.append(f"  {view.subtitle}", style="dim")
    box = box_for(console, "panel")
    if box is None:
        console.print(head)
        console.print(overview)
    elif head.cell_len + 6 > console.width:  # too long for the frame: above it, whole
        console.print(Text(view.title, style=style_of("title")))
        for part in view.subtitle.split(" · ") if view.subtitle else []:
            console.print(Text(part, style="dim"))
        console.print(Panel(overview, box=box))
    else:
        console.print(Panel(overview, title=head, title_align="left", box=box))
    console.print()
    console.print(_ccw_table(view.ccw, console))
    console.print()
    if view.activities:
        console.print(Text("Use, production, transfer and stockpile", style=style_of("title")))
        console.print(_facts_table(view.activities, console.width))
        console.print()
    for section in view.sections:
        console.print(Text(section.title, style=style_of("heading")))
        console.print(Group(*(Text(p + "\n") for p in section.paragraphs)))
    print_entries(console, view.sources, "Sources")
