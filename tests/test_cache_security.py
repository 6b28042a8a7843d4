"""No way in through the cache (issue 10, part 4): a planted or damaged cache file is never run
nor believed, a planted symlink redirects no write, the folder is private, and a rewrite that
restores a file's size and mtime is still seen."""

from __future__ import annotations

import contextlib
import os
import pickle
import random
import sqlite3
import stat
import time
import zlib
from pathlib import Path

import pytest

from minecli import __version__, cachefile
from minecli import cache as cache_mod

from .helpers import copy_store, run

NO_CACHE = {"MINECLI_NO_CACHE": "1"}
COMMANDS = (
    ("list", "-f", "csv"),
    ("votes", "-r", "65/48", "-f", "csv"),
    ("search", "OZM", "-f", "csv"),
    ("show", "UZ", "-f", "json"),
    ("resolutions", "-f", "csv"),
)


class Planted:
    """A pickle that, if it were ever unpickled, would create a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return copy_store(tmp_path / "store")


def answers(store: Path, env: dict | None = None) -> list[tuple[int, str, str]]:
    out = []
    for args in COMMANDS:
        result = run("--store", str(store), *args, env=env)
        assert "Traceback" not in result.err, result.err
        out.append((result.code, result.out, result.err))
    return out


def cache_paths(store: Path) -> list[Path]:
    where = cache_mod.cache_files(store.resolve())
    each = sorted(where["each"].glob("*.pickle"))
    return [where["brief"], where["db"], *each]


def test_a_planted_pickle_in_any_cache_file_is_never_run(
    store: Path, cache_dir: Path, tmp_path: Path
) -> None:
    truth = answers(store, NO_CACHE)
    assert answers(store) == truth  # the cache is warm
    paths = cache_paths(store)
    assert len(paths) >= 3
    marker = tmp_path / "pwned"
    for path in paths:
        header = (cache_mod.FORMAT, __version__, str(store.resolve()))
        evil = {"header": header, "entries": Planted(marker), "blobs": Planted(marker)}
        path.write_bytes(pickle.dumps(evil))  # unsigned
        assert answers(store) == truth
        assert not marker.exists(), f"code in {path.name} was run"
        forged = cachefile.MAGIC + b"\0" * 32 + pickle.dumps(evil)  # signed with a wrong key
        path.write_bytes(forged)
        assert answers(store) == truth
        assert not marker.exists(), f"code in {path.name} was run"


def test_a_planted_pickle_in_a_profile_row_is_never_run(
    store: Path, cache_dir: Path, tmp_path: Path
) -> None:
    """The profile database is SQLite; a row's pickle is unpickled only under this cache's
    seal, so one put there by someone else (with any seal) is never run."""
    truth = answers(store, NO_CACHE)
    answers(store)
    marker = tmp_path / "pwned"
    evil = zlib.compress(pickle.dumps(Planted(marker)))
    with contextlib.closing(sqlite3.connect(cache_mod.cache_files(store.resolve())["db"])) as db:
        db.execute("UPDATE profiles SET blob = ?, seal = ?", (evil, b"\0" * 32))
        db.commit()
    assert answers(store) == truth
    assert not marker.exists(), "a planted row was unpickled"


def test_a_signed_file_of_the_wrong_shape_is_rebuilt(store: Path, cache_dir: Path) -> None:
    truth = answers(store, NO_CACHE)
    answers(store)
    brief = cache_paths(store)[0]
    header = (cache_mod.FORMAT, __version__, str(store.resolve()))
    cachefile.dump(
        brief, cache_dir, {"header": header, "written_ns": 0, "entries": ["not", "a", "dict"]}
    )
    assert answers(store) == truth
    assert answers(store) == truth, "and on every later run"


def test_flipped_bits_never_give_a_wrong_answer_or_a_lasting_failure(
    store: Path, cache_dir: Path
) -> None:
    truth = answers(store, NO_CACHE)
    answers(store)
    rng = random.Random(75)
    for i in range(75):
        path = rng.choice([p for p in cache_paths(store) if p.exists()])  # a damaged db is gone
        data = bytearray(path.read_bytes())
        bit = rng.randrange(len(data) * 8)
        data[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(data))
        assert answers(store) == truth, f"flip {i} in {path.name}"


def test_the_folder_is_private_and_its_files_are_the_users_only(
    store: Path, cache_dir: Path
) -> None:
    answers(store)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for path in cache_paths(store):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_dir / cachefile.KEY_NAME).stat().st_mode) == 0o600


def test_a_folder_others_may_write_to_is_not_used(
    store: Path, cache_dir: Path, tmp_path: Path
) -> None:
    truth = answers(store, NO_CACHE)
    cache_dir.mkdir(mode=0o700)
    os.chmod(cache_dir, 0o777)
    marker = tmp_path / "pwned"
    brief = cache_mod.cache_files(store.resolve())["brief"]
    brief.write_bytes(pickle.dumps(Planted(marker)))
    assert answers(store) == truth and not marker.exists()
    assert brief.read_bytes() == pickle.dumps(Planted(marker)), "nothing written into it"


def test_a_planted_symlink_redirects_no_write(store: Path, cache_dir: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    cache_dir.mkdir(mode=0o700)
    for path in cache_paths(store)[:3]:
        path.symlink_to(victim)
    truth = answers(store, NO_CACHE)
    assert answers(store) == truth
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not any(p.is_symlink() for p in cache_paths(store)[:3]), "replaced, not followed"


def test_the_cache_folder_as_a_symlink_is_not_used(
    store: Path, cache_dir: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_dir.symlink_to(elsewhere)
    truth = answers(store, NO_CACHE)
    assert answers(store) == truth
    assert list(elsewhere.iterdir()) == [], "nothing written through the link"


def test_a_rewrite_that_restores_size_and_mtime_is_seen(store: Path, cache_dir: Path) -> None:
    answers(store)
    path = store / "countries" / "UZ.toml"
    before = path.stat()
    time.sleep(0.01)
    path.write_bytes(path.read_bytes().replace(b'name = "Uzbekistan"', b'name = "Ozbekiston"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    listed = run("--store", str(store), "list", "-f", "csv").out
    assert "UZ,Ozbekiston," in listed
    assert answers(store) == answers(store, NO_CACHE)
