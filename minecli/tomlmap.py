"""Where a key sits in a TOML text: the line and column of each key and table header.

Messages about a store file name the place an editor can jump to (``countries/UZ.toml:14:1``).
The parser gives a line only for syntax errors, so this module reads the text once more without
it: every table header and every ``key =`` outside strings and values is mapped from its path
(``("votes", 2, "vote")``: arrays of tables by 0-based position) to its 1-based line and column.
A key the text lacks is placed at the header of the table that should hold it (line 1 for the
top level).
"""

from __future__ import annotations

import re
from typing import Any

Key = tuple[str | int, ...]
Position = tuple[int, int]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
# The keys that name an entry of a list in a path: votes.65/48, meetings.10MSP, sources.3.
_IDENTITY = ("resolution", "meeting", "id", "number")
# The characters a scan must stop at inside a value, and inside each kind of string; the text
# between them is skipped in one regex search, not a character at a time.
_VALUE_STOPS = re.compile(r"[\"'#\n\[\]{}]")
# A line that is only ``bare_key = value``, the value a plain string or a scalar.
_SIMPLE = re.compile(r'([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:"[^"\\\n]*"[ \t]*|[^"\'\[\]{}#\n]*)(?=\n|$)')
_STRING_STOPS = {'"': re.compile(r'[\\"\n]'), "'": re.compile(r"['\n]")}


class _Scanner:
    """One pass over a text, recording the position of every header and key."""

    def __init__(self, text: str) -> None:
        self.text, self.i, self.line, self.start = text, 0, 1, 0
        self.found: dict[Key, Position] = {(): (1, 1)}
        self.arrays: dict[Key, int] = {}  # an array of tables -> the position of its last entry
        self.table: Key = ()

    def here(self) -> Position:
        return self.line, self.i - self.start + 1

    def newline(self) -> None:
        self.line, self.start = self.line + 1, self.i + 1

    def run(self) -> dict[Key, Position]:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch == "\n":
                self.newline()
                self.i += 1
            elif ch in " \t\r":
                self.i += 1
            elif ch == "#":
                self.to_line_end()
            elif ch == "[":
                self.header()
            else:
                self.key_value()
        return self.found

    def to_line_end(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end

    def keys(self) -> list[str]:
        """A dotted key at the cursor; the cursor ends after it."""
        parts: list[str] = []
        text = self.text
        while self.i < len(text):
            while self.i < len(text) and text[self.i] in " \t":
                self.i += 1
            ch = text[self.i : self.i + 1]
            if ch in ('"', "'"):
                begin = self.i
                self.string()
                raw = text[begin + 1 : self.i - 1]
                parts.append(raw)  # escapes in a quoted key are left as written
            else:
                bare = _BARE.match(text, self.i)
                if not bare:
                    break
                parts.append(bare.group())
                self.i = bare.end()
            while self.i < len(text) and text[self.i] in " \t":
                self.i += 1
            if text[self.i : self.i + 1] != ".":
                break
            self.i += 1
        return parts

    def resolve(self, parts: list[str], base: Key = ()) -> Key:
        """A header's keys as a path, each array of tables on the way at its last entry."""
        path: Key = base
        for part in parts:
            path = (*path, part)
            if path in self.arrays:
                path = (*path, self.arrays[path])
        return path

    def header(self) -> None:
        at = self.here()
        double = self.text.startswith("[[", self.i)
        self.i += 2 if double else 1
        parts = self.keys()
        if double:
            parent = self.resolve(parts[:-1])
            array = (*parent, parts[-1]) if parts else parent
            self.arrays[array] = self.arrays.get(array, -1) + 1
            self.found.setdefault(array, at)
            self.table = (*array, self.arrays[array])
        else:
            self.table = self.resolve(parts)
        self.found.setdefault(self.table, at)
        self.to_line_end()

    def key_value(self) -> None:
        at = self.here()
        simple = _SIMPLE.match(self.text, self.i)
        if simple:  # most lines: one bare key and a one-line value, nothing else to skip
            self.found.setdefault((*self.table, simple.group(1)), at)
            self.i = simple.end()
            return
        parts = self.keys()
        if not parts:  # not a key: the parser reports it; go on at the next line
            self.to_line_end()
            return
        self.found.setdefault((*self.table, *parts), at)
        if self.text[self.i : self.i + 1] == "=":
            self.i += 1
        self.value()

    def value(self) -> None:
        """Skip a value, however many lines its strings, arrays and inline tables take."""
        depth, text = 0, self.text
        while True:
            stop = _VALUE_STOPS.search(text, self.i)  # jump to the next character that matters
            if stop is None:
                self.i = len(text)
                return
            self.i = stop.start()
            ch = text[self.i]
            if ch in "\"'":
                self.string()
                continue
            if ch == "#":
                self.to_line_end()
                continue
            if ch == "\n":
                if depth <= 0:
                    return
                self.newline()
            elif ch in "[{":
                depth += 1
            else:
                depth -= 1
            self.i += 1

    def string(self) -> None:
        """Skip a string at the cursor: basic or literal, one line or many."""
        text, quote = self.text, self.text[self.i]
        triple = text.startswith(quote * 3, self.i)
        self.i += 3 if triple else 1
        stops = _STRING_STOPS[quote]
        while True:
            stop = stops.search(text, self.i)
            if stop is None:  # unclosed (past the end after a closing backslash: stay there)
                self.i = max(self.i, len(text))
                return
            self.i = stop.start()
            ch = text[self.i]
            if ch == "\\":
                if text[self.i + 1 : self.i + 2] == "\n":
                    self.newline()
                self.i += 2
                continue
            if ch == "\n":
                if not triple:
                    return  # an unclosed string: the parser reports it
                self.newline()
            elif not triple:
                self.i += 1
                return
            elif text.startswith(quote * 3, self.i):
                run = 3
                while self.i + run < len(text) and text[self.i + run] == quote:
                    run += 1
                self.i += min(run, 5)
                return
            self.i += 1


def positions(text: str) -> dict[Key, Position]:
    """The line and column of every table header and key of a TOML text, by path."""
    return _Scanner(text).run()


def key_path(path: str, doc: Any = None) -> Key:
    """A message's path as a key of ``positions``.

    Both forms in use are read: the schema's (``votes[3].vote``, 0-based) and the fact paths of
    checks (``votes.65/48.note``, ``use.2``, ``sources.3``), whose entries are found in ``doc``
    by their identity (resolution, meeting, id, number) or else by 1-based position.
    """
    out: list[str | int] = []
    node = doc
    for index, name in _TOKEN.findall(path):
        if index:
            step: str | int = int(index)
        elif isinstance(node, list):
            step = _entry(node, name)
        else:
            step = name
        out.append(step)
        node = _child(node, step)
    return tuple(out)


def _entry(items: list[Any], label: str) -> str | int:
    for i, item in enumerate(items):
        if isinstance(item, dict) and any(str(item.get(k)) == label for k in _IDENTITY):
            return i
    if label.isdigit() and 1 <= int(label) <= len(items):
        return int(label) - 1
    return label


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return node[step] if isinstance(node, list) and step < len(node) else None
    return node.get(step) if isinstance(node, dict) else None


def locate(found: dict[Key, Position], key: Key) -> Position:
    """The position of a key, or of the nearest table above it that the text has."""
    for end in range(len(key), 0, -1):
        if key[:end] in found:
            return found[key[:end]]
    return found[()]
