"""The Rich console for stdout: colour and box art only when a terminal asks for them."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

VOTE_STYLES = {"yes": "green", "no": "red", "abstain": "yellow", "absent": "dim"}
STATUS_STYLES = {
    "state_party": "green",
    "signatory": "cyan",
    "not_party": "yellow",
    "withdrawn": "red",
}
# What a span of a view is (render.views) -> how it looks on a terminal.
STYLES = {
    **{f"vote.{k}": v for k, v in VOTE_STYLES.items()},
    **{f"status.{k}": v for k, v in STATUS_STYLES.items()},
    "party.yes": "green",
    "party.no": "yellow",
    "dim": "dim",
}


def _env_on(name: str) -> bool:
    value = os.environ.get(name)
    return value is not None and value not in ("", "0")


PIPED_WIDTH = 100_000  # piped output is never wrapped or cut to fit a screen


def stdout_is_terminal() -> bool:
    """Whether people are looking at stdout (or FORCE_COLOR / CLICOLOR_FORCE say they are)."""
    if _env_on("FORCE_COLOR") or _env_on("CLICOLOR_FORCE"):
        return True
    return sys.stdout.isatty()


@contextmanager
def console_out() -> Iterator[Any]:
    """A Rich Console for stdout, flushed when the block ends.

    On a terminal: colour (unless NO_COLOR, which always wins, even when colour is forced), box
    art, the terminal's width. Piped: plain text, no colour or boxes, lines as long as their
    content (or $COLUMNS when set) with no trailing padding.
    """
    from rich.console import Console

    terminal = stdout_is_terminal()
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    # no-color.org: any non-empty NO_COLOR turns colour off, whatever its value.
    common = {"no_color": bool(os.environ.get("NO_COLOR")), "highlight": False, "emoji": False}
    if terminal:
        console = Console(file=sys.stdout, force_terminal=True, width=width, **common)
        console.on_broken_pipe = _reader_left  # type: ignore[method-assign]
        yield console
        return
    buffer = io.StringIO()
    yield Console(
        file=buffer, force_terminal=False, width=width or PIPED_WIDTH, color_system=None, **common
    )
    sys.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def _reader_left() -> None:
    """A closed pipe under a forced terminal (`FORCE_COLOR=1 minecli show UZ | head -1`):
    Rich would exit with status 1; raised as the BrokenPipeError it is, it ends the run
    quietly with status 0, as a plain run does (minecli.app)."""
    raise BrokenPipeError


def box_for(console: Any, kind: str = "table") -> Any:
    """Rounded boxes on a terminal; plain aligned columns when piped."""
    from rich import box

    if not console.is_terminal:
        return None
    return box.ROUNDED if kind == "panel" else box.SIMPLE_HEAD


def style_of(kind: str | None) -> str | None:
    """The Rich style for a kind of span, or None for plain text."""
    return STYLES.get(kind) if kind else None
