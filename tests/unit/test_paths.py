"""minecli.paths: naming the facts, fields and texts of a profile."""

from __future__ import annotations

import datetime as dt

import pytest

from minecli.errors import NotFound, UsageError
from minecli.paths import cited_by, fact_at, field_at, iter_facts, text_fields
from minecli.schema import TREATY, VOTE


def profile() -> dict:
    """A profile with every kind of fact, its parts deliberately out of schema order."""
    return {
        "schema": 1,
        "code": "XA",
        "name": "Testland",
        "sources": [
            {"id": 1, "title": "Depositary record"},
            {"id": 3, "title": "Monitor report", "date": "2004-05"},
        ],
        "sections": [
            {"title": "Policy", "text": "Signed [1]; see also [3] and again [3]."},
            {"title": "Use", "text": "No markers here."},
        ],
        "use": [
            {"year": 2001, "where": "North", "sources": [3]},
            {"date": "2004-05", "where": "South"},
        ],
        "stockpile": {"status": "holds", "types": ["PMN", "POMZ"], "sources": [3]},
        "meetings": [{"meeting": "10MSP", "attended": True, "as": "observer", "sources": [1]}],
        "votes": [
            {"resolution": "65/48", "vote": "no", "note": "Explained", "sources": [1, 3]},
            {"resolution": "51/45S", "vote": "yes"},
        ],
        "ccw": {
            "protocol_v": {"party": True, "since": dt.date(2010, 1, 2), "sources": [1]},
            "convention": {"party": "unknown"},
            "protocol_iv": {"party": True},  # not an instrument the schema knows
        },
        "treaty": {"status": "signatory", "signed": dt.date(1997, 12, 3), "sources": [1]},
    }


# --- iter_facts and cited_by ------------------------------------------------------------------


def test_iter_facts_names_every_fact_in_schema_order() -> None:
    assert [path for path, _ in iter_facts(profile())] == [
        "treaty",
        "ccw.convention",
        "ccw.protocol_v",
        "votes.65/48",
        "votes.51/45S",
        "meetings.10MSP",
        "stockpile",
        "use.1",
        "use.2",
    ]


def test_iter_facts_gives_the_tables_themselves() -> None:
    p = profile()
    facts = dict(iter_facts(p))
    assert facts["votes.51/45S"] is p["votes"][1]
    assert facts["use.2"] is p["use"][1]
    assert facts["ccw.protocol_v"] is p["ccw"]["protocol_v"]


def test_iter_facts_of_a_bare_profile_is_empty() -> None:
    assert list(iter_facts({"schema": 1, "code": "XA", "name": "Testland"})) == []


def test_cited_by_lists_facts_by_sources_and_sections_by_markers() -> None:
    assert cited_by(profile()) == {
        1: ["treaty", "ccw.protocol_v", "votes.65/48", "meetings.10MSP", "sections.1"],
        3: ["votes.65/48", "stockpile", "use.1", "sections.1"],
    }


def test_cited_by_includes_ids_the_profile_lacks_and_skips_junk() -> None:
    p = {"code": "XA", "treaty": {"sources": [9, "2"]}, "sections": [{"text": "[7]"}, "junk"]}
    assert cited_by(p) == {9: ["treaty"], 7: ["sections.1"]}


# --- text_fields ------------------------------------------------------------------------------


def test_text_fields_names_keyed_entries_by_key_and_others_by_position() -> None:
    texts = dict(text_fields(profile()))
    assert texts["votes.65/48.note"] == "Explained"
    assert texts["votes.51/45S.vote"] == "yes"
    assert texts["meetings.10MSP.as"] == "observer"
    assert texts["sources.3.title"] == "Monitor report"
    assert texts["sources.1.title"] == "Depositary record"
    assert texts["use.2.where"] == "South"
    assert texts["sections.1.text"].startswith("Signed [1]")
    assert texts["stockpile.types.2"] == "POMZ"  # a list inside a table: by position
    assert texts["name"] == "Testland"


def test_text_fields_give_dates_as_iso_text_and_skip_numbers_and_booleans() -> None:
    texts = dict(text_fields(profile()))
    assert texts["treaty.signed"] == "1997-12-03"
    assert texts["ccw.protocol_v.since"] == "2010-01-02"
    assert texts["use.2.date"] == "2004-05"
    assert "use.1.year" not in texts
    assert "ccw.protocol_v.party" not in texts
    assert "schema" not in texts
    assert all(isinstance(text, str) for text in texts.values())


