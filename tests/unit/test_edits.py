"""minecli.edits: pure changes to in-memory records (sources, fields, entries, imports)."""

from __future__ import annotations

import datetime as dt

import pytest

from minecli.edits import entries, facts, imports, sources
from minecli.errors import Conflict, InvalidData, NotFound, UsageError
from minecli.importers import RollCall, StatusRow
from minecli.schema import (
    CCW_ENTRY,
    MEETING,
    PROFILE,
    SOURCE,
    STOCKPILE,
    TREATY,
    USE,
    validate_profile,
)


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def profile(code: str = "XA", name: str = "Testland", **parts) -> dict:
    return {"schema": 1, "code": code, "name": name, **parts}


# --- sources ----------------------------------------------------------------------------------


def test_next_source_id_is_one_past_the_highest_and_never_fills_a_gap() -> None:
    assert sources.next_source_id(profile()) == 1
    p = profile(sources=[{"id": 1, "title": "a"}, {"id": 4, "title": "b"}])
    assert sources.next_source_id(p) == 5  # not 2: a removed id stays unused
    assert sources.add_source(p, {"title": "c"}) == 5
    assert sources.add_source(p, {"title": "d"}) == 6


def test_add_source_appends_and_leaves_out_empty_fields() -> None:
    p = profile()
    new_id = sources.add_source(
        p, {"title": "Letter", "author": "", "url": None, "date": "2001-07", "kind": "letter"}
    )
    assert new_id == 1
    assert p["sources"] == [{"id": 1, "title": "Letter", "date": "2001-07", "kind": "letter"}]
    assert list(p["sources"][0]) == ["id", "title", "date", "kind"]


def test_matching_source_needs_the_same_title_and_url() -> None:
    p = profile(
        sources=[
            {"id": 1, "title": "Voting data", "url": "https://x.example/65-48"},
            {"id": 2, "title": "Voting data", "url": "https://x.example/66-29"},
            {"id": 3, "title": "Interview"},
        ]
    )
    assert sources.matching_source_id(p, title="Voting data", url="https://x.example/66-29") == 2
    assert sources.matching_source_id(p, title="Voting data") is None
    assert sources.matching_source_id(p, title="Interview") == 3
    assert sources.matching_source_id(p, title="Interview", url="") == 3  # "" means no URL
    assert sources.matching_source_id(p, title="interview") is None


def test_ensure_source_adds_a_source_once() -> None:
    p = profile(sources=[{"id": 7, "title": "Old"}])
    fields = {"title": "Roll call", "url": "https://x.example/rc", "kind": "dataset"}
    first = sources.ensure_source(p, fields)
    again = sources.ensure_source(p, dict(fields))
    assert first == again == 8
    assert [s["id"] for s in p["sources"]] == [7, 8]


def test_cite_adds_an_id_once_and_keeps_the_order() -> None:
    fact: dict = {"status": "holds"}
    sources.cite(fact, 3)
    sources.cite(fact, 1)
    sources.cite(fact, 3)
    assert fact["sources"] == [3, 1]


def test_source_by_id_and_require_source() -> None:
    p = profile(sources=[{"id": 2, "title": "Report"}])
    assert sources.source_by_id(p, 2) == {"id": 2, "title": "Report"}
    assert sources.source_by_id(p, 1) is None
    sources.require_source(p, 2)
    sources.require_source(p, None)  # asks for none
    with pytest.raises(NotFound, match=r"XA has no source 5 \(see: minecli sources XA\)"):
        sources.require_source(p, 5)


# --- facts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "check", "value"),
    [
        ("true", MEETING["attended"][0], True),
        ("False", MEETING["attended"][0], False),
        ("unknown", CCW_ENTRY["party"][0], "unknown"),
        ("true", CCW_ENTRY["party"][0], True),
        ("5000", STOCKPILE["size"][0], 5000),
        ("0", STOCKPILE["size"][0], 0),
        ("-3", USE["year"][0], -3),
        ("1997-12-03", TREATY["signed"][0], D("1997-12-03")),
        ("2004-05", SOURCE["date"][0], "2004-05"),
        ("2004", SOURCE["date"][0], "2004"),  # a partial date stays text, not the number 2004
        ("2004-05-06", SOURCE["date"][0], D("2004-05-06")),
        ("true", PROFILE["name"][0], "true"),  # text fields keep the text as typed
        ("42", PROFILE["name"][0], "42"),
        ("1997-12-03", TREATY["note"][0], "1997-12-03"),
        ("accession", TREATY["consent_type"][0], "accession"),
    ],
)
def test_typed_value_takes_the_type_the_schema_wants(text: str, check, value) -> None:
    got = facts.typed_value(text, check, "some.path")
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    ("text", "check", "words"),
    [
        ("yes", MEETING["attended"][0], "expected true or false, got 'yes'"),
        ("-3", STOCKPILE["size"][0], "expected a number of mines (0 or more), got '-3'"),
        ("lots", STOCKPILE["size"][0], "0 or more"),
        ("1997-12", TREATY["signed"][0], "expected a full date"),
        ("1997-W49-3", TREATY["signed"][0], "expected a full date"),
        ("May 2004", SOURCE["date"][0], "partial date"),
        ("member", TREATY["status"][0], "expected one of: state_party"),
    ],
)
def test_typed_value_names_the_path_and_what_was_wanted(text: str, check, words: str) -> None:
    with pytest.raises(InvalidData) as caught:
        facts.typed_value(text, check, "some.path")
    assert str(caught.value).startswith("some.path: ")
    assert words in str(caught.value)


