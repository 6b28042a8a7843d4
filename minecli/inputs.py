"""What ``-`` reads: standard input, by the same rules wherever a list or a file is taken.

A list (of countries, say) is one item a line: line endings may be LF or CRLF, spaces around an
item do not count, and blank lines and lines starting with ``#`` are skipped. A file given as
``-`` is read whole, as UTF-8 text (a BOM is allowed); the importers skip the same blank and
``#`` lines. Errors name the place as ``stdin line N`` (lists) or ``stdin`` (files), and the
offending value without its line ending.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from minecli.errors import InvalidData, MinecliError

DASH = "-"
LABEL = "stdin"  # how standard input is named in messages
MAX_INPUT_BYTES = 64 * 1024 * 1024  # no roll call, status table or list comes near this
T = TypeVar("T")


def is_stdin(path: str | Path) -> bool:
    return str(path) == DASH


def label(path: str | Path) -> str:
    """How a file argument is named in messages: ``stdin`` for ``-``."""
    return LABEL if is_stdin(path) else str(path)


def is_comment(text: str) -> bool:
    """Whether a line (or a CSV row's first cell) is a ``#`` comment."""
    return text.lstrip().startswith("#")


def skipped(line: str) -> bool:
    """Whether a line of a list holds nothing: blank, or a ``#`` comment."""
    return not line.strip() or is_comment(line)


def listed(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, item) of a list, one item a line; blank and ``#`` lines skipped, the line
    ending (``\\n`` or ``\\r\\n``) and surrounding spaces removed."""
    for number, line in enumerate(lines, start=1):
        if not skipped(line):
            yield number, line.strip()


def _closed() -> bool:
    app = sys.modules.get("minecli.app")  # the streams found closed at start (minecli.app)
    return sys.stdin is None or sys.stdin.closed or bool(app and 0 in app.CLOSED)


def read_stdin(what: str) -> str:
    """All of standard input as text; ``what`` says what was to be read, for the error when
    standard input is closed."""
    if _closed():
        raise MinecliError(f"standard input is closed; {what}")
    try:
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    except ValueError:  # closed under us
        raise MinecliError(f"standard input is closed; {what}") from None
    return decode(data, LABEL)


def decode(data: bytes, where: str) -> str:
    """Bytes read from a file or stdin as text: UTF-8, a BOM allowed, at most MAX_INPUT_BYTES."""
    if len(data) > MAX_INPUT_BYTES:
        raise InvalidData(f"larger than {MAX_INPUT_BYTES:,} bytes; not read", file=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(f"not UTF-8 text (byte {exc.start})", file=where) from None


def stdin_items(what: str, take: Callable[[str], T]) -> Iterator[T]:
    """``take(item)`` for each item listed on stdin; an error names the line it came from, as
    ``Error: unknown country 'XX' (stdin line 3)``."""
    for number, item in listed(read_stdin(what).split("\n")):
        try:
            yield take(item)
        except MinecliError as exc:
            message, hint, rest = str(exc).partition("; did you mean ")
            raise type(exc)(f"{message} ({LABEL} line {number}){hint}{rest}") from None
