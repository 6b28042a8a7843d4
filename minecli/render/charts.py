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
    from minecli.render.plain import wrap

    width = max(30, min(width, MAX_WIDTH))
    labels = [str(r[label]) for r in rows]
    totals = [sum(int(r.get(k) or 0) for k, _, _ in parts) for r in rows]
    top = max(totals, default=0)
    lead = max((len(t) for t in labels), default=0)
    room = max(1, width - lead - 1 - len(parts))  # room for a part too small to round to one
    out = wrap(title, width) if title else []
    for text, row in zip(labels, rows, strict=True):
        bar = ""
        for key, char, style in parts:
            n = int(row.get(key) or 0)
            piece = char * (max(1, round(n / top * room)) if top and n else 0)
            bar += paint(piece, style) if colour and piece else piece
        out.append(f"{text.ljust(lead)} {bar}".rstrip())
    legend = "  ".join(f"{char} {key}" for key, char, _ in parts)
    if top:
        legend += f" (one character ≈ {top / room:.1f} states)"
    return out + [" " * (lead + 1) + part for part in wrap(legend, width - lead - 1)]


def chart_width() -> int:
    """The width a chart is drawn to: $COLUMNS, else the terminal's, else 80 when piped."""
    import shutil

    from minecli.render.console import columns_set, stdout_is_terminal

    return columns_set() or (shutil.get_terminal_size().columns if stdout_is_terminal() else 80)


def _columns(items: list[str], width: int) -> list[str]:
    """Short items in as many columns as fit."""
    cell = max((len(i) for i in items), default=0) + 2
    per = max(1, width // cell)
    return [
        "".join(i.ljust(cell) for i in items[n : n + per]).rstrip()
        for n in range(0, len(items), per)
    ]


def print_stats(
    rows: Sequence[dict[str, Any]], by: str, counts: dict[str, int], region: str | None
) -> None:
    """`stats` for people: the series as bars, the count by status, joins and withdrawals."""
    import sys

    from minecli import labels
    from minecli.render.console import stdout_is_terminal
    from minecli.render.plain import wrap

    width = chart_width()
    counted = "consent to be bound" if by == "consent" else "entry into force"
    where = f" in {region}" if region else ""
    title, *chart = bars(
        rows,
        "year",
        "states_parties",
        width=width,
        title=f"States Parties{where} at the end of each year (counted from {counted})",
        axis="States Parties",
        terminal=stdout_is_terminal(),
    )
    moves = [
        f"{r['year']}: +{r['joined']} -{r['withdrew']}"
        for r in rows
        if r["joined"] or r["withdrew"]
    ]
    status = ", ".join(f"{labels.STATUS_SHORT.get(s, s)} {n}" for s, n in counts.items())
    out = [*wrap(title, width), *chart, "", *wrap(f"Now: {status}", width), ""]
    out += [*wrap("Joined and withdrew by year:", width), *_columns(moves, width)]
    sys.stdout.write("\n".join(out) + "\n")


def print_votes(rows: Sequence[dict[str, Any]]) -> None:
    """`resolutions --chart`: each resolution's votes as a stacked bar."""
    import sys

    from minecli.render.console import colour_off, stdout_is_terminal

    labelled = [{**row, "label": f"{row['year']} {row['resolution']}"} for row in rows]
    title = "Votes on each resolution (counted from the roll calls in the store)"
    colour = stdout_is_terminal() and not colour_off()
    sys.stdout.write(
        "\n".join(stacked(labelled, "label", width=chart_width(), title=title, colour=colour))
        + "\n"
    )
