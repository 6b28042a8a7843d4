"""Broken stores × every command (issue 10): whatever is wrong with the store, each command ends
with its documented status, at most one `Error:` line, no traceback; a refused write changes
nothing, and a write that goes through leaves a store whose other files are as they were.

In-process (CliRunner) for speed; the scenarios that could block a process (a FIFO) are run as
real processes in tests/test_odd_files.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import copy_store, run


def _replace(path: Path, data: bytes) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.write_bytes(data)


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "tj-broken-toml": lambda s: _replace(s / "countries/TJ.toml", b"this is = = not toml [\n"),
    "tj-not-utf8": lambda s: _replace(
        s / "countries/TJ.toml", b'schema = 1\ncode = "TJ"\nname = "\xff"\n'
    ),
    "tj-invalid-schema": lambda s: _replace(
        s / "countries/TJ.toml", b'schema = 1\ncode = "TJ"\nname = 5\n'
    ),
    "tj-empty": lambda s: _replace(s / "countries/TJ.toml", b""),
    "tj-dangling-link": lambda s: (
        (s / "countries/TJ.toml").unlink(),
        os.symlink("/nowhere/TJ.toml", s / "countries/TJ.toml"),
    ),
    "tj-folder": lambda s: ((s / "countries/TJ.toml").unlink(), (s / "countries/TJ.toml").mkdir()),
    "tj-deep": lambda s: _replace(s / "countries/TJ.toml", b"x = " + b"[" * 5000 + b"]" * 5000),
    "uz-not-utf8": lambda s: _replace(
        s / "countries/UZ.toml", (s / "countries/UZ.toml").read_bytes() + b"\xff\n"
    ),
    "resolutions-missing": lambda s: (s / "resolutions.toml").unlink(),
    "resolutions-folder": lambda s: (
        (s / "resolutions.toml").unlink(),
        (s / "resolutions.toml").mkdir(),
    ),
    "resolutions-not-utf8": lambda s: _replace(s / "resolutions.toml", b"schema = 1\n\xff\n"),
    "resolutions-broken": lambda s: _replace(s / "resolutions.toml", b"[[resolutions]\n"),
    "meetings-missing": lambda s: (s / "meetings.toml").unlink(),
    "meetings-not-utf8": lambda s: _replace(s / "meetings.toml", b"\xfe\xff"),
    "lower-case-file": lambda s: shutil.copy(s / "countries/KZ.toml", s / "countries/kz.toml"),
    "stray-file": lambda s: (s / "countries/README").write_text("notes\n", encoding="utf-8"),
    "journal-garbage": lambda s: (s / ".minecli-journal.json").write_bytes(b"\x00\x01 not json"),
    "no-countries-folder": lambda s: shutil.rmtree(s / "countries"),
}

READS = [
    ("show", "UZ"),
    ("show", "TJ", "-f", "json"),
    ("show", "uzbekistan"),
    ("votes", "-r", "65/48", "-f", "csv"),
    ("votes", "UZ", "-f", "json"),
    ("resolutions", "-f", "csv"),
    ("list", "-f", "csv"),
    ("list", "--vote", "65/48=abstain", "-f", "ids"),
    ("timeline", "UZ", "-f", "json"),
    ("sources", "UZ", "-f", "csv"),
    ("search", "OZM", "-f", "csv"),
    ("store", "-f", "json"),
    ("check", "-f", "json"),
    ("export", "-f", "jsonl"),
]
WRITES = [
    ("set", "UZ", "official_name", "Uzbekistan, Republic of"),
    ("unset", "UZ", "treaty.note"),
    ("add-source", "UZ", "--title", "Matrix"),
    ("add-vote", "UZ", "81/40", "yes"),
    ("rm-vote", "UZ", "65/48"),
    ("add-meeting", "UZ", "22MSP", "--attended", "--as", "observer"),
    ("add-use", "UZ", "--year", "2001", "--where", "Somewhere"),
    ("new", "XK", "--name", "Kosovo"),
]


def snapshot(store: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(store.rglob("*")):
        if p.is_file() and not p.is_symlink() and not p.name.startswith(".minecli.lock"):
            out[p.relative_to(store).as_posix()] = p.read_bytes()
    return out


def assert_clean(result, args) -> None:
    assert "Traceback" not in result.err, (args, result.err)
    assert result.code in (0, 1, 2), (args, result)
    errors = [line for line in result.err.splitlines() if line.startswith("Error:")]
    assert len(errors) <= 1, (args, result.err)
    if result.code != 0 and not (args[0] == "check" and result.err.startswith("check: ")):
        assert len(errors) == 1, (args, result)  # check's findings are its output, not an error
    assert not any("unexpected" in line and "a bug in minecli" in line for line in errors), (
        args,
        result.err,
    )


@pytest.fixture(params=sorted(SCENARIOS))
def broken(request, tmp_path: Path) -> Path:
    store = copy_store(tmp_path / "store")
    SCENARIOS[request.param](store)
    return store


def test_every_read_on_a_broken_store(broken: Path) -> None:
    for args in READS:
        assert_clean(run("--store", str(broken), *args), args)


@pytest.mark.parametrize("args", WRITES, ids=[w[0] for w in WRITES])
def test_every_write_on_a_broken_store(broken: Path, args) -> None:
    before = snapshot(broken)
    result = run("--store", str(broken), *args)
    assert_clean(result, args)
    after = snapshot(broken)
    if result.code != 0:
        assert after == before, (args, result.err)
    else:  # only the profile written (and resolutions.toml for a vote) may differ
        touched = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        allowed = {f"countries/{args[1]}.toml", "resolutions.toml", ".gitignore"}
        assert touched <= allowed, (args, touched)
