"""minecli.query: the rows every read command shows, from in-memory records."""

from __future__ import annotations

import datetime as dt

import pytest

from minecli.errors import NotFound
from minecli.query import profile as profile_query
from minecli.query import search, states, votes


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# Keyed as the store gives them: by number, in the file's order.
RESOLUTIONS = {
    "51/45S": {"number": "51/45S", "session": 51, "date": D("1996-12-10"), "title": "Old"},
    "65/48": {
        "number": "65/48",
        "session": 65,
        "date": D("2010-12-08"),
        "title": "Mid",
        "tally": {"yes": 2, "no": 1, "abstain": 0, "absent": 0},
        "announced": {"yes": 165, "no": 0, "abstain": 17},
    },
    "66/29": {
        "number": "66/29",
        "session": 66,
        "date": D("2011-12-02"),
        "title": "New",
        "recorded": False,
    },
}
MEETINGS = {
    "10MSP": {"id": "10MSP", "name": "Tenth Meeting of the States Parties", "start": "2010-11"},
    "11MSP": {"id": "11MSP", "name": "Eleventh Meeting", "start": D("2011-11-28")},
}


def people() -> list[dict]:
    """Three states, listed out of name order."""
    return [
        {
            "schema": 1,
            "code": "XC",
            "name": "charlieland",
            "treaty": {"status": "not_party"},
            "ccw": {"convention": {"party": "unknown"}},
            "votes": [{"resolution": "65/48", "vote": "no", "note": "Explained"}],
        },
        {
            "schema": 1,
            "code": "XA",
            "name": "Alphaland",
            "treaty": {
                "status": "state_party",
                "signed": D("1997-12-03"),
                "consent": D("1998-12-03"),
                "consent_type": "ratification",
                "entry_into_force": D("1999-06-01"),
            },
            "ccw": {"convention": {"party": True}},
            # stored newest first: the record and latest_vote must not trust this order
            "votes": [
                {"resolution": "66/29", "vote": "yes"},
                {"resolution": "51/45S", "vote": "abstain", "sources": [1]},
                {"resolution": "65/48", "vote": "yes"},
            ],
        },
        {
            "schema": 1,
            "code": "XB",
            "name": "Betaland",
            "treaty": {"status": "signatory", "signed": D("1997-12-04")},
            "ccw": {"convention": {"party": False}},
            "votes": [{"resolution": "65/48", "vote": "yes"}],
        },
    ]


# --- votes ------------------------------------------------------------------------------------


def test_roll_call_is_by_name_whatever_the_case() -> None:
    rows = votes.roll_call("65/48", people())
    assert [r["name"] for r in rows] == ["Alphaland", "Betaland", "charlieland"]
    assert rows[2] == {
        "resolution": "65/48",
        "code": "XC",
        "name": "charlieland",
        "vote": "no",
        "disputed": [],
        "note": "Explained",
        "region": None,  # no real state: no region
        "un_group": None,
    }


def test_roll_call_keeps_one_answer_and_skips_states_without_a_vote() -> None:
    assert [r["code"] for r in votes.roll_call("65/48", people(), vote="yes")] == ["XA", "XB"]
    assert votes.roll_call("65/48", people(), vote="abstain") == []
    assert [r["code"] for r in votes.roll_call("51/45S", people())] == ["XA"]


def test_count_votes_counts_the_profiles() -> None:
    assert votes.count_votes(people(), "65/48") == {"yes": 2, "no": 1, "abstain": 0, "absent": 0}
    assert votes.count_votes(people(), "99/1") == {"yes": 0, "no": 0, "abstain": 0, "absent": 0}


def test_voting_record_is_oldest_first_with_the_resolutions_dates() -> None:
    xa = people()[1]
    xa["votes"].append({"resolution": "99/1", "vote": "no"})  # not in resolutions.toml: last
    rows = votes.voting_record(xa, RESOLUTIONS)
    assert [r["resolution"] for r in rows] == ["51/45S", "65/48", "66/29", "99/1"]
    assert rows[0] == {
        "code": "XA",
        "resolution": "51/45S",
        "session": 51,
        "date": D("1996-12-10"),
        "vote": "abstain",
        "disputed": [],
        "note": None,
        "sources": [1],
    }
    assert rows[-1]["date"] is None and rows[-1]["session"] is None


