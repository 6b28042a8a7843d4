"""Bar charts as lines of text: one bar a row, its label before it and its value after, scaled to
the width given (80 columns by default, at most 200). Block characters on a terminal, "#" when
piped, so that a chart in a file or a pipe is plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MAX_WIDTH = 200


def bars(
    rows: Sequence[dict[str, Any]],
    label: str,
    value: str,
    *,
    width: int = 80,
    title: str = "",
    axis: str = "",
    terminal: bool = False,
) -> list[str]:
    """The chart's lines: the title, one line per row (label, bar, value), and under the bars
    the axis's name and its scale (0 and the largest value)."""
    width = max(20, min(width, MAX_WIDTH))
    labels = [str(r[label]) for r in rows]
    values = [int(r[value] or 0) for r in rows]
    top = max(values, default=0)
    lead = max((len(t) for t in labels), default=0)
    digits = len(str(top))
    room = max(1, width - lead - digits - 3)
    mark = "█" if terminal else "#"
    out = [title] if title else []
    for text, n in zip(labels, values, strict=True):
        length = round(n / top * room) if top else 0
        bar = mark * length if length or not n else mark[:1]
        out.append(f"{text.rjust(lead)} {bar.ljust(room)} {str(n).rjust(digits)}".rstrip())
    scale = f"0{str(top).rjust(room - 1)}" if room > len(str(top)) else str(top)
    out.append(f"{' ' * lead} {scale}")
    if axis:
        out.append(f"{' ' * lead} {axis}")
    return out


# The parts of a vote bar: the column, the character drawn for it, and its colour at a terminal.
VOTE_PARTS = (
    ("yes", "=", "green"),
    ("no", "x", "red"),
    ("abstain", "~", "yellow"),
    ("absent", ".", "cyan"),
)


def stacked(
    rows: Sequence[dict[str, Any]],
    label: str,
    parts: Sequence[tuple[str, str, str]] = VOTE_PARTS,
    *,
    width: int = 80,
    title: str = "",
    colour: bool = False,
) -> list[str]:
    """One bar a row made of its parts side by side (each drawn with its own character, and
    coloured when ``colour``), scaled to the largest total; a legend under the bars."""
    from minecli.render.console import paint

    width = max(30, min(width, MAX_WIDTH))
    labels = [str(r[label]) for r in rows]
    totals = [sum(int(r.get(k) or 0) for k, _, _ in parts) for r in rows]
    top = max(totals, default=0)
    lead = max((len(t) for t in labels), default=0)
    room = max(1, width - lead - 1 - len(parts))  # room for a part too small to round to one
    out = [title] if title else []
    for text, row in zip(labels, rows, strict=True):
        bar = ""
        for key, char, style in parts:
            n = int(row.get(key) or 0)
            piece = char * (max(1, round(n / top * room)) if top and n else 0)
            bar += paint(piece, style) if colour and piece else piece
        out.append(f"{text.ljust(lead)} {bar}".rstrip())
    legend = "  ".join(f"{char} {key}" for key, char, _ in parts)
    out.append(
        f"{' ' * lead} {legend} (one character ≈ {top / room:.1f} states)" if top else legend
    )
    return out
