"""Parts of the schema the bundled profiles do not use, through a fictional state.

tests/fixtures/XA.toml is "Testland" (XA is a user-assigned ISO code): a withdrawn state party
with both withdrawal dates, a CCW convention status of "unknown", a stockpile of known size,
partial dates (updated, a use event, a source), a "no" vote with a note, a meeting attended as
observer, and an unknown top-level key that minecli must keep.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from minecli.schema import validate_profile

from .helpers import FIXTURES, run
from .test_show import check_profile_contract, isoify


@pytest.fixture
def xa(testland_store: Path):
    def invoke(*args: str):
        result = run("--store", str(testland_store), *args)
        assert result.code == 0 and result.err == "", result
        return result

    return invoke


def test_fixture_is_a_valid_profile() -> None:
    with (FIXTURES / "XA.toml").open("rb") as handle:
        record = tomllib.load(handle)
    assert validate_profile(record, "XA") == []


def test_json_is_the_record_with_unknown_keys_kept(xa) -> None:
    doc = xa("show", "XA", "-f", "json").json()
    with (FIXTURES / "XA.toml").open("rb") as handle:
        assert doc == isoify(tomllib.load(handle))
    assert doc["motto"] == "Kept as it is"
    assert doc["updated"] == "2024-05" and doc["use"][0]["date"] == "2003-04"
    assert doc["ccw"]["convention"]["party"] == "unknown"
    check_profile_contract(doc, extra=frozenset({"motto"}))


def test_names_of_a_user_assigned_code(xa) -> None:
    for name in ("XA", "xa", "Testland", "testland", "Republic of Testland"):
        assert xa("show", name, "-f", "ids").out == "XA\n", name


def test_withdrawn_state_in_list(xa) -> None:
    assert xa("list", "--status", "withdrawn", "-f", "ids").lines == ["XA"]
    [row] = xa("list", "--status", "withdrawn", "-f", "json").json()
    assert row["withdrawal_effective"] == "2025-12-27"
    assert row["ccw"] == "unknown", "the tri-state value is passed on, not turned into false"
    assert (row["latest_resolution"], row["latest_vote"]) == ("65/48", "no")
    assert "XA" not in xa("list", "--ccw", "-f", "ids").lines, "unknown is not a CCW party"


def test_unknown_ccw_in_csv(xa) -> None:
    lines = xa("list", "--status", "withdrawn", "-f", "csv").lines
    assert lines[1].split(",")[8] == "unknown"


def test_no_vote_and_its_note(xa, testland_store: Path) -> None:
    rows = xa("votes", "-r", "65/48", "--vote", "no", "-f", "json").json()
    assert rows == [
        {
            "resolution": "65/48",
            "code": "XA",
            "name": "Testland",
            "vote": "no",
            "disputed": [],
            "note": "Explained its vote as a test.",
            "region": None,  # XA is no real state: it has no region
            "un_group": None,
        }
    ]
    caption = " ".join(run("--store", str(testland_store), "votes", "-r", "65/48").err.split())
    assert "5 yes, 1 no, 1 abstain, 0 absent (counted in this store)" in caption


def test_timeline_of_a_withdrawal(xa) -> None:
    events = [(e["date"], e["kind"], e["event"]) for e in xa("timeline", "XA", "-f", "json").json()]
    assert events.index(
        ("2025-06-27", "treaty", "Notified withdrawal from the treaty")
    ) < events.index(("2025-12-27", "treaty", "Withdrawal took effect"))
    dates = [d for d, _, _ in events]
    # A year sorts before a month of that year, a month before its days.
    assert dates.index("2003") < dates.index("2003-04") < dates.index("2010-01-02")
    assert ("2010-01-02", "ccw", "Joined: Protocol V (explosive remnants of war)") in events
    assert not any(kind == "ccw" and "Convention" in text for _, kind, text in events), (
        "an unknown CCW status is not an accession"
    )
    assert (
        "2010-11-29",
        "meeting",
        "Attended Tenth Meeting of the States Parties as observer",
    ) in events


def test_profile_for_people(xa) -> None:
    out = xa("show", "XA").out
    assert out.startswith("Testland (XA)  Republic of Testland · updated 2024-05")
    for text in (
        "Withdrawn",
        "Withdrawal notified   2025-06-27",
        "Withdrawal effective  2025-12-27",
        "Holds a stockpile, 1,234,567 mines",
        "2003-04: Northern border",
        "attended 1 of 1 recorded: 10MSP as observer",
        "no on 65/48 (2010-12-08)",
    ):
        assert text in out, text
    ccw = next(line for line in out.splitlines() if line.lstrip().startswith("Convention on"))
    assert ccw.split()[-2] == "unknown"
    assert "Its mines were laid in 2003.[2]" in out


def test_sources_cited_by(xa) -> None:
    by_id = {s["id"]: s for s in xa("sources", "XA", "-f", "json").json()}
    assert by_id[2]["date"] == "2003"
    assert by_id[2]["cited_by"] == ["stockpile", "use.1", "sections.1"]
    assert {"treaty", "votes.65/48", "meetings.10MSP", "sections.1"} <= set(by_id[1]["cited_by"])


def test_search_reports_fact_paths(xa) -> None:
    rows = xa("search", "testland", "-f", "json").json()
    assert {r["field"] for r in rows} == {"name", "official_name", "sections.1.text"}
    note = xa("search", "as a test", "-f", "json").json()
    assert [r["field"] for r in note] == ["votes.65/48.note"]
    assert json.loads(xa("search", "1234567", "-f", "json").out) == [], "numbers are not text"
