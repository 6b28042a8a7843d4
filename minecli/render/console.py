"""The Rich console for stdout: colour and box art only when a terminal asks for them; and
whether stderr's prefixes (``Error:``, ``Warning:``) are coloured.

Colour follows --color (auto, always, never) first, then NO_COLOR (off, even when forced),
FORCE_COLOR / CLICOLOR_FORCE (on, and a terminal's layout, even into a pipe), then whether
the stream is a terminal."""

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
    "differs": "bold yellow",
    "share.high": "green",  # states that vote alike three times in four or more
    "share.mid": "yellow",
    "share.low": "red",
    "severity.error": "bold red",
    "severity.warning": "yellow",
    "title": "bold",  # every table's and view's title
    "heading": "bold underline",  # a year of the timeline, a section of a profile
    "dim": "dim",
}
COLOR_MODES = ("auto", "always", "never")
# --color: the root command sets it on every run (so one run never leaks into the next).
COLOR = {"mode": "auto"}


def set_color(mode: str) -> None:
    """``always``: colour and a terminal's layout even into a pipe (as FORCE_COLOR);
    ``never``: no colour even on a terminal (as NO_COLOR); ``auto``: the environment."""
    COLOR["mode"] = mode


def _env_on(name: str) -> bool:
    value = os.environ.get(name)
    return value is not None and value not in ("", "0")


PIPED_WIDTH = 100_000  # piped output is never wrapped or cut to fit a screen


def _forced() -> bool:
    return COLOR["mode"] == "always" or _env_on("FORCE_COLOR") or _env_on("CLICOLOR_FORCE")


def stdout_is_terminal() -> bool:
    """Whether people are looking at stdout (or --color always, FORCE_COLOR or CLICOLOR_FORCE
    say they are)."""
    return _forced() or sys.stdout.isatty()


def colour_off() -> bool:
    """No colour: --color never, or NO_COLOR (no-color.org: any non-empty value) unless
    --color always overrides it."""
    if COLOR["mode"] != "auto":
        return COLOR["mode"] == "never"
    return bool(os.environ.get("NO_COLOR"))


def colours_stderr() -> bool:
    """Whether stderr's prefixes are coloured: only on a real terminal, and colour not off
    (forcing colour is for stdout: a script reading stderr always gets plain ``Error:``)."""
    if colour_off():
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stderr
        return False


SGR = {"red": "31", "green": "32", "yellow": "33", "cyan": "36", "bold red": "1;31", "bold": "1"}


def paint(text: str, style: str) -> str:
    """Text in one of the SGR styles, for the few lines coloured without Rich."""
    return f"\x1b[{SGR[style]}m{text}\x1b[0m"


PREFIXES = {"Error:": "bold red", "Warning:": "yellow"}


def stderr_text(line: str) -> str:
    """A line for stderr with its ``Error:`` or ``Warning:`` prefix coloured when stderr is
    coloured; the words are the same either way."""
    for prefix, style in PREFIXES.items():
        if line.startswith(prefix) and colours_stderr():
            return paint(prefix, style) + line[len(prefix) :]
    return line


def diff_text(diff: str) -> str:
    """A unified diff coloured for a terminal: removed lines red, added green, hunks cyan."""
    if not stdout_is_terminal() or colour_off():
        return diff
    lines = []
    for line in diff.splitlines(keepends=True):
        body, end = line.rstrip("\n"), line[len(line.rstrip("\n")) :]
        if line.startswith(("---", "+++")):
            lines.append(paint(body, "bold") + end)
        elif line.startswith("@@"):
            lines.append(paint(body, "cyan") + end)
        elif line.startswith(("-", "+")):
            lines.append(paint(body, "red" if line[0] == "-" else "green") + end)
        else:
            lines.append(line)
    return "".join(lines)


def columns_set() -> int | None:
    """The width $COLUMNS asks for, if it is set to one."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


@contextmanager
def console_out(paged: bool = False) -> Iterator[Any]:
    """A Rich Console for stdout, flushed when the block ends.

    On a terminal: colour (unless colour is off), box art, the terminal's width; with
    ``paged``, through the pager when taller than the screen (minecli.render.pager). Piped:
    plain text, no colour or boxes, lines as long as their content (or $COLUMNS when set)
    with no trailing padding.
    """
    from rich.console import Console

    terminal = stdout_is_terminal()
    width = columns_set()
    # no-color.org: any non-empty NO_COLOR turns colour off, whatever its value.
    common = {"no_color": colour_off(), "highlight": False, "emoji": False}
    if terminal:
        from minecli.render import pager

        command = pager.wanted() if paged else None
        if command is None:
            console = Console(file=sys.stdout, force_terminal=True, width=width, **common)
            console.on_broken_pipe = _reader_left  # type: ignore[method-assign]
            yield console
            return
        page = io.StringIO()
        width = width or os.get_terminal_size(sys.stdout.fileno()).columns
        yield Console(file=page, force_terminal=True, width=width, **common)
        pager.show(page.getvalue(), command)
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
