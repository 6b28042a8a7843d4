"""A timeline for people: a heading for each year, then a line per event (the state when there
are several, the date, the kind of event, what happened and its [n] markers)."""

from __future__ import annotations

from typing import Any

from minecli.render.console import console_out, style_of
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


def print_timeline(title: str, years: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """Draw events grouped by year (query.profile.by_year) under a title."""
    from rich.text import Text

    events = [e for _, group in years for e in group]
    several = len({e["code"] for e in events}) > 1
    widths = {
        key: max((len(cell(e[key])) for e in events), default=0) for key in ("code", "date", "kind")
    }
    with console_out(paged=True) as console:
        console.print(Text(title, style=style_of("title")))
        if not events:
            console.print(Text("(no dated events)"))
            return
        fixed = 2 + sum(widths[k] + 2 for k in ("date", "kind")) + (widths["code"] + 2) * several
        narrow = console.width - fixed < LEAST_EVENT
        for year, group in years:
            console.print()
            console.print(Text(year, style=style_of("heading")))
            console.print(_grid(group, several, widths, narrow))
