"""What `check` reports: one finding per problem, and the place in its file an editor jumps to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

ERROR, WARNING = "error", "warning"
# The columns of every machine format, in order (line and column came later, so they come last).
CHECK_COLUMNS = ("severity", "check", "file", "where", "message", "line", "column")
# A table names the place in one column, as editors and compilers do: countries/UZ.toml:14:1.
TABLE_COLUMNS = ("severity", "check", "file", "where", "message")


@dataclass(frozen=True)
class Finding:
    severity: str
    check: str
    file: str
    where: str
    message: str
    line: int | None = None
    column: int | None = None

    def row(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in CHECK_COLUMNS}

    def table_row(self) -> dict[str, Any]:
        place = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        return {**self.row(), "file": place}


Locate = Callable[[str, str], "tuple[int, int] | None"]


def placed(findings: Iterable[Finding], locate: Locate) -> list[Finding]:
    """The findings with their line and column, where ``locate(file, where)`` knows them."""
    out = []
    for finding in findings:
        at = locate(finding.file, finding.where) if finding.line is None else None
        out.append(replace(finding, line=at[0], column=at[1]) if at else finding)
    return out