def test_voting_record_follows_time_not_the_order_of_the_mapping() -> None:
    shuffled = {n: RESOLUTIONS[n] for n in ("66/29", "51/45S", "65/48")}
    rows = votes.voting_record(people()[1], shuffled)
    assert [r["resolution"] for r in rows] == ["51/45S", "65/48", "66/29"]


def test_latest_vote_is_on_the_most_recent_resolution() -> None:
    xa, xb = people()[1], people()[2]
    assert votes.latest_vote(xa, RESOLUTIONS) == {"resolution": "66/29", "vote": "yes"}
    assert votes.latest_vote(xb, RESOLUTIONS) == {"resolution": "65/48", "vote": "yes"}
    assert votes.latest_vote({"code": "XD", "name": "D"}, RESOLUTIONS) is None
    assert votes.latest_vote({"code": "XD", "votes": []}, RESOLUTIONS) is None


def test_resolution_rows_in_time_order_with_counted_and_announced_tallies() -> None:
    shuffled = {n: RESOLUTIONS[n] for n in ("66/29", "65/48", "51/45S")}
    rows = votes.resolution_rows(shuffled, gaps=False)
    assert [r["resolution"] for r in rows] == ["51/45S", "65/48", "66/29"]
    assert [r["year"] for r in rows] == [1996, 2010, 2011]
    assert not any(r["missing"] for r in rows)
    mid = rows[1]
    assert (mid["yes"], mid["no"], mid["abstain"], mid["absent"]) == (2, 1, 0, 0)
    assert (mid["announced_yes"], mid["announced_no"], mid["announced_abstain"]) == (165, 0, 17)
    assert mid["recorded"] is True and mid["title"] == "Mid"
    assert rows[2]["recorded"] is False
    assert rows[0]["yes"] is None and rows[0]["announced_yes"] is None
    assert list(mid) == list(votes.RESOLUTION_COLUMNS)


def test_resolution_rows_show_every_session_the_store_lacks() -> None:
    rows = votes.resolution_rows(RESOLUTIONS)
    assert [r["session"] for r in rows] == list(range(51, 67)), "51 to 66, none skipped"
    gaps = [r for r in rows if r["missing"]]
    assert [r["year"] for r in gaps] == list(range(1997, 2010)), "52nd to 64th sessions"
    assert all(r["resolution"] is None and r["recorded"] is False for r in gaps)
    assert all(list(r) == list(votes.RESOLUTION_COLUMNS) for r in rows)
    assert votes.missing_sessions({}) == []
    assert votes.session_year(80) == 2025 and votes.session_year(None) is None


@pytest.mark.parametrize("text", ["65/48", "A/RES/65/48", " 65/48 ", "51/45 s", "a/res/51/45S"])
def test_known_resolution_reads_the_forms_people_write(text: str) -> None:
    assert votes.known_resolution(RESOLUTIONS, text) in ("65/48", "51/45S")


def test_known_resolution_suggests_close_numbers() -> None:
    with pytest.raises(NotFound) as caught:
        votes.known_resolution(RESOLUTIONS, "65/84")
    message = str(caught.value)
    assert message.startswith("unknown resolution '65/84'; did you mean 65/48")
    assert message.endswith("(see: minecli resolutions)")


def test_known_resolution_without_anything_close() -> None:
    with pytest.raises(NotFound) as caught:
        votes.known_resolution(RESOLUTIONS, "zzz")
    assert str(caught.value) == "unknown resolution 'zzz' (see: minecli resolutions)"


# --- states -----------------------------------------------------------------------------------


def test_summary_row_is_the_one_line_view_of_a_state() -> None:
    assert states.summary_row(people()[1], RESOLUTIONS) == {
        "code": "XA",
        "name": "Alphaland",
        "status": "state_party",
        "signed": D("1997-12-03"),
        "consent": D("1998-12-03"),
        "consent_type": "ratification",
        "entry_into_force": D("1999-06-01"),
        "withdrawal_effective": None,
        "ccw": True,
        "latest_resolution": "66/29",
        "latest_vote": "yes",
        "region": None,  # XA is no real state: no region
        "un_group": None,
    }
    bare = states.summary_row({"code": "XD", "name": "Deltaland"}, RESOLUTIONS)
    assert bare["status"] is None and bare["ccw"] is None and bare["latest_vote"] is None
    uz = states.summary_row({"code": "UZ", "name": "Uzbekistan"}, RESOLUTIONS)
    assert (uz["region"], uz["un_group"]) == ("Central Asia", "Asia-Pacific Group")
    assert list(bare) == list(states.LIST_COLUMNS)


