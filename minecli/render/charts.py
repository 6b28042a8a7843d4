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
