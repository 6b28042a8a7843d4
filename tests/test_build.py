"""The maintainer's rebuild, `python -m tools.build --raw RAW --store STORE [CODE ...]` from the
repository root, as a real process on temporary copies of data/raw and data/store.

It owns the reference facts (names, treaty status and dates, CCW, the votes on the raw roll calls,
observer attendance, the reference sources) and the editorial facts of data/raw/editorial.toml,
and must leave alone what a person wrote: narratives, notes, hand-added sources, votes and
meetings, unknown keys. Source ids never change. It writes through minecli's writer, so a file
it cannot rewrite stops the whole run before anything is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .helpers import BUNDLED, REPO, TESTS, Result, proc_env, run

RAW = REPO / "data" / "raw"


def build(raw: Path, store: Path, *codes: str, script: bool = False) -> Result:
    """Run the rebuild: as a module from the repository root, or (``script``) as a script by its
    path from another folder."""
    entry = [str(REPO / "tools" / "build.py")] if script else ["-m", "tools.build"]
    proc = subprocess.run(
        [sys.executable, *entry, "--raw", str(raw), "--store", str(store), *codes],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=proc_env(),
        cwd=TESTS if script else REPO,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def files(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def diff_lines(before: bytes, after: bytes) -> list[str]:
    """The -/+ lines of a unified diff, without the headers."""
    lines = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [x for x in lines if x[:1] in "+-" and not x.startswith(("+++", "---"))]


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def edit_line(path: Path, starts: str, old: str, new: str) -> None:
    """Replace old by new in the one line of a CSV file that starts with `starts`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(starts)]
    assert len(hits) == 1, (starts, hits)
    assert old in lines[hits[0]], lines[hits[0]]
    lines[hits[0]] = lines[hits[0]].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path.name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return Path(shutil.copytree(RAW, tmp_path / "raw"))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "store"))


# --- an unchanged rebuild --------------------------------------------------------------------------


def test_rebuild_of_unchanged_copies_changes_nothing(raw: Path, store: Path) -> None:
    before = files(store)
    assert before == files(BUNDLED)
    result = build(raw, store)
    assert result.code == 0, result
    assert result.err.startswith("0 file(s) changed"), result.err
    assert files(store) == before, "every file byte-identical"


def test_rebuild_runs_as_a_script_from_another_folder(raw: Path, store: Path) -> None:
    edit_line(raw / "ccw_status.csv", "KZ,", "2009-07-08", "2009-07-09")
    result = build(raw, store, "KZ", script=True)
    assert result.code == 0, result
    assert result.err.startswith("1 file(s) changed: KZ"), result.err


def test_rebuild_into_a_new_folder_makes_the_whole_store(raw: Path, tmp_path: Path) -> None:
    result = build(raw, tmp_path / "new", "KZ", "UZ")
    assert result.code == 0, result
    assert "4 file(s) changed: resolutions.toml meetings.toml KZ UZ" in result.err
    made = sorted(files(tmp_path / "new"))
    assert made == ["countries/KZ.toml", "countries/UZ.toml", "meetings.toml", "resolutions.toml"]
    for part in ("treaty", "ccw", "un_membership"):  # the reference facts, as bundled
        assert load(tmp_path / "new" / made[0])[part] == load(BUNDLED / made[0])[part], part


def test_unknown_code_is_refused(raw: Path, store: Path) -> None:
    before = files(store)
    result = build(raw, store, "ZZ")
    assert result.code == 1
    assert "ZZ" in result.err and "Traceback" not in result.err
    assert files(store) == before


def test_rebuild_of_named_states_only(raw: Path, store: Path) -> None:
    """CODE arguments: only those profiles are rebuilt (and resolutions/meetings)."""
    edit_line(raw / "ccw_status.csv", "KZ,", "2009-07-08", "2009-07-09")
    edit_line(raw / "ccw_status.csv", "UZ,", "1997-09-29", "1997-09-30")
    before = files(store)
    result = build(raw, store, "KZ")
    assert result.code == 0, result
    assert changed(before, files(store)) == ["countries/KZ.toml"]
    assert "1 file(s) changed: KZ" in result.err


