"""The pager for a long view at a terminal, as git and gh have it.

The command is $MINECLI_PAGER, else $PAGER, else ``less`` (with LESS=FRX when LESS is unset:
quit when the text fits, keep colours, leave the screen as it was). An empty value or ``cat``
means no pager, as does --no-pager. Only a real terminal is paged: never a pipe, not even one
that --color always or FORCE_COLOR dress as a terminal.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping

# --no-pager: the root command sets this on every run.
PAGING = {"off": False}
DEFAULT = "less"
DEFAULT_LESS = "FRX"


def set_paging(on: bool) -> None:
    PAGING["off"] = not on


def pager_command(env: Mapping[str, str]) -> list[str] | None:
    """The pager's argv from the environment, or None for no pager."""
    for name in ("MINECLI_PAGER", "PAGER"):
        if name in env:
            text = env[name].strip()
            break
    else:
        text = DEFAULT
    words = shlex.split(text, posix=os.name != "nt") if text else []
    if not words or words == ["cat"]:
        return None
    return words


def too_tall(text: str, height: int) -> bool:
    """Whether the text needs more lines than the screen has (one kept for the prompt)."""
    return text.count("\n") >= max(height - 1, 1)


def wanted() -> list[str] | None:
    """The pager to use for this run, or None: off, not a terminal, or no pager named."""
    if PAGING["off"] or not sys.stdout.isatty():
        return None
    return pager_command(os.environ)


def screen_height() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError):
        return 24


def show(text: str, command: list[str]) -> None:
    """Print the text, through the pager when it is taller than the screen. A pager that
    cannot be started leaves the text printed as it is; one quit early is no error."""
    if not too_tall(text, screen_height()):
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", DEFAULT_LESS)
    sys.stdout.flush()
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # no such pager: the text, unpaged
        sys.stdout.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    proc.wait()
