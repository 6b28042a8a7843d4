"""`-` reads standard input, by one rule wherever a list of countries or a file is taken
(minecli.inputs): LF or CRLF line endings, blank lines and `#` comment lines skipped, and an
error that names the value without its line ending and the stdin line it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import REPO, assert_error, run, sh

LIST = "# states to look at\r\nUZ\r\n\r\n  kazakhstan  \r\n# done\r\n"
BAD = "UZ\r\n\r\nXX\r\n"  # XX on line 3


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("show", "-", "-f", "ids"), ("show", "UZ", "KZ", "-f", "ids")),
        (("timeline", "-", "-f", "json"), ("timeline", "UZ", "KZ", "-f", "json")),
        (("sources", "-", "-f", "ids"), ("sources", "UZ", "KZ", "-f", "ids")),
        (("votes", "-", "-f", "ids"), ("votes", "UZ", "KZ", "-f", "ids")),
        (("votes", "-", "-r", "65/48"), ("votes", "UZ", "KZ", "-r", "65/48")),
        (("export", "-", "-f", "jsonl"), ("export", "UZ", "KZ", "-f", "jsonl")),
        (("check", "-", "-f", "json"), ("check", "UZ", "KZ", "-f", "json")),
        (("search", "Uzbek", "--in", "-"), ("search", "Uzbek", "--in", "UZ", "--in", "KZ")),
    ],
)
def test_every_country_list_reads_stdin_the_same_way(
    small_store: Path, args: tuple[str, ...], named: tuple[str, ...]
) -> None:
    from_stdin = run("--store", str(small_store), *args, input=LIST)
    expected = run("--store", str(small_store), *named)
    assert from_stdin.code == expected.code and "Error" not in from_stdin.err, from_stdin
    assert from_stdin.out == expected.out and from_stdin.out


@pytest.mark.parametrize(
    "args",
    [
        ("show", "-"),
        ("timeline", "-"),
        ("votes", "-"),
        ("export", "-"),
        ("check", "-"),
        ("search", "x", "--in", "-"),
    ],
)
def test_a_bad_line_is_named_without_its_line_ending(
    small_store: Path, args: tuple[str, ...]
) -> None:
    line = assert_error(run("--store", str(small_store), *args, input=BAD), 1)
    assert line == "Error: unknown country 'XX' (stdin line 3)"


def test_a_suggestion_follows_the_place(small_store: Path) -> None:
    line = assert_error(run("--store", str(small_store), "show", "-", input="UZ\nuzbekistn\n"), 1)
    assert line == "Error: unknown country 'uzbekistn' (stdin line 2); did you mean Uzbekistan?"


def test_a_comment_is_not_a_name(small_store: Path) -> None:
    """`# c` was once looked up as a name and found ambiguous among twenty states."""
    result = run("--store", str(small_store), "show", "-", "-f", "ids", input="# c\nUZ\n")
    assert (result.code, result.lines) == (0, ["UZ"])


def test_only_comments_is_an_empty_list(small_store: Path) -> None:
    result = run("--store", str(small_store), "show", "-", "-f", "ids", input="# none\n\n")
    assert result.code == 0 and result.out == ""


def test_not_utf8_on_stdin(small_store: Path) -> None:
    result = sh(f"printf 'UZ\\n\\xff\\n' | minecli --store '{small_store}' show -")
    assert_error(result, 1, "stdin: not UTF-8 text")


def test_a_real_pipe_with_crlf(small_store: Path) -> None:
    result = sh(
        f"printf 'UZ\\r\\n# x\\r\\n\\r\\nKZ\\r\\n' | minecli --store '{small_store}' check -"
    )
    assert result.code == 0, result
    assert "check: 2 profile(s)" in result.err


def test_import_votes_reads_a_file_on_stdin_by_the_same_rules(store_copy: Path) -> None:
    text = "# votes on 65/48, from a notebook\r\ncode,vote\r\n\r\nUZ,abstain\r\n# end\r\n"
    result = run("--store", str(store_copy), "import-votes", "-", "-r", "65/48", "-n", input=text)
    assert result.code == 0, result
    assert "65/48: 0 added, 0 changed, 1 unchanged" in result.err


def test_import_votes_names_stdin_and_the_line(store_copy: Path) -> None:
    text = "code,vote\r\nUZ,abstain\r\n\r\nXX,no\r\n"
    args = ("--store", str(store_copy), "import-votes", "-", "-r", "65/48")
    line = assert_error(run(*args, input=text), 1, "line 4", "'XX'")
    assert line.startswith("Error: stdin: ") and "\r" not in line


def test_import_status_reads_stdin(store_copy: Path) -> None:
    raw = (REPO / "data" / "raw" / "mbt_status.csv").read_text(encoding="utf-8")
    text = "# the depositary's table\r\n" + raw.replace("\n", "\r\n")
    args = ("--store", str(store_copy), "import-status", "-", "-n")
    from_stdin = run(*args, input=text)
    from_file = run(*args[:-2], str(REPO / "data" / "raw" / "mbt_status.csv"), "-n")
    assert from_stdin.code == from_file.code == 0, from_stdin
    assert from_stdin.out == from_file.out


def test_import_status_empty_stdin(store_copy: Path) -> None:
    args = ("--store", str(store_copy), "import-status", "-")
    assert_error(run(*args, input="# nothing\n\n"), 1, "stdin", "empty file")
