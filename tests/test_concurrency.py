"""Many writers at once, and writers killed mid-way: no update is lost, no file is ever torn.

Real processes (subprocess.Popen, all running together) on one profile; SIGKILL at random
moments; and minecli.writer.write_atomic failing half-way through, tested directly.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from minecli.schema import validate_profile
from minecli.writer import LOCK_NAME, write_atomic

from .helpers import TESTS, kill_at, proc_env, run
from .write_support import profile, profile_path, snapshot, source

ARGV = [sys.executable, "-m", "minecli"]


def start(store: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*ARGV, "--store", str(store), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=proc_env(),
        cwd=TESTS,
    )


def finish(procs: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        out.append((proc.returncode, stdout, stderr))
    return out


def valid_profile(store: Path, code: str) -> dict:
    """The profile parses and validates: never a torn or half-written file."""
    doc = tomllib.loads(profile_path(store, code).read_text(encoding="utf-8"))
    assert validate_profile(doc, code) == []
    return doc


# --- concurrency --------------------------------------------------------------------------------


def test_twenty_add_source_processes_at_once(store_copy: Path) -> None:
    titles = [f"Concurrent source {i}" for i in range(20)]
    procs = [
        start(store_copy, "add-source", "UZ", "--title", t, "--cites", "treaty") for t in titles
    ]
    results = finish(procs)
    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    ids = [int(out) for _, out, _ in results]  # stdout is the id and nothing else
    assert len(set(ids)) == 20
    assert sorted(ids) == list(range(16, 36))  # the bundled UZ has sources 1-15
    doc = valid_profile(store_copy, "UZ")
    assert [s["id"] for s in doc["sources"]] == list(range(1, 36))
    for title, new_id in zip(titles, ids, strict=True):
        assert source(doc, new_id)["title"] == title  # each process was told its own id
    assert sorted(doc["treaty"]["sources"][2:]) == sorted(ids)


def test_concurrent_writes_to_different_fields_lose_no_update(store_copy: Path) -> None:
    changes = [
        ("set", "UZ", "name", "Uzbekistan (concurrent)"),
        ("set", "UZ", "treaty.status", "signatory"),
        ("set", "UZ", "treaty.signed", "1997-12-03"),
        ("set", "UZ", "ccw.protocol_v", "true"),
        ("set", "UZ", "votes.65/48", "yes"),
        ("set", "UZ", "stockpile.size", "5000"),
        ("unset", "UZ", "stockpile.origin"),
        ("add-vote", "UZ", "81/40", "abstain"),
        ("rm-meeting", "UZ", "10MSP"),
        ("add-meeting", "UZ", "11MSP", "--as", "observer"),
        ("add-use", "UZ", "--year", "2001", "--where", "Somewhere"),
        ("rm-use", "UZ", "1"),
    ]
    results = finish([start(store_copy, *c) for c in changes])
    for code, _, err in results:
        assert code == 0, err
    doc = valid_profile(store_copy, "UZ")
    assert doc["name"] == "Uzbekistan (concurrent)"
    assert doc["treaty"]["status"] == "signatory"
    assert doc["treaty"]["signed"].isoformat() == "1997-12-03"
    assert doc["ccw"]["protocol_v"]["party"] is True
    votes = {v["resolution"]: v["vote"] for v in doc["votes"]}
    assert votes["65/48"] == "yes" and votes["81/40"] == "abstain"
    assert doc["stockpile"]["size"] == 5000 and "origin" not in doc["stockpile"]
    meetings = {m["meeting"]: m for m in doc["meetings"]}
    assert "10MSP" not in meetings and meetings["11MSP"]["as"] == "observer"
    assert [u["where"] for u in doc["use"]] == [
        "Border with Kyrgyzstan",
        "Border with Tajikistan",
        "Somewhere",
    ]


def test_concurrent_new_of_one_code_creates_it_once(store_copy: Path) -> None:
    results = finish([start(store_copy, "new", "XK", "--name", f"Kosovo {i}") for i in range(4)])
    assert sorted(code for code, _, _ in results) == [0, 1, 1, 1]
    winner = next(i for i, (code, _, _) in enumerate(results) if code == 0)
    for code, out, err in results:
        if code:
            assert out == "" and err.startswith("Error:") and "already exists" in err
    assert valid_profile(store_copy, "XK")["name"] == f"Kosovo {winner}"


def test_a_writer_waits_for_the_lock_and_never_writes_under_it(store_copy: Path) -> None:
    from filelock import FileLock

    before = snapshot(store_copy)
    lock = FileLock(str(store_copy / LOCK_NAME))
    with lock:
        proc = start(store_copy, "set", "UZ", "treaty.status", "signatory")
        for _ in range(20):  # up to ~1 s: the process starts, reads nothing, waits
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        assert snapshot(store_copy) == before
    [(code, _, err)] = finish([proc])
    assert code == 0, err
    assert profile(store_copy, "UZ")["treaty"]["status"] == "signatory"


def test_a_lock_file_left_behind_does_not_block_writers(store_copy: Path) -> None:
    (store_copy / LOCK_NAME).write_text("")
    assert run("--store", str(store_copy), "set", "UZ", "treaty.status", "signatory").code == 0


# --- crash safety: SIGKILL at random moments ----------------------------------------------------


def _make_big(store: Path) -> None:
    """A large profile, so that parsing, writing and renaming take long enough to be hit."""
    path = profile_path(store, "UZ")
    text = path.read_text(encoding="utf-8")
    para = ("Lorem ipsum dolor sit amet, as reported by officials.[3] " * 20 + "\n") * 300
    path.write_text(
        text + f'\n[[sections]]\ntitle = "Long"\ntext = """\n{para}"""\n', encoding="utf-8"
    )
    valid_profile(store, "UZ")


def test_writers_killed_at_random_moments_never_leave_a_torn_file(store_copy: Path) -> None:
    _make_big(store_copy)
    rng = random.Random(4)
    names = {"Uzbekistan"}
    titles: set[str] = set()
    reads = 0
    for round_ in range(3):
        procs, round_names = [], set()
        for i in range(2):
            round_names.add(f"Uzbekistan {round_}.{i}")
            procs.append(start(store_copy, "set", "UZ", "name", f"Uzbekistan {round_}.{i}"))
            titles.add(f"Killed {round_}.{i}")
            procs.append(start(store_copy, "add-source", "UZ", "--title", f"Killed {round_}.{i}"))
        for _ in range(40):  # kill a random writer now and then, until none is left running
            running = [p for p in procs if p.poll() is None]
            if not running:
                break
            end = time.monotonic() + rng.uniform(0.02, 0.25)
            while time.monotonic() < end:  # meanwhile, readers never see a torn file
                assert valid_profile(store_copy, "UZ")["name"] in names | round_names
                reads += 1
            if rng.random() < 0.5:
                rng.choice(running).send_signal(signal.SIGKILL)
        for proc in procs:
            proc.communicate(timeout=60)
        doc = valid_profile(store_copy, "UZ")
        assert doc["name"] in names | round_names
        names |= round_names
        assert {s["title"] for s in doc["sources"][15:]} <= titles
        assert len(doc["sections"]) == 4
    assert reads > 0
    _assert_store_still_works(store_copy)


def _assert_store_still_works(store: Path) -> None:
    """Leftovers of killed writers (temp files, the lock file) break nothing."""
    stray = [p.name for p in (store / "countries").iterdir() if not p.name[:2].isupper()]
    assert all(n.startswith(".UZ.toml.") and n.endswith(".tmp") for n in stray), stray
    base = ["--store", str(store)]
    assert run(*base, "show", "UZ", "--format", "json").json()["code"] == "UZ"
    assert run(*base, "list", "--format", "ids").lines == ["AF", "KG", "KZ", "TJ", "TM", "UZ"]
    assert run(*base, "sources", "UZ", "--format", "ids").code == 0
    checked = run(*base, "check", "--errors-only", "--format", "json")
    assert checked.code == 0 and checked.json() == [], checked
    # ...and the lock was released by the kernel: the next writer goes straight through
    result = run(*base, "set", "UZ", "name", "Uzbekistan again")
    assert result.code == 0, result
    assert valid_profile(store, "UZ")["name"] == "Uzbekistan again"


# A minecli process that stops inside write_atomic at a chosen point, says so in a marker file
# and waits there to be killed: a SIGKILL exactly mid-write, with no luck in the timing.
FROZEN = r"""
import os, runpy, sys, time
from pathlib import Path

