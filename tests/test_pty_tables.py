"""Tables in a real terminal (a pty of 40, 80 and 120 columns): no code, date or word is split.
A table with more columns than the terminal can hold becomes one block of fields per row."""

from __future__ import annotations

import re

import pytest

from .helpers import in_terminal as terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def in_terminal(width: int, *args: str) -> list[str]:
    """minecli ARGS with stdout on a pty `width` columns wide; the lines it drew, colour gone."""
    return terminal(width, *args, env={"NO_COLOR": "1"})[1]


@pytest.mark.parametrize("width", [40, 80, 120])
def test_a_voting_record_keeps_every_date_whole(width: int) -> None:
    lines = in_terminal(width, "votes", "UZ")
    assert all(len(line) <= width for line in lines), "nothing drawn past the edge"
    dates = [d for line in lines for d in DATE.findall(line)]
    assert len(dates) == 31, "each of the 31 adoption dates on one line, whole"
    assert "80/35" in "\n".join(lines)
    words = {w for line in lines for w in line.split()}
    assert "Derived:" in words or width < 80, "the note's words are whole"
    assert not {"Derive", "sourc", "2025-1"} & words


def test_a_narrow_terminal_leaves_columns_out_and_says_which() -> None:
    lines = in_terminal(40, "votes", "UZ")
    assert lines[0] == "Voting record: UZ"  # the code, the same on every row, is the title's
    head = next(line for line in lines if "Resolution" in line)
    assert head.split() == ["Resolution", "Date", "Vote"]  # the vote is what it is about
    assert any(line.split() == ["53/77N", "1998-12-04", "yes"] for line in lines)
    note = " ".join(" ".join(lines).split())
    assert "Left out to fit 40 columns: Session, Disputed, Note, Sources" in note


def test_a_few_rows_too_wide_show_as_blocks() -> None:
    lines = in_terminal(40, "list", "--vote", "80/35=no")  # Russia alone voted no
    fields = [line.split()[0] for line in lines if line.strip()]
    assert fields.count("Code") == 1 and fields.count("Latest") == 2  # resolution and vote
    assert any(line.split() == ["Status", "Not", "party"] for line in lines)


def test_a_wide_terminal_shows_the_table() -> None:
    lines = in_terminal(120, "votes", "UZ")
    row = next(line for line in lines if " 53/77N " in line)
    assert row.split()[:5] == ["53/77N", "53", "1998-12-04", "yes", "absent"]
