"""The index cache (minecli/cache.py) is never stale and never changes an answer.

Every test works on a writable copy of the bundled store in tmp_path (ten of its profiles, or all
197 where the whole store matters), with the cache in a private MINECLI_CACHE_DIR (conftest.py
isolates XDG_DATA_HOME and HOME but not the cache folder, so an autouse fixture here does). The
copy's files get an mtime a day old, so that they are not "racy" (changed within 2 s before the
cache was written, which the cache always re-reads) and the warm cache is really used:
test_warm_cache_parses_nothing_... proves it, so the staleness tests below do not pass only
because everything is re-read.

Edits by hand come in four kinds: a different size; the same size at once (inside the racy
window); the same size with the mtime forced to a time well before the cache was written (so only
the mtime differs from what was cached); the same size and the exact old mtime in a new file
(only the inode differs). The documented limit, a same-size edit that also restores the old mtime
and inode outside the racy window, cannot be seen and is not tested. Inside the racy window even
that edit must be seen: those tests move the cache's clock (minecli.cache.time) instead of
sleeping.

Answers are compared byte for byte with MINECLI_NO_CACHE=1, in-process (Typer's CliRunner) and in
a few real processes, since the cache matters across processes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from minecli import cache as cache_mod
from minecli import cachefile
from minecli.store import Store

from .helpers import BROKEN_LINE, BUNDLED, Result, cli, copy_store, run

DAY_NS = 86_400 * 10**9
HOUR_NS = 3_600 * 10**9
NO_CACHE = {"MINECLI_NO_CACHE": "1"}
# The store-wide cache files, and (as "files") the cached copy of resolutions.toml.
KINDS = ("brief", "db", "files")
WHOLE_STORE_KINDS = ("brief", "db")


# --- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for every test (and no user cache folder to fall back to)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("MINECLI_NO_CACHE", raising=False)
    return folder


# Enough of the bundled store for every filter to have hits (party, not party, withdrawn, CCW or
# not, abstentions on 65/48, "border", "OZM", "Türkiye"), small enough that the many uncached runs
# stay fast. The whole store is used where its size matters (FULL below).
SOME = ("AF", "AZ", "FI", "KG", "KZ", "RU", "TJ", "TM", "TR", "UZ")


def fresh_store(target: Path, codes: tuple[str, ...] | None = SOME) -> Path:
    """A writable copy of the bundled store (all of it, or these profiles) whose files all have
    a day-old mtime."""
    if codes is None:
        shutil.copytree(BUNDLED, target)
    else:
        copy_store(target, codes)
    old = time.time_ns() - DAY_NS
    for path in target.rglob("*"):
        os.utime(path, ns=(old, old))
    return target


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return fresh_store(tmp_path / "store")


def q(store: Path, *args: str, env: dict[str, str | None] | None = None, code: int = 0) -> Result:
    """minecli --store STORE ARGS in-process: the exit code expected, never a traceback."""
    result = run("--store", str(store), *args, env=env)
    assert "Traceback" not in result.err, result.err
    assert result.code == code, result
    return result


def nc(store: Path, *args: str, code: int = 0) -> Result:
    """The same without the cache."""
    return q(store, *args, env=NO_CACHE, code=code)


def same_as_uncached(store: Path, *args: str, code: int = 0) -> Result:
    """Run with the cache and without it: identical stdout, stderr and exit status."""
    cached = q(store, *args, code=code)
    plain = nc(store, *args, code=code)
    assert cached.out == plain.out, f"{args}: the cache changed the answer"
    assert cached.err == plain.err, f"{args}: the cache changed the messages"
    return cached


def same_result(store: Path, *args: str) -> Result:
    """Run with the cache and without it, whatever the exit status: identical results."""
    cached = run("--store", str(store), *args)
    plain = run("--store", str(store), *args, env=NO_CACHE)
    assert "Traceback" not in cached.err, cached.err
    assert cached == plain, args
    return cached


WARM = (
    ("list",),
    ("votes", "-r", "65/48"),
    ("search", "OZM"),
    ("show", "uzbekistan", "-f", "json"),
    ("resolutions",),
    ("timeline", "UZ"),
    ("check", "--format", "json"),
)


def warm(store: Path, cache_dir: Path) -> None:
    for args in WARM:
        q(store, *args)
    files = [p for p in cache_dir.glob("index-*") if p.is_file()]
    assert sorted(p.suffix for p in files) == sorted(f".{k}" for k in WHOLE_STORE_KINDS)
    assert all(cache_of(store, k).is_file() for k in KINDS)


def rows(store: Path, *args: str) -> list[dict[str, Any]]:
    """JSON rows of a command, checked against the uncached answer."""
    return json.loads(same_as_uncached(store, *args, "--format", "json").out)


def by_code(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in items}


def ids(store: Path, *args: str) -> list[str]:
    return same_as_uncached(store, *args, "--format", "ids").lines


def profile(store: Path, code: str) -> Path:
    return store / "countries" / f"{code}.toml"


def rewrite(
    path: Path, old: str, new: str, *, how: str = "inplace", mtime_ns: int | None = None
) -> os.stat_result:
    """Replace the first ``old`` by ``new``: in place (same inode) or as a new file renamed over
    it; then set the mtime if asked. Returns the file's stat from before."""
    before = path.stat()
    data = path.read_bytes()
    assert old.encode() in data, (path, old)
    body = data.replace(old.encode(), new.encode(), 1)
    if how == "inplace":
        with path.open("r+b") as handle:
            handle.write(body)
            handle.truncate()
    else:
        tmp = path.with_name(f"{path.name}.new")  # not a profile name: the index ignores it
        tmp.write_bytes(body)
        os.replace(tmp, path)
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return before


