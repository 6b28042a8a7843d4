"""minecli.model: tallies, resolution numbers and order, treaty rules, the profile schema."""

from __future__ import annotations

import datetime as dt

import pytest

from minecli.model import (
    Problem,
    resolution_key,
    resolution_number,
    resolution_order,
    tally,
    tally_text,
    tally_words,
    treaty_problems,
)
from minecli.schema import validate_profile


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def good_profile() -> dict:
    """A small profile using most parts of the schema, valid as it stands."""
    return {
        "schema": 1,
        "code": "XA",
        "name": "Testland",
        "updated": "2024-05",
        "motto": "unknown keys are kept",
        "treaty": {
            "status": "state_party",
            "signed": D("1997-12-03"),
            "consent": D("1999-01-15"),
            "consent_type": "ratification",
            "sources": [1],
        },
        "ccw": {"convention": {"party": "unknown"}, "protocol_v": {"party": True}},
        "votes": [{"resolution": "65/48", "vote": "no", "sources": [1]}],
        "meetings": [{"meeting": "10MSP", "attended": True, "as": "observer"}],
        "stockpile": {"status": "holds", "size": 0, "types": ["PMN"]},
        "use": [{"year": 2001, "where": "North"}, {"date": "2004-05", "where": "South"}],
        "sections": [{"title": "Policy", "text": "See [1]."}],
        "sources": [{"id": 1, "title": "Report", "date": "2004"}],
    }


# --- tallies --------------------------------------------------------------------------------


def test_tally_counts_each_vote_and_ignores_other_values() -> None:
    counts = tally(["yes", "yes", "no", "absent", "maybe", "yes"])
    assert counts == {"yes": 3, "no": 1, "abstain": 0, "absent": 1}


def test_tally_takes_any_iterable_and_gives_zeros_for_none() -> None:
    assert tally(v for v in ()) == {"yes": 0, "no": 0, "abstain": 0, "absent": 0}


def test_tally_text_is_yes_no_abstain_and_marks_missing_counts() -> None:
    assert tally_text({"yes": 165, "no": 0, "abstain": 17, "absent": 10}) == "165-0-17"
    assert tally_text({"yes": 3}) == "3-?-?"


def test_tally_words_names_all_four_and_counts_missing_as_zero() -> None:
    assert (
        tally_words({"yes": 165, "no": 0, "abstain": 17, "absent": 10})
        == "165 yes, 0 no, 17 abstain, 10 absent"
    )
    assert tally_words({"yes": 1, "no": 2, "abstain": 3}) == "1 yes, 2 no, 3 abstain, 0 absent"


# --- resolution numbers and order -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("65/48", "65/48"),
        ("A/RES/65/48", "65/48"),
        ("a/res/65/48", "65/48"),
        ("51/45 s", "51/45S"),
        ("  52 / 38a ", "52/38A"),
        ("53/77N", "53/77N"),
    ],
)
def test_resolution_number_reads_the_forms_people_write(text: str, number: str) -> None:
    assert resolution_number(text) == number


@pytest.mark.parametrize("text", ["junk", "", "65", "65/48ABC", "1234/5", "A/RES/", "65-48"])
def test_resolution_number_is_none_for_anything_else(text: str) -> None:
    assert resolution_number(text) is None


def test_resolution_order_is_session_first_even_against_the_date() -> None:
    resolutions = {
        "66/29": {"session": 66, "date": D("2011-12-02")},
        "65/48": {"session": 65, "date": D("2012-01-01")},  # later date, earlier session
    }
    assert resolution_order(resolutions) == ["65/48", "66/29"]


def test_resolution_order_within_a_session_is_by_date_with_partial_dates() -> None:
    resolutions = {
        "52/38A": {"session": 52, "date": D("1997-12-09")},
        "52/38B": {"session": 52, "date": "1997-12"},  # the month only: its first possible day
        "52/38C": {"session": 52, "date": D("1997-12-03")},
        "52/38D": {"session": 52},  # no date: first
    }
    assert resolution_order(resolutions) == ["52/38D", "52/38B", "52/38C", "52/38A"]