def codes(rows: list[dict]) -> list[str]:
    return [r["code"] for r in rows]


def test_state_rows_are_by_code_and_filter_by_status() -> None:
    assert codes(states.state_rows(people(), RESOLUTIONS)) == ["XA", "XB", "XC"]
    only = states.state_rows(people(), RESOLUTIONS, status=["signatory", "not_party"])
    assert codes(only) == ["XB", "XC"]


def test_state_rows_filter_by_every_vote_given() -> None:
    assert codes(states.state_rows(people(), RESOLUTIONS, votes=[("65/48", "yes")])) == [
        "XA",
        "XB",
    ]
    both = [("65/48", "yes"), ("51/45S", "abstain")]
    assert codes(states.state_rows(people(), RESOLUTIONS, votes=both)) == ["XA"]
    assert states.state_rows(people(), RESOLUTIONS, votes=[("99/1", "yes")]) == []


def test_state_rows_ccw_unknown_passes_neither_filter() -> None:
    assert codes(states.state_rows(people(), RESOLUTIONS, ccw=True)) == ["XA"]
    assert codes(states.state_rows(people(), RESOLUTIONS, ccw=False)) == ["XB"]
    no_entry = [{"code": "XD", "name": "Deltaland"}]
    assert states.state_rows(no_entry, RESOLUTIONS, ccw=False) == []


# --- one profile: timeline and citations ------------------------------------------------------


def timeline_profile() -> dict:
    return {
        "schema": 1,
        "code": "XA",
        "name": "Alphaland",
        "treaty": {
            "status": "withdrawn",
            "signed": D("1997-12-03"),
            "consent": D("1999-01-15"),
            "consent_type": "accession",
            "withdrawal_notified": D("2025-06-27"),
            "withdrawal_effective": D("2025-12-27"),
            "sources": [1],
        },
        "ccw": {
            "protocol_v": {"party": True, "since": D("2010-01-02"), "sources": [2]},
            "convention": {"party": False, "since": D("1990-01-01")},  # not a party: no event
        },
        "votes": [
            {"resolution": "65/48", "vote": "absent"},
            {"resolution": "51/45S", "vote": "yes", "sources": [1]},
        ],
        "meetings": [
            {"meeting": "10MSP", "attended": True, "as": "observer"},
            {"meeting": "11MSP", "attended": False},
        ],
        "use": [{"year": 2001, "where": "North"}, {"date": "2001-03", "where": "South"}],
        "sections": [{"title": "Policy", "text": "See [2]."}],
        "sources": [
            {"id": 2, "title": "Monitor report", "date": "2004"},
            {"id": 1, "title": "Depositary", "kind": "record"},
            {"id": 3, "title": "Uncited"},
        ],
    }


def test_timeline_is_in_date_order_with_partial_dates_in_place() -> None:
    rows = profile_query.timeline(timeline_profile(), RESOLUTIONS, MEETINGS)
    assert [(str(r["date"]), r["kind"]) for r in rows] == [
        ("1996-12-10", "vote"),
        ("1997-12-03", "treaty"),
        ("1999-01-15", "treaty"),
        ("2001", "use"),
        ("2001-03", "use"),
        ("2004", "source"),
        ("2010-01-02", "ccw"),
        ("2010-11", "meeting"),
        ("2010-12-08", "vote"),
        ("2011-11-28", "meeting"),
        ("2025-06-27", "treaty"),
        ("2025-12-27", "treaty"),
    ]