@pytest.mark.parametrize("text", ["--5", "²", "-²"])
def test_typed_value_of_odd_digits_is_an_invalid_value_not_a_crash(text: str) -> None:
    assert facts.typed_value(text, TREATY["note"][0], "treaty.note") == text
    with pytest.raises(InvalidData, match=r"stockpile\.size"):
        facts.typed_value(text, STOCKPILE["size"][0], "stockpile.size")


def test_set_field_sets_a_typed_value_and_returns_it() -> None:
    p = profile(votes=[{"resolution": "65/48", "vote": "yes", "note": "kept"}])
    assert facts.set_field(p, "treaty.signed", "1997-12-03") == D("1997-12-03")
    assert p["treaty"] == {"signed": D("1997-12-03")}
    assert facts.set_field(p, "votes.65/48", "abstain") == "abstain"
    assert p["votes"] == [{"resolution": "65/48", "vote": "abstain", "note": "kept"}]
    assert facts.set_field(p, "stockpile.size", "12") == 12
    assert facts.set_field(p, "name", "New Testland") == "New Testland"


def test_set_field_on_a_new_profile_can_record_a_ccw_instrument() -> None:
    p = entries.new_profile("XK", "Kosovo")
    assert facts.set_field(p, "ccw.protocol_v", "true") is True
    assert p["ccw"] == {"protocol_v": {"party": True}}
    assert validate_profile(p) == []
    with pytest.raises(NotFound, match=r"no ccw\.protocol_iv"):
        facts.set_field(p, "ccw.protocol_iv", "true")


def test_set_field_refuses_a_bad_value_and_leaves_the_field() -> None:
    p = profile(treaty={"status": "signatory"})
    with pytest.raises(InvalidData):
        facts.set_field(p, "treaty.status", "member")
    assert p["treaty"] == {"status": "signatory"}


def test_unset_field_removes_a_field_or_says_it_is_not_there() -> None:
    p = profile(treaty={"status": "signatory", "note": "x"})
    facts.unset_field(p, "treaty.note")
    assert p["treaty"] == {"status": "signatory"}
    with pytest.raises(NotFound, match=r"XA has no treaty\.note to remove"):
        facts.unset_field(p, "treaty.note")


# --- entries ----------------------------------------------------------------------------------


def test_set_vote_adds_a_vote_citing_its_source() -> None:
    p = profile()
    assert entries.set_vote(p, "65/48", "yes", 2) == "added"
    assert entries.set_vote(p, "66/29", "no", None) == "added"
    assert p["votes"] == [
        {"resolution": "65/48", "vote": "yes", "sources": [2]},
        {"resolution": "66/29", "vote": "no"},
    ]


def test_set_vote_changes_a_vote_keeps_its_note_and_cites_only_the_new_source() -> None:
    p = profile(votes=[{"resolution": "65/48", "vote": "yes", "note": "Late", "sources": [1]}])
    assert entries.set_vote(p, "65/48", "abstain", 2) == "changed"
    assert p["votes"] == [
        {"resolution": "65/48", "vote": "abstain", "note": "Late", "sources": [2]}
    ]
    assert entries.set_vote(p, "65/48", "abstain", 3) == "unchanged"
    assert p["votes"][0]["sources"] == [2, 3], "a source confirming the vote is added"
    assert len(p["votes"]) == 1


def test_add_vote_refuses_a_second_vote_on_a_resolution() -> None:
    p = profile(votes=[{"resolution": "65/48", "vote": "yes"}])
    with pytest.raises(Conflict) as caught:
        entries.add_vote(p, "65/48", "no", None, ["65/48"])
    assert "XA already has a vote on 65/48 (yes)" in str(caught.value)
    assert "minecli set XA votes.65/48 no" in str(caught.value)
    assert p["votes"] == [{"resolution": "65/48", "vote": "yes"}]


