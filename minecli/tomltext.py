"""TOML text read without a parser, for the writer: where the first comment is, whether the
lines end in CRLF, and setting a profile's top-level ``updated`` while keeping the rest."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from minecli import files
from minecli.errors import InvalidData


def string_end(text: str, i: int) -> int:
    """Where the TOML string that opens at ``text[i]`` (a quote) ends: the index just past it.

    A multi-line string closes at the last three quotes of a run of three to five (TOML lets
    text end in one or two quotes just inside the closing delimiter); an unclosed one-line
    string ends at its line break (the parser will say so).
    """
    ch, n = text[i], len(text)
    triple = text.startswith(ch * 3, i)
    i += 3 if triple else 1
    while i < n:
        if ch == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == "\n" and not triple:
            return i
        if text[i] == ch and (not triple or text.startswith(ch * 3, i)):
            if not triple:
                return i + 1
            run = 3
            while i + run < n and text[i + run] == ch:
                run += 1
            return i + min(run, 5)
        i += 1
    return n


def first_comment_line(text: str) -> int | None:
    """The line number of the first TOML comment in ``text``, or None; strings are skipped."""
    i, n = 0, len(text)
    while i < n:
        if text[i] == "#":
            return text.count("\n", 0, i) + 1
        i = string_end(text, i) if text[i] in "\"'" else i + 1
    return None


def crlf(text: str) -> bool:
    """Whether every line of a text ends in CRLF (TOML reads CRLF in strings as a line break,
    so writing CRLF back changes no value)."""
    return "\n" in text and text.count("\r\n") == text.count("\n")


_UPDATED = re.compile(r"^updated[ \t]*=[^\r\n]*", re.MULTILINE)


def dated_text(text: str, when: dt.date, doc: dict[str, Any], label: str) -> str | None:
    """A profile's text with its top-level ``updated`` set to ``when`` and the rest untouched,
    if it then reads as ``doc``; None when not (the canonical form is written instead)."""
    header = re.search(r"^\[", text, re.MULTILINE)
    top = header.start() if header else len(text)
    line = f"updated = {when.isoformat()}"
    found = _UPDATED.search(text, 0, top)
    if found:
        new = f"{text[: found.start()]}{line}{text[found.end() :]}"
    else:
        head = text[:top].rstrip()
        if not head:
            return None
        new = f"{head}{chr(13) if crlf(text) else ''}\n{line}{text[len(head) :]}"
    try:
        return new if files.parse(new, label) == doc else None
    except InvalidData:
        return None
