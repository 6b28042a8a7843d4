"""The resolutions table for people: year, number, date and the counted tally (yes-no-abstain,
as the UN gives it) kept whole, the announced tally only where it differs from the count, and
the title in the width that is left, wrapped between words. Programs get every column
(``--format``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minecli.render.machine import cell

KEYS = ("yes", "no", "abstain")


def tally_text(row: dict[str, Any], prefix: str = "") -> str:
    """``155-0-10``: yes, no and abstain of a row (its ``announced_`` ones with a prefix), or
    "" when any of them is unknown."""
    values = [row.get(prefix + k) for k in KEYS]
    return "-".join(str(v) for v in values) if all(isinstance(v, int) for v in values) else ""


def display_rows(rows: Sequence[dict[str, Any]]) -> tuple[list[dict[str, str]], list[str]]:
    """The rows as people see them, and their columns (``announced`` only if some row's
    announced tally differs from its count)."""
    shown = []
    for row in rows:
        counted = tally_text(row)
        announced = tally_text(row, "announced_")
        if row.get("missing"):
            counted = "none in store"
        elif not row.get("recorded", True):
            counted = "not recorded"
        shown.append(
            {
                "year": cell(row.get("year")),
                "resolution": cell(row.get("resolution")) or "-",
                "date": cell(row.get("date")),
                "tally": counted,
                "absent": cell(row.get("absent")) if counted == tally_text(row) else "",
                "announced": announced if announced and announced != counted else "",
                "title": cell(row.get("title")),
            }
        )
    columns = ["year", "resolution", "date", "tally", "absent", "announced", "title"]
    if not any(r["announced"] for r in shown):
        columns.remove("announced")
    return shown, columns


def print_resolutions(
    rows: Sequence[dict[str, Any]],
    *,
    title: str,
    caption: str | None = None,
    headers: bool = True,
) -> None:
    """Draw resolution rows (query.votes.resolution_rows) on stdout."""
    from minecli.render import table

    shown, columns = display_rows(rows)
    # a table without these would not say which vote it lists: a block per row instead
    keep = ("year", "resolution", "date", "tally")
    table.print_rows(shown, columns, title=title, caption=caption, keep=keep, headers=headers)