MODES = ("other_size", "same_size_now", "same_size_old_mtime", "same_size_same_mtime_new_inode")


def edit(path: Path, old: str, new: str, mode: str) -> None:
    """One edit by hand, in one of the MODES; checks that the edit has the wanted signature."""
    if mode == "other_size":
        before = rewrite(path, old, new + "   ")
        assert path.stat().st_size != before.st_size
        return
    assert len(old.encode()) == len(new.encode()), (old, new)
    if mode == "same_size_now":
        before = rewrite(path, old, new)
    elif mode == "same_size_old_mtime":  # well before the cache was written, not what it holds
        before = rewrite(path, old, new, mtime_ns=time.time_ns() - HOUR_NS)
        assert path.stat().st_mtime_ns != before.st_mtime_ns
        assert path.stat().st_ino == before.st_ino
    else:
        before = rewrite(path, old, new, how="replace", mtime_ns=None)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_mtime_ns == before.st_mtime_ns
        assert path.stat().st_ino != before.st_ino
    assert path.stat().st_size == before.st_size


def read_cache(path: Path) -> Any:
    """A cache file's content, if its checksum is right (minecli.cachefile); None otherwise."""
    return cachefile.load(path, cache_mod.cache_dir())


def cache_of(store: Path, kind: str) -> Path:
    where = cache_mod.cache_files(store.resolve())
    if kind == "files":
        return where["each"] / "resolutions.toml.pickle"
    return where[kind]


def valid_cache(path: Path, store: Path) -> bool:
    if path.suffix == ".db":  # the profile database is SQLite (minecli.cachedb)
        return valid_profile_db(path, store)
    try:
        data = read_cache(path)
    except Exception:
        return False
    return isinstance(data, dict) and data.get("header", (None,) * 3)[2] == str(store.resolve())


