"""Reading CSV files for the importers: UTF-8 rows with their line numbers, and the errors
found in them, reported all together."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from minecli.dates import full_date
from minecli.errors import InvalidData, MinecliError

MAX_REPORTED = 20
Rows = list[tuple[int, dict[str, str]]]


@dataclass
class RowErrors:
    """Problems found in a file, each with its line number; raised all together."""

    label: str
    items: list[str] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.items.append(f"line {line}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            shown = "; ".join(self.items[:MAX_REPORTED])
            extra = len(self.items) - MAX_REPORTED
            more = f"; and {extra} more" if extra > 0 else ""
            raise InvalidData(
                f"{len(self.items)} bad row(s), nothing imported: {shown}{more}", file=self.label
            )


def read_rows(path: Path) -> Rows:
    """(line number, row) of a CSV file read as UTF-8 (a BOM is allowed); keys lower-cased,
    values stripped."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise MinecliError(f"{path}: cannot read: {exc.strerror}") from None
    out: Rows = []
    with handle:
        reader = csv.DictReader(handle)
        try:
            if not reader.fieldnames:
                raise InvalidData("empty file, expected a header row", file=str(path))
            for row in reader:
                clean = {
                    k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None
                }
                out.append((reader.line_num, clean))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InvalidData(str(exc), file=str(path), line=reader.line_num) from None
    return out


def pick(row: dict[str, str], names: tuple[str, ...]) -> str | None:
    """The value of the first of these columns the row has."""
    for name in names:
        if name in row:
            return row[name]
    return None


def day(text: str) -> dt.date | None:
    """A date column's value (``YYYY-MM-DD``, a time after it ignored), or None."""
    return full_date(text.strip()[:10])
