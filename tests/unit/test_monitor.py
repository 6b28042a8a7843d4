"""Monitor profiles in and out, as functions: the parser (minecli.importers.monitor), the report
(minecli.query.report, minecli.render.report), the merge (minecli.edits.profile_import) and the
prose check (minecli.prose). The fixtures in tests/fixtures/monitor/ are written for these
tests, in the Monitor's layout but in words of their own."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli import files, prose
from minecli.edits.profile_import import merge
from minecli.errors import InvalidData
from minecli.importers import monitor
from minecli.query.report import footnote_text, report, voting_line
from minecli.render.report import rendered
from minecli.schema import validate_profile
from minecli.store import Store

from ..helpers import BUNDLED

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "monitor"
STORE = Store(BUNDLED, "bundled")
NAMES = STORE.names()
MEETINGS = {mid: m["name"] for mid, m in STORE.meetings().items()}
RESOLUTIONS = STORE.resolutions()


def parse(text: str, code: str | None = None) -> monitor.Parsed:
    return monitor.parse(monitor.prepared(text, "t"), "t", NAMES, MEETINGS, code)


def fixture(name: str) -> monitor.Parsed:
    return parse((FIXTURES / name).read_text(encoding="utf-8"))


# --- dates and phrases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("31 July 2001", dt.date(2001, 7, 31)),
        ("on July 31, 2001.", dt.date(2001, 7, 31)),
        ("May 2004", "2004-05"),
        ("in February 2003, and", "2003-02"),
        ("no date here", None),
    ],
)
def test_dates_as_the_monitor_writes_them(text: str, date: object) -> None:
    assert prose.parse_date(text) == date
    if date is not None:
        assert prose.parse_date(prose.date_text(date)) == date


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Abstained on Resolution 65/48 in December 2010", [("65/48", "abstain")]),
        ("Voted in favor of UNGA Resolution 79/34", [("79/34", "yes")]),
        ("Voted in favour of Resolution 51/45S", [("51/45S", "yes")]),
        ("Was absent from the vote on Resolution 73/61", [("73/61", "absent")]),
        ("did not vote on Resolution 66/29", [("66/29", "absent")]),
        ("it abstained on General Assembly resolution 65/48, as before", [("65/48", "abstain")]),
        ("Voted against Resolution 52/38A", [("52/38A", "no")]),
    ],
)
def test_the_voting_line(line: str, found: list) -> None:
    assert prose.votes_stated(line) == found


# --- the fixtures -----------------------------------------------------------------------------


def test_a_state_not_party_with_crlf_curly_quotes_inline_labels_and_renumbered_notes() -> None:
    parsed = fixture("not_party_kz.txt")
    record = parsed.record
    assert record["code"] == "KZ" and record["updated"] == dt.date(2019, 11, 2)
    assert record["treaty"]["status"] == "not_party"
    assert record["votes"] == [{"resolution": "74/61", "vote": "abstain", "sources": [4]}]
    assert record["ccw"] == {"convention": {"party": False, "sources": [4]}}
    sources = {s["id"]: s for s in record["sources"]}
    assert [sources[i]["title"][:20] for i in (1, 2, 3)] == [
        "Statement by the Min",
        "Email to the Monitor",
        '"Mine stocks reviewe',
    ], "footnotes [12]-[14] numbered 1-3, curly quotes made plain"
    assert sources[1]["date"] == dt.date(2017, 3, 14) and sources[1]["kind"] == "statement"
    assert "interview with a second official" in sources[2]["title"], "two sources kept together"
    assert sources[3]["kind"] == "media"
    assert sources[4]["title"] == "Kazakhstan: Mine Ban Policy (country profile)"
    assert record["production"]["status"] == "not_producer" and record["production"]["sources"] == [
        1
    ]
    stock = record["stockpile"]
    assert (stock["status"], stock["size"], stock["types"]) == ("holds", 6000, ["PMN", "OZM-72"])
    assert stock["holders"] == ["Ministry of Defense"] and stock["sources"] == [3]
    first = record["sections"][0]["text"]
    assert "[1]" in first and "[2]" in first and "[12]" not in first, "markers renumbered"
    assert "\u201c" not in first and '"a goal for the future' in first
    assert validate_profile(record, "KZ") == []


def test_a_state_party_with_its_dates_and_fields_left_as_prose() -> None:
    parsed = fixture("state_party_af.txt")
    treaty = parsed.record["treaty"]
    assert treaty["status"] == "state_party"
    assert (treaty["signed"], treaty["consent"], treaty["consent_type"]) == (
        dt.date(2002, 9, 11),
        dt.date(2002, 9, 11),
        "accession",
    )
    assert treaty["entry_into_force"] == dt.date(2003, 3, 1)
    assert parsed.record["meetings"] == [{"meeting": "21MSP", "attended": True, "sources": [3]}]
    source = {s["id"]: s for s in parsed.record["sources"]}[2]
    assert source["url"] == "https://digitallibrary.un.org/record/000000"
    # the overview fields the record has no place for stay in the narrative, whole
    kept = " ".join(s["text"] for s in parsed.record["sections"])
    assert "Transparency reporting: 30 April 2025" in kept
    assert "Stockpile destruction: Completed in October 2007" in kept
    assert parsed.record["stockpile"]["status"] == "destroyed"
    assert validate_profile(parsed.record, "AF") == []


def test_a_signatory_with_labels_and_values_on_adjacent_lines_and_no_footnotes() -> None:
    parsed = fixture("signatory_mh.txt")
    record = parsed.record
    assert record["treaty"]["status"] == "signatory"
    assert record["treaty"]["signed"] == dt.date(1997, 12, 4)
    assert record["votes"][0]["vote"] == "absent"
    assert [s["id"] for s in record["sources"]] == [1], "only the edition"
    assert record["sections"][0]["text"].endswith("[1]\n"), "prose cites the edition"
    assert "meetings: never attended any" in parsed.recognised


def test_a_withdrawn_state_and_an_observer() -> None:
    record = fixture("withdrawn_fi.txt").record
    treaty = record["treaty"]
    assert treaty["status"] == "withdrawn"
    assert treaty["withdrawal_notified"] == dt.date(2025, 7, 10)
    assert treaty["withdrawal_effective"] == dt.date(2026, 1, 10)
    assert record["meetings"] == [
        {"meeting": "22MSP", "attended": True, "as": "observer", "sources": [3]}
    ]
    note = {s["id"]: s for s in record["sources"]}[2]["note"]
    assert note == "The Ministry said mines would be used only for national defence."


def test_the_seed_layout_reads_with_its_confusable_letters_made_latin() -> None:
    text = "\n\n".join(
        [
            "Last Updated: 1 June 2010",
            "Mine Ban Policy",
            "Mine Ban Treaty status",
            "Not a State Party",
            "Kazakhstan holds a stockpile of P\u041e\u041cZ antipersonnel mines.[1]",
            "[1] Interview with an official, May 2009.",
        ]
    )
    assert parse(text).record["stockpile"]["types"] == ["POMZ"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("   \n\n  \n", "empty"),
        ("\0\1\2binary", "binary"),
        ("<html><body><p>Weather today: sunny</p></body></html>", "not a Landmine Monitor"),
        ((FIXTURES / "other_treaty.txt").read_text(), "not a Landmine Monitor"),
        ("Mine Ban Treaty status\n\nNot a State Party\n\nNo state is named.", "give --code"),
        ("x" * (monitor.MAX_CHARS + 1), "too long"),
    ],
)
def test_what_cannot_make_a_profile_is_one_clear_error(text: str, why: str) -> None:
    with pytest.raises(InvalidData, match=why):
        parse(text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                [
                    "Last Updated: 3 May 2011",
                    "Mine Ban Treaty status",
                    "State Party",
                    "Accession: 31 February 2002",
                    "Abstained on Resolution 65/48 in December 2010",
                    "[1] Letter from X, 1 May 2001.",
                    "[2]",
                    "Uzbekistan has used antipersonnel mines in 1998.[9]",
                    "Participation in Mine Ban Treaty meetings",
                    "<p>",
                    "[^3]: note",
                ]
            ),
        ),
        max_size=12,
    )
)
def test_the_parser_never_fails_but_with_a_clear_error(parts: list[str]) -> None:
    text = "\n\n".join(["Uzbekistan", *parts])
    try:
        parsed = parse(text)
    except InvalidData:
        return
    assert parsed.record["code"] == "UZ"


# --- report -> import is the identity -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_importing_the_report_of_every_bundled_profile_changes_nothing(fmt: str) -> None:
    for code in STORE.index().codes():
        profile = STORE.read_profile(code)
        out = rendered(report(profile, RESOLUTIONS, STORE.meetings()), fmt)
        parsed = monitor.parse(monitor.decode(out.encode(), "r"), "r", NAMES, MEETINGS)
        assert parsed.record["code"] == code
        assert validate_profile(parsed.record, code) == [], code
        merged = copy.deepcopy(profile)
        assert merge(merged, parsed) == [], code
        assert merged == profile, code


def test_the_report_of_uz_carries_its_facts_back() -> None:
    profile = STORE.read_profile("UZ")
    parsed = parse(rendered(report(profile, RESOLUTIONS, STORE.meetings()), "text"))
    record = parsed.record
    assert record["treaty"]["status"] == profile["treaty"]["status"]
    assert record["votes"] == [{"resolution": "80/35", "vote": "abstain", "sources": [4]}]
    assert [s["title"] for s in record["sections"]] == [s["title"] for s in profile["sections"]]
    back = {s["id"]: s for s in record["sources"]}
    ids = {s["id"]: s for s in profile["sources"]}
    assert back[1]["title"].startswith(ids[3]["title"]) and back[1]["date"] == ids[3]["date"]
    ccw = record["ccw"]
    assert ccw["convention"]["party"] is ccw["protocol_ii"]["party"] is True  # "is bound by"


def test_the_voting_line_says_since_when() -> None:
    line = voting_line(STORE.read_profile("UZ"), RESOLUTIONS)
    assert (
        line
        == "Abstained on Resolution 80/35 in December 2025, as it has on every such resolution since 2021"
    )


def test_footnotes_name_the_author_once() -> None:
    source = {
        "id": 1,
        "title": "Letter from A. B., Embassy",
        "author": "Embassy",
        "date": "2004-05",
    }
    assert footnote_text(source) == "Letter from A. B., Embassy, May 2004."


# --- merge --------------------------------------------------------------------------------------


def test_merge_keeps_the_record_and_shows_a_different_value_beside_it() -> None:
    profile = STORE.read_profile("KZ")
    before = copy.deepcopy(profile)
    added = merge(profile, fixture("not_party_kz.txt"))
    vote = next(v for v in profile["votes"] if v["resolution"] == "74/61")
    assert vote["vote"] == "yes", "the record's value is kept"
    edition = max(
        s["id"] for s in profile["sources"] if s.get("title", "").startswith("Kazakhstan:")
    )
    assert vote["readings"] == [{"vote": "abstain", "sources": [edition]}]
    assert any("74/61" in a for a in added)
    assert profile["treaty"] == before["treaty"], "the same status changes nothing"
    new = {s["id"] for s in profile["sources"]} - {s["id"] for s in before["sources"]}
    assert new and min(new) > max(s["id"] for s in before["sources"])
    assert profile["last_source_id"] == max(new)
    assert validate_profile(profile, "KZ") == []
    assert merge(profile, fixture("not_party_kz.txt")) == [], "merging twice adds nothing"


def test_a_footnote_that_is_a_source_the_profile_has_takes_its_id() -> None:
    profile = STORE.read_profile("UZ")
    text = "\n\n".join(
        [
            "Last Updated: 24 October 2011",
            "Mine Ban Treaty status",
            "Not a State Party",
            "Policy",
            "Uzbekistan says something new about its stock.[7]",
            "[7] Letter to the Monitor from Amb. Shavkat Khamrakulov, Embassy of Uzbekistan to "
            "the United States, 31 July 2001.",
        ]
    )
    merge(profile, parse(text))
    added = next(s for s in profile["sections"] if s["title"] == "Policy")
    assert added["text"] == "Uzbekistan says something new about its stock.[1]\n"
    assert len(profile["sources"]) == len(STORE.read_profile("UZ")["sources"])


# --- the prose check ----------------------------------------------------------------------------


def test_the_bundled_narrative_agrees_with_the_record() -> None:
    assert prose.disagreements(STORE.read_profile("UZ")) == []


def test_a_sentence_that_contradicts_the_record_is_named_with_both_sources() -> None:
    profile = STORE.read_profile("UZ")
    profile["sections"][0]["text"] = (
        "In December 2010 it voted in favor of General Assembly resolution 65/48.[3] "
        "Uzbekistan is a State Party to the Mine Ban Treaty.[3]\n\n"
        "It has never attended a Mine Ban Treaty meeting.[3]\n"
    )
    profile["meetings"][0]["attended"] = True
    found = prose.disagreements(profile)
    assert [w for w, _ in found] == ["sections.1"] * 3
    vote, status, meeting = (m for _, m in found)
    assert "the text says yes on 65/48" in vote and "([3])" in vote
    assert "the record has abstain ([6])" in vote
    assert "the text says state_party" in status and "not_party ([4][3])" in status
    assert "1MSP attended ([3])" in meeting
    assert files.profile_label("UZ") == "countries/UZ.toml"


WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=9)
SENTENCE = st.lists(WORD, min_size=1, max_size=10).map(lambda w: " ".join(w).capitalize() + ".")


@st.composite
def edited_profiles(draw: st.DrawFn) -> dict:
    """A bundled profile with a narrative, sources and an updated date of hypothesis's making."""
    profile = copy.deepcopy(
        STORE.read_profile(draw(st.sampled_from(["UZ", "KZ", "AF", "FI", "US"])))
    )
    ids = [s["id"] for s in profile["sources"]]
    for source in draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)):
        entry = next(s for s in profile["sources"] if s["id"] == source)
        entry["title"] = draw(st.lists(WORD, min_size=1, max_size=8).map(" ".join)).capitalize()
        entry["note"] = draw(SENTENCE)
    sections = []
    for _ in range(draw(st.integers(0, 3))):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            text = " ".join(draw(st.lists(SENTENCE, min_size=1, max_size=3)))
            cites = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
            paragraphs.append(text + "".join(f"[{i}]" for i in cites))
        title = draw(st.lists(WORD, min_size=1, max_size=4).map(" ".join)).capitalize()
        sections.append({"title": title, "text": "\n\n".join(paragraphs) + "\n"})
    profile["sections"] = sections
    profile["updated"] = draw(st.dates(dt.date(1999, 1, 1), dt.date(2026, 11, 30)))
    return profile


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(edited_profiles(), st.sampled_from(["text", "markdown", "html"]))
def test_report_then_import_is_the_identity(profile: dict, fmt: str) -> None:
    out = rendered(report(profile, RESOLUTIONS, STORE.meetings()), fmt)
    parsed = monitor.parse(monitor.decode(out.encode(), "r"), "r", NAMES, MEETINGS)
    assert parsed.record["code"] == profile["code"]
    assert parsed.record["updated"] == profile["updated"]
    merged = copy.deepcopy(profile)
    assert merge(merged, parsed) == []
    assert merged == profile
    titles = [s["title"] for s in parsed.record.get("sections", [])]
    assert titles == [s["title"] for s in profile["sections"]]
