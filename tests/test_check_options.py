"""`check --list`, `--only`, `--skip`, `-` and what `--errors-only` hid (issue 11, in part)."""

from __future__ import annotations

from pathlib import Path

from minecli.checks import check_names, run_checks
from minecli.store import Store

from .helpers import assert_error, run, sh

NAMES = list(check_names())  # the registry's order is pinned in tests/unit/test_checks.py


def test_list_names_every_check_with_what_it_looks_for() -> None:
    rows = run("check", "--list", "--format", "json").json()
    assert [r["check"] for r in rows] == NAMES
    assert NAMES[:2] == ["syntax", "schema"] and NAMES[-1] == "tallies"
    assert all(r["description"] and r["description"][0].islower() for r in rows)
    content = next(r["description"] for r in rows if r["check"] == "content")
    assert content.endswith("a fact citing nothing (warnings)"), "a description is never cut"
    assert run("check", "--list", "--format", "ids").out.split() == NAMES


def test_only_and_skip_choose_the_checks() -> None:
    every = {f["check"] for f in run("check", "--format", "json").json()}
    assert every == {"doubts", "disagreements"}
    only = run("check", "--only", "disagreements", "--format", "json").json()
    assert {f["check"] for f in only} == {"disagreements"} and len(only) == 8
    skipped = run("check", "--skip", "disagreements", "--skip", "doubts", "--format", "json")
    assert skipped.code == 0 and skipped.json() == []


def test_an_unknown_check_is_a_usage_error() -> None:
    assert_error(run("check", "--only", "spelling"), 2, "'spelling' is not one of")


def test_errors_only_says_how_many_warnings_it_hid() -> None:
    result = run("check", "--errors-only")
    assert result.code == 0
    assert (
        result.err
        == "check: 197 profile(s), 0 error(s), 0 warning(s) (13 warning(s) hidden by --errors-only)\n"
    )


def test_check_reads_codes_from_stdin_through_a_pipe() -> None:
    result = sh("printf 'UZ\\nCD\\n' | minecli check - --format csv")
    assert result.code == 0, result
    assert sorted({line.split(",")[2] for line in result.lines[1:]}) == [
        "countries/CD.toml",
        "countries/UZ.toml",
    ]
    assert "check: 2 profile(s)" in result.err


def test_run_checks_only_and_skip(store_copy: Path) -> None:
    snapshot = Store(store_copy, "test").snapshot()
    every = run_checks(snapshot)
    assert {f.check for f in run_checks(snapshot, only=["doubts"])} <= {"doubts"}
    assert [f for f in run_checks(snapshot, skip=NAMES)] == []
    assert run_checks(snapshot, only=["doubts", "disagreements"]) == [
        f for f in every if f.check in ("doubts", "disagreements")
    ]
