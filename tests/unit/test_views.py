"""The pieces of the views people read: timeline grouping and merging, the cited-by grouping,
markers, links, the resolutions rows and the plain citation list."""

from __future__ import annotations

import datetime as dt

from minecli.query import profile as profile_query
from minecli.render.chronicle import event_text
from minecli.render.citations import plain_lines
from minecli.render.resolutions import display_rows
from minecli.render.views import Row, line_text, link_spans, reading_marked, with_markers

D = dt.date.fromisoformat


def event(code: str, date: object, what: str = "x") -> dict:
    return {"code": code, "date": date, "kind": "vote", "event": what, "sources": []}


def test_timelines_merge_into_one_chronology_states_in_order_on_a_tie() -> None:
    uz = [event("UZ", D("1992-03-02")), event("UZ", D("2010-12-08"))]
    kz = [event("KZ", D("1992-03-02")), event("KZ", "1998"), event("KZ", D("2011-01-01"))]
    merged = profile_query.merged_timeline([uz, kz])
    assert [(e["code"], str(e["date"])) for e in merged] == [
        ("UZ", "1992-03-02"),
        ("KZ", "1992-03-02"),
        ("KZ", "1998"),
        ("UZ", "2010-12-08"),
        ("KZ", "2011-01-01"),
    ]


def test_events_are_grouped_by_year_whatever_the_date_form() -> None:
    events = [event("UZ", "1998"), event("UZ", D("1998-12-04")), event("UZ", "2004-05")]
    groups = profile_query.by_year(events)
    assert [(year, len(group)) for year, group in groups] == [("1998", 2), ("2004", 1)]
    assert profile_query.by_year([]) == []


def test_the_timeline_has_un_admission_and_no_reading_dates() -> None:
    profile = {
        "code": "XX",
        "un_membership": {"admitted": D("1992-03-02"), "sources": [2]},
        "sources": [
            {"id": 1, "title": "A letter", "date": D("2001-07-31"), "kind": "letter"},
            {"id": 2, "title": "UN members", "date": D("2026-02-03"), "kind": "dataset"},
            {"id": 3, "title": "UNTC status", "date": D("2026-02-03"), "kind": "record"},
        ],
    }
    events = profile_query.timeline(profile, {}, {})
    assert [(e["kind"], e["event"], e["sources"]) for e in events] == [
        ("un", "Admitted to the United Nations", [2]),
        ("source", "[1] A letter", [1]),
    ]


def test_cited_by_is_grouped_by_part_of_the_profile() -> None:
    paths = ["treaty", "votes.53/77N", "votes.65/48", "sections.1", "sections.2"]
    assert profile_query.cited_by_text(paths) == "treaty; votes 53/77N, 65/48; sections 1, 2"
    assert profile_query.cited_by_groups(paths)[1] == ("votes", ["53/77N", "65/48"])
    readings = ["votes.53/77N.readings.1", "treaty", "treaty.readings.2", "ccw.protocol_v"]
    assert profile_query.cited_by_text(readings) == (
        "votes 53/77N reading 1; treaty; treaty reading 2; ccw protocol_v"
    )
    assert profile_query.cited_by_text([]) == ""


def test_markers_in_views_and_fields_for_programs() -> None:
    rows = [{"sources": [7, 6], "disputed": [{"vote": "absent", "sources": [15, 9]}]}]
    assert with_markers(rows) == [{"sources": "[6][7]", "disputed": "absent [9][15]"}]
    assert rows[0]["sources"] == [7, 6], "the rows themselves are left as they are"
    assert reading_marked({"vote": "yes", "by": ["UNDL"]}) == "yes (UNDL)"
    assert event_text({"event": "Voted yes", "sources": [6, 7]}) == "Voted yes [6][7]"
    assert event_text({"event": "[1] A letter", "sources": [1]}) == "[1] A letter"


def test_urls_in_text_are_links_without_their_trailing_punctuation() -> None:
    spans = link_spans("see (https://e.org/a.zip, one column) and https://e.org/b.")
    assert [s for s in spans if s[1] == "link"] == [
        ("https://e.org/a.zip", "link"),
        ("https://e.org/b", "link"),
    ]
    assert line_text(spans) == "see (https://e.org/a.zip, one column) and https://e.org/b."


def test_a_plain_citation_list_never_breaks_a_url() -> None:
    url = "https://example.org/" + "x" * 60
    rows = [Row("[1]", [[("A title. An author.", None)], [(url, "link")]]), Row("[10]", [])]
    lines = plain_lines(rows, 40)
    assert lines == [" [1]  A title. An author.", f"      {url}", "[10]"]


def test_the_announced_tally_shows_only_where_it_differs() -> None:
    base = {"resolution": "65/48", "year": 2010, "date": D("2010-12-08"), "recorded": True}
    same = {**base, "yes": 165, "no": 0, "abstain": 17, "absent": 10, "announced_yes": 165}
    same |= {"announced_no": 0, "announced_abstain": 17, "title": "T"}
    shown, columns = display_rows([same])
    assert "announced" not in columns
    assert shown[0]["tally"] == "165-0-17" and shown[0]["absent"] == "10"
    other = {**same, "announced_yes": 164}
    shown, columns = display_rows([same, other])
    assert columns == ["year", "resolution", "date", "tally", "absent", "announced", "title"]
    assert [r["announced"] for r in shown] == ["", "164-0-17"]
    gap = {"session": 70, "year": 2015, "missing": True, "recorded": False, "title": "(missing)"}
    unrecorded = {**base, "resolution": "81/40", "recorded": False, "title": "U"}
    shown, _ = display_rows([gap, unrecorded])
    assert [(r["resolution"], r["tally"]) for r in shown] == [
        ("-", "none in store"),
        ("81/40", "not recorded"),
    ]