def test_add_vote_puts_the_vote_in_resolution_order() -> None:
    p = profile(
        votes=[{"resolution": "51/45S", "vote": "yes"}, {"resolution": "66/29", "vote": "no"}]
    )
    entries.add_vote(p, "65/48", "abstain", 3, ["51/45S", "65/48", "66/29"])
    assert [v["resolution"] for v in p["votes"]] == ["51/45S", "65/48", "66/29"]
    assert p["votes"][1] == {"resolution": "65/48", "vote": "abstain", "sources": [3]}


def test_order_votes_keeps_unknown_resolutions_at_the_end_in_their_order() -> None:
    p = profile(
        votes=[
            {"resolution": "99/1", "vote": "yes"},
            {"resolution": "66/29", "vote": "yes"},
            {"resolution": "98/1", "vote": "yes"},
            {"resolution": "51/45S", "vote": "yes"},
        ]
    )
    entries.order_votes(p, ["51/45S", "66/29"])
    assert [v["resolution"] for v in p["votes"]] == ["51/45S", "66/29", "99/1", "98/1"]
    bare = profile()
    entries.order_votes(bare, ["51/45S"])
    assert "votes" not in bare


def test_add_meeting_in_meeting_order_with_its_role() -> None:
    p = profile(meetings=[{"meeting": "12MSP", "attended": False}])
    order = ["10MSP", "11MSP", "12MSP"]
    entries.add_meeting(p, "10MSP", attended=True, role="observer", source_id=1, order=order)
    entries.add_meeting(p, "11MSP", attended=False, role=None, source_id=None, order=order)
    assert p["meetings"] == [
        {"meeting": "10MSP", "attended": True, "as": "observer", "sources": [1]},
        {"meeting": "11MSP", "attended": False},
        {"meeting": "12MSP", "attended": False},
    ]
    with pytest.raises(Conflict, match="minecli rm-meeting XA 11MSP"):
        entries.add_meeting(p, "11MSP", attended=True, role=None, source_id=None, order=order)
    assert len(p["meetings"]) == 3


def test_add_use_numbers_the_reports_and_copies_the_event() -> None:
    p = profile()
    event = {"year": 2000, "where": "Border"}
    assert entries.add_use(p, event, 3) == 1
    assert entries.add_use(p, {"date": "2004-05", "where": "South"}, None) == 2
    assert p["use"] == [
        {"year": 2000, "where": "Border", "sources": [3]},
        {"date": "2004-05", "where": "South"},
    ]
    assert event == {"year": 2000, "where": "Border"}


def test_remove_entry_removes_only_the_entry_named() -> None:
    same = {"year": 2000, "where": "Border"}
    p = profile(
        use=[dict(same), dict(same), {"year": 2001, "where": "North"}],
        votes=[{"resolution": "65/48", "vote": "yes"}],
    )
    entries.remove_entry(p, "use", "2")
    assert p["use"] == [same, {"year": 2001, "where": "North"}]
    entries.remove_entry(p, "votes", "A/RES/65/48")
    assert "votes" not in p  # the last entry goes with its list
    with pytest.raises(NotFound):
        entries.remove_entry(p, "use", "3")


def test_new_profile_is_valid_and_says_what_it_was_given() -> None:
    p = entries.new_profile("XK", "Kosovo", official_name="Republic of Kosovo")
    assert p == {
        "schema": 1,
        "code": "XK",
        "name": "Kosovo",
        "official_name": "Republic of Kosovo",
        "treaty": {"status": "not_party"},
    }
    assert validate_profile(p, "XK") == []
    bare = entries.new_profile("XK", "Kosovo", status=None)
    assert bare == {"schema": 1, "code": "XK", "name": "Kosovo"}
    assert entries.new_profile("XK", "Kosovo", status="signatory")["treaty"] == {
        "status": "signatory"
    }


# --- imports: a roll call ---------------------------------------------------------------------

CITED = {"title": "UN voting data", "url": "https://x.example/rc", "kind": "dataset"}


def resolutions_doc() -> dict:
    return {
        "schema": 1,
        "resolutions": [
            {"number": "51/45S", "session": 51, "date": D("1996-12-10"), "title": "Old"},
            {
                "number": "65/48",
                "session": 65,
                "date": D("2010-12-08"),
                "title": "Known",
                "recorded": False,
                "note": "No roll call was found.",
            },
            {"number": "66/29", "session": 66, "date": D("2011-12-02"), "title": "Later"},
        ],
    }


