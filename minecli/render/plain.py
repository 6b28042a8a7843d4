"""Profile views as plain text, for a pipe: the layout `show` draws on a terminal, without colour,
boxes or Rich.

Lines are as long as their content, or wrapped between words to $COLUMNS when it is set; a word
longer than the line (a URL) stands whole. Laid out here, so that a piped `show` never loads
Rich, whose import costs more than the rest of the run.
"""

from __future__ import annotations

import textwrap

from minecli.render.citations import plain_lines
from minecli.render.views import CcwRow, Line, ProfileView, Row, line_text

# Below this width a fact's label goes on a line of its own, above its text (as on a terminal).
NARROW = 60
ACTIVITIES = "Use, production, transfer and stockpile"


def wrap(text: str, width: int) -> list[str]:
    """A line of text in lines at most ``width`` wide, broken between words only; leading
    spaces (an aligned continuation) are kept on its first line."""
    if len(text) <= width:
        return [text]
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    return textwrap.wrap(
        body,
        width=max(width, 1),
        initial_indent=lead,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def _lines(lines: list[Line], width: int) -> list[str]:
    return [part for line in lines for part in wrap(line_text(line), width)]


def facts(rows: list[Row], width: int) -> list[str]:
    """Labelled facts: the label in a column of its own, or above its text when narrow."""
    out = []
    if width < NARROW:
        for row in rows:
            out.extend(wrap(row.label, width))
            out.extend("  " + part for part in _lines(row.lines, width - 2))
        return out
    label = max((len(row.label) for row in rows), default=0)
    for row in rows:
        first = row.label.ljust(label) + "  "
        for part in _lines(row.lines, width - len(first)) or [""]:
            out.append(first + part)
            first = " " * len(first)
    return out


def ccw(rows: list[CcwRow], width: int) -> list[str]:
    """The CCW table: instrument, party, since, sources; the instrument wraps if it must."""
    title = "CCW and its protocols"
    if width < NARROW:
        stacked = [
            Row(
                r.instrument,
                [[(r.party[0], None), ("".join(f"  {t}" for t in (r.since, r.cites) if t), None)]],
            )
            for r in rows
        ]
        return [*wrap(title, width), *facts(stacked, width)]
    grid = [["Instrument", "Party", "Since", "Sources"]]
    grid += [[r.instrument, r.party[0], r.since, r.cites] for r in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(4)]
    room = width - sum(w + 2 for w in widths[1:]) - 2
    widths[0] = max(min(widths[0], room), max(len(w) for line in grid for w in line[0].split()))
    out = wrap(title, width)
    for line in grid:
        parts = wrap(line[0], widths[0])
        for n, part in enumerate(parts):
            cells = [part, *(line[1:] if n == 0 else ["", "", ""])]
            out.append("".join(" " + c.ljust(w) + " " for c, w in zip(cells, widths, strict=True)))
    return out


def profile_text(view: ProfileView, width: int) -> list[str]:
    """Every line of a profile view, as `show` prints it to a pipe."""
    head = f"{view.title}  {view.subtitle}" if view.subtitle else view.title
    out = [*wrap(head, width), *facts(view.overview, width), ""]
    out += [*ccw(view.ccw, width), ""]
    if view.activities:
        out += [*wrap(ACTIVITIES, width), *facts(view.activities, width), ""]
    for section in view.sections:
        out += wrap(section.title, width)
        for paragraph in section.paragraphs:
            out += [*(p for line in paragraph.split("\n") for p in wrap(line, width)), ""]
    out += ["Sources", *plain_lines(view.sources, width)]
    return [line.rstrip() for line in out]
