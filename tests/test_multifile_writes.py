"""A write that changes several files is all or nothing (issue 10, part 2), even when killed
or out of space: after any interruption, and the next command that opens the store, every file
is the old one or every file is the new one, byte for byte, and nothing is left behind.

The write is an import of a roll call that changes all six profiles and resolutions.toml. A
wrapper stops the writer at each point of the write in turn (after each staged file, after each
rename) and the test kills it there; then it is killed at random moments a few hundred times;
then a full disk is simulated at each staged file.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import SIX, TESTS, assert_error, copy_store, kill_at, proc_env, run

VOTES = "code,vote\n" + "".join(f"{code},no\n" for code in SIX)
IMPORT = ("import-votes", "{csv}", "--resolution", "65/48")

# Runs minecli after wrapping the writer's steps: ``stop N`` freezes (for the test to kill it)
# after the N-th staged file or rename; ``full N`` fails the N-th staged file with ENOSPC.
WRAPPER = r"""
import errno, os, runpy, sys, time
marker, how, point = sys.argv[1], sys.argv[2], int(sys.argv[3])
import minecli.journal as journal
steps, staged = [0], [0]

def step():
    steps[0] += 1
    if how == "stop" and steps[0] == point:
        open(marker, "w").close()
        time.sleep(60)

real_write, real_replace = journal.write_new, os.replace

def write_new(path, text, like):
    staged[0] += 1
    if how == "full" and staged[0] == point:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    real_write(path, text, like)
    step()

def replace(src, dst):  # the journal's renames only (the cache renames its files too)
    real_replace(src, dst)
    if str(src).endswith(".stage") or "journal" in str(src):
        step()

journal.write_new, os.replace = write_new, replace
sys.argv = ["minecli", *sys.argv[4:]]
runpy.run_module("minecli", run_name="__main__", alter_sys=True)
"""


def snapshot(store: Path) -> dict[str, bytes]:
    """The store's files, by path (not the lock, nor a writer's staged or temporary files)."""
    return {
        p.relative_to(store).as_posix(): p.read_bytes()
        for p in sorted(store.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def leftovers(store: Path) -> list[str]:
    return sorted(
        p.name for p in store.rglob(".*") if p.suffix in (".stage", ".tmp") or "journal" in p.name
    )


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict]:
    """A six-state store, the votes file, and the store's files before and after the import."""
    root = tmp_path_factory.mktemp("multi")
    csv = root / "votes.csv"
    csv.write_text(VOTES, encoding="utf-8")
    old = copy_store(root / "old")
    new = copy_store(root / "new")
    result = run("--store", str(new), *(a.format(csv=csv) for a in IMPORT))
    assert result.code == 0, result
    changed = [k for k in snapshot(new) if snapshot(new)[k] != snapshot(old).get(k)]
    assert len(changed) == 7, "all six profiles and resolutions.toml change"
    return old, csv, snapshot(old), snapshot(new)


def start(store: Path, csv: Path, marker: Path, how: str, point: int) -> subprocess.Popen:
    script = marker.with_name("wrapper.py")
    script.write_text(WRAPPER, encoding="utf-8")
    args = [a.format(csv=csv) for a in IMPORT]
    return subprocess.Popen(
        [sys.executable, str(script), str(marker), how, str(point), "--store", str(store), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=proc_env(),
        cwd=TESTS,
    )


def reopen(store: Path) -> None:
    """The next command on the store: a read, which finishes a committed write."""
    result = run("--store", str(store), "check", "--errors-only")
    assert "Traceback" not in result.err


def next_write(store: Path) -> None:
    """The next write (one that changes nothing), which removes what an interrupted one left."""
    result = run("--store", str(store), "set", "UZ", "official_name", "Republic of Uzbekistan")
    assert result.code == 0 and "Traceback" not in result.err, result


# 7 staged files, the journal's temp file, the journal's rename, 7 renames
POINTS = range(1, 17)


@pytest.mark.parametrize("point", POINTS)
def test_killed_at_each_point_of_the_write(before_and_after, tmp_path: Path, point: int) -> None:
    old_store, csv, old, new = before_and_after
    store = tmp_path / "store"
    shutil.copytree(old_store, store)
    marker = tmp_path / "marker"
    kill_at(marker, start(store, csv, marker, "stop", point))
    reopen(store)
    after = snapshot(store)
    assert after in (old, new), f"a mixed store after a kill at point {point}"
    assert after == (new if point >= 9 else old), "committed once the journal is in place"
    next_write(store)
    assert snapshot(store) == after and leftovers(store) == []


def test_killed_at_random_moments(before_and_after, tmp_path: Path) -> None:
    old_store, csv, old, new = before_and_after
    rng = random.Random(10)
    outcomes = {"old": 0, "new": 0}
    for i in range(200):
        store = tmp_path / f"s{i}"
        shutil.copytree(old_store, store)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "minecli",
                "--store",
                str(store),
                *(a.format(csv=csv) for a in IMPORT),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=proc_env(),
            cwd=TESTS,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        reopen(store)
        after = snapshot(store)
        assert after in (old, new), f"a mixed store after kill {i}"
        next_write(store)
        assert leftovers(store) == [], i
        outcomes["old" if after == old else "new"] += 1
        shutil.rmtree(store)
    assert outcomes["old"] and outcomes["new"], outcomes


@pytest.mark.parametrize("point", range(1, 8))
def test_a_full_disk_while_staging_changes_nothing(
    before_and_after, tmp_path: Path, point: int
) -> None:
    old_store, csv, old, _ = before_and_after
    store = tmp_path / "store"
    shutil.copytree(old_store, store)
    proc = start(store, csv, tmp_path / "marker", "full", point)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: could not write "), lines
    assert "No space left on device" in lines[0] and "nothing was changed" in lines[0]
    assert "Traceback" not in err.decode() and out == b""
    assert snapshot(store) == old and leftovers(store) == []


def test_a_planted_journal_naming_other_files_is_refused(before_and_after, tmp_path: Path) -> None:
    old_store, _, old, _ = before_and_after
    store = tmp_path / "store"
    shutil.copytree(old_store, store)
    (store / ".minecli-journal.json").write_text(
        '[["../x.stage", "../../etc/passwd"]]', encoding="utf-8"
    )
    assert_error(
        run("--store", str(store), "set", "UZ", "name", "U"), 1, "not a journal minecli wrote"
    )
    assert {k: v for k, v in snapshot(store).items() if "journal" not in k} == old