def voters() -> dict[str, dict]:
    return {
        "XA": profile("XA", "Aland", votes=[{"resolution": "66/29", "vote": "yes"}]),
        "XB": profile(
            "XB",
            "Bland",
            votes=[{"resolution": "65/48", "vote": "no", "note": "Explained"}],
            sources=[{"id": 4, "title": "Old source"}],
        ),
        "XC": profile("XC", "Cland"),
    }


def others() -> list[dict]:
    """The rest of the store: one state that voted, one that did not, one also in the roll."""
    return [
        profile("XD", "Dland", votes=[{"resolution": "65/48", "vote": "abstain"}]),
        profile("XE", "Eland"),
        profile("XA", "Aland (stale copy)", votes=[{"resolution": "65/48", "vote": "no"}]),
    ]


def roll(**fields) -> RollCall:
    base = {
        "number": "65/48",
        "votes": {"XA": "yes", "XB": "yes", "XC": "absent"},
        "layout": "plain-csv",
    }
    return RollCall(**{**base, **fields})


def test_apply_roll_call_sets_each_vote_citing_the_source() -> None:
    doc, profiles = resolutions_doc(), voters()
    outcome = imports.apply_roll_call(doc, profiles, others(), roll(), CITED)
    assert outcome.counts == {"added": 2, "changed": 1, "unchanged": 0}
    xa, xb, xc = profiles["XA"], profiles["XB"], profiles["XC"]
    # in the order of resolutions.toml: 65/48 before 66/29
    assert xa["votes"] == [
        {"resolution": "65/48", "vote": "yes", "sources": [1]},
        {"resolution": "66/29", "vote": "yes"},
    ]
    assert xb["votes"] == [
        {"resolution": "65/48", "vote": "yes", "note": "Explained", "sources": [5]}
    ]
    assert xb["sources"][-1] == {"id": 5, **CITED}
    assert xc["votes"] == [{"resolution": "65/48", "vote": "absent", "sources": [1]}]


def test_apply_roll_call_twice_adds_the_source_once_and_changes_nothing() -> None:
    doc, profiles = resolutions_doc(), voters()
    imports.apply_roll_call(doc, profiles, others(), roll(), CITED)
    again = imports.apply_roll_call(doc, profiles, others(), roll(), dict(CITED))
    assert again.counts == {"added": 0, "changed": 0, "unchanged": 3}
    assert [s["id"] for s in profiles["XB"]["sources"]] == [4, 5]
    assert profiles["XB"]["votes"][0]["sources"] == [5]


def test_apply_roll_call_counts_the_tally_over_the_profiles_and_the_others() -> None:
    doc = resolutions_doc()
    outcome = imports.apply_roll_call(doc, voters(), others(), roll(), CITED)
    # XA yes, XB yes, XC absent (the roll) + XD abstain (the rest); the stale XA is not counted
    expected = {"yes": 2, "no": 0, "abstain": 1, "absent": 1}
    assert outcome.tally == expected
    entry = next(r for r in doc["resolutions"] if r["number"] == "65/48")
    assert entry["tally"] == expected
    # the roll call now exists: the note that said otherwise goes
    assert entry["recorded"] is True and "note" not in entry
    assert entry["title"] == "Known" and entry["date"] == D("2010-12-08")
    assert outcome.warnings == []


def test_apply_roll_call_warns_when_the_files_totals_disagree_with_its_rows() -> None:
    totals = {"yes": 3, "no": 0, "abstain": 0}
    outcome = imports.apply_roll_call(resolutions_doc(), voters(), [], roll(totals=totals), CITED)
    assert outcome.warnings == ["the file's total columns say 3-0-0; its rows count otherwise"]
    agreeing = {"yes": 2, "no": 0, "abstain": 0}
    fine = imports.apply_roll_call(resolutions_doc(), voters(), [], roll(totals=agreeing), CITED)
    assert fine.warnings == []


def test_apply_roll_call_creates_a_new_resolution_from_the_roll_call() -> None:
    doc = resolutions_doc()
    new = roll(
        number="60/80",
        date=D("2005-12-08"),
        title="Implementation of the Convention",
        link="https://x.example/60-80",
        described_as="UN Digital Library voting data",
    )
    imports.apply_roll_call(doc, voters(), [], new, CITED)
    numbers = [r["number"] for r in doc["resolutions"]]
    assert numbers == ["51/45S", "60/80", "65/48", "66/29"]  # sorted into place
    entry = doc["resolutions"][1]
    assert entry == {
        "number": "60/80",
        "session": 60,
        "date": D("2005-12-08"),
        "title": "Implementation of the Convention",
        "recorded": True,
        "url": "https://x.example/60-80",
        "source": "UN Digital Library voting data",
        "tally": {"yes": 2, "no": 0, "abstain": 0, "absent": 1},
    }


