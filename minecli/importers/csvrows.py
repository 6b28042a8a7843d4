"""Reading CSV files for the importers: UTF-8 rows with their line numbers, and the errors
found in them, reported all together."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from minecli.dates import full_date
from minecli.errors import InvalidData, MinecliError
from minecli.inputs import MAX_INPUT_BYTES, decode, is_comment, is_stdin, read_stdin

MAX_REPORTED = 20  # problems named in the error
MAX_COLLECTED = 200  # reading stops after this many: a file of nothing but bad rows is not read on
Rows = list[tuple[int, dict[str, str]]]


@dataclass
class RowErrors:
    """Problems found in a file, each with its line number; raised all together."""

    label: str
    items: list[str] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.add_at(f"line {line}", message)

    def add_at(self, where: str, message: str) -> None:
        """A problem found at a place that is not a line (a JSON key, say)."""
        self.items.append(f"{where}: {message}")
        if len(self.items) >= MAX_COLLECTED:
            self.raise_if_any(stopped=True)

    def raise_if_any(self, *, stopped: bool = False) -> None:
        if self.items:
            shown = "; ".join(self.items[:MAX_REPORTED])
            extra = len(self.items) - MAX_REPORTED
            more = f"; and {extra} more" if extra > 0 else ""
            count = f"{len(self.items)} problem(s)"
            if stopped:
                count += f" (reading stopped at {MAX_COLLECTED})"
            raise InvalidData(f"{count}, nothing imported: {shown}{more}", file=self.label)


def read_text(path: Path) -> str:
    """An input file as text, UTF-8 (a BOM is allowed); ``-`` is standard input. Only a plain
    file is read (a FIFO or a device could block or never end), and at most MAX_INPUT_BYTES."""
    if is_stdin(path):
        return read_stdin("give the file's path instead of -")
    try:
        from minecli.files import regular_file

        regular_file(path, str(path))
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise MinecliError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path))


def read_rows(text: str, where: str) -> Rows:
    """(line number, row) of CSV text; keys lower-cased, values stripped. Blank rows and rows
    whose first cell starts with ``#`` are skipped (minecli.inputs), before the header too."""
    out: Rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    try:
        for row in reader:
            if not any(cell.strip() for cell in row) or is_comment(row[0]):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                continue
            cells = (row + [""] * len(header))[: len(header)]  # extra cells are dropped
            out.append(
                (reader.line_num, {k: v.strip() for k, v in zip(header, cells, strict=True)})
            )
    except csv.Error as exc:
        raise InvalidData(str(exc), file=where, line=reader.line_num) from None
    if header is None:
        raise InvalidData("empty file, expected a header row", file=where)
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
