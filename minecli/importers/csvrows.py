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

MAX_REPORTED = 20  # problems named in the error
MAX_COLLECTED = 200  # reading stops after this many: a file of nothing but bad rows is not read on
MAX_INPUT_BYTES = 64 * 1024 * 1024  # no roll call or status table comes near this
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
    label = str(path)
    try:
        if label == "-":
            from minecli.app import CLOSED

            if sys.stdin is None or sys.stdin.closed or 0 in CLOSED:
                raise MinecliError("standard input is closed; give the file's path instead of -")
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            from minecli.files import regular_file

            regular_file(path, label)
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise MinecliError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError:  # a closed standard input
        raise MinecliError("standard input is closed; give the file's path instead of -") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InvalidData(f"larger than {MAX_INPUT_BYTES:,} bytes; not read", file=label)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(f"not UTF-8 text (byte {exc.start})", file=label) from None


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
