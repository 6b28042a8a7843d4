"""The comments of a profile's TOML text, and turning them into `note` fields.

minecli's writer cannot keep a comment when it rewrites a file, so it refuses a file holding
one. `edit` offers instead to move each comment into the `note` of the table it sits in: the
table whose header is in effect at its line (a comment above a header belongs to the table
before it). A note that exists already is kept and the comment's text is appended to it: after
a space when the note ends a sentence (".", "!" or "?"), else after "; ". Several comments of
one table are appended in the order they come.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from typing import Any

from minecli.model import READINGS
from minecli.schema import PROFILE_PARTS
from minecli.tomltext import string_end

# A table path: keys, and for an array of tables the index of the entry, e.g. ("votes", 1).
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    text: str  # without the "#" and the spaces around it
    table: Path  # () at the top level
    trailing: bool  # after a value or header on the same line, not a line of its own


def find(text: str) -> list[Comment]:
    """Every comment of a TOML text, in order; strings and their quotes are skipped."""
    out: list[Comment] = []
    table: Path = ()
    arrays: dict[Path, int] = {}  # an array of tables -> the index of its last entry so far
    depth = 0  # brackets and braces open in a value (an array may span lines)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            i = string_end(text, i)
            continue
        if ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            line = text.count("\n", 0, i) + 1
            words = text[i:end].lstrip("#").strip()
            out.append(Comment(line, words, table, not _starts_line(text, i)))
            i = end
        elif ch == "[" and depth == 0 and _starts_line(text, i):
            end = _header_end(text, i)
            table = _header(text[i:end], arrays) or table
            i = end
        else:
            depth += (ch in "[{") - (ch in "]}")
            i += 1
    return out


def _starts_line(text: str, i: int) -> bool:
    """Whether only spaces come before ``text[i]`` on its line."""
    return not text[text.rfind("\n", 0, i) + 1 : i].strip()


def _header_end(text: str, i: int) -> int:
    """Where the table header that opens at ``text[i]`` ends: just past its bracket(s)."""
    double = text.startswith("[[", i)
    j = i + (2 if double else 1)
    while j < len(text) and text[j] not in "]\n":
        j = string_end(text, j) if text[j] in "\"'" else j + 1
    return j + (2 if double else 1)


def _header(header: str, arrays: dict[Path, int]) -> Path | None:
    """The path of the table a header opens; the count of each array of tables goes on."""
    try:
        node: Any = tomllib.loads(header)
    except tomllib.TOMLDecodeError:
        return None  # the text was parsed already; this cannot happen with a valid one
    keys: list[str] = []
    while node:
        [(key, node)] = node.items()
        keys.append(key)
        if isinstance(node, list):
            node = node[0]
    path: Path = ()
    for key in keys[:-1]:
        path += (key,)
        if path in arrays:  # a sub-table of the array's last entry
            path += (arrays[path],)
    path += (keys[-1],)
    if header.startswith("[["):
        arrays[path] = arrays.get(path, -1) + 1
        path += (arrays[path],)
    return path


def has_note(path: Path) -> bool:
    """Whether the schema gives the table at ``path`` a `note`: the treaty, the CCW entries, the
    votes, meetings, UN membership and sources, and any other reading of a fact."""
    if len(path) >= 2 and path[-2] == READINGS and isinstance(path[-1], int):
        return True
    if not path or path[0] not in PROFILE_PARTS:
        return False
    kind, spec = PROFILE_PARTS[str(path[0])]
    return len(path) == (1 if kind == "table" else 2) and "note" in spec


def name(path: Path) -> str:
    """A table path as minecli names fields: treaty, votes[1], ccw.protocol_ii."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "the top level"


def _table_at(doc: dict[str, Any], path: Path) -> dict[str, Any] | None:
    node: Any = doc
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _joined(note: str | None, text: str) -> str:
    if not note:
        return text
    return f"{note}{' ' if note.rstrip().endswith(('.', '!', '?')) else '; '}{text}"


def to_notes(doc: dict[str, Any], comments: list[Comment]) -> tuple[dict[str, Any], list[Comment]]:
    """A copy of ``doc`` with each comment's text appended to the `note` of its table, and the
    comments that could not be placed (at the top level, or in a table without a `note`). An
    empty comment (a bare "#") adds nothing."""
    out = copy.deepcopy(doc)
    unplaced = []
    for comment in comments:
        table = _table_at(out, comment.table) if has_note(comment.table) else None
        if table is None:
            unplaced.append(comment)
        elif comment.text:
            note = table.get("note")
            table["note"] = _joined(note, comment.text)
    return out, unplaced
