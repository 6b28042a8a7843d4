"""Reading CSV files for the importers: UTF-8 rows with their line numbers, and the errors
found in them, reported all together."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
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

    def add_at(self, where: str, message: str) -> None:
        """A problem found at a place that is not a line (a JSON key, say)."""
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            shown = "; ".join(self.items[:MAX_REPORTED])
            extra = len(self.items) - MAX_REPORTED
            more = f"; and {extra} more" if extra > 0 else ""
            raise InvalidData(
                f"{len(self.items)} problem(s), nothing imported: {shown}{more}", file=self.label
            )


def read_text(path: Path) -> str:
    """An input file as text, UTF-8 (a BOM is allowed); ``-`` is standard input."""
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(f"not UTF-8 text (byte {exc.start})", file=str(path)) from None
    except OSError as exc:
        raise MinecliError(f"{path}: cannot read: {exc.strerror}") from None


def read_rows(text: str, label: str) -> Rows:
    """(line number, row) of CSV text; keys lower-cased, values stripped."""
    out: Rows = []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if not reader.fieldnames:
            raise InvalidData("empty file, expected a header row", file=label)
        for row in reader:
            clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            out.append((reader.line_num, clean))
    except csv.Error as exc:
        raise InvalidData(str(exc), file=label, line=reader.line_num) from None
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
