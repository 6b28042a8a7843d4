"""The pager and colour at a real terminal (a pty): a long view is paged, --no-pager and a
pipe are not; --color, NO_COLOR and FORCE_COLOR; colour with meaning (check's severities, the
diff of --dry-run, the Error: prefix); and nothing of it in a pipe."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .helpers import ESC, assert_error, colour_codes, in_terminal, run, sh


@pytest.fixture
def pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that keeps what it was given (and LESS as it saw it) in a file."""
    kept = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, sys\n"
        f"data = sys.stdin.buffer.read()\nopen({str(kept)!r}, 'wb').write(data)\n"
        f"open({str(kept) + '.less'!r}, 'w').write(os.environ.get('LESS', ''))\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", kept


def test_a_long_show_goes_through_the_pager(pager: tuple[str, Path]) -> None:
    command, kept = pager
    raw, _ = in_terminal(80, "show", "UZ", height=20, env={"MINECLI_PAGER": command})
    paged = kept.read_text(encoding="utf-8")
    assert "Uzbekistan (UZ)" in paged and "Sources" in paged
    assert "Uzbekistan (UZ)" not in raw, "the pager, not minecli, showed it"
    assert Path(str(kept) + ".less").read_text() == "FRX", "LESS defaults to FRX"


def test_a_long_timeline_goes_through_pager(pager: tuple[str, Path]) -> None:
    command, kept = pager
    in_terminal(
        80, "timeline", "UZ", "KZ", height=20, env={"MINECLI_PAGER": None, "PAGER": command}
    )
    assert "80/35" in kept.read_text(encoding="utf-8"), "PAGER is used without MINECLI_PAGER"


@pytest.mark.parametrize("off", ["", "cat"])
def test_an_empty_or_cat_pager_means_none(pager: tuple[str, Path], off: str) -> None:
    command, kept = pager
    env = {"MINECLI_PAGER": off, "PAGER": command}
    _, lines = in_terminal(80, "timeline", "UZ", height=20, env=env)
    assert not kept.exists() and any("80/35" in line for line in lines)


@pytest.mark.parametrize(
    "args", [("--no-pager", "timeline", "UZ"), ("timeline", "UZ", "--no-pager")]
)
def test_no_pager_prints_straight_to_the_terminal(pager: tuple[str, Path], args) -> None:
    command, kept = pager
    _, lines = in_terminal(80, *args, height=20, env={"MINECLI_PAGER": command})
    assert not kept.exists() and any("80/35" in line for line in lines)


def test_a_short_view_or_a_pipe_is_never_paged(pager: tuple[str, Path]) -> None:
    command, kept = pager
    _, lines = in_terminal(80, "store", height=20, env={"MINECLI_PAGER": command})
    assert not kept.exists() and any("197" in line for line in lines)
    result = sh("minecli show UZ | wc -l", env={"MINECLI_PAGER": command})
    assert not kept.exists() and int(result.out) > 20
    forced = sh("minecli --color always show UZ | wc -l", env={"MINECLI_PAGER": command})
    assert not kept.exists() and int(forced.out) > 20


def test_an_existing_less_setting_is_kept(pager: tuple[str, Path]) -> None:
    command, kept = pager
    in_terminal(80, "show", "UZ", height=20, env={"MINECLI_PAGER": command, "LESS": "-S"})
    assert Path(str(kept) + ".less").read_text() == "-S"


def test_color_always_colours_a_pipe_and_never_a_terminal_plain() -> None:
    assert ESC in sh("minecli --color always votes UZ | cat").out
    assert ESC in sh("minecli votes UZ --color=always | cat", env={"NO_COLOR": "1"}).out
    raw, _ = in_terminal(80, "--color", "never", "votes", "UZ")
    assert colour_codes(raw) == [], "no colour (bold may stay, as with NO_COLOR)"
    raw, _ = in_terminal(80, "votes", "UZ")
    assert "\x1b[33m" in raw, "abstain is yellow at a terminal"
    assert ESC not in sh("minecli votes UZ | cat").out


def test_color_takes_a_closed_set() -> None:
    assert_error(run("--color", "bogus", "list"), 2, "'--color'", "'bogus'")


def test_check_colours_errors_red_and_warnings_yellow(store_copy: Path) -> None:
    bad = store_copy / "countries" / "UZ.toml"
    text = bad.read_text(encoding="utf-8").replace('name = "Uzbekistan"', 'name = ""', 1)
    bad.write_text(text, encoding="utf-8")
    raw, _ = in_terminal(120, "--store", str(store_copy), "check", status=1)
    assert "\x1b[1;31merror" in raw, "an error is bold red"
    assert "\x1b[33mwarning" in raw, "a warning is yellow"


def test_a_dry_run_diff_is_red_and_green_at_a_terminal_only(store_copy: Path) -> None:
    args = ["--store", str(store_copy), "set", "UZ", "treaty.as_of", "2026-03-01", "-n"]
    raw, _ = in_terminal(120, *args)
    assert "\x1b[31m-as_of" in raw and "\x1b[32m+as_of" in raw and "\x1b[36m@@" in raw
    piped = run(*args)
    assert piped.code == 0 and ESC not in piped.out and piped.out.startswith("--- a/")


def test_the_error_prefix_is_bold_red_on_a_terminal_only() -> None:
    raw, _ = in_terminal(120, "show", "nowhere", stderr_too=True, status=1)
    assert "\x1b[1;31mError:\x1b[0m unknown country 'nowhere'" in raw
    raw, _ = in_terminal(120, "show", "nowhere", stderr_too=True, status=1, env={"NO_COLOR": "1"})
    assert ESC not in raw and "Error: unknown country" in raw
    piped = sh("minecli show nowhere 2>&1 | cat")
    assert piped.out.startswith("Error: unknown country 'nowhere'")
