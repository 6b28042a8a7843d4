"""The provenance of a write (minecli.edits.provenance) and removing sources (edits.sources)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from minecli.edits.provenance import Citing, attribute, changed_facts
from minecli.edits.sources import add_source, next_source_id, remove_source
from minecli.errors import Conflict, NotFound, UsageError


def profile() -> dict:
    return {
        "schema": 1,
        "code": "UZ",
        "name": "Uzbekistan",
        "treaty": {"status": "not_party", "as_of": dt.date(2026, 2, 3), "sources": [1, 2]},
        "votes": [
            {"resolution": "65/48", "vote": "abstain", "sources": [2]},
            {
                "resolution": "66/29",
                "vote": "yes",
                "sources": [2],
                "readings": [{"vote": "absent", "sources": [3]}],
            },
        ],
        "use": [
            {"year": 2000, "where": "Border", "sources": [1]},
            {"year": 2001, "where": "Sokh", "sources": [2]},
        ],
        "sections": [{"title": "Policy", "text": "Not party [1]; votes [2] and [3]."}],
        "sources": [
            {"id": 1, "title": "Letter"},
            {"id": 2, "title": "Report"},
            {"id": 3, "title": "Record"},
        ],
    }


def test_a_changed_value_is_found_and_a_note_or_citation_is_not() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["treaty"]["status"] = "signatory"
    after["votes"][0]["note"] = "a remark"
    after["votes"][1]["sources"] = [3]
    after["treaty"]["as_of"] = dt.date(2026, 3, 1)
    assert changed_facts(before, after) == ["treaty"]


def test_use_entries_are_matched_by_what_they_say_not_their_place() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["use"].insert(0, {"year": 1999, "where": "Surkhandarya"})
    assert changed_facts(before, after) == ["use.1"]


def test_old_citations_of_a_changed_fact_are_dropped_and_reported() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["treaty"]["status"] = "signatory"
    report = attribute(before, after, Citing())
    assert "sources" not in after["treaty"]
    assert report.dropped == {"treaty": [1, 2]}
    assert report.uncited == ["treaty"]


def test_keep_sources_keeps_them() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["treaty"]["status"] = "signatory"
    report = attribute(before, after, Citing(keep=True))
    assert after["treaty"]["sources"] == [1, 2]
    assert report.dropped == {} and report.uncited == []


def test_named_sources_replace_the_old_ones() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["votes"][0]["vote"] = "yes"
    report = attribute(before, after, Citing(ids=(3,)))
    assert after["votes"][0]["sources"] == [3]
    assert report.cited == ["votes.65/48"] and report.cited_ids == [3]
    assert after["votes"][1]["sources"] == [2], "an unchanged fact keeps its citations"


def test_citations_the_write_chose_itself_are_kept() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["votes"][0]["vote"] = "yes"
    after["votes"][0]["sources"] = [3]  # as an edit in the editor would
    assert attribute(before, after, Citing()).dropped == {}
    assert after["votes"][0]["sources"] == [3]


def test_a_source_can_confirm_an_unchanged_fact_it_is_pointed_at() -> None:
    before = profile()
    after = copy.deepcopy(before)
    report = attribute(before, after, Citing(ids=(3,)), targets=["treaty"])
    assert after["treaty"]["sources"] == [1, 2, 3]
    assert report.changed == [] and report.cited == ["treaty"]


def test_cite_new_adds_the_source_once_and_cites_it() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["treaty"]["status"] = "signatory"
    fields = {"title": "UNTC", "date": dt.date(2026, 11, 30), "kind": "record"}
    report = attribute(before, after, Citing(new=fields))
    assert report.new_id == 4 and not report.reused
    assert after["sources"][-1] == {"id": 4, **fields}
    assert after["treaty"]["sources"] == [4]
    again = copy.deepcopy(after)
    again["votes"][0]["vote"] = "no"
    second = attribute(after, again, Citing(new=fields))
    assert second.new_id == 4 and second.reused, "the same title, author and date is reused"
    assert len(again["sources"]) == 4


def test_an_unknown_source_or_nothing_to_cite_is_refused() -> None:
    before = profile()
    after = copy.deepcopy(before)
    after["treaty"]["status"] = "signatory"
    with pytest.raises(NotFound, match="no source 9"):
        attribute(before, after, Citing(ids=(9,)))
    with pytest.raises(UsageError, match="changes no fact"):
        attribute(before, copy.deepcopy(before), Citing(ids=(1,)))


def test_a_cited_source_is_not_removed_without_force() -> None:
    p = profile()
    with pytest.raises(Conflict, match=r"cited by treaty, use\.1, sections\.1"):
        remove_source(p, 1)
    assert [s["id"] for s in p["sources"]] == [1, 2, 3]
    with pytest.raises(NotFound):
        remove_source(p, 7)


def test_force_removes_the_citations_markers_and_lone_readings() -> None:
    p = profile()
    lost = remove_source(p, 3, force=True)
    assert lost == {"votes.66/29.readings.1": True, "sections.1": False}
    assert "readings" not in p["votes"][1]
    assert p["sections"][0]["text"] == "Not party [1]; votes [2] and ."
    assert [s["id"] for s in p["sources"]] == [1, 2]
    lost = remove_source(p, 1, force=True)
    assert p["treaty"]["sources"] == [2] and "sources" not in p["use"][0]
    assert set(lost) == {"treaty", "use.1", "sections.1"}


def test_a_removed_id_is_never_given_again() -> None:
    p = profile()
    remove_source(p, 3, force=True)
    assert p["last_source_id"] == 3
    assert next_source_id(p) == 4
    assert add_source(p, {"title": "New"}) == 4
    remove_source(p, 4)
    remove_source(p, 2, force=True)
    assert next_source_id(p) == 5
