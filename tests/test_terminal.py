"""Colour and box art only on a terminal: plain text when piped; FORCE_COLOR, NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import BOX_CHARS, ESC, SIX, cli, colour_codes, run


def test_piped_show_is_plain_text() -> None:
    result = cli("show", "UZ", entry="script")
    assert result.code == 0 and result.err == ""
    assert ESC not in result.out
    assert not BOX_CHARS.search(result.out), "no ╭ ─ │ box drawing when piped"
    assert all(line == line.rstrip() for line in result.lines), "no trailing padding"


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("votes", "-r", "65/48"),
        ("resolutions",),
        ("timeline", "UZ"),
        ("sources", "UZ"),
        ("search", "OZM"),
        ("store",),
    ],
)
def test_piped_tables_are_plain_text(small_store: Path, args: tuple[str, ...]) -> None:
    out = run("--store", str(small_store), *args).out
    assert ESC not in out and not BOX_CHARS.search(out)


def test_piped_tables_are_not_wrapped() -> None:
    """Without COLUMNS, a piped table keeps each row on one line, however long."""
    titles = {r["resolution"]: r["title"] for r in run("resolutions", "-f", "json").json()}
    lines = run("resolutions").lines
    row = next(line for line in lines if " 65/48 " in line)
    assert row.split()[:5] == ["2010", "65/48", "2010-12-08", "165-0-17", "10"]
    assert row.endswith(titles["65/48"])


def test_piped_roll_call_caption_is_not_wrapped(small_store: Path) -> None:
    """A narrow table's caption stays on one line (it used to wrap to the table's width)."""
    lines = run("--store", str(small_store), "votes", "-r", "65/48", "UZ", "TM").err_lines
    assert "1 yes, 0 no, 1 abstain, 0 absent (counted in this store); roll call: 165-0-17" in lines


def test_piped_table_title_is_not_wrapped(small_store: Path) -> None:
    codes = list(SIX) * 3
    result = run("--store", str(small_store), "votes", *codes, "--vote", "absent")
    assert result.code == 0
    assert result.err_lines[0] == "Voting record: " + ", ".join(codes)
    assert result.lines[0].split()[0] == "Code"  # stdout starts with the header: data only


def test_force_color_gives_colour_and_boxes() -> None:
    result = cli("show", "UZ", env={"FORCE_COLOR": "1"})
    assert result.code == 0
    assert colour_codes(result.out), "ANSI colour codes expected with FORCE_COLOR=1"
    assert "╭" in result.out


def test_no_color_wins_over_force_color() -> None:
    result = cli("show", "UZ", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}, entry="script")
    assert result.code == 0
    assert colour_codes(result.out) == [], "no colour with NO_COLOR=1"
    assert "Uzbekistan (UZ)" in result.out


@pytest.mark.parametrize("force", [{"FORCE_COLOR": "1"}, {"CLICOLOR_FORCE": "1"}])
def test_forced_colour_in_tables(small_store: Path, force: dict[str, str]) -> None:
    coloured = run("--store", str(small_store), "votes", "-r", "65/48", env=force).out
    assert colour_codes(coloured)
    plain = run(
        "--store", str(small_store), "votes", "-r", "65/48", env={**force, "NO_COLOR": "1"}
    ).out
    assert colour_codes(plain) == []
    assert "abstain" in plain


def test_force_color_zero_means_off(small_store: Path) -> None:
    out = run("--store", str(small_store), "votes", "-r", "65/48", env={"FORCE_COLOR": "0"}).out
    assert "abstain" in out and ESC not in out


def test_no_color_with_any_value_wins(small_store: Path) -> None:
    """no-color.org: any non-empty NO_COLOR, even "0", turns colour off."""
    out = run(
        "--store",
        str(small_store),
        "votes",
        "-r",
        "65/48",
        env={"FORCE_COLOR": "1", "NO_COLOR": "0"},
    ).out
    assert colour_codes(out) == []


def test_errors_are_plain_even_when_colour_is_forced(small_store: Path) -> None:
    result = run("--store", str(small_store), "show", "uzbekistn", env={"FORCE_COLOR": "1"})
    assert result.code == 1 and ESC not in result.err