# --- one raw row changed -------------------------------------------------------------------------


def test_changed_ccw_date_changes_only_that_value(raw: Path, store: Path) -> None:
    edit_line(raw / "ccw_status.csv", "KZ,", "2009-07-08", "2009-07-09")
    before = files(store)
    result = build(raw, store)
    assert result.code == 0, result
    assert "1 file(s) changed: KZ" in result.err
    after = files(store)
    assert changed(before, after) == ["countries/KZ.toml"], "all other files byte-identical"
    assert diff_lines(before["countries/KZ.toml"], after["countries/KZ.toml"]) == [
        "-since = 2009-07-08",
        "+since = 2009-07-09",
    ]
    shown = run("--store", str(store), "show", "KZ", "--format", "json").json()
    assert shown["ccw"]["convention"]["since"] == "2009-07-09"


def test_changed_vote_changes_only_that_vote(raw: Path, store: Path) -> None:
    edit_line(raw / "unga_votes_1996_2019.csv", "65/48,65,2010-12-08,5060,UZ,", ",abstain", ",yes")
    before = files(store)
    result = build(raw, store)
    assert result.code == 0, result
    after = files(store)
    profiles_changed = [k for k in changed(before, after) if k.startswith("countries/")]
    assert profiles_changed == ["countries/UZ.toml"]
    assert after["meetings.toml"] == before["meetings.toml"]
    assert diff_lines(before["countries/UZ.toml"], after["countries/UZ.toml"]) == [
        '-vote = "abstain"',
        '+vote = "yes"',
    ]
    votes = {v["resolution"]: v for v in load(store / "countries" / "UZ.toml")["votes"]}
    assert votes["65/48"]["vote"] == "yes" and votes["64/56"]["vote"] == "abstain"
    # resolutions.toml: nothing but (at most) the tally of 65/48 may differ
    old = {
        r["number"]: r for r in tomllib.loads(before["resolutions.toml"].decode())["resolutions"]
    }
    new = {r["number"]: r for r in load(store / "resolutions.toml")["resolutions"]}
    old["65/48"].pop("tally")
    new["65/48"].pop("tally")
    assert new == old


def test_tally_follows_a_corrected_vote_row(raw: Path, store: Path) -> None:
    edit_line(raw / "unga_votes_1996_2019.csv", "65/48,65,2010-12-08,5060,UZ,", ",abstain", ",yes")
    assert build(raw, store).code == 0
    tally = {r["number"]: r for r in load(store / "resolutions.toml")["resolutions"]}["65/48"][
        "tally"
    ]
    assert tally == {"yes": 166, "no": 0, "abstain": 16, "absent": 10}
    result = run("--store", str(store), "check", "--format", "json")
    assert [f for f in result.json() if f["check"] == "tallies"] == []


def test_changed_meeting_row_keeps_meetings_a_person_added(raw: Path, store: Path) -> None:
    edit_line(
        raw / "mbt_meetings.csv",
        "10MSP,",
        '"Geneva, Switzerland"',
        '"Geneva, Switzerland (Palais des Nations)"',
    )
    before = files(store)
    result = build(raw, store)
    assert result.code == 0, result
    after = files(store)
    assert changed(before, after) == ["meetings.toml"]
    assert diff_lines(before["meetings.toml"], after["meetings.toml"]) == [
        '-place = "Geneva, Switzerland"',
        '+place = "Geneva, Switzerland (Palais des Nations)"',
    ]
    meetings = {m["id"]: m for m in load(store / "meetings.toml")["meetings"]}
    assert meetings["10MSP"]["place"] == "Geneva, Switzerland (Palais des Nations)"
    assert meetings["IM2011"]["start"] == "2011-06", (
        "the hand-added meeting (partial date) survives"
    )


