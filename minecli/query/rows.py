"""The shape a reader asks of any rows: which fields and in what order, sorted by what,
reversed, how many. One implementation behind --fields, --sort, --reverse, --limit and
--no-headers on every read command.

Sorting is natural: numbers by value, text with its runs of digits read as numbers (so 9/33
comes before 10/1), dates by date; a row with no value in a sort field comes last, reversed or
not, as a blank belongs at the end of a list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from minecli.errors import UsageError

_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Shape:
    """What --fields, --sort, --reverse, --limit and --no-headers asked for (None: as it is)."""

    fields: tuple[str, ...] | None = None
    sort: tuple[str, ...] = ()
    reverse: bool = False
    limit: int | None = None
    headers: bool = True

    @property
    def picks(self) -> bool:
        """Whether the reader chose the fields (a view for people then shows them as a table)."""
        return self.fields is not None


AS_IT_IS = Shape()


def parse_fields(text: str | None) -> tuple[str, ...] | None:
    """``code,name, status`` -> ("code", "name", "status"); None when not given."""
    if text is None:
        return None
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise UsageError("--fields takes field names separated by commas, such as code,name")
    return names


def known(names: Sequence[str], columns: Sequence[str], option: str) -> None:
    """Refuse a name that is not a column, listing the valid ones (and the closest)."""
    for name in names:
        if name not in columns:
            from minecli.suggest import did_you_mean

            hint = did_you_mean(name, list(columns)).removeprefix("; ")
            near = f" ({hint})" if hint else ""
            raise UsageError(
                f"{option}: no field {name!r}{near}; the fields are {', '.join(columns)}"
            )


def columns_of(
    shape: Shape, columns: Sequence[str], fields: Sequence[str] | None = None
) -> list[str]:
    """The columns to print: the ones --fields names (of ``fields``, by default the
    ``columns``), in its order, else the ``columns``."""
    if shape.fields is None:
        return list(columns)
    known(shape.fields, fields or columns, "--fields")
    return list(dict.fromkeys(shape.fields))


def sort_key(value: Any) -> tuple[Any, ...]:
    """A value's place in a natural order (comparable across the types a field can hold)."""
    if isinstance(value, bool):
        return ((0, int(value)),)
    if isinstance(value, (int, float)):
        return ((0, value),)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = str(value).casefold()
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _DIGITS.split(text) if p)


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def arranged(rows: Sequence[dict[str, Any]], shape: Shape, columns: Sequence[str]) -> list[dict]:
    """The rows sorted by --sort (the first field first, ties by the next), reversed by
    --reverse, and cut to --limit; the fields sorted on must be ``columns``."""
    known(shape.sort, columns, "--sort")
    ordered = list(rows)
    for name in reversed(shape.sort):
        filled = [r for r in ordered if not _blank(r.get(name))]
        empty = [r for r in ordered if _blank(r.get(name))]
        filled.sort(key=lambda r, n=name: sort_key(r.get(n)), reverse=shape.reverse)
        ordered = filled + empty
    if shape.reverse and not shape.sort:
        ordered.reverse()
    if shape.limit is not None:
        ordered = ordered[: shape.limit]
    return ordered


def shaped(
    rows: Sequence[dict[str, Any]],
    shape: Shape,
    columns: Sequence[str],
    fields: Sequence[str] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and columns as the shape asks: sorted, reversed, limited, and the fields picked
    (each row keeps only those, in their order). ``fields`` are the names a reader may pick
    or sort by when they are more than the ``columns`` shown by default."""
    picked = columns_of(shape, columns, fields)
    ordered = arranged(rows, shape, fields or columns)
    return [{c: row.get(c) for c in picked} for row in ordered], picked


def record_keys(records: Sequence[dict[str, Any]]) -> list[str]:
    """The top-level keys of whole records, in the order they first appear."""
    return list(dict.fromkeys(k for record in records for k in record))


def shaped_records(records: Sequence[dict[str, Any]], shape: Shape) -> list[dict[str, Any]]:
    """Whole records as the shape asks, --fields picking top-level keys (a record without a
    picked key leaves it out, as the record has no such fact)."""
    keys = record_keys(records)
    picked = columns_of(shape, keys)
    ordered = arranged(records, shape, keys)
    if shape.fields is None:
        return ordered
    return [{k: r[k] for k in picked if k in r} for r in ordered]
