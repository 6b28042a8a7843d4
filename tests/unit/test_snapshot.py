"""store.snapshot for `check`: the whole store's profiles read one at a time, each read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from minecli import files
from minecli.checks import iter_checks, run_checks
from minecli.findings import placed
from minecli.store import Profiles, Store

from ..helpers import SIX, copy_store


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_store(tmp_path / "store")
    broken = root / "countries" / "XB.toml"
    broken.write_text('schema = 1\ncode = "XB"\nname = "Broken"\nvotes = "not a list"\n')
    (root / "countries" / "XS.toml").write_text("this is = not TOML [\n")
    return Store(root, "test")


def test_profiles_reads_each_when_asked_and_keeps_only_the_last() -> None:
    loads: list[str] = []

    def load(code: str) -> dict:
        loads.append(code)
        return {"code": code}

    profiles = Profiles(["AA", "BB"], load)
    assert loads == [] and list(profiles) == ["AA", "BB"] and len(profiles) == 2
    assert profiles["AA"] == {"code": "AA"} and profiles["AA"] is profiles["AA"]
    assert profiles["BB"]["code"] == "BB" and profiles["AA"]["code"] == "AA"
    assert loads == ["AA", "BB", "AA"]
    assert profiles.get("CC") is None and "CC" not in profiles


def test_the_whole_store_snapshot_is_what_the_files_hold(store: Store) -> None:
    snapshot = store.snapshot()
    assert isinstance(snapshot.profiles, Profiles)
    assert sorted(snapshot.profiles) == sorted([*SIX, "XB"])  # XS cannot be parsed at all
    for code in SIX:
        path = store.root / "countries" / f"{code}.toml"
        assert snapshot.profiles[code] == files.parse(path.read_text(), f"countries/{code}.toml")
    assert snapshot.profiles["XB"]["votes"] == "not a list", "a broken profile as parsed"
    assert [exc.file for exc in snapshot.unreadable] == ["countries/XS.toml"]


def test_checking_and_placing_read_each_profile_once(store: Store) -> None:
    snapshot = store.snapshot()
    loads: list[str] = []
    real = snapshot.profiles._load

    def counting(code: str) -> dict:
        loads.append(code)
        return real(code)

    snapshot.profiles._load = counting
    found = placed(iter_checks(snapshot), store.locator(snapshot))
    assert sorted(loads) == sorted(set(loads)) == sorted([*SIX, "XB"])
    assert any(f.file == "countries/XB.toml" and f.line for f in found), "placed in its file"
    assert found == placed(run_checks(store.snapshot()), store.locator(store.snapshot()))
