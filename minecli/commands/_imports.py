"""What the import commands share: the file argument, date options, and their summaries."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from minecli.dates import full_date
from minecli.errors import UsageError

FileArg = Annotated[
    Path,
    typer.Argument(
        help="The file to read (- for standard input).",
        exists=True,
        dir_okay=False,
        allow_dash=True,
        show_default=False,
    ),
]


MergeOption = Annotated[
    bool,
    typer.Option(
        "--merge",
        help="Into a profile the store has: add what is new (a differing value kept beside).",
    ),
]
ReplaceOption = Annotated[
    bool, typer.Option("--replace", help="Into a profile the store has: replace it whole.")
]


def date_option(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    value = full_date(text)
    if value is None:
        raise UsageError(f"{option} needs a full date (YYYY-MM-DD), not {text!r}")
    return value


def counts_text(counts: dict[str, int]) -> str:
    return f"{counts['added']} added, {counts['changed']} changed, {counts['unchanged']} unchanged"
