"""What `edit` does with a valid draft that holds comments: later writes would refuse the file,
so it says so and offers to turn the comments into notes (minecli.edits.comments)."""

from __future__ import annotations

from typing import Any

from minecli import files
from minecli.commands._common import ask, warn
from minecli.edits import comments
from minecli.render import emit_message


def settle(text: str, label: str) -> tuple[str, dict[str, Any] | None] | None:
    """What to save of a valid draft: its text, and the document to save instead (its comments
    turned into notes) or None to keep the text as it is; None to edit the draft again."""
    found = comments.find(text)
    if not found:
        return text, None
    count = f"{len(found)} comment(s)"
    warn(
        f"{label}:{found[0].line}: holds {count}; later writes (set, add-vote, …) refuse a file "
        "with comments"
    )
    if not ask(f"Turn the {count} into notes?", True):
        return _verbatim(text, label)
    doc, unplaced = comments.to_notes(files.parse(text, label), found)
    if unplaced:
        where = ", ".join(f"line {c.line} ({comments.name(c.table)})" for c in unplaced)
        emit_message(f"{label}: no note can hold the comment(s) on {where}")
        if ask("Edit again?", True, closed=False):
            return None
        return _verbatim(text, label)
    made = [f"line {c.line} → {comments.name(c.table)}.note" for c in found if c.text]
    emit_message(f"Comments turned into notes: {', '.join(made) or 'none (all were empty)'}")
    return text, doc


def _verbatim(text: str, label: str) -> tuple[str, None]:
    warn(
        f"{label} keeps its comments: later writes refuse it until they are removed or turned "
        f"into notes (minecli edit {files.code_of(label)})"
    )
    return text, None