def test_editorial_remark_goes_into_the_note_of_that_state_only(raw: Path, store: Path) -> None:
    replace_once(
        raw / "editorial.toml",
        'text = "The UN Treaty Collection records an approval, counted here as a ratification."',
        'text = "The UN Treaty Collection records an approval (counted as a ratification)."',
    )
    before = files(store)
    result = build(raw, store)
    assert result.code == 0, result
    after = files(store)
    assert changed(before, after) == ["countries/SK.toml"]
    removed, added = diff_lines(before["countries/SK.toml"], after["countries/SK.toml"])
    assert removed.startswith('-note = "Status as at 3 February 2026'), removed
    assert added.endswith('records an approval (counted as a ratification)."'), added


def test_a_file_the_writer_refuses_stops_the_whole_rebuild(raw: Path, store: Path) -> None:
    """A profile holding a comment cannot be rewritten without losing it: nothing is written,
    not even the files that come before it."""
    edit_line(raw / "ccw_status.csv", "KZ,", "2009-07-08", "2009-07-09")
    uz = store / "countries" / "UZ.toml"
    uz.write_text("# kept by hand\n" + uz.read_text(encoding="utf-8"), encoding="utf-8")
    before = files(store)
    result = build(raw, store)
    assert result.code == 1, result
    assert "countries/UZ.toml:1" in result.err and "comment" in result.err, result.err
    assert files(store) == before


# --- what a person wrote survives -----------------------------------------------------------------

HAND_SOURCE = """
[[sources]]
id = 16
title = "Statement of the delegation of Uzbekistan to the First Committee"
author = "Permanent Mission of Uzbekistan"
date = 2025-10-20
kind = "statement"
note = "Added by hand."
"""
HAND_VOTE = """[[votes]]
resolution = "80/45"
vote = "abstain"
note = "Explained in the delegation's statement."
sources = [
    16,
]

[[meetings]]
"""
HAND_RESOLUTION = """
[[resolutions]]
number = "80/45"
session = 80
date = 2025-12-01
title = "Implementation of the Convention (added by hand)"
recorded = true
source = "UN press release GA/12700 (typed by hand)"
"""


def _hand_edit_uz(store: Path) -> None:
    uz = store / "countries" / "UZ.toml"
    replace_once(uz, "updated = 2026-02-03\n", 'updated = 2026-02-03\nteam_file = "LM-UZ-2011"\n')
    replace_once(
        uz, 'status = "not_party"\n', 'status = "not_party"\nreviewed_by = "A. Researcher"\n'
    )
    replace_once(
        uz,
        'resolution = "65/48"\nvote = "abstain"\nsources = [\n    6,\n]',
        'resolution = "65/48"\nvote = "abstain"\nnote = "Explained as in 2009."\n'
        "sources = [\n    6,\n    16,\n]",
    )
    replace_once(uz, '[[meetings]]\nmeeting = "1MSP"', HAND_VOTE + 'meeting = "1MSP"')
    uz.write_text(uz.read_text(encoding="utf-8") + HAND_SOURCE, encoding="utf-8")
    res = store / "resolutions.toml"
    res.write_text(res.read_text(encoding="utf-8") + HAND_RESOLUTION, encoding="utf-8")


