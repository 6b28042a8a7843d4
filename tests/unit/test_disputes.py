"""Other readings of a fact (issue 9): the schema, the queries that show them, the cache's brief,
the check and the merge of a rebuild. The commands are tested in tests/test_disputes.py."""

from __future__ import annotations

import datetime as dt

from minecli.cache import brief_of
from minecli.edits.merge import merge_readings, merge_votes
from minecli.model import reading_values, readings
from minecli.paths import cited_by
from minecli.query import disputes, votes
from minecli.query.profile import timeline
from minecli.render.machine import cell
from minecli.schema import validate_meetings, validate_profile, validate_resolutions


def profile() -> dict:
    return {
        "schema": 1,
        "code": "XA",
        "name": "Testland",
        "treaty": {
            "status": "state_party",
            "signed": dt.date(1997, 12, 3),
            "consent": dt.date(1999, 1, 15),
            "sources": [1],
            "readings": [{"signed": dt.date(1997, 12, 4), "sources": [2], "note": "a typo?"}],
        },
        "votes": [
            {
                "resolution": "53/77N",
                "vote": "yes",
                "sources": [1],
                "readings": [{"vote": "absent", "sources": [2]}],
            },
            {"resolution": "65/48", "vote": "abstain", "sources": [1]},
        ],
        "sources": [{"id": 1, "title": "Dataset A"}, {"id": 2, "title": "Record B"}],
    }


RESOLUTIONS = {
    "53/77N": {"session": 53, "date": dt.date(1998, 12, 4)},
    "65/48": {"session": 65, "date": dt.date(2010, 12, 8)},
}


# --- the schema -----------------------------------------------------------------------------------


def test_a_profile_with_readings_is_valid() -> None:
    assert validate_profile(profile(), "XA") == []


def test_a_reading_that_is_not_a_table_is_refused_with_the_list() -> None:
    p = profile()
    p["votes"][0]["readings"] = [{"vote": "no", "sources": [2]}, "not a table"]
    assert [(x.path, x.message.split(",")[0]) for x in validate_profile(p)] == [
        ("votes[0].readings", "expected an array of tables")
    ]


def test_each_reading_problem_is_named() -> None:
    p = profile()
    p["votes"][0]["readings"] = [
        {"vote": "maybe", "sources": [2]},
        {"vote": "no"},
        {"sources": [2], "note": "says nothing"},
        {"vote": "no", "sources": "two"},
    ]
    got = {(x.path, x.message.split(",")[0]) for x in validate_profile(p)}
    assert got == {
        ("votes[0].readings[0].vote", "expected one of: yes"),
        (
            "votes[0].readings[1].sources",
            "missing: a reading needs the ids of the sources giving it",
        ),
        ("votes[0].readings[2]", "gives no other value; give one of: vote"),
        ("votes[0].readings[3].sources", "expected a list of source ids (whole numbers)"),
    }


def test_readings_must_be_an_array_of_tables() -> None:
    p = profile()
    p["treaty"]["readings"] = {"signed": "1997-12-04"}
    assert [x.path for x in validate_profile(p)] == ["treaty.readings"]


def test_a_reading_cannot_rename_the_fact() -> None:
    p = profile()
    p["votes"][0]["readings"] = [{"resolution": "53/77A", "sources": [2]}]
    assert [x.path for x in validate_profile(p)] == ["votes[0].readings[0]"]


def test_resolution_and_meeting_readings_name_their_source_in_words() -> None:
    doc = {
        "schema": 1,
        "resolutions": [
            {
                "number": "52/38A",
                "session": 52,
                "title": "T",
                "date": dt.date(1997, 12, 3),
                "readings": [{"date": dt.date(1997, 12, 9), "source": "UNDL", "url": "u"}],
            }
        ],
    }
    assert validate_resolutions(doc) == []
    doc["resolutions"][0]["readings"] = [{"date": "9 Dec", "sources": [1]}]
    got = [x.path for x in validate_resolutions(doc)]
    assert got == ["resolutions[0].readings[0].date", "resolutions[0].readings[0].source"]
    meetings = {"schema": 1, "meetings": [{"id": "2RC", "name": "N", "readings": [{"place": "X"}]}]}
    assert [x.path for x in validate_meetings(meetings)] == ["meetings[0].readings[0].source"]


def test_model_helpers() -> None:
    fact = profile()["treaty"]
    assert readings(fact) == fact["readings"]
    assert readings({"readings": "junk"}) == [] and readings({}) == []
    assert reading_values(fact["readings"][0]) == {"signed": dt.date(1997, 12, 4)}


# --- the queries -----------------------------------------------------------------------------------


