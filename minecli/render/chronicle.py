"""A timeline for people: a heading for each year, then a line per event (the state when there
are several, the date, the kind of event, what happened and its [n] markers)."""

from __future__ import annotations

import sys
from typing import Any

from minecli.render.console import (
    PIPED_WIDTH,
    columns_set,
    console_out,
    stdout_is_terminal,
    style_of,
)
from minecli.render.machine import cell
from minecli.render.views import markers

# Below this many columns for the event text, it goes on a line of its own under date and kind.
LEAST_EVENT = 24


def event_text(event: dict[str, Any]) -> str:
    """What happened, with the markers of its sources: ``Voted yes on resolution 65/48 [6]``."""
    marks = markers(event.get("sources"))
    if event["event"].startswith(marks):  # a source's own entry already leads with its marker
        return str(event["event"])
    return f"{event['event']} {marks}".rstrip()


def _grid(events: list[dict[str, Any]], several: bool, widths: dict[str, int], narrow: bool) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    if narrow:  # each event's text under its date, indented, wrapped on its own
        parts = []
        for event in events:
            head = ([event["code"]] if several else []) + [cell(event["date"]), event["kind"]]
            parts.append(Text("  " + "  ".join(head)))
            parts.append(Padding(Text(event_text(event), overflow="fold"), (0, 0, 0, 4)))
        return Group(*parts)
    grid = Table.grid(padding=(0, 2), pad_edge=False)
    if several:
        grid.add_column(no_wrap=True, min_width=widths["code"], style="bold")
    grid.add_column(no_wrap=True, min_width=widths["date"])
    grid.add_column(no_wrap=True, min_width=widths["kind"], style="dim")
    grid.add_column(overflow="fold")
    for event in events:
        cells = [event["code"]] if several else []
        grid.add_row(*cells, cell(event["date"]), event["kind"], Text(event_text(event)))
    return Padding(grid, (0, 0, 0, 2))


def _layout(years: list[tuple[str, list[dict[str, Any]]]]) -> tuple[bool, dict[str, int], int]:
    """Whether the events are of several states, the width of each fixed column, and the
    width those columns take before the event text."""
    events = [e for _, group in years for e in group]
    several = len({e["code"] for e in events}) > 1
    widths = {
        key: max((len(cell(e[key])) for e in events), default=0) for key in ("code", "date", "kind")
    }
    fixed = 2 + sum(widths[k] + 2 for k in ("date", "kind")) + (widths["code"] + 2) * several
    return several, widths, fixed


def timeline_lines(
    title: str, years: list[tuple[str, list[dict[str, Any]]]], width: int
) -> list[str]:
    """The timeline as plain text ``width`` wide, laid out as on a terminal (for a pipe)."""
    from minecli.render.plain import wrap

    out = wrap(title, width)
    if not any(group for _, group in years):
        return [*out, "(no dated events)"]
    several, widths, fixed = _layout(years)
    narrow = width - fixed < LEAST_EVENT
    for year, group in years:
        out += ["", *wrap(year, width)]
        for event in group:
            head = ([event["code"]] if several else []) + [cell(event["date"]), event["kind"]]
            if narrow:
                out += wrap("  " + "  ".join(head), width)
                out += ["    " + part for part in wrap(event_text(event), width - 4)]
                continue
            keys = ("code", "date", "kind")[0 if several else 1 :]
            lead = "  " + "".join(
                text.ljust(widths[k]) + "  " for text, k in zip(head, keys, strict=True)
            )
            for part in wrap(event_text(event), width - fixed):
                out.append(lead + part)
                lead = " " * fixed
    return [line.rstrip() for line in out]


def print_timeline(title: str, years: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """Draw events grouped by year (query.profile.by_year) under a title; piped, as plain
    text, without loading Rich."""
    if not stdout_is_terminal():
        width = columns_set() or PIPED_WIDTH
        sys.stdout.write("".join(f"{line}\n" for line in timeline_lines(title, years, width)))
        return
    with console_out(paged=True) as console:
        draw_timeline(console, title, years)


def draw_timeline(console: Any, title: str, years: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """The timeline on a Rich console."""
    from rich.text import Text

    console.print(Text(title, style=style_of("title")))
    if not any(group for _, group in years):
        console.print(Text("(no dated events)"))
        return
    several, widths, fixed = _layout(years)
    narrow = console.width - fixed < LEAST_EVENT
    for year, group in years:
        console.print()
        console.print(Text(year, style=style_of("heading")))
        console.print(_grid(group, several, widths, narrow))