def test_timeline_texts_say_what_happened() -> None:
    rows = profile_query.timeline(timeline_profile(), RESOLUTIONS, MEETINGS)
    texts = [r["event"] for r in rows]
    assert texts == [
        "Voted yes on resolution 51/45S",
        "Signed the Mine Ban Treaty",
        "Acceded to the Mine Ban Treaty",
        "Used antipersonnel mines: North",
        "Used antipersonnel mines: South",
        "[2] Monitor report",
        "Joined: Protocol V (explosive remnants of war)",
        "Attended Tenth Meeting of the States Parties as observer",
        "Absent from the vote on resolution 65/48",
        "Did not attend Eleventh Meeting",
        "Notified withdrawal from the treaty",
        "Withdrawal took effect",
    ]
    assert rows[0]["sources"] == [1] and rows[5]["sources"] == [2] and rows[3]["sources"] == []
    assert all(r["code"] == "XA" for r in rows)
    assert rows[3]["date"] == "2001"  # a year of use, as text like any partial date


def test_timeline_leaves_out_what_has_no_date() -> None:
    p = {"code": "XA", "name": "A", "treaty": {"status": "signatory"}}
    p["votes"] = [{"resolution": "99/1", "vote": "yes"}]  # a resolution the store lacks
    p["meetings"] = [{"meeting": "99MSP", "attended": True}]
    assert profile_query.timeline(p, RESOLUTIONS, MEETINGS) == []


def test_citations_are_in_id_order_with_what_cites_each() -> None:
    rows = profile_query.citations(timeline_profile())
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert rows[0]["cited_by"] == ["treaty", "votes.51/45S"]
    assert rows[1]["cited_by"] == ["ccw.protocol_v", "sections.1"]
    assert rows[2]["cited_by"] == []
    assert rows[0]["kind"] == "record" and rows[0]["url"] is None
    assert list(rows[0]) == list(profile_query.SOURCE_COLUMNS)


# --- search -----------------------------------------------------------------------------------


def searchable() -> list[dict]:
    long_text = "Early words that pad the text out. " * 3 + "Found a PMN-2 cache. " + "More. " * 12
    return [
        {"code": "XA", "name": "Alphaland", "sections": [{"title": "Stocks", "text": long_text}]},
        {
            "code": "XB",
            "name": "Betaland",
            "sources": [{"id": 4, "title": "pmn-2   report\non stocks"}],
        },
    ]


def test_search_is_case_insensitive_and_names_the_field() -> None:
    rows = search.search("Pmn-2", searchable())
    assert [(r["code"], r["name"], r["field"]) for r in rows] == [
        ("XA", "Alphaland", "sections.1.text"),
        ("XB", "Betaland", "sources.4.title"),
    ]
    assert search.search("nowhere", searchable()) == []


def test_search_snippets_mark_cut_text_and_fold_whitespace() -> None:
    cut, whole = (r["snippet"] for r in search.search("pmn-2", searchable()))
    assert cut.startswith("…") and cut.endswith("…")
    assert "Found a PMN-2 cache." in cut
    assert len(cut) < len(searchable()[0]["sections"][0]["text"])
    assert whole == "pmn-2 report on stocks"  # short: no marks, one line


def test_snippet_marks_only_the_side_that_was_cut() -> None:
    text = "x" * 50 + "needle"
    assert search.snippet(text, 50, 6, width=10) == "…xxxxxxxxxxneedle"
    assert search.snippet("needle" + "y" * 50, 0, 6, width=10) == "needleyyyyyyyyyy…"
    assert search.snippet("a needle b", 2, 6) == "a needle b"


def test_coverage_says_what_span_the_roll_calls_cover() -> None:
    import datetime as dt

    from minecli.query.votes import coverage, coverage_text

    resolutions = {
        "51/45S": {"session": 51, "date": dt.date(1996, 12, 10)},
        "63/42": {"session": 63, "date": dt.date(2008, 12, 2), "recorded": False},
        "74/61": {"session": 74, "date": dt.date(2019, 12, 12)},
    }
    assert coverage(resolutions) == {
        "recorded": 2,
        "first_year": 1996,
        "last_year": 2019,
        "without_roll_call": ["63/42"],
        "missing_years": [*range(1997, 2008), *range(2009, 2019)],
    }
    assert coverage_text(resolutions).startswith(
        "votes recorded for 2 resolutions, 1996-2019; 63/42 without its roll call; "
        "none at all for 1997, 1998,"
    )
    assert coverage_text({}) == "no roll call recorded in this store"
    del resolutions["63/42"]
    resolutions.update({str(s): {"session": s} for s in range(52, 74)})  # every session known
    assert coverage_text(resolutions) == "votes recorded for 24 resolutions, 1996-2019"
