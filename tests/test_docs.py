"""The documentation matches the program: README commands exist, docs/schema.md covers the schema."""

from __future__ import annotations

import re

import typer.main

from minecli import schema
from minecli.cli import app

from .helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SCHEMA_DOC = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")


def test_readme_commands_exist() -> None:
    commands = set(typer.main.get_command(app).list_commands(None))  # type: ignore[arg-type]
    blocks = "\n".join(re.findall(r"```(?:sh|console)\n(.*?)```", README, re.S))
    used = set(re.findall(r"\bminecli (?:--store \S+ )?([a-z][a-z-]*)", blocks))
    assert used, "the README shows commands"
    assert used <= commands, f"README names commands minecli lacks: {used - commands}"


def schema_keys() -> set[str]:
    keys = set(schema.PROFILE) | set(schema.PROFILE_PARTS)
    for _, spec in schema.PROFILE_PARTS.values():
        keys |= set(spec)
    return keys | set(schema.RESOLUTION) | set(schema.TALLY) | set(schema.MEETING_RECORD)


def test_schema_doc_covers_every_key() -> None:
    documented = set(re.findall(r"`([a-z_]+)`", SCHEMA_DOC))
    documented |= set(re.findall(r"^([a-z_]+) =", SCHEMA_DOC, re.M))
    documented |= set(re.findall(r"\[\[?([a-z_]+)", SCHEMA_DOC))
    assert sorted(schema_keys() - documented) == []
