"""Rows as a table for people: drawn by Rich on a terminal, as plain aligned text when piped.

Piped tables need neither colour nor boxes, so they are laid out here without loading Rich,
which keeps a script's hundredth `minecli ... | grep` as quick as its first.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

from minecli.render.console import box_for, console_out, stdout_is_terminal, style_of
from minecli.render.machine import cell

SHARE = re.compile(r"^(\d{1,3})% \(\d+\)$")  # a cell of the agreement matrix (`agree`)
# A column whose every value is at most this long holds codes, dates or numbers: kept whole.
ATOMIC = 12
# A text column is never made narrower than its longest word, up to this many characters.
LONGEST_WORD = 24


# Words of a column key that are written in capitals in a heading.
ACRONYMS = {"ccw": "CCW", "un": "UN", "url": "URL", "unga": "UNGA", "msp": "MSP"}
# A terminal table this short is shown as records, whole, rather than with columns left out.
FEW_ROWS = 3
# When a table is too wide for the terminal these columns are left out first, in this order
# (details a reader can do without); then the others, from the right. The first column, which
# names the row, always stays.
FOLD_FIRST = (
    "un_group",
    "region",
    "session",
    "signed",
    "consent_type",
    "latest_resolution",
    "disputed",
    "note",
    "sources",
    "url",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
)
# What a table is about is never left out: a vote, a status.
NEVER_FOLD = ("vote", "status", "latest_vote")


def header(key: str) -> str:
    """A column key as a heading: ``entry_into_force`` -> ``Entry into force``, ``ccw`` ->
    ``CCW``."""
    words = [ACRONYMS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def shown(key: str, value: Any) -> str:
    """A value as people read it on a terminal: ``state_party`` -> ``State Party``,
    ``ratification`` -> ``Ratification``, true -> ``yes``; machine formats keep the raw value."""
    from minecli import labels

    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "status" and value in labels.STATUS_SHORT:
        return labels.STATUS_SHORT[value]
    if key == "consent_type" and isinstance(value, str):
        return labels.consent_label(value)
    if key == "un_group" and isinstance(value, str):
        return labels.UN_GROUP_SHORT.get(value, value)
    return cell(value)


def for_people(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    title: str | None,
    chosen: bool = False,
) -> tuple[list[dict[str, Any]], list[str], str | None, dict[str, Any]]:
    """What a terminal table shows: values as labels, no column that is empty in every row,
    and a column holding one value on every row said once in the title instead (unless the
    reader ``chosen`` the columns: then they are all shown). Returns the rows, the columns,
    the title and the raw values (for colour) by row index and key."""
    raw = {(i, k): row.get(k) for i, row in enumerate(rows) for k in columns}
    shown_rows = [{k: shown(k, row.get(k)) for k in columns} for row in rows]
    if chosen:
        return shown_rows, list(columns), title, raw
    kept = [k for k in columns if any(r[k] for r in shown_rows)]
    same = []
    if len(rows) > 1:
        same = [k for k in kept if len({r[k] for r in shown_rows}) == 1]
        same = same[: len(kept) - 1]  # at least one column stays
    if same:
        named = set((title or "").replace("(", " ").replace(")", " ").split())
        said = ", ".join(
            f"{header(k)}: {shown_rows[0][k]}" for k in same if shown_rows[0][k] not in named
        )
        if said and title and title.endswith(")"):  # one aside: "197 states (the first 4; …)"
            title = f"{title[:-1]}; {said})"
        elif said:
            title = f"{title} ({said})" if title else said
        kept = [k for k in kept if k not in same]
    return shown_rows, kept, title, raw


def folded(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int, keep: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """The columns that fit ``width`` and those left out, by priority (FOLD_FIRST, then from
    the right; the first column, which names the row, and those in ``keep`` always stay);
    ([], columns) when what must stay does not fit."""
    may_go = [k for k in columns[1:] if k not in keep and k not in NEVER_FOLD]
    order = [k for k in FOLD_FIRST if k in may_go]
    order += [k for k in reversed(may_go) if k not in order]
    kept = list(columns)
    while order and len(kept) > 2 and not fits(rows, kept, width):
        kept.remove(order.pop(0))
    if not fits(rows, kept, width):
        return [], list(columns)
    return kept, [k for k in columns if k not in kept]


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


def records(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    console: Any,
    raw: dict[Any, Any] | None = None,
) -> Any:
    """Rows too wide for the terminal, as records: one block per row, a field a line (the
    headings aligned, values wrapped between words), empty fields left out."""
    from rich.table import Table

    label = max(len(header(k)) for k in columns)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, min_width=label, style="bold")
    table.add_column(overflow="ellipsis")
    for i, row in enumerate(rows):
        if i:
            table.add_row("", "")
        for key in columns:
            text = cell(row.get(key))
            if text == "":
                continue
            table.add_row(header(key), _styled(text, key, i, row, raw))
    return table


def _styled(text: str, key: str, i: int, row: dict[str, Any], raw: dict[Any, Any] | None) -> Any:
    """A cell's text, coloured by its raw value when it is a vote or a status."""
    from rich.text import Text

    value = raw.get((i, key)) if raw is not None else row.get(key)
    kind = f"{key}.{value}" if key in ("vote", "status", "severity") else None
    if key == "field" and text.endswith(" *"):  # a fact the states of `compare` differ on
        kind = "differs"
    elif kind is None and (share := SHARE.match(text)):  # an agreement: "79% (28)"
        n = int(share.group(1))
        kind = "share.high" if n >= 75 else "share.mid" if n >= 50 else "share.low"
    return Text(text, style=style_of(kind) or "")