def test_resolution_order_breaks_ties_by_number() -> None:
    same_day = {"session": 52, "date": D("1997-12-09")}
    resolutions = {"52/38H": same_day, "52/38A": same_day, "52/38C": same_day}
    assert resolution_order(resolutions) == ["52/38A", "52/38C", "52/38H"]


def test_resolution_key_reads_a_resolutions_toml_entry() -> None:
    entries = [
        {"number": "66/29", "session": 66, "date": D("2011-12-02")},
        {"number": "51/45S", "session": 51, "date": D("1996-12-10")},
        {"number": "65/48", "session": 65, "date": D("2010-12-08")},
    ]
    assert [e["number"] for e in sorted(entries, key=resolution_key)] == [
        "51/45S",
        "65/48",
        "66/29",
    ]


# --- treaty rules -----------------------------------------------------------------------------


def paths(problems: list[Problem]) -> list[str]:
    return [p.path for p in problems]


def test_a_complete_consistent_treaty_record_has_no_problem() -> None:
    treaty = {
        "status": "state_party",
        "signed": D("1997-12-03"),
        "consent": D("1998-12-03"),
        "entry_into_force": D("1999-06-01"),
    }
    assert treaty_problems(treaty) == []
    assert treaty_problems({}) == []
    assert treaty_problems({"status": "not_party"}) == []


def test_a_state_party_needs_a_consent_date() -> None:
    found = treaty_problems({"status": "state_party", "signed": D("1997-12-03")})
    assert found == [Problem("treaty.consent", "status state_party needs a consent date")]
    assert str(found[0]) == "treaty.consent: status state_party needs a consent date"


def test_a_withdrawn_state_needs_consent_notice_and_effect() -> None:
    found = treaty_problems({"status": "withdrawn"})
    assert paths(found) == [
        "treaty.consent",
        "treaty.withdrawal_notified",
        "treaty.withdrawal_effective",
    ]
    assert "the date withdrawal was notified" in found[1].message
    assert "the date withdrawal took effect" in found[2].message
    partly = treaty_problems(
        {
            "status": "withdrawn",
            "consent": D("1999-01-15"),
            "withdrawal_notified": D("2025-06-27"),
        }
    )
    assert paths(partly) == ["treaty.withdrawal_effective"]


@pytest.mark.parametrize(
    ("treaty", "path", "words"),
    [
        (
            {"consent": D("1999-01-15"), "entry_into_force": D("1999-01-01")},
            "treaty.entry_into_force",
            "entry into force 1999-01-01 is before consent 1999-01-15",
        ),
        (
            {"signed": D("1997-12-03"), "consent": D("1997-01-01")},
            "treaty.consent",
            "consent 1997-01-01 is before signature 1997-12-03",
        ),
        (
            {"consent": D("1999-01-15"), "withdrawal_notified": D("1998-01-01")},
            "treaty.withdrawal_notified",
            "withdrawal notice 1998-01-01 is before consent 1999-01-15",
        ),
        (
            {"withdrawal_notified": D("2025-06-27"), "withdrawal_effective": D("2025-01-01")},
            "treaty.withdrawal_effective",
            "withdrawal took effect 2025-01-01, before notice 2025-06-27",
        ),
    ],
)
def test_dates_out_of_order_are_named(treaty: dict, path: str, words: str) -> None:
    assert treaty_problems(treaty) == [Problem(path, words)]


def test_same_day_dates_are_in_order() -> None:
    day = D("1999-01-15")
    assert treaty_problems({"signed": day, "consent": day, "entry_into_force": day}) == []


