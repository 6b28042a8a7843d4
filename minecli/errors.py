"""The errors minecli reports to a user: one line on stderr and an exit status, never a traceback.

Exit statuses: 1 for anything expected that went wrong (not found, invalid data, a conflict, a
read-only store), 2 for usage errors. Click's own usage errors are turned into the same one-line
form by minecli.app.
"""

from __future__ import annotations


class MinecliError(Exception):
    """An expected failure: bad input, a missing record, invalid data. Exit status 1."""

    exit_code = 1


class NotFound(MinecliError):
    """A country, resolution, meeting, field or source that the store does not hold."""


class InvalidData(MinecliError):
    """A file or value that cannot be read or does not follow the schema.

    ``file``, ``line`` and ``column`` say where, when known; the message then starts with
    ``file:line:column:``, the form editors jump to.
    """

    def __init__(
        self,
        detail: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.detail, self.file, self.line, self.column = detail, file, line, column
        super().__init__(detail)

    def where(self) -> str:
        """``file:line:column`` (as much of it as is known), or an empty string."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.detail}" if where else self.detail


class UsageError(MinecliError):
    """Arguments that cannot work together. Exit status 2, like any usage error."""

    exit_code = 2


class Conflict(MinecliError):
    """Something that already exists, or that changed while it was being edited."""


class ReadOnlyStore(MinecliError):
    """A write aimed at the bundled store, which ships with the package and is never edited."""
