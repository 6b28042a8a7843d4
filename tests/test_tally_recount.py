"""Tallies stay true (issue 11, in part): every vote a write changes recounts its resolution's
tally in the same write, so `check` never finds the profiles and resolutions.toml apart."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from .helpers import BUNDLED, UNRECORDED, copy_store, run


@pytest.fixture
def full(tmp_path: Path) -> Path:
    """The whole bundled store (a tally counts every state), writable."""
    target = tmp_path / "store"
    shutil.copytree(BUNDLED, target)
    return target


def tally(store: Path, number: str) -> dict[str, int]:
    with (store / "resolutions.toml").open("rb") as handle:
        entries = {r["number"]: r for r in tomllib.load(handle)["resolutions"]}
    return entries[number].get("tally")


def no_tally_warning(store: Path) -> None:
    """check finds the stored tallies equal to the profiles' votes (a tally that now differs
    from the one the UN announced is another warning, and a true one)."""
    found = run("--store", str(store), "check", "--only", "tallies", "--format", "json").json()
    assert [f for f in found if f["message"].startswith("the profiles count")] == []


def test_set_a_vote_recounts_its_tally(full: Path) -> None:
    before = (full / "resolutions.toml").read_bytes()
    assert tally(full, "65/48") == {"yes": 165, "no": 0, "abstain": 17, "absent": 10}
    result = run("--store", str(full), "set", "UZ", "votes.65/48", "yes")
    assert result.code == 0, result
    assert "Recounted the tally of 65/48" in result.err
    assert "Wrote 2 file(s): countries/UZ.toml, resolutions.toml" in result.err
    assert tally(full, "65/48") == {"yes": 166, "no": 0, "abstain": 16, "absent": 10}
    no_tally_warning(full)
    assert run("--store", str(full), "set", "UZ", "votes.65/48", "abstain").code == 0
    assert (full / "resolutions.toml").read_bytes() == before, "back to the very same bytes"


def test_rm_and_add_vote_recount_too(full: Path) -> None:
    assert run("--store", str(full), "rm-vote", "KZ", "80/35").code == 0
    assert tally(full, "80/35") == {"yes": 158, "no": 1, "abstain": 19, "absent": 14}
    no_tally_warning(full)
    assert run("--store", str(full), "add-vote", "KZ", "80/35", "no", "--source", "11").code == 0
    assert tally(full, "80/35") == {"yes": 158, "no": 2, "abstain": 19, "absent": 14}
    no_tally_warning(full)


def test_a_dry_run_shows_the_recount_and_writes_nothing(full: Path) -> None:
    before = (full / "resolutions.toml").read_bytes()
    result = run("--store", str(full), "set", "UZ", "votes.65/48", "no", "--dry-run")
    assert result.code == 0
    assert "+++ b/resolutions.toml" in result.out and "-abstain = 17" in result.out
    assert (full / "resolutions.toml").read_bytes() == before


def test_a_vote_on_a_resolution_without_a_roll_call_leaves_resolutions_alone(
    tmp_path: Path,
) -> None:
    store = copy_store(tmp_path / "store")
    before = (store / "resolutions.toml").read_bytes()
    result = run("--store", str(store), "add-vote", "UZ", UNRECORDED, "abstain")
    assert result.code == 0 and "Recounted" not in result.err
    assert (store / "resolutions.toml").read_bytes() == before


def test_a_change_that_is_not_a_vote_touches_no_tally(full: Path) -> None:
    before = (full / "resolutions.toml").read_bytes()
    assert run("--store", str(full), "set", "UZ", "votes.65/48.note", "Checked.").code == 0
    assert (full / "resolutions.toml").read_bytes() == before


def test_change_profile_recounts_in_the_transaction(full: Path) -> None:
    """The core call the write commands share (minecli.writer.Transaction.change_profile)."""
    from minecli import writer
    from minecli.store import Store

    store = Store(full, "test", writable=True)
    recounted: list[str] = []

    def to_yes(profile: dict) -> str:
        next(v for v in profile["votes"] if v["resolution"] == "65/48")["vote"] = "yes"
        return "done"

    result, changes = writer.apply(store, lambda tx: tx.change_profile("UZ", to_yes, recounted))
    assert result[0] == "done" and recounted == ["65/48"]
    assert [c.label for c in changes] == ["countries/UZ.toml", "resolutions.toml"]
    assert tally(full, "65/48")["yes"] == 166