def valid_profile_db(path: Path, store: Path) -> bool:
    """A profile database of this store, holding rows of profiles and their text index."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            indexed = db.execute("SELECT count(*) FROM profiles").fetchone()[0]
            indexed *= db.execute(
                "SELECT count(*) FROM folded WHERE folded MATCH 'the'"
            ).fetchone()[0]
    except sqlite3.Error:
        return False
    return meta.get("root") == str(store.resolve()) and indexed > 0


class Clock:
    """Stands in for the time module inside minecli.cache: when the cache says it was written."""

    def __init__(self) -> None:
        self.ns = time.time_ns()

    def time_ns(self) -> int:
        return self.ns

    @staticmethod
    def monotonic() -> float:
        return time.monotonic()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(cache_mod, "time", fake)
    return fake


# --- the cache is used ----------------------------------------------------------------------------


def test_warm_cache_parses_nothing_and_an_edit_reparses_only_that_file(
    store: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm(store, cache_dir)
    parsed: list[str] = []
    real = cache_mod.parse_file

    def counting(path: Path, code: str):
        parsed.append(code)
        return real(path, code)

    monkeypatch.setattr(cache_mod, "parse_file", counting)
    for args in WARM:
        q(store, *args)
    assert parsed == [], "a warm cache should parse no profile"
    edit(profile(store, "UZ"), 'name = "Uzbekistan"', 'name = "Ozbekiston"', "same_size_old_mtime")
    q(store, "list")
    assert parsed == ["UZ"]
    q(store, "search", "OZM")
    assert parsed == ["UZ"]


# --- edits by hand --------------------------------------------------------------------------------


def _check_name(store: Path) -> None:
    assert by_code(rows(store, "list"))["UZ"]["name"] == "Ozbekiston"
    assert by_code(rows(store, "votes", "-r", "65/48"))["UZ"]["name"] == "Ozbekiston"
    assert {r["name"] for r in rows(store, "search", "OZM")} == {"Ozbekiston"}
    assert (
        json.loads(same_as_uncached(store, "show", "Ozbekiston", "--format", "json").out)["code"]
        == "UZ"
    )


def _check_vote(store: Path) -> None:
    assert by_code(rows(store, "votes", "-r", "65/48"))["UZ"]["vote"] == "absent"
    assert "UZ" in ids(store, "list", "--vote", "65/48=absent")
    assert "UZ" not in ids(store, "list", "--vote", "65/48=abstain")
    assert "UZ" in ids(store, "votes", "-r", "65/48", "--vote", "absent")
    same_as_uncached(store, "votes", "-r", "65/48")  # the table's tally caption


def _check_text(store: Path) -> None:
    found = rows(store, "search", "OZM")
    assert ("UZ", "stockpile.types.1") not in {(r["code"], r["field"]) for r in found}
    assert "KZ" in {r["code"] for r in found}, "KZ's new text was not searched"
    assert "KZ" in ids(store, "search", "ozm")
    assert "KZ" not in ids(store, "search", "UNODA")
    same_as_uncached(store, "search", "OZM")


def _check_check(store: Path) -> None:
    found = json.loads(
        same_as_uncached(store, "check", "--errors-only", "--format", "json", code=1).out
    )
    assert [(f["file"], f["where"]) for f in found] == [("countries/UZ.toml", "votes.65/49")]
    assert "UZ" not in by_code(rows(store, "votes", "-r", "65/48"))


RENAME = ("UZ", 'name = "Uzbekistan"', 'name = "Ozbekiston"')
REVOTE = ("UZ", 'resolution = "65/48"\nvote = "abstain"', 'resolution = "65/48"\nvote = "absent" ')
EDITS = {  # (profile, old, new) edits, then what must be seen
    "name": ([RENAME], _check_name),
    "vote": ([REVOTE], _check_vote),
    "text": (
        [("UZ", 'types = ["OZM-72"', 'types = ["QZM-72"'), ("KZ", "UNODA", "OZM-1")],
        _check_text,
    ),
    "check": ([("UZ", 'resolution = "65/48"', 'resolution = "65/49"')], _check_check),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", list(EDITS))
def test_edit_by_hand_is_seen(store: Path, cache_dir: Path, kind: str, mode: str) -> None:
    warm(store, cache_dir)
    changes, check = EDITS[kind]
    for code, old, new in changes:
        edit(profile(store, code), old, new, mode)
    check(store)
    check(store)  # and again, from the cache written after the edit


def test_edit_by_hand_is_seen_by_real_processes(store: Path, cache_dir: Path) -> None:
    """Warm in one process, edit (same size, older mtime), ask in the next processes."""
    args = ("--store", str(store))
    first = cli(*args, "search", "OZM", "--format", "json")
    assert first.code == 0 and json.loads(first.out)[0]["name"] == "Uzbekistan", first
    for kind in WHOLE_STORE_KINDS:
        assert valid_cache(cache_of(store, kind), store), kind
    uz = profile(store, "UZ")
    edit(uz, *RENAME[1:], "same_size_old_mtime")
    edit(uz, *REVOTE[1:], "same_size_old_mtime")
    listed = cli(*args, "list", "--format", "json")
    assert listed.code == 0 and listed.out == nc(store, "list", "--format", "json").out, listed
    assert by_code(json.loads(listed.out))["UZ"]["name"] == "Ozbekiston"
    voted = cli(*args, "votes", "-r", "65/48", "--format", "json")
    assert by_code(json.loads(voted.out))["UZ"]["vote"] == "absent", voted
    found = cli(*args, "search", "OZM", "--format", "json")
    assert {r["name"] for r in json.loads(found.out)} == {"Ozbekiston"}, found
    shown = cli(*args, "show", "ozbekiston", "--format", "json")
    assert shown.code == 0 and json.loads(shown.out)["code"] == "UZ", shown


# --- the racy window: an edit that keeps size, mtime and inode ------------------------------------


def test_racy_edit_keeping_size_mtime_and_inode_is_seen(
    store: Path, cache_dir: Path, clock: Clock
) -> None:
    """UZ.toml written half a second before the cache, then edited within the same timestamp
    tick (simulated: size, mtime and inode kept). The cache must re-read it however much later
    the next query comes."""
    uz = profile(store, "UZ")
    m = time.time_ns() - HOUR_NS
    os.utime(uz, ns=(m, m))
    clock.ns = m + 500_000_000
    warm(store, cache_dir)
    before = uz.stat()
    rewrite(uz, *RENAME[1:], mtime_ns=m)
    rewrite(uz, *REVOTE[1:], mtime_ns=m)
    after = uz.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    for later in (100, 200, 300):
        clock.ns = m + later * 10**9
        _check_name(store)
        _check_vote(store)


def test_racy_small_file_edit_is_seen(store: Path, cache_dir: Path, clock: Clock) -> None:
    """The same for resolutions.toml, read again on its own."""
    path = store / "resolutions.toml"
    m = time.time_ns() - HOUR_NS
    os.utime(path, ns=(m, m))
    clock.ns = m + 500_000_000
    warm(store, cache_dir)
    rewrite(path, "An international agreement", "AN international agreement", mtime_ns=m)
    for later in (100, 200):
        clock.ns = m + later * 10**9
        titles = {r["resolution"]: r["title"] for r in rows(store, "resolutions")}
        assert titles["51/45S"].startswith("AN international agreement")


def test_racy_small_file_edit_is_seen_after_the_other_small_file_is_recached(
    store: Path, cache_dir: Path, clock: Clock
) -> None:
    """meetings.toml and resolutions.toml cached half a second after they were written; then
    meetings.toml is edited in the same timestamp tick (size, mtime, inode kept). A later
    `resolutions` re-reads resolutions.toml (still racy) and rewrites the small-file cache with a
    new time; `timeline UZ` then takes meetings.toml's old entry as settled."""
    meetings, resolutions = store / "meetings.toml", store / "resolutions.toml"
    m = time.time_ns() - HOUR_NS
    for path in (meetings, resolutions):
        os.utime(path, ns=(m, m))
    clock.ns = m + 500_000_000
    warm(store, cache_dir)
    rewrite(meetings, 'name = "First Meeting', 'name = "FIRST Meeting', mtime_ns=m)
    clock.ns = m + 100 * 10**9
    q(store, "resolutions")
    clock.ns = m + 101 * 10**9
    timeline = same_as_uncached(store, "timeline", "UZ", "--format", "json")
    assert "Did not attend FIRST Meeting of the States Parties" in timeline.out