def test_other_readings_name_who_gives_them() -> None:
    p = profile()
    found = disputes.other_readings(p["votes"][0], disputes.source_titles(p))
    assert found == [{"vote": "absent", "sources": [2], "by": ["Record B"]}]
    assert disputes.reading_text(found[0]) == "absent, per [2] Record B"
    assert (
        disputes.dispute_text(p["votes"][0], found) == "yes [1] here; or absent, per [2] Record B"
    )


def test_a_reading_of_several_keys_and_one_in_words() -> None:
    reading = {"signed": dt.date(1997, 12, 4), "consent": dt.date(1999, 1, 16), "sources": []}
    assert disputes.reading_value(reading) == "signed 1997-12-04, consent 1999-01-16"
    found = disputes.other_readings(
        {"readings": [{"date": dt.date(1997, 12, 9), "source": "B"}]}, {}
    )
    assert disputes.reading_text(found[0]) == "1997-12-09, per B"


def test_disputed_facts_lists_every_fact_with_readings() -> None:
    paths = [path for path, _, _ in disputes.disputed_facts(profile())]
    assert paths == ["treaty", "votes.53/77N"]


def test_voting_record_and_roll_call_carry_the_readings() -> None:
    record = votes.voting_record(profile(), RESOLUTIONS)
    assert record[0]["disputed"] == [{"vote": "absent", "sources": [2], "by": ["Record B"]}]
    assert record[1]["disputed"] == []
    rows = votes.roll_call("53/77N", [profile()])
    assert rows[0]["disputed"][0]["by"] == ["Record B"]
    assert votes.count_disputed([profile(), profile()], "53/77N") == 2
    assert votes.count_disputed([profile()], "65/48") == 0


def test_the_timeline_says_which_events_are_disputed() -> None:
    events = {e["event"].split(" (")[0]: e for e in timeline(profile(), RESOLUTIONS, {})}
    signed = events["Signed the Mine Ban Treaty"]
    assert "disputed: 1997-12-04, per [2] Record B" in signed["event"]
    assert signed["disputed"][0]["signed"] == dt.date(1997, 12, 4)
    consent = events["Consented to be bound by the Mine Ban Treaty"]
    assert consent["disputed"] == [], "the reading gives another signature date only"
    assert "disputed: absent" in events["Voted yes on resolution 53/77N"]["event"]
    assert events["Voted abstain on resolution 65/48"]["disputed"] == []


def test_a_reading_in_a_table_cell_is_its_value_and_sources() -> None:
    assert (
        cell([{"vote": "absent", "sources": [2, 3], "by": ["B"], "note": "n"}]) == "absent [2, 3]"
    )
    assert (
        cell({"date": dt.date(1997, 12, 9), "sources": [], "by": ["UNDL"]}) == "1997-12-09 (UNDL)"
    )


def test_a_source_cited_only_by_a_reading_is_cited() -> None:
    cited = cited_by(profile())
    assert cited[2] == ["treaty.readings.1", "votes.53/77N.readings.1"]


def test_the_brief_keeps_a_votes_readings_and_their_sources_titles() -> None:
    brief = brief_of(profile())
    assert brief["votes"][0]["readings"] == [{"vote": "absent", "sources": [2]}]
    assert brief["sources"] == [{"id": 2, "title": "Record B"}]
    assert "readings" not in brief["votes"][1]
    plain = profile()
    del plain["votes"][0]["readings"]
    assert "sources" not in brief_of(plain), "no disputed vote, no sources in the brief"


# --- the merge of a rebuild --------------------------------------------------------------------------


def test_merge_keeps_a_persons_reading_and_drops_a_stale_built_one() -> None:
    built = [{"vote": "absent", "sources": [9], "note": "new wording"}]
    prior = [
        {"vote": "absent", "sources": [9], "note": "old wording"},  # an earlier build's
        {"vote": "no", "sources": [4], "note": "a person's"},
    ]
    assert merge_readings(prior, built, generated={9}) == [built[0], prior[1]]
    assert merge_readings(None, built, generated={9}) == built
    assert merge_readings(prior[1:], [], generated={9}) == prior[1:]


def test_merge_votes_rebuilds_readings() -> None:
    old = [
        {
            "resolution": "53/77N",
            "vote": "yes",
            "sources": [1],
            "readings": [{"vote": "no", "sources": [4]}],
        }
    ]
    new = [
        {
            "resolution": "53/77N",
            "vote": "yes",
            "sources": [1],
            "readings": [{"vote": "absent", "sources": [9]}],
        }
    ]
    merged = merge_votes(old, new, {"53/77N"}, ["53/77N"], generated={1, 9})
    assert merged[0]["readings"] == [
        {"vote": "absent", "sources": [9]},
        {"vote": "no", "sources": [4]},
    ]
