"""A plain roll-call file: a ``code,vote`` header; codes as alpha-2, alpha-3 or names; votes
yes / no / abstain / absent. The resolution is named on the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from minecli.errors import MinecliError, UsageError
from minecli.importers import RollCall
from minecli.importers.csvrows import RowErrors, Rows
from minecli.inputs import label
from minecli.model import VOTES


def accepts(header: set[str]) -> bool:
    return {"code", "vote"} <= header


def read(path: Path, rows: Rows, number: str | None, resolve: Callable[[str], str]) -> RollCall:
    if number is None:
        raise UsageError("a plain code,vote file needs --resolution")
    errors = RowErrors(label(path))
    votes: dict[str, str] = {}
    for line, row in rows:
        vote = row["vote"].lower()
        if vote not in VOTES:
            errors.add(line, f"vote {row['vote']!r} is not one of {', '.join(VOTES)}")
        try:
            code = resolve(row["code"])
        except MinecliError as exc:
            errors.add(line, str(exc))
            continue
        if code in votes:
            errors.add(line, f"{code} appears twice")
        votes[code] = vote
    errors.raise_if_any()
    return RollCall(number, votes, layout="plain-csv")