# --- store-level files, changes made by minecli, new and deleted profiles -------------------------


def test_small_files_edited_by_hand(store: Path, cache_dir: Path) -> None:
    warm(store, cache_dir)
    edit(store / "resolutions.toml", "yes = 155", "yes = 156", "same_size_old_mtime")
    tallies = {r["resolution"]: r["yes"] for r in rows(store, "resolutions")}
    assert tallies["51/45S"] == 156
    assert "roll call: 156-0-10" in same_as_uncached(store, "votes", "-r", "51/45S").err
    edit(
        store / "meetings.toml",
        'name = "First Meeting',
        'name = "FIRST Meeting',
        "same_size_same_mtime_new_inode",
    )
    assert "FIRST Meeting of the States Parties" in same_as_uncached(store, "timeline", "UZ").out
    (store / "meetings.toml").unlink()
    assert "FIRST Meeting" not in same_as_uncached(store, "timeline", "UZ").out


def test_changes_made_by_minecli_are_seen(store: Path, cache_dir: Path, tmp_path: Path) -> None:
    warm(store, cache_dir)
    q(store, "votes", "-r", "81/40")
    q(store, "set", "UZ", "votes.65/48", "yes")
    assert by_code(rows(store, "votes", "-r", "65/48"))["UZ"]["vote"] == "yes"
    assert "UZ" in ids(store, "list", "--vote", "65/48=yes")
    assert by_code(rows(store, "list"))["UZ"]["status"] == "not_party"
    q(store, "set", "UZ", "treaty.status", "signatory")
    assert "UZ" in ids(store, "list", "--status", "signatory")
    q(store, "set", "UZ", "name", "Ozbekiston")
    assert by_code(rows(store, "list"))["UZ"]["name"] == "Ozbekiston"
    assert (
        json.loads(same_as_uncached(store, "show", "ozbekiston", "--format", "json").out)["code"]
        == "UZ"
    )

    q(store, "add-vote", "UZ", "81/40", "abstain")
    assert [(r["code"], r["vote"]) for r in rows(store, "votes", "-r", "81/40")] == [
        ("UZ", "abstain")
    ]

    plain = tmp_path / "votes.csv"  # by the name `set` just gave, known from the cache only
    plain.write_text("code,vote\nOzbekiston,no\nKZ,yes\n", encoding="utf-8")
    q(
        store,
        "import-votes",
        str(plain),
        "-r",
        "81/45",
        "--date",
        "2026-12-08",
        "--title",
        "Implementation of the Convention",
    )
    res = {r["resolution"]: r for r in rows(store, "resolutions")}
    assert (res["81/45"]["yes"], res["81/45"]["no"]) == (1, 1)
    assert {(r["code"], r["vote"]) for r in rows(store, "votes", "-r", "81/45")} == {
        ("UZ", "no"),
        ("KZ", "yes"),
    }
    plain.write_text("code,vote\nUZ,yes\n", encoding="utf-8")
    q(store, "import-votes", str(plain), "-r", "81/45")
    assert by_code(rows(store, "votes", "-r", "81/45"))["UZ"]["vote"] == "yes"
    assert {r["resolution"]: r for r in rows(store, "resolutions")}["81/45"]["yes"] == 2
    assert by_code(rows(store, "list"))["UZ"]["latest_resolution"] == "81/45"