def build(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    console: Any,
    raw: dict[Any, Any] | None = None,
    **kw: Any,
) -> Any:
    """A Rich Table of rows; vote and status values are coloured, nothing is cut off."""
    from rich.table import Table

    table = Table(box=box_for(console), title_justify="left", caption_justify="left", **kw)
    for key in columns:
        least = _least_width(key, rows)
        longest = max((len(cell(row.get(key))) for row in rows), default=0)
        if longest <= max(ATOMIC, least):
            # codes, dates, numbers, votes, and any column whose values are each one word that
            # fits: as wide as the longest (print_rows makes sure they fit), so never broken;
            # only a heading longer than that wraps, between its words
            table.add_column(header(key), min_width=max(longest, least), overflow="fold")
        else:  # text wraps between words; a word wider than the column is cut with "…"
            table.add_column(header(key), min_width=least, overflow="ellipsis")
    for i, row in enumerate(rows):
        table.add_row(*(_styled(cell(row.get(k)), k, i, row, raw) for k in columns))
    return table


def print_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    caption: str | None = None,
    keep: Sequence[str] = (),
    headers: bool = True,
    chosen: bool = False,
) -> None:
    """Draw rows as a table on stdout: for people on a terminal (labels, no empty or constant
    column, columns left out when too many, said below); as plain columns when piped, data
    only (title and caption go to stderr; an empty result is no output and a message there)."""
    if not rows:  # nothing on stdout; the title, if any, says so on stderr
        _say(f"{title}: no rows" if title else None)
        return
    if not stdout_is_terminal():  # title and caption are for the reader: messages, not data
        _say(title)
        sys.stdout.write(plain(rows, columns, headers=headers))
        sys.stdout.flush()
        _say(caption)
        return
    from rich.text import Text

    shown_rows, kept, title, raw = for_people(rows, columns, title, chosen)
    with console_out(paged=True) as console:
        if title:
            # Title and caption are printed apart from the table, so they never wrap to its width.
            console.print(Text(title, style=style_of("title")))
        fitting, left = folded(shown_rows, kept, console.width, keep)
        if fitting and (not left or len(rows) > FEW_ROWS or not headers):
            console.print(build(shown_rows, fitting, console, raw, show_header=headers))
            if left:
                names = ", ".join(header(k) for k in left)
                note = f"Left out to fit {console.width} columns: {names} (--format csv has all)"
                console.print(Text(note, style="dim"))
        else:  # too many columns for this terminal: a block per row rather than broken words
            console.print(records(shown_rows, kept, console, raw))
        if caption:
            console.print(Text(caption, style="dim"))


def _say(text: str | None) -> None:
    """A line for the reader on stderr (see emit_message)."""
    if text:
        from minecli.render import emit_message

        emit_message(text)


def plain(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: bool = True) -> str:
    """Rows as aligned columns of plain text: two spaces apart, nothing wrapped or cut, the
    raw values as the machine formats give them; a header row first when ``headers``."""
    grid = [[header(key) for key in columns]] if headers else []
    grid += [[" ".join(cell(row.get(key)).split("\n")) for key in columns] for row in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    lines = [
        "  ".join(text.ljust(w) for text, w in zip(line, widths, strict=False)).rstrip()
        for line in grid
    ]
    return "\n".join(lines) + "\n"
