"""A mistyped command or option: one `Error:` line, exit 2, and a suggestion only when one is
really close (Click on its own offers --format for --vot)."""

from __future__ import annotations

import pytest

from .helpers import assert_error, cli, run


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("shwo", "UZ"), "Error: no command 'shwo'; did you mean 'show'?"),
        (("lsit",), "Error: no command 'lsit'; did you mean 'list'?"),
        (("imprt-votes", "f.csv"), "Error: no command 'imprt-votes'; did you mean 'import-votes'?"),
        (("imprt", "f.csv"), "Error: no command 'imprt'; did you mean 'import'?"),
        # four commands start so: too many to guess among
        (("imp", "f.csv"), "Error: no command 'imp' (see: minecli --help)"),
        (("timelin", "UZ"), "Error: no command 'timelin'; did you mean 'timeline'?"),
    ],
)
def test_a_close_command_is_suggested(args: tuple[str, ...], line: str) -> None:
    assert assert_error(run(*args), 2) == line


@pytest.mark.parametrize("name", ["xyzzy", "s", "add-", "frobnicate"])
def test_no_suggestion_when_nothing_is_close(name: str) -> None:
    line = assert_error(run(name), 2)
    assert line == f"Error: no command '{name}' (see: minecli --help)"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("list", "--stat", "x"), "Error: no option '--stat'; did you mean '--status'?"),
        (("list", "--vot", "65/48=yes"), "Error: no option '--vot'; did you mean '--vote'?"),
        (("list", "--forma", "csv"), "Error: no option '--forma'; did you mean '--format'?"),
        (("list", "--ccww"), "Error: no option '--ccww'; did you mean '--ccw'?"),
        (
            ("votes", "--resolutoin", "65/48"),
            "Error: no option '--resolutoin'; did you mean '--resolution'?",
        ),
    ],
)
def test_a_close_option_is_suggested(args: tuple[str, ...], line: str) -> None:
    assert assert_error(run(*args), 2) == line


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("list", "--xyzzy"), "--xyzzy"),
        (("show", "UZ", "--statsu"), "--statsu"),
        (("list", "--s"), "--s"),
        (("list", "-z"), "-z"),
        (("timeline", "UZ", "--vote", "yes"), "--vote"),
    ],
)
def test_no_nonsense_option_suggestions(args: tuple[str, ...], option: str) -> None:
    line = assert_error(run(*args), 2)
    assert line == f"Error: no option {option!r} (see: minecli {args[0]} --help)"


def test_in_a_real_process() -> None:
    result = cli("shwo", "UZ", entry="script")
    assert (result.code, result.out) == (2, "")
    assert result.err == "Error: no command 'shwo'; did you mean 'show'?\n"