def test_what_a_person_wrote_survives_a_rebuild(raw: Path, store: Path) -> None:
    _hand_edit_uz(store)
    assert run("--store", str(store), "check", "UZ", "--errors-only").code == 0, "a valid edit"
    old = load(store / "countries" / "UZ.toml")
    # A raw change for UZ, so that its profile is rebuilt and written again.
    edit_line(
        raw / "ccw_status.csv",
        "UZ,",
        "UZ,Uzbekistan,1997-09-29,1997-09-29,,",
        "UZ,Uzbekistan,1997-09-29,1997-09-29,2025-06-02,",
    )
    result = build(raw, store)
    assert result.code == 0, result
    assert "UZ" in result.err.split(":", 1)[1].split()
    new = load(store / "countries" / "UZ.toml")

    assert new["ccw"]["amended_protocol_ii"] == {
        "party": True,
        "since": dt.date(2025, 6, 2),
        "sources": [5],
    }
    assert new["sections"] == old["sections"]
    assert new["sources"][:3] == old["sources"][:3], "the Monitor's sources 1-3, unchanged"
    assert new["sources"] == old["sources"], "ids, titles and the hand-added source 16 unchanged"
    assert new["treaty"]["note"] == old["treaty"]["note"]
    assert new["treaty"]["reviewed_by"] == "A. Researcher"
    assert new["team_file"] == "LM-UZ-2011"
    assert new["meetings"] == old["meetings"]
    assert {"meeting": "10MSP", "attended": False, "sources": [3]} in new["meetings"]
    for part in ("production", "transfer", "stockpile", "use"):
        assert new[part] == old[part], part
    votes = {v["resolution"]: v for v in new["votes"]}
    assert votes["65/48"] == {
        "resolution": "65/48",
        "vote": "abstain",
        "note": "Explained as in 2009.",
        "sources": [6, 16],
    }
    assert votes["80/45"] == {
        "resolution": "80/45",
        "vote": "abstain",
        "note": "Explained in the delegation's statement.",
        "sources": [16],
    }
    resolutions = {r["number"]: r for r in load(store / "resolutions.toml")["resolutions"]}
    assert resolutions["80/45"]["title"] == "Implementation of the Convention (added by hand)"
    assert resolutions["80/45"]["source"] == "UN press release GA/12700 (typed by hand)"
    # and the rebuilt store is valid
    assert run("--store", str(store), "check", "--errors-only").code == 0
    # a second build changes nothing
    again = files(store)
    assert build(raw, store, "UZ").err.startswith("0 file(s) changed")
    assert files(store) == again


def test_source_ids_never_change(raw: Path, store: Path) -> None:
    """A new reference source gets the next free id; ids given before keep their numbers."""
    kz = store / "countries" / "KZ.toml"
    kz.write_text(
        kz.read_text(encoding="utf-8") + '\n[[sources]]\nid = 12\ntitle = "Hand-added"\n',
        encoding="utf-8",
    )
    old = load(kz)["sources"]
    observers = raw / "mbt_meeting_observers.csv"
    observers.write_text(
        observers.read_text(encoding="utf-8").rstrip("\n")
        + "\n10MSP,KZ,Kazakhstan,https://example.org/10msp-list (test row)\n",
        encoding="utf-8",
    )
    result = build(raw, store, "KZ")
    assert result.code == 0, result
    new = load(kz)
    assert new["sources"][: len(old)] == old
    added = new["sources"][len(old) :]
    assert [s["id"] for s in added] == [13], "the next free id, never a reused one"
    assert "10MSP" in added[0]["title"]
    assert {"meeting": "10MSP", "attended": True, "as": "observer", "sources": [13]} in new[
        "meetings"
    ]
    # Rebuilding again keeps id 13 for the same reference source.
    assert build(raw, store, "KZ").err.startswith("0 file(s) changed")


def test_note_on_an_observer_meeting_survives(raw: Path, store: Path) -> None:
    us = store / "countries" / "US.toml"
    replace_once(
        us,
        'meeting = "14MSP"\nattended = true\nas = "observer"\n',
        'meeting = "14MSP"\nattended = true\nas = "observer"\n'
        'note = "Delegation from the State Department."\n',
    )
    assert build(raw, store).code == 0
    meeting = {m["meeting"]: m for m in load(us)["meetings"]}["14MSP"]
    assert meeting.get("note") == "Delegation from the State Department."


def test_announced_tally_added_by_a_person_survives(raw: Path, store: Path) -> None:
    replace_once(
        store / "resolutions.toml",
        "[resolutions.tally]\nyes = 165\nno = 0\nabstain = 17\nabsent = 10\n",
        "[resolutions.tally]\nyes = 165\nno = 0\nabstain = 17\nabsent = 10\n\n"
        "[resolutions.announced]\nyes = 165\nno = 0\nabstain = 18\n",
    )
    assert build(raw, store, "UZ").code == 0
    entry = {r["number"]: r for r in load(store / "resolutions.toml")["resolutions"]}["65/48"]
    assert entry.get("announced") == {"yes": 165, "no": 0, "abstain": 18}
