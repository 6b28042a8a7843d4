"""-q/--quiet: no messages on stderr, before or after the command; warnings and errors still
print, and the data on stdout is the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import assert_error, run, sh


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_quiet_write_says_nothing_but_its_warning(store_copy: Path, where: str) -> None:
    args = ["set", "UZ", "treaty.status", "signatory"]
    flags = ["-q", *args] if where == "before" else [*args, "--quiet"]
    result = run("--store", str(store_copy), *flags)
    assert result.code == 0, result
    # without -q it also says what it dropped and which file it wrote
    assert result.err_lines == [
        "Warning: UZ treaty changed and cites no source; name one "
        "with --source ID or --cite-new TITLE"
    ]
    shown = run("--store", str(store_copy), "show", "UZ", "-f", "json").json()
    assert shown["treaty"]["status"] == "signatory", "the write was made"


def test_a_loud_write_says_what_it_did(store_copy: Path) -> None:
    result = run("--store", str(store_copy), "set", "UZ", "treaty.status", "signatory")
    assert any(line.startswith("Wrote 1 file(s)") for line in result.err_lines)


def test_errors_still_print_when_quiet(store_copy: Path) -> None:
    result = run("--store", str(store_copy), "-q", "set", "UZ", "treaty.bogus", "1")
    assert_error(result, 1, "unknown field 'treaty.bogus'")


def test_a_quiet_dry_run_prints_its_diff_only(store_copy: Path) -> None:
    result = run("--store", str(store_copy), "set", "UZ", "treaty.as_of", "2026-03-01", "-n", "-q")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("--- a/countries/UZ.toml")


def test_quiet_reads_keep_their_data_and_drop_titles() -> None:
    loud = sh("minecli list --status withdrawn | cat")
    quiet = sh("minecli -q list --status withdrawn | cat")
    assert quiet.out == loud.out and quiet.out
    assert "states" in loud.err and quiet.err == ""
    check = sh("minecli check --quiet --errors-only")
    assert check.code == 0 and check.err == ""