def test_apply_roll_call_takes_date_and_title_from_the_caller_when_the_file_lacks_them() -> None:
    doc = resolutions_doc()
    new = roll(number="80/45", session=80)
    imports.apply_roll_call(doc, voters(), [], new, CITED, date=D("2025-12-01"), title="Given")
    entry = doc["resolutions"][-1]
    assert (entry["number"], entry["session"], entry["date"], entry["title"]) == (
        "80/45",
        80,
        D("2025-12-01"),
        "Given",
    )
    assert entry["source"] == "imported roll call"
    assert "url" not in entry


@pytest.mark.parametrize(
    "given", [{}, {"date": D("2025-12-01")}, {"title": "Given"}, {"title": "", "date": None}]
)
def test_apply_roll_call_needs_a_date_and_title_for_a_new_resolution(given: dict) -> None:
    doc, profiles = resolutions_doc(), voters()
    with pytest.raises(UsageError, match=r"80/45 is not in the store yet.*--date.*--title"):
        imports.apply_roll_call(doc, profiles, [], roll(number="80/45"), CITED, **given)
    assert len(doc["resolutions"]) == 3
    assert profiles == voters()  # nothing was changed before the refusal


# --- imports: treaty status -------------------------------------------------------------------

WHEN = D("2025-01-31")


def status_row(**treaty) -> StatusRow:
    return StatusRow(code="XA", name="Testland", treaty=treaty, urls=["https://x.example/st"])


def test_apply_status_row_changes_the_status_and_dates_and_cites_the_depositary() -> None:
    p = profile(
        treaty={
            "status": "signatory",
            "signed": D("1997-12-03"),
            "note": "kept",
            "sources": [1],
        },
        sources=[{"id": 1, "title": "Old"}],
    )
    outcome = imports.Outcome()
    row = status_row(
        status="state_party",
        signed=D("1997-12-03"),
        consent=D("1999-01-15"),
        consent_type="ratification",
    )
    assert imports.apply_status_row(p, row, WHEN, outcome) == "changed"
    assert p["treaty"] == {
        "status": "state_party",
        "signed": D("1997-12-03"),
        "note": "kept",
        "sources": [2],
        "consent": D("1999-01-15"),
        "consent_type": "ratification",
        "as_of": WHEN,
    }
    source = p["sources"][1]
    assert source["id"] == 2 and source["url"] == "https://x.example/st"
    assert source["title"].endswith("as at 2025-01-31")
    assert outcome.warnings == []


def test_apply_status_row_removes_a_date_the_row_leaves_blank() -> None:
    p = profile(treaty={"status": "signatory", "signed": D("1997-12-03")})
    imports.apply_status_row(p, status_row(status="not_party"), WHEN, imports.Outcome())
    assert "signed" not in p["treaty"]
    assert p["treaty"]["status"] == "not_party"


def test_apply_status_row_unchanged_is_read_again_on_the_day() -> None:
    old = D("2020-01-01")
    treaty = {
        "status": "signatory",
        "signed": D("1997-12-03"),
        "as_of": old,
        "doubt": "?",
        "sources": [1],
    }
    p = profile(treaty=dict(treaty), sources=[{"id": 1, "title": "Old"}])
    outcome = imports.Outcome()
    row = status_row(status="signatory", signed=D("1997-12-03"))
    assert imports.apply_status_row(p, row, WHEN, outcome) == "unchanged"
    assert p["treaty"] == {**treaty, "as_of": WHEN, "sources": [1, 2]}
    assert p["sources"][1]["date"] == WHEN
    assert outcome.warnings == []  # an unchanged status gives the doubt no reason to lapse


def test_apply_status_row_warns_that_a_recorded_doubt_may_no_longer_hold() -> None:
    p = profile(treaty={"status": "signatory", "doubt": "Reported to have ratified"})
    outcome = imports.Outcome()
    row = StatusRow("XA", "Testland", {"status": "state_party", "consent": D("2001-01-01")}, [])
    assert imports.apply_status_row(p, row, WHEN, outcome) == "changed"
    assert outcome.warnings == ["XA treaty.doubt may no longer hold: Reported to have ratified"]
    assert "url" not in p["sources"][0]  # a row without a link gives a source without one
    assert p["treaty"]["doubt"] == "Reported to have ratified"
