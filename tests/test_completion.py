"""Shell completion of country codes and resolution numbers from the active store.

Typer's bash protocol (typer/_completion_classes.py, BashComplete): the program runs with
_MINECLI_COMPLETE=complete_bash, COMP_WORDS (the command line) and COMP_CWORD (the index of the
word being completed) and prints one candidate per line. zsh uses _MINECLI_COMPLETE=complete_zsh
and _TYPER_COMPLETE_ARGS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SIX, cli, run


def bash_env(line: str) -> dict[str, str]:
    words = line.split(" ")
    return {
        "_MINECLI_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }


def complete(line: str, *, env: dict[str, str] | None = None) -> list[str]:
    """Candidates from the app in-process (Typer's completion hook runs before any command)."""
    result = run(env={**bash_env(line), **(env or {})})
    assert result.code == 0 and "Traceback" not in result.err, result
    return [line for line in result.lines if line]


def test_country_code_in_a_real_process() -> None:
    result = cli(env=bash_env("minecli show U"), entry="script")
    assert result.code == 0 and result.err == "", result
    assert "UZ" in result.lines
    assert all(c.startswith("U") for c in result.lines)


def test_resolution_number_in_a_real_process() -> None:
    result = cli(env=bash_env("minecli votes --resolution 65/"), entry="script")
    assert result.code == 0 and result.err == "", result
    assert "65/48" in result.lines
    assert all(n.startswith("65/") for n in result.lines)


def test_zsh_protocol() -> None:
    result = cli(
        env={"_MINECLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "minecli show U"},
        entry="script",
    )
    assert result.code == 0 and '"UZ"' in result.out


def test_codes_come_from_the_active_store(small_store: Path) -> None:
    assert complete("minecli show ", env={"MINECLI_STORE": str(small_store)}) == list(SIX)
    assert complete(f"minecli --store {small_store} show T") == ["TJ", "TM"]


@pytest.mark.parametrize(
    "line",
    ["minecli timeline K", "minecli sources K", "minecli votes K", "minecli search x --in K"],
)
def test_other_country_arguments(small_store: Path, line: str) -> None:
    assert complete(line, env={"MINECLI_STORE": str(small_store)}) == ["KG", "KZ"]


def test_resolution_numbers_everywhere() -> None:
    assert {"63/42", "65/48"} <= set(complete("minecli resolutions 6"))
    assert "65/48" in complete("minecli votes -r 65")
    assert "51/45S" in complete("minecli votes -r 51")


def test_completion_with_a_missing_store_offers_nothing(tmp_path: Path) -> None:
    assert complete(f"minecli --store {tmp_path / 'nowhere'} show U") == []


def test_lower_case_prefix_completes(small_store: Path) -> None:
    """Typed in lower case, codes are offered in lower case (the shell keeps only candidates
    that start with the typed text; `show uz` works like `show UZ`)."""
    assert complete("minecli show u", env={"MINECLI_STORE": str(small_store)}) == ["uz"]
    assert complete("minecli show k", env={"MINECLI_STORE": str(small_store)}) == ["kg", "kz"]
    assert "uz" in complete("minecli show u")


@pytest.mark.parametrize(
    ("command", "offered"),
    [
        ("timeline", ["table", "json", "jsonl", "csv", "tsv"]),
        ("list", ["table", "json", "jsonl", "csv", "tsv", "ids"]),
        ("export", ["json", "jsonl"]),
    ],
)
def test_format_completion_offers_only_the_formats_of_the_command(
    command: str, offered: list[str]
) -> None:
    assert complete(f"minecli {command} --format ") == offered


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("minecli votes -r 65/48 --vote a", ["abstain", "absent"]),
        ("minecli list --status s", ["state_party", "signatory"]),
        ("minecli add-meeting UZ 11MSP --as o", ["observer"]),
        ("minecli add-source UZ --title T --kind re", ["report", "record"]),
    ],
)
def test_closed_sets_complete(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_help_names_only_the_formats_a_command_offers() -> None:
    timeline = " ".join(run("timeline", "--help").out.split())
    listing = " ".join(run("list", "--help").out.split())
    assert "ids" not in timeline and "jsonl" in timeline
    assert "ids, one per line" in listing
