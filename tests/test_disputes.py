"""Sources that disagree, through the commands (issue 9): a reading a researcher writes into a
profile or resolutions.toml is validated, kept by every write, and shown by show, votes (both
forms), timeline, check and their JSON. And `resolutions` shows a gap in the series."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import assert_error, run, sh

READING = """
[[votes.readings]]
vote = "no"
sources = [
    3,
]
note = "The Monitor's report lists a no vote."
"""


def add_reading(store: Path, code: str = "KZ", number: str = "65/48") -> None:
    """Give KZ's vote on 65/48 another reading, from its source [3], as a person would."""
    path = store / "countries" / f"{code}.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'resolution = "{number}"')
    end = text.index("[[votes]]", start)
    path.write_text(text[:end] + READING.lstrip("\n") + "\n" + text[end:], encoding="utf-8")


def mc(store: Path, *args: str):
    return run("--store", str(store), *args)


@pytest.fixture
def disputed(store_copy: Path) -> Path:
    add_reading(store_copy)
    return store_copy


def test_a_hand_written_reading_is_valid_and_kept_by_writes(disputed: Path) -> None:
    assert mc(disputed, "check", "KZ", "--errors-only").code == 0
    result = mc(disputed, "set", "KZ", "votes.65/48.note", "Checked against the record.")
    assert result.code == 0, result
    text = (disputed / "countries" / "KZ.toml").read_text(encoding="utf-8")
    assert "[[votes.readings]]" in text and "The Monitor's report lists a no vote." in text
    entry = next(
        v
        for v in mc(disputed, "show", "KZ", "-f", "json").json()["votes"]
        if v["resolution"] == "65/48"
    )
    assert entry["readings"] == [
        {"vote": "no", "sources": [3], "note": "The Monitor's report lists a no vote."}
    ]


def test_a_bad_reading_is_one_error_line_and_nothing_is_written(store_copy: Path) -> None:
    add_reading(store_copy)
    path = store_copy / "countries" / "KZ.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'vote = "no"\nsources = [\n    3,', 'vote = "nay"\nsources = [\n    3,'
        ),
        encoding="utf-8",
    )
    before = path.read_bytes()
    message = assert_error(
        mc(store_copy, "set", "KZ", "name", "Kazakhstan"), 1, "countries/KZ.toml"
    )
    assert "votes[" in message and "readings[0].vote" in message and "nay" in message
    assert path.read_bytes() == before
    findings = mc(store_copy, "check", "KZ", "--format", "json").json()
    assert [f["where"] for f in findings if f["severity"] == "error"] == [
        next(f["where"] for f in findings if "readings[0].vote" in f["where"])
    ]


def test_a_source_cited_only_by_a_reading_cannot_dangle(store_copy: Path) -> None:
    add_reading(store_copy)
    path = store_copy / "countries" / "KZ.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'sources = [\n    3,\n]\nnote = "The Monitor',
            'sources = [\n    99,\n]\nnote = "The Monitor',
        ),
        encoding="utf-8",
    )
    findings = mc(store_copy, "check", "KZ", "--format", "json").json()
    assert {(f["severity"], f["where"]) for f in findings if f["check"] == "citations"} == {
        ("error", "votes.65/48.readings.1")
    }


def test_votes_of_a_state_mark_the_disputed_vote(disputed: Path) -> None:
    rows = {r["resolution"]: r for r in mc(disputed, "votes", "KZ", "-f", "json").json()}
    assert rows["65/48"]["vote"] == "yes"
    assert rows["65/48"]["disputed"] == [
        {
            "vote": "no",
            "sources": [3],
            "by": [rows["65/48"]["disputed"][0]["by"][0]],
            "note": "The Monitor's report lists a no vote.",
        }
    ]
    assert "unvotes" in rows["65/48"]["disputed"][0]["by"][0]
    csv_rows = mc(disputed, "votes", "KZ", "-f", "csv").out.splitlines()
    assert any(line.startswith("KZ,65/48,65,2010-12-08,yes,no [3],") for line in csv_rows)
    table = " ".join(mc(disputed, "votes", "KZ").err.split())
    assert "Disputed: KZ 65/48: yes here; or no, per [3] unvotes" in table