marker, stage = Path(sys.argv[1]), sys.argv[2]
real_replace, real_fdopen = os.replace, os.fdopen

def freeze():
    marker.write_text(stage)
    time.sleep(120)

class HalfWriter:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.handle.close()
    def write(self, text):
        self.handle.write(text[: len(text) // 2])
        self.handle.flush()
        freeze()
    def __getattr__(self, name):
        return getattr(self.handle, name)

if stage == "during-write":
    # text files are the store's; the cache's files are binary and written as they are
    os.fdopen = lambda fd, mode="r", *a, **k: (
        HalfWriter(real_fdopen(fd, mode, *a, **k)) if mode == "w" else real_fdopen(fd, mode, *a, **k)
    )
elif stage == "before-rename":
    os.replace = lambda src, dst: (str(dst).endswith("UZ.toml") and freeze(), real_replace(src, dst))
elif stage == "after-rename":
    os.replace = lambda src, dst: (real_replace(src, dst), str(dst).endswith("UZ.toml") and freeze())
sys.argv = ["minecli", *sys.argv[3:]]
runpy.run_module("minecli", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("stage", ["during-write", "before-rename", "after-rename"])
def test_a_writer_killed_mid_write_leaves_the_old_file_or_the_new(
    store_copy: Path, tmp_path: Path, stage: str
) -> None:
    script, marker = tmp_path / "frozen.py", tmp_path / "marker"
    script.write_text(FROZEN, encoding="utf-8")
    path = profile_path(store_copy, "UZ")
    old = path.read_bytes()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(marker),
            stage,
            "--store",
            str(store_copy),
            "add-source",
            "UZ",
            "--title",
            "Never finished",
            "--cites",
            "treaty",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=proc_env(),
        cwd=TESTS,
    )
    kill_at(marker, proc)
    doc = valid_profile(store_copy, "UZ")
    if stage == "after-rename":
        assert source(doc, 16)["title"] == "Never finished"  # the whole new file
    else:
        assert path.read_bytes() == old  # the whole old file
        # the half-written temp file is left behind, and harms nothing
        assert [p.name for p in path.parent.iterdir() if p.name.startswith(".UZ.toml.")]
    _assert_store_still_works(store_copy)


# --- write_atomic, failing half-way ----------------------------------------------------------------


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "UZ.toml"
    path.write_text("schema = 1\nold = true\n", encoding="utf-8")
    return path


def _boom(*args, **kwargs):
    raise OSError(28, "No space left on device")


class _HalfWriter:
    """A file object that writes half of what it is given, then fails like a full disk."""

    def __init__(self, handle, exc: BaseException) -> None:
        self._handle, self._exc = handle, exc

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._handle.close()
        return False

    def write(self, text: str) -> int:
        self._handle.write(text[: len(text) // 2])
        self._handle.flush()
        raise self._exc

    def __getattr__(self, name: str):
        return getattr(self._handle, name)


@pytest.mark.parametrize("where", ["replace", "fsync", "write", "write-interrupt"])
def test_write_atomic_failing_midway_keeps_the_old_file(
    target: Path, monkeypatch, where: str
) -> None:
    old = target.read_bytes()
    if where == "replace":
        monkeypatch.setattr(os, "replace", _boom)
        expected: type[BaseException] = OSError
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", _boom)
        expected = OSError
    else:
        real_fdopen = os.fdopen
        exc: BaseException = (
            KeyboardInterrupt() if where == "write-interrupt" else OSError(28, "full")
        )
        expected = type(exc)
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _HalfWriter(real_fdopen(*a, **k), exc))
    with pytest.raises(expected):
        write_atomic(target, "schema = 1\nnew = true\n" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == old
    assert sorted(p.name for p in target.parent.iterdir()) == ["UZ.toml"]  # no temp file left


def test_write_atomic_failing_on_a_new_file_creates_nothing(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    monkeypatch.setattr(os, "replace", _boom)
    with pytest.raises(OSError):
        write_atomic(folder / "XK.toml", "schema = 1\n")
    monkeypatch.undo()
    assert list(folder.iterdir()) == []


def test_write_atomic_replaces_the_content_and_leaves_nothing_else(target: Path) -> None:
    inode = target.stat().st_ino
    write_atomic(target, "schema = 1\nnew = 'ü'\n")
    assert target.read_text(encoding="utf-8") == "schema = 1\nnew = 'ü'\n"
    assert target.stat().st_ino != inode  # a new file renamed over the old one, not rewritten
    assert sorted(p.name for p in target.parent.iterdir()) == ["UZ.toml"]


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_a_write_keeps_the_file_permissions(store_copy: Path, mode: int) -> None:
    """A team store: colleagues who could read a profile can still read it after an edit."""
    path = profile_path(store_copy, "UZ")
    path.chmod(mode)
    assert run("--store", str(store_copy), "set", "UZ", "treaty.status", "signatory").code == 0
    assert path.stat().st_mode & 0o777 == mode
