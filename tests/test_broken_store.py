"""One broken file spoils nothing else: clear errors for it, warnings in whole-store queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SIX, assert_error, cli, run

OTHERS = [c for c in SIX if c != "TJ"]


@pytest.fixture
def broken(broken_store):
    store, line = broken_store

    def invoke(*args: str):
        return run("--store", str(store), *args)

    invoke.line = line  # type: ignore[attr-defined]
    return invoke


@pytest.mark.parametrize("name", ["TJ", "tj", "Tajikistan"])
def test_show_broken_profile_names_file_and_line(broken, name: str) -> None:
    line = assert_error(broken("show", name), 1, "countries/TJ.toml", f"line {broken.line}")
    assert "invalid TOML" in line


@pytest.mark.parametrize("command", [("votes", "TJ"), ("timeline", "TJ"), ("sources", "TJ")])
def test_per_state_commands_fail_on_the_broken_profile(broken, command) -> None:
    assert_error(broken(*command), 1, "countries/TJ.toml", f"line {broken.line}")


def test_other_profiles_still_work(broken) -> None:
    result = broken("show", "UZ", "-f", "json")
    assert result.code == 0 and result.err == ""
    assert result.json()["code"] == "UZ"
    assert broken("show", "UZ").code == 0


def test_list_skips_the_broken_file_with_a_warning(broken) -> None:
    result = broken("list", "--format", "ids")
    assert result.code == 0
    assert result.lines == OTHERS
    [warning] = result.err_lines
    assert warning.startswith("Warning:") and "countries/TJ.toml" in warning
    assert f"line {broken.line}" in warning


@pytest.mark.parametrize("command", [("votes", "-r", "65/48"), ("search", "Tajikistan")])
def test_whole_store_queries_skip_it_too(broken, command) -> None:
    result = broken(*command, "--format", "json")
    assert result.code == 0
    assert "TJ" not in {r["code"] for r in result.json()}
    assert len(result.err_lines) == 1 and "countries/TJ.toml" in result.err


def test_broken_store_in_a_real_process(broken_store) -> None:
    store, line = broken_store
    result = cli("--store", str(store), "show", "TJ", entry="script")
    assert_error(result, 1, "countries/TJ.toml", f"line {line}")


def test_schema_error_names_file_and_field(store_copy: Path) -> None:
    path = store_copy / "countries" / "TJ.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('status = "state_party"', 'status = "member"', 1)
    path.write_text(text, encoding="utf-8")
    line = assert_error(
        run("--store", str(store_copy), "show", "TJ"),
        1,
        "countries/TJ.toml",
        "treaty.status",
        "'member'",
    )
    assert "state_party" in line, "the allowed values are listed"
    assert run("--store", str(store_copy), "list", "-f", "ids").lines == OTHERS


def test_profile_code_must_match_its_file(store_copy: Path) -> None:
    path = store_copy / "countries" / "TJ.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('code = "TJ"', 'code = "TM"', 1), encoding="utf-8"
    )
    assert_error(run("--store", str(store_copy), "show", "TJ"), 1, "countries/TJ.toml", "code")


def test_non_utf8_profile(store_copy: Path) -> None:
    path = store_copy / "countries" / "TJ.toml"
    path.write_bytes(path.read_bytes() + b"\n# caf\xe9\n")
    assert_error(run("--store", str(store_copy), "show", "TJ"), 1, "countries/TJ.toml", "UTF-8")


def test_broken_resolutions_file(store_copy: Path) -> None:
    with (store_copy / "resolutions.toml").open("a", encoding="utf-8") as handle:
        handle.write("[[resolutions]\n")
    assert_error(run("--store", str(store_copy), "votes", "-r", "65/48"), 1, "resolutions.toml")
    assert_error(run("--store", str(store_copy), "show", "UZ"), 1, "resolutions.toml")


@pytest.mark.parametrize(
    "command",
    [
        ("votes", "--resolution", "65/48", "TJ", "UZ"),
        ("search", "border", "--in", "UZ", "--in", "TJ"),
    ],
)
def test_a_named_broken_state_is_an_error(broken, command) -> None:
    """A state the user names must be readable: exit 1, not a warning and empty output."""
    assert_error(broken(*command, "--format", "ids"), 1, "countries/TJ.toml")