def test_new_and_deleted_profiles_are_seen(store: Path, cache_dir: Path) -> None:
    warm(store, cache_dir)
    assert ids(store, "list") == sorted(SOME)
    q(store, "new", "XK", "--name", "Kosovo")
    listed = by_code(rows(store, "list"))
    assert sorted(listed) == sorted([*SOME, "XK"]) and listed["XK"]["name"] == "Kosovo"
    assert (
        json.loads(same_as_uncached(store, "show", "kosovo", "--format", "json").out)["code"]
        == "XK"
    )
    assert "XK" in ids(store, "search", "kosovo")
    # Renamed by hand (same size, older mtime): the old name no longer finds it, the new one does.
    edit(profile(store, "XK"), 'name = "Kosovo"', 'name = "Kosova"', "same_size_old_mtime")
    assert (
        json.loads(same_as_uncached(store, "show", "kosova", "--format", "json").out)["code"]
        == "XK"
    )
    assert same_result(store, "show", "kosovo").code == 1
    profile(store, "TJ").unlink()
    codes = ids(store, "list")
    assert codes == sorted(c for c in [*SOME, "XK"] if c != "TJ")
    assert "TJ" not in by_code(rows(store, "votes", "-r", "65/48"))
    assert "TJ" not in ids(store, "search", "Tajikistan")
    profile(store, "UZ").unlink()
    assert "UZ" not in ids(store, "search", "OZM")
    assert same_as_uncached(store, "search", "OZM").err.startswith("0 matches")


@pytest.mark.parametrize("how", ["append", "same_size_old_mtime"])
def test_broken_file_is_skipped_then_comes_back(store: Path, cache_dir: Path, how: str) -> None:
    warm(store, cache_dir)
    tj = profile(store, "TJ")
    good = tj.read_bytes()
    baseline = q(store, "list").out
    if how == "append":
        tj.write_bytes(good + b"\n" + BROKEN_LINE.encode() + b"\n")
    else:
        edit(tj, "schema = 1", "schema = [", "same_size_old_mtime")
    for args in (("list",), ("votes", "-r", "65/48"), ("search", "Tajik")):
        result = same_as_uncached(store, *args)
        assert "Warning: skipped countries/TJ.toml" in result.err, result.err
    assert "TJ" not in ids(store, "list")
    findings = json.loads(
        same_as_uncached(store, "check", "--format", "json", "--errors-only", code=1).out
    )
    assert [f["file"] for f in findings] == ["countries/TJ.toml"]
    again = q(store, "list")  # warm, still broken
    assert "Warning: skipped countries/TJ.toml" in again.err
    with tj.open("r+b") as handle:  # fixed in place, with yet another mtime
        handle.write(good)
        handle.truncate()
    fixed_at = time.time_ns() - 2 * HOUR_NS
    os.utime(tj, ns=(fixed_at, fixed_at))
    result = same_as_uncached(store, "list")
    assert result.out == baseline and "Warning" not in result.err
    assert "TJ" in ids(store, "search", "Tajik")
    assert same_as_uncached(store, "check", "--errors-only", "--format", "json").out.strip() == "[]"


# --- a damaged cache ------------------------------------------------------------------------------


ANSWERS = (
    ("list", "--format", "json"),
    ("votes", "-r", "65/48", "--format", "json"),
    ("search", "OZM", "--format", "json"),
    ("search", "border", "--format", "tsv"),
    ("resolutions", "--format", "json"),
    ("show", "uzbekistan", "--format", "json"),
    ("timeline", "UZ", "--format", "json"),
    ("check", "--format", "json"),
)


def answers(store: Path) -> dict[tuple[str, ...], tuple[str, str]]:
    out = {}
    for args in ANSWERS:
        result = q(store, *args)
        out[args] = (result.out, result.err)
    return out


