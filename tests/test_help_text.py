"""--help: examples a line each, as written (Click rewraps every other paragraph), that a person
can copy; real placeholders (<CODE>, <RES>, <RES=VOTE>) where Typer printed {country} or <str>."""

from __future__ import annotations

import re
import shlex

import pytest

from minecli.cli import COMMANDS

from .helpers import run

WRITTEN = list(COMMANDS)


def examples(name: str) -> list[str]:
    """The example lines of a command's help (wide, so that nothing would be wrapped anyway)."""
    out = run(name, "--help", env={"COLUMNS": "80"}).out
    lines = out.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() in ("Example:", "Examples:"))
    found = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        found.append(line)
    return found


@pytest.mark.parametrize("name", WRITTEN)
def test_examples_are_one_per_line(name: str) -> None:
    found = examples(name)
    assert found, f"{name} --help has no example"
    for line in found:
        assert line.startswith("    ") and not line.startswith("     "), line
        assert "minecli " in line, f"an example line is a whole command: {line!r}"
        assert not re.search(r";\s*minecli", line), f"examples run together: {line!r}"


@pytest.mark.parametrize("name", WRITTEN)
def test_examples_name_real_commands_and_options(name: str) -> None:
    """Each example's command exists and takes the options it shows."""
    for line in examples(name):
        words = shlex.split(line.split("|")[0].replace("$(", " ").replace(")", " "))
        at = words.index("minecli") + 1
        while words[at].startswith("--"):  # global options: --store PATH
            at += 2
        command = words[at]
        assert command in COMMANDS, line
        options = {w.split("=")[0] for w in words[at + 1 :] if w.startswith("-") and w != "-"}
        text = run(command, "--help", env={"COLUMNS": "200"}).out
        for option in options:
            assert re.search(rf"(^|[ ,/]){re.escape(option)}\b", text, re.M), (option, line)


@pytest.mark.parametrize("name", WRITTEN)
def test_no_bare_typer_placeholders(name: str) -> None:
    text = run(name, "--help").out
    assert not re.search(r"\{[a-z_]+\}|<(str|int|path|text)>|<[a-z_]+>\.\.\.", text), text


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("set", "Usage: minecli set [OPTIONS] <CODE> <FIELD> <VALUE>"),
        ("show", "Usage: minecli show [OPTIONS] <CODE>..."),
        ("votes", "Usage: minecli votes [OPTIONS] [<CODE>...]"),
        ("add-vote", "Usage: minecli add-vote [OPTIONS] <CODE> <RES> <VOTE>"),
        ("add-vote", "The vote: yes, no, abstain or absent."),
        ("list", "--vote <RES=VOTE>"),
        ("votes", "-r, --resolution <RES>"),
        ("set", "--source <ID>"),
        ("add-source", "--date <DATE>"),
    ],
)
def test_placeholders(name: str, needle: str) -> None:
    assert needle in run(name, "--help", env={"COLUMNS": "100"}).out


def test_the_root_names_its_folder() -> None:
    assert "--store <DIR>" in run("--help").out