# --- fact_at ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ("treaty", lambda p: p["treaty"]),
        ("stockpile", lambda p: p["stockpile"]),
        ("ccw.protocol_v", lambda p: p["ccw"]["protocol_v"]),
        ("votes.65/48", lambda p: p["votes"][0]),
        ("votes.A/RES/65/48", lambda p: p["votes"][0]),
        ("votes.51/45 s", lambda p: p["votes"][1]),
        ("meetings.10MSP", lambda p: p["meetings"][0]),
        ("use.2", lambda p: p["use"][1]),
    ],
)
def test_fact_at_finds_the_table_a_path_names(path: str, where) -> None:
    p = profile()
    assert fact_at(p, path) is where(p)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("sources.1", "is not a fact path"),
        ("sections.1", "is not a fact path"),
        ("bogus", "is not a fact path"),
        ("votes", "name one entry of votes, e.g. votes.65/48"),
        ("use", "name one entry of use, e.g. use.1"),
        ("votes.99/1", "no votes entry '99/1'"),
        ("meetings.99MSP", "no meetings entry '99MSP'"),
        ("use.3", "the profile has 2 use entries (1-2)"),
        ("use.0", "(1-2)"),
        ("use.first", "(1-2)"),
        ("ccw.protocol_ii", "no ccw.protocol_ii in this profile"),
        ("ccw.protocol_iv", "no ccw.protocol_iv"),  # kept, but no fact of the schema's
        ("production", "no production in this profile"),
        ("treaty.signed", "no treaty.signed in this profile"),
    ],
)
def test_fact_at_says_what_it_could_not_find(path: str, words: str) -> None:
    with pytest.raises(NotFound) as caught:
        fact_at(profile(), path)
    assert words in str(caught.value)


def test_fact_at_on_a_profile_without_the_list() -> None:
    with pytest.raises(NotFound, match="the profile has no meetings"):
        fact_at({"code": "XA"}, "meetings.10MSP")


# --- field_at ---------------------------------------------------------------------------------


def test_field_at_finds_a_plain_field() -> None:
    p = profile()
    table, key, check = field_at(p, "treaty.signed")
    assert table is p["treaty"] and key == "signed"
    assert check is TREATY["signed"][0]
    assert field_at(p, "name")[:2] == (p, "name")
    table, key, _ = field_at(p, "votes.65/48.note")
    assert table is p["votes"][0] and key == "note"


def test_field_at_shorthands_name_the_party_and_the_vote() -> None:
    p = profile()
    table, key, check = field_at(p, "ccw.protocol_v")
    assert table is p["ccw"]["protocol_v"] and key == "party"
    assert check(True) is None and check("unknown") is None and check("yes") is not None
    table, key, check = field_at(p, "votes.65/48")
    assert table is p["votes"][0] and key == "vote"
    assert check is VOTE["vote"][0]


def test_field_at_creates_a_missing_single_table() -> None:
    p = {"schema": 1, "code": "XA", "name": "Testland"}
    table, key, _ = field_at(p, "production.status")
    assert key == "status"
    assert p["production"] == {} and table is p["production"]


def test_field_at_creates_a_missing_ccw_instrument_but_no_unknown_one() -> None:
    p = {"schema": 1, "code": "XA", "name": "Testland"}
    table, key, _ = field_at(p, "ccw.protocol_v.since")
    assert key == "since"
    assert p["ccw"] == {"protocol_v": {}} and table is p["ccw"]["protocol_v"]
    with pytest.raises(NotFound, match=r"no ccw\.protocol_iv"):
        field_at(p, "ccw.protocol_iv")
    assert p["ccw"] == {"protocol_v": {}}


def test_field_at_creates_no_list_entry() -> None:
    p = profile()
    with pytest.raises(NotFound, match="no votes entry '66/29'"):
        field_at(p, "votes.66/29.note")
    assert len(p["votes"]) == 2


@pytest.mark.parametrize("path", ["votes.65/48.sources", "treaty.sources", "stockpile.types"])
def test_field_at_refuses_a_list_field(path: str) -> None:
    with pytest.raises(UsageError, match="is a list"):
        field_at(profile(), path)


def test_field_at_lists_the_fields_when_the_key_is_unknown() -> None:
    with pytest.raises(NotFound) as caught:
        field_at(profile(), "treaty.ratified")
    message = str(caught.value)
    assert "unknown field 'treaty.ratified'" in message
    assert "status, signed, consent" in message
    assert "sources" not in message  # a list is no field to set
    with pytest.raises(NotFound, match=r"unknown field 'bogus\.x'"):
        field_at(profile(), "bogus.x")