DAMAGE = {
    "garbage": lambda p: p.write_bytes(b"\x80\x04not a pickle at all" * 50),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "deleted": lambda p: p.unlink(),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("kind", [*KINDS, "all"])
def test_damaged_cache_gives_the_same_answers(
    store: Path, cache_dir: Path, kind: str, damage: str
) -> None:
    warm(store, cache_dir)
    before = answers(store)
    for k in KINDS if kind == "all" else (kind,):
        DAMAGE[damage](cache_of(store, k))
    assert answers(store) == before
    assert answers(store) == before
    # What was damaged is written again (the profile database: see the test below).
    for k in KINDS if kind == "all" else (kind,):
        if k in ("brief", "files") or kind == "all":
            assert valid_cache(cache_of(store, k), store), f"{k} cache not rebuilt"


def test_deleted_cache_folder_gives_the_same_answers(store: Path, cache_dir: Path) -> None:
    warm(store, cache_dir)
    before = answers(store)
    shutil.rmtree(cache_dir)
    assert answers(store) == before
    assert all(valid_cache(cache_of(store, k), store) for k in KINDS)
    assert answers(store) == before
    uncached = {args: (r.out, r.err) for args in ANSWERS for r in [nc(store, *args)]}
    assert uncached == before


@pytest.mark.parametrize("kind", KINDS)
def test_out_of_date_cache_file_is_not_believed(store: Path, cache_dir: Path, kind: str) -> None:
    """One cache file put back as it was before some edits (a backup restored, or a slower
    process that wrote last), the others up to date: its entries are checked, not trusted."""
    warm(store, cache_dir)
    old = cache_of(store, kind).read_bytes()
    edit(profile(store, "UZ"), 'name = "Uzbekistan"', 'name = "Ozbekiston"', "same_size_old_mtime")
    edit(profile(store, "KZ"), "UNODA", "OZM-1", "same_size_old_mtime")
    edit(store / "resolutions.toml", "yes = 155", "yes = 156", "same_size_old_mtime")
    edit(
        store / "meetings.toml",
        'name = "First Meeting',
        'name = "FIRST Meeting',
        "same_size_old_mtime",
    )
    fresh = answers(store)
    cache_of(store, kind).write_bytes(old)
    assert answers(store) == fresh
    assert {"UZ", "KZ"} <= {r["code"] for r in rows(store, "search", "OZM")}
    assert by_code(rows(store, "list"))["UZ"]["name"] == "Ozbekiston"
    assert "FIRST Meeting" in same_as_uncached(store, "timeline", "UZ").out
    assert {r["resolution"]: r["yes"] for r in rows(store, "resolutions")}["51/45S"] == 156


@pytest.mark.parametrize("kind", ["db"])
def test_damaged_profile_database_is_rebuilt(store: Path, cache_dir: Path, kind: str) -> None:
    warm(store, cache_dir)
    cache_of(store, kind).write_bytes(b"garbage")
    for args in WARM:
        q(store, *args)
    assert valid_cache(cache_of(store, kind), store)


def test_foreign_cache_files_are_not_trusted(tmp_path: Path, cache_dir: Path) -> None:
    """Another store's cache files put in this store's place: rebuilt, never believed."""
    a = fresh_store(tmp_path / "a")
    b = fresh_store(tmp_path / "b")
    edit(profile(b, "UZ"), 'name = "Uzbekistan"', 'name = "Ozbekiston"', "same_size_now")
    warm(a, cache_dir)
    before = answers(b)
    for k in KINDS:
        shutil.copyfile(cache_of(a, k), cache_of(b, k))
    assert answers(b) == before
    assert by_code(rows(b, "list"))["UZ"]["name"] == "Ozbekiston"


# --- two stores, one cache folder -----------------------------------------------------------------


def test_two_stores_two_caches(tmp_path: Path, cache_dir: Path) -> None:
    a = fresh_store(tmp_path / "a")
    b = fresh_store(tmp_path / "b")
    # b differs from a in one profile only, by a same-size edit that keeps the mtime too.
    uz_b = profile(b, "UZ")
    rewrite(
        uz_b,
        'name = "Uzbekistan"',
        'name = "Ozbekiston"',
        mtime_ns=profile(a, "UZ").stat().st_mtime_ns,
    )
    assert profile(a, "UZ").stat().st_mtime_ns == uz_b.stat().st_mtime_ns
    assert profile(a, "UZ").stat().st_size == uz_b.stat().st_size
    for _ in range(2):  # cold, then warm; alternating so each run follows the other store's
        for root, name in ((a, "Uzbekistan"), (b, "Ozbekiston")):
            assert by_code(rows(root, "list"))["UZ"]["name"] == name
            assert by_code(rows(root, "votes", "-r", "65/48"))["UZ"]["name"] == name
            assert {r["name"] for r in rows(root, "search", "OZM")} == {name}
            shown = same_as_uncached(root, "show", name.lower(), "--format", "json")
            assert json.loads(shown.out)["code"] == "UZ"
    files = sorted(
        p.name for p in cache_dir.iterdir() if p.is_file() and not p.name.startswith(".")
    )
    assert files.pop(files.index(cachefile.KEY_NAME)) == "key", "one key for the cache folder"
    assert len(files) == 2 * len(WHOLE_STORE_KINDS), files
    assert (
        len([p for p in cache_dir.iterdir() if p.is_dir()]) == 2
    )  # one-profile caches, one per store
    for root in (a, b):
        for k in KINDS:
            assert valid_cache(cache_of(root, k), root)
    assert {cache_of(a, k) for k in KINDS}.isdisjoint({cache_of(b, k) for k in KINDS})


def test_two_stores_in_real_processes(tmp_path: Path, cache_dir: Path) -> None:
    a = fresh_store(tmp_path / "a")
    b = fresh_store(tmp_path / "b")
    rewrite(profile(b, "UZ"), 'name = "Uzbekistan"', 'name = "Ozbekiston"')
    for _ in range(2):
        for root, name in ((a, "Uzbekistan"), (b, "Ozbekiston")):
            result = cli("--store", str(root), "list", "--format", "json")
            assert result.code == 0 and "Traceback" not in result.err, result
            assert by_code(json.loads(result.out))["UZ"]["name"] == name
    made = [p for p in cache_dir.glob("index-*") if p.is_file()]
    # each store its own files, the profile database and its text index made by `list` already
    assert len(made) == 2 * len(WHOLE_STORE_KINDS)


# --- the same output with and without the cache ---------------------------------------------------


FORMATS = ("table", "json", "jsonl", "csv", "tsv", "ids")
COMMANDS = [
    *[("list", "--format", f) for f in FORMATS],
    ("list", "--status", "not_party"),
    ("list", "--status", "state_party", "--status", "withdrawn", "--format", "csv"),
    ("list", "--vote", "65/48=abstain"),
    ("list", "--vote", "65/48=abstain", "--vote", "64/56=abstain", "--format", "json"),
    ("list", "--ccw"),
    ("list", "--no-ccw", "--format", "tsv"),
    ("list", "--vote", "65/48=yes", "--ccw", "--status", "state_party", "--format", "ids"),
    *[("votes", "-r", "65/48", "--format", f) for f in FORMATS],
    ("votes", "-r", "65/48", "--vote", "abstain"),
    ("votes", "-r", "81/40"),
    ("resolutions",),
    ("resolutions", "--format", "json"),
    ("search", "OZM"),
    ("search", "OZM", "--format", "json"),
    ("search", "border"),
    ("search", "border", "--format", "tsv"),
    ("search", "türkiye", "--format", "csv"),
    ("show", "uzbekistan"),
    ("show", "uzbekistan", "--format", "json"),
    ("timeline", "UZ"),
    ("check", "--format", "json"),
]
# One of each kind of query over the whole store (formats only change the rendering).
FULL = [
    ("list", "--format", "json"),
    ("list", "--vote", "65/48=abstain", "--no-ccw", "--status", "not_party"),
    ("votes", "-r", "65/48", "--format", "json"),
    ("resolutions",),
    ("search", "OZM"),
    ("search", "border", "--format", "tsv"),
    ("show", "uzbekistan"),
    ("check", "--format", "json"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An unchanged copy of SOME profiles of the bundled store (never written)."""
    return fresh_store(tmp_path_factory.mktemp("pristine") / "store")


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An unchanged copy of the whole bundled store (never written)."""
    return fresh_store(tmp_path_factory.mktemp("whole") / "store", codes=None)


def same_cold_warm_uncached(root: Path, commands: list[tuple[str, ...]], folder: Path) -> None:
    """Each command: without the cache, from a cold cache of its own, then warm: identical; then
    all of them again in turn through one shared cache."""
    plain = {}
    for i, args in enumerate(commands):
        plain[args] = nc(root, *args)
        env = {"MINECLI_CACHE_DIR": str(folder / f"cold-{i}")}
        cold = q(root, *args, env=env)
        warm_ = q(root, *args, env=env)
        for label, got in (("cold", cold), ("warm", warm_)):
            assert got.out == plain[args].out, f"{args}: {label} cache changed stdout"
            assert got.err == plain[args].err, f"{args}: {label} cache changed stderr"
    for _ in range(2):
        for args in commands:
            got = q(root, *args)
            assert (got.out, got.err) == (plain[args].out, plain[args].err), args


def test_every_command_same_with_and_without_cache(pristine: Path, cache_dir: Path) -> None:
    same_cold_warm_uncached(pristine, COMMANDS, cache_dir)


def test_whole_store_same_with_and_without_cache(whole: Path, cache_dir: Path) -> None:
    same_cold_warm_uncached(whole, FULL, cache_dir)
    assert len(json.loads(q(whole, "list", "--format", "json").out)) == 197


def test_real_processes_same_with_and_without_cache(whole: Path) -> None:
    plain = cli("--store", str(whole), "list", "--format", "csv", env=NO_CACHE)
    cold = cli("--store", str(whole), "list", "--format", "csv")
    warm_ = cli("--store", str(whole), "list", "--format", "csv")
    assert plain.code == cold.code == warm_.code == 0, (plain, cold, warm_)
    assert plain.out == cold.out == warm_.out
    found = cli("--store", str(whole), "search", "border", "--format", "json")
    assert found.code == 0 and found.out == nc(whole, "search", "border", "--format", "json").out


def brief_matches_full_profiles(root: Path) -> None:
    """`list` and roll calls read only the cached brief of each profile: their rows are those
    the whole profiles give."""
    from minecli.query import states, votes

    s = Store(root, "--store")
    full = [s.read_profile(c) for c in s.codes()]
    expected = json.loads(json.dumps(states.state_rows(full, s.resolutions()), default=str))
    for _ in range(2):  # cold, then warm
        assert json.loads(q(root, "list", "--format", "json").out) == expected
        roll = json.loads(q(root, "votes", "-r", "65/48", "--format", "json").out)
        assert roll == votes.roll_call("65/48", full)


def test_brief_matches_the_full_profiles(whole: Path, store: Path) -> None:
    brief_matches_full_profiles(whole)
    # A vote note (kept in the brief), added by hand after warming.
    brief_matches_full_profiles(store)
    edit(
        profile(store, "UZ"),
        'resolution = "65/48"\nvote = "abstain"',
        'resolution = "65/48"\nvote = "abstain"\nnote = "Cast by the deputy representative."',
        "other_size",
    )
    brief_matches_full_profiles(store)
    notes = {r["code"]: r["note"] for r in rows(store, "votes", "-r", "65/48")}
    assert notes["UZ"] == "Cast by the deputy representative."


# --- a cache folder that cannot be written --------------------------------------------------------


def test_unwritable_cache_folder(store: Path, cache_dir: Path) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        probe = cache_dir / "probe"
        try:
            probe.write_bytes(b"")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("chmod does not stop this user writing (root): see the not-a-folder test")
        for args in ANSWERS:
            same_as_uncached(store, *args)
        assert list(cache_dir.iterdir()) == []
        edit(
            profile(store, "UZ"),
            'name = "Uzbekistan"',
            'name = "Ozbekiston"',
            "same_size_old_mtime",
        )
        _check_name(store)
    finally:
        cache_dir.chmod(0o700)


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_cache_folder_that_is_not_a_folder(store: Path, tmp_path: Path, where: str) -> None:
    """MINECLI_CACHE_DIR naming a regular file, or a path under one: unwritable even for root."""
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"not a folder")
    folder = blocker if where == "a file" else blocker / "cache"
    env = {"MINECLI_CACHE_DIR": str(folder)}
    for args in ANSWERS:
        got, plain = q(store, *args, env=env), nc(store, *args)
        assert (got.out, got.err) == (plain.out, plain.err), args
    edit(profile(store, "UZ"), 'name = "Uzbekistan"', 'name = "Ozbekiston"', "same_size_old_mtime")
    got = json.loads(q(store, "list", "--format", "json", env=env).out)
    assert by_code(got)["UZ"]["name"] == "Ozbekiston"
    assert blocker.read_bytes() == b"not a folder"
    if where == "a file":  # and in a real process
        result = cli("--store", str(store), "search", "OZM", env=env)
        assert result.code == 0 and "Traceback" not in result.err and "Ozbekiston" in result.out


# --- search never misses --------------------------------------------------------------------------


@pytest.mark.parametrize("needle", ["Türkiye", "türkiye", "TÜRKIYE", "tÜrKiYe", "ÜRKIY"])
def test_search_non_ascii_and_case(pristine: Path, cache_dir: Path, needle: str) -> None:
    plain = nc(pristine, "search", needle, "--format", "json")
    cold = q(pristine, "search", needle, "--format", "json")
    warm_ = q(pristine, "search", needle, "--format", "json")
    assert plain.out == cold.out == warm_.out
    found = json.loads(plain.out)
    assert "TR" in {r["code"] for r in found}
    assert ("TR", "name") in {(r["code"], r["field"]) for r in found}


@pytest.mark.parametrize("needle", ["ozm", "Ozm", "oZm-72", "OZM"])
def test_search_other_case(pristine: Path, cache_dir: Path, needle: str) -> None:
    got = json.loads(same_as_uncached(pristine, "search", needle, "--format", "json").out)
    assert {(r["code"], r["field"]) for r in got} >= {
        ("UZ", "stockpile.types.1"),
        ("UZ", "stockpile.summary"),
    }


def test_search_finds_text_added_after_warming_in_any_case(store: Path, cache_dir: Path) -> None:
    """Text that only another case or a case-folding matches, added to a profile the search
    cache had ruled out."""
    warm(store, cache_dir)
    for needle in ("strasse", "STRAẞE", "Straße"):
        assert "KZ" not in ids(store, "search", needle)
    edit(profile(store, "KZ"), "UNODA", "Straße", "other_size")
    edit(profile(store, "AF"), 'name = "Afghanistan"', 'name = "AFGHÄNISTAN"', "other_size")
    for needle in ("strasse", "STRASSE", "STRAẞE", "Straße", "straße"):
        found = ids(store, "search", needle)
        assert "KZ" in found, needle
    for needle in ("afghänistan", "AFGHÄNISTAN", "Afghänistan"):
        assert "AF" in ids(store, "search", needle), needle
    assert by_code(rows(store, "list"))["AF"]["name"] == "AFGHÄNISTAN"


def test_damaged_one_profile_cache_gives_the_same_answer(store: Path, cache_dir: Path) -> None:
    """`show` keeps each profile it read in a cache file of its own; garbage there is never
    believed, and the file is written again."""
    before = q(store, "show", "UZ", "--format", "json").out
    entries = list(cache_dir.glob("index-*.each/countries_UZ.toml.pickle"))
    assert len(entries) == 1
    entries[0].write_bytes(b"garbage")
    assert q(store, "show", "UZ", "--format", "json").out == before
    assert entries[0].read_bytes() != b"garbage"


def test_one_profile_cache_sees_a_hand_edit(store: Path, cache_dir: Path) -> None:
    q(store, "show", "UZ", "--format", "json")
    edit(profile(store, "UZ"), 'name = "Uzbekistan"', 'name = "Ozbekiston"', "same_size_old_mtime")
    assert json.loads(q(store, "show", "UZ", "--format", "json").out)["name"] == "Ozbekiston"
