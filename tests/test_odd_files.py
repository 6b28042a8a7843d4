"""One odd file never blocks the others (issue 10, part 1): a profile that is a symlink to
nothing, a symlink loop, a FIFO, a folder, or TOML nested thousands deep is one warning naming
it (the other states are listed), and one error in `check`; a lower-case file name is named
and ignored; a missing resolutions.toml is one error, not one per vote."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .helpers import SIX, copy_store, proc_env, run, sh

ODD = {
    "dangling symlink": lambda c: os.symlink("/nonexistent/XB.toml", c / "XB.toml"),
    "symlink loop": lambda c: (
        os.symlink(c / "XC2.toml", c / "XB.toml"),
        os.symlink(c / "XB.toml", c / "XC2.toml"),
    ),
    "fifo": lambda c: os.mkfifo(c / "XB.toml"),
    "folder": lambda c: (c / "XB.toml").mkdir(),
    "deep nesting": lambda c: (c / "XB.toml").write_text(
        'schema = 1\ncode = "XB"\nname = "B"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
        encoding="utf-8",
    ),
}
READS = (
    ("list", "--format", "ids"),
    ("votes", "-r", "65/48", "--format", "ids"),
    ("search", "OZM", "--format", "ids"),
    ("show", "tajikistan", "--format", "ids"),
)


@pytest.fixture(params=sorted(ODD))
def odd_store(request, tmp_path: Path) -> Path:
    store = copy_store(tmp_path / "store")
    ODD[request.param](store / "countries")
    return store


@pytest.mark.parametrize("args", READS, ids=[a[0] for a in READS])
def test_reads_skip_the_odd_file_with_one_warning(odd_store: Path, args) -> None:
    # a real process with a timeout: a FIFO read would hang forever
    result = sh(f'timeout 20 minecli --store "{odd_store}" ' + " ".join(f"'{a}'" for a in args))
    assert result.code == 0, result
    assert "Traceback" not in result.err
    if args[0] == "show":
        assert result.lines == ["TJ"]
        return
    warnings = [line for line in result.err.splitlines() if "XB.toml" in line]
    assert len(warnings) == 1 and warnings[0].startswith("Warning: skipped countries/XB.toml: ")
    if args[0] == "list":
        assert result.lines == sorted(SIX)


def test_check_names_the_odd_file_once(odd_store: Path) -> None:
    result = sh(f'timeout 20 minecli --store "{odd_store}" check --errors-only --format json')
    assert result.code == 1 and "Traceback" not in result.err
    import json

    errors = json.loads(result.out)
    assert [(e["file"], e["severity"]) for e in errors] == [("countries/XB.toml", "error")]


def test_an_import_is_not_blocked_by_an_odd_file(odd_store: Path, tmp_path: Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("code,vote\nUZ,yes\n", encoding="utf-8")
    result = sh(f'timeout 20 minecli --store "{odd_store}" import-votes "{votes}" -r 65/48')
    assert result.code == 0 and "Traceback" not in result.err, result


def test_a_lower_case_file_name_is_named_and_ignored(tmp_path: Path) -> None:
    store = copy_store(tmp_path / "store")
    shutil.copy(store / "countries" / "TJ.toml", store / "countries" / "tj.toml")
    result = run("--store", str(store), "list", "--format", "ids")
    assert result.code == 0 and result.out.split() == sorted(SIX)
    assert (
        "Warning: countries/tj.toml: ignored: a profile's file is named by its code in capitals"
        in result.err
    )
    found = run("--store", str(store), "check", "--errors-only", "--format", "json").json()
    assert [f["file"] for f in found] == ["countries/tj.toml"]


@pytest.mark.parametrize("name", ["resolutions.toml", "meetings.toml"])
def test_a_missing_store_file_is_one_error(tmp_path: Path, name: str) -> None:
    store = copy_store(tmp_path / "store")
    (store / name).unlink()
    found = run("--store", str(store), "check", "--errors-only", "--format", "json").json()
    assert [(f["file"], f["message"]) for f in found] == [(name, "file not found")]
    if name == "resolutions.toml":
        result = run("--store", str(store), "votes", "-r", "65/48")
        assert result.code == 1 and "this store has no resolutions.toml" in result.err


def test_an_odd_profile_named_on_the_command_line_is_one_error(tmp_path: Path) -> None:
    store = copy_store(tmp_path / "store")
    os.mkfifo(store / "countries" / "XB.toml")
    result = sh(f'timeout 20 minecli --store "{store}" check XB', env=proc_env())
    assert result.code == 1 and "countries/XB.toml" in result.out and "Traceback" not in result.err