def test_a_roll_call_counts_the_disputed_votes(disputed: Path) -> None:
    table = " ".join(mc(disputed, "votes", "-r", "65/48").err.split())
    assert "(counted in this store; 1 of these votes disputed: see the Disputed column)" in table
    rows = {r["code"]: r for r in mc(disputed, "votes", "-r", "65/48", "-f", "json").json()}
    assert rows["KZ"]["disputed"][0]["vote"] == "no" and rows["UZ"]["disputed"] == []


def test_show_and_timeline_say_what_the_other_reading_is_and_who_gives_it(disputed: Path) -> None:
    table = " ".join(mc(disputed, "show", "KZ").out.split())
    assert "65/48 (disputed)" in table
    assert "Sources disagree votes.65/48: yes [3] or no, per [3] unvotes" in table
    events = mc(disputed, "timeline", "KZ", "-f", "json").json()
    vote = next(e for e in events if "65/48" in e["event"])
    assert vote["event"].startswith("Voted yes on resolution 65/48 (disputed: no, per [3] unvotes")
    assert vote["disputed"][0]["vote"] == "no"


def test_check_warns_of_the_disagreement(disputed: Path) -> None:
    result = mc(disputed, "check", "KZ", "--format", "json")
    assert result.code == 0, result
    found = [f for f in result.json() if f["check"] == "disagreements"]
    assert [(f["severity"], f["where"]) for f in found] == [("warning", "votes.65/48")]
    assert found[0]["message"].startswith("yes [3] here; or no, per [3] unvotes")


def test_a_disputed_resolution_date_is_shown_on_its_roll_call(store_copy: Path) -> None:
    """The bundled 52/38A has two dates; its roll call's caption gives both."""
    table = " ".join(mc(store_copy, "votes", "-r", "52/38A").err.split())
    assert "sources disagree: 1997-12-03 here; or 1997-12-09, per UN Digital Library" in table


# --- a gap in the series --------------------------------------------------------------------------


def drop_resolution(store: Path, number: str) -> None:
    path = store / "resolutions.toml"
    text = path.read_text(encoding="utf-8")
    at = text.index(f'number = "{number}"')
    start = text.rindex("[[resolutions]]", 0, at)
    end = text.index("[[resolutions]]", at)
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_resolutions_mark_a_session_the_store_lacks(store_copy: Path) -> None:
    for code in ("AF", "KG", "KZ", "TJ", "TM", "UZ"):  # no profile may vote on what is gone
        assert mc(store_copy, "rm-vote", code, "70/55").code == 0
    drop_resolution(store_copy, "70/55")
    assert mc(store_copy, "check", "--errors-only").code == 0
    rows = mc(store_copy, "resolutions", "-f", "json").json()
    gap = [r for r in rows if r["missing"]]
    assert [(r["session"], r["year"], r["resolution"], r["recorded"]) for r in gap] == [
        (70, 2015, None, False)
    ]
    assert [r["session"] for r in rows] == sorted(r["session"] for r in rows)
    result = mc(store_copy, "resolutions")
    assert "(missing: no resolution of this session is in the store)" in result.out
    assert "none at all for 2015" in " ".join(result.err.split())  # the caption, piped
    assert "none at all for 2015" in " ".join(mc(store_copy, "show", "UZ").out.split())
    ids = mc(store_copy, "resolutions", "-f", "ids").out.split()
    assert "" not in ids and "70/55" not in ids and len(ids) == 31  # 30 bundled and 81/40
    named = mc(store_copy, "resolutions", "69/34", "71/34", "-f", "json").json()
    assert [r["resolution"] for r in named] == ["69/34", "71/34"]


def test_a_gap_through_a_real_pipe(store_copy: Path) -> None:
    drop_resolution(store_copy, "70/55")
    result = sh(
        f'minecli --store "{store_copy}" resolutions --format csv | grep -c ",true,(missing"'
    )
    assert result.lines == ["1"]