def test_a_succession_may_enter_into_force_before_its_consent() -> None:
    treaty = {
        "status": "state_party",
        "consent": D("2000-05-01"),
        "consent_type": "succession",
        "entry_into_force": D("1999-03-01"),
    }
    assert treaty_problems(treaty) == []
    # ... but the other orders still hold for it, and a ratification gets no such pass.
    assert paths(treaty_problems({**treaty, "signed": D("2001-01-01")})) == ["treaty.consent"]
    assert paths(treaty_problems({**treaty, "consent_type": "ratification"})) == [
        "treaty.entry_into_force"
    ]


# --- the schema -------------------------------------------------------------------------------


def test_a_minimal_profile_is_valid() -> None:
    assert validate_profile({"schema": 1, "code": "XA", "name": "Testland"}) == []


def test_a_profile_using_most_of_the_schema_is_valid_and_matches_its_file() -> None:
    assert validate_profile(good_profile()) == []
    assert validate_profile(good_profile(), "XA") == []


def test_the_code_must_match_the_file_name() -> None:
    found = validate_profile(good_profile(), "XB")
    assert found == [Problem("code", "'XA' does not match its file name XB.toml")]


def test_missing_required_keys_are_named_in_schema_order() -> None:
    assert validate_profile({}) == [
        Problem("schema", "missing"),
        Problem("code", "missing"),
        Problem("name", "missing"),
    ]
    assert validate_profile(["not", "a", "table"]) == [Problem("", "expected a table")]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda p: p.update(schema=2), "schema", "this minecli reads schema 1"),
        (lambda p: p.update(schema=True), "schema", "expected a whole number"),
        (lambda p: p.update(code="xa"), "code", "two-letter ISO 3166 code"),
        (lambda p: p["treaty"].update(status="member"), "treaty.status", "expected one of"),
        (lambda p: p["treaty"].pop("status"), "treaty.status", "missing"),
        (lambda p: p["treaty"].update(signed="1997-12-03"), "treaty.signed", "full date"),
        (
            lambda p: p["treaty"].update(signed=dt.datetime(1997, 12, 3, 10, 0)),
            "treaty.signed",
            "full date",
        ),
        (lambda p: p["votes"][0].update(vote="maybe"), "votes[0].vote", "expected one of"),
        (lambda p: p["votes"][0].update(resolution="A/RES/65/48"), "votes[0].resolution", "65/48"),
        (lambda p: p["votes"][0].update(sources=["1"]), "votes[0].sources", "source ids"),
        (lambda p: p["ccw"]["protocol_v"].update(party="yes"), "ccw.protocol_v.party", "unknown"),
        (lambda p: p.update(ccw=[]), "ccw", "expected a table"),
        (lambda p: p.update(votes={}), "votes", "expected an array of tables"),
        (lambda p: p["stockpile"].update(size=-1), "stockpile.size", "0 or more"),
        (lambda p: p["stockpile"].update(types="PMN"), "stockpile.types", "list of texts"),
        (lambda p: p["use"][1].pop("date"), "use[1]", "needs a year or a date"),
        (lambda p: p["sources"][0].update(date="May 2004"), "sources[0].date", "partial date"),
        (lambda p: p.update(updated="2024-13"), "updated", "partial date"),
        (lambda p: p["sources"].append({"id": 1, "title": "Twice"}), "sources", "duplicate"),
    ],
)
def test_a_broken_record_is_named_by_its_path(change, path: str, words: str) -> None:
    profile = good_profile()
    change(profile)
    found = validate_profile(profile)
    assert [p.path for p in found] == [path]
    assert words in found[0].message


def test_unknown_ccw_instruments_and_unknown_keys_are_kept_unchecked() -> None:
    profile = good_profile()
    profile["ccw"]["protocol_iv"] = {"anything": "goes"}
    profile["treaty"]["reviewed_by"] = 3
    assert validate_profile(profile) == []


def test_every_problem_is_reported_not_only_the_first() -> None:
    profile = good_profile()
    profile["name"] = 7
    profile["votes"][0]["vote"] = "maybe"
    profile["meetings"][0]["attended"] = "yes"
    assert paths(validate_profile(profile)) == ["name", "votes[0].vote", "meetings[0].attended"]
