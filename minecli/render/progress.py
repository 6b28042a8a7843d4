"""A progress bar on stderr for long work (indexing a large store), shown only at a terminal
and only once the work has taken more than a second."""

from __future__ import annotations

import sys
import time
from typing import Any

SHOW_AFTER = 1.0  # seconds


class ProgressBar:
    """A callable that hears (done, total) and draws a bar when it is worth it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from minecli.render import QUIET

            late = time.monotonic() - self.started > SHOW_AFTER
            if not late or not sys.stderr.isatty() or QUIET["on"]:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self._bar.stop()
            self._bar = None
            self.started = time.monotonic()
