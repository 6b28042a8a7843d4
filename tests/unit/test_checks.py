"""minecli.checks: every check of `minecli check`, on a store snapshot built in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from minecli.checks import ERROR, PROFILE_CHECKS, WARNING, Finding, run_checks
from minecli.errors import InvalidData
from minecli.store import Snapshot


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def clean_profile(code: str = "XA", vote: str = "yes") -> dict:
    return {
        "schema": 1,
        "code": code,
        "name": f"Land {code}",
        "un_membership": {"admitted": D("1992-03-02"), "sources": [1]},
        "treaty": {
            "status": "state_party",
            "signed": D("1997-12-03"),
            "consent": D("1999-01-15"),
            "entry_into_force": D("1999-07-01"),
            "sources": [1],
        },
        "votes": [{"resolution": "65/48", "vote": vote, "sources": [1]}],
        "meetings": [{"meeting": "10MSP", "attended": True, "sources": [1]}],
        "sections": [{"title": "Notes", "text": "As reported [2]."}],
        "sources": [{"id": 1, "title": "Record"}, {"id": 2, "title": "Report"}],
    }


def clean_resolutions() -> dict:
    return {
        "schema": 1,
        "resolutions": [
            {
                "number": "65/48",
                "session": 65,
                "date": D("2010-12-08"),
                "title": "Implementation",
                "tally": {"yes": 1, "no": 1, "abstain": 0, "absent": 0},
                "announced": {"yes": 1, "no": 1, "abstain": 0},
            }
        ],
    }


def clean_meetings() -> dict:
    return {"schema": 1, "meetings": [{"id": "10MSP", "name": "Tenth Meeting"}]}


def snapshot(
    change: Callable[[dict, dict, dict], None] | None = None, *, whole: bool = True
) -> Snapshot:
    """A two-state store with no finding, changed by ``change(profiles, resolutions, meetings)``."""
    profiles = {"XA": clean_profile("XA", "yes"), "XB": clean_profile("XB", "no")}
    resolutions, meetings = clean_resolutions(), clean_meetings()
    if change is not None:
        change(profiles, resolutions, meetings)
    return Snapshot(
        profiles=profiles, resolutions=resolutions, meetings=meetings, unreadable=[], whole=whole
    )


def summary(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.check, f.file, f.where) for f in findings]


def test_a_clean_store_gives_no_finding() -> None:
    assert run_checks(snapshot()) == []


def test_the_profile_checks_are_a_registry_by_name() -> None:
    assert list(PROFILE_CHECKS) == [
        "citations",
        "duplicates",
        "references",
        "dates",
        "prose",
        "doubts",
        "disagreements",
        "content",
        "currency",
    ]
    assert all(check.__name__ == name for name, check in PROFILE_CHECKS.items())


def test_each_profile_check_runs_on_its_own() -> None:
    from minecli.checks import Context

    p = clean_profile()
    p["treaty"]["doubt"] = "Unconfirmed"
    p["treaty"]["readings"] = [{"status": "signatory", "sources": [1]}]
    wrong = "no" if p["votes"][0]["vote"] != "no" else "yes"
    words = {"no": "voted against", "yes": "voted in favor of"}[wrong]
    p["sections"][0]["text"] += f" It {words} resolution 65/48.[2]"
    context = Context(clean_resolutions()["resolutions"], clean_meetings()["meetings"])
    found = {name: list(check("XA", p, context)) for name, check in PROFILE_CHECKS.items()}
    assert {name: len(items) for name, items in found.items()} == {
        "citations": 0,
        "duplicates": 0,
        "references": 0,
        "dates": 0,
        "prose": 1,
        "doubts": 1,
        "disagreements": 1,
        "content": 0,
        "currency": 0,
    }


def test_a_citation_of_a_missing_source_is_an_error_where_it_is_made() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XA"]["treaty"]["sources"] = [1, 9]
        profiles["XA"]["sections"][0]["text"] += " Also [9]."

    found = run_checks(snapshot(change))
    assert summary(found) == [
        (ERROR, "citations", "countries/XA.toml", "treaty"),
        (ERROR, "citations", "countries/XA.toml", "sections.1"),
    ]
    assert found[0].message == "cites source [9], which the profile does not have"


def test_a_source_nothing_cites_is_a_warning() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["sources"].append({"id": 3, "title": "Unused"})

    found = run_checks(snapshot(change))
    assert summary(found) == [(WARNING, "citations", "countries/XB.toml", "sources.3")]
    assert found[0].message == "no fact or text cites this source"


def test_a_source_cited_only_by_a_section_marker_counts_as_cited() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XA"]["sources"].append({"id": 3, "title": "Text only"})
        profiles["XA"]["sections"][0]["text"] = "As reported [2] and [3]."

    assert run_checks(snapshot(change)) == []


def test_a_vote_or_meeting_recorded_twice_is_an_error() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XA"]["votes"].append({"resolution": "65/48", "vote": "yes", "sources": [1]})
        profiles["XA"]["meetings"] *= 3

    found = run_checks(snapshot(change))
    assert summary(found) == [
        (ERROR, "duplicates", "countries/XA.toml", "votes.65/48"),
        (ERROR, "duplicates", "countries/XA.toml", "meetings.10MSP"),
    ]
    assert [f.message for f in found] == ["recorded 2 times", "recorded 3 times"]
    # a state's vote counts once in the store's tally, however often it is recorded


def test_a_vote_or_meeting_the_store_does_not_know_is_an_error() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["votes"].append({"resolution": "99/1", "vote": "no", "sources": [1]})
        profiles["XB"]["meetings"].append({"meeting": "99MSP", "attended": False, "sources": [1]})

    found = run_checks(snapshot(change))
    assert summary(found) == [
        (ERROR, "references", "countries/XB.toml", "votes.99/1"),
        (ERROR, "references", "countries/XB.toml", "meetings.99MSP"),
    ]
    assert [f.message for f in found] == [
        "resolution not in resolutions.toml",
        "meeting not in meetings.toml",
    ]


def test_impossible_treaty_dates_are_errors() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XA"]["treaty"]["consent"] = D("1997-01-01")  # before signature
        del profiles["XB"]["treaty"]["consent"]  # a state party needs one

    found = run_checks(snapshot(change))
    assert summary(found) == [
        (ERROR, "dates", "countries/XA.toml", "treaty.consent"),
        (ERROR, "dates", "countries/XB.toml", "treaty.consent"),
    ]
    assert "before signature" in found[0].message
    assert "needs a consent date" in found[1].message


def test_a_vote_before_the_state_joined_the_un_is_an_error() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XA"]["un_membership"]["admitted"] = D("2011-01-01")

    found = run_checks(snapshot(change))
    assert summary(found) == [(ERROR, "dates", "countries/XA.toml", "votes.65/48")]
    assert found[0].message == "a vote on 2010-12-08, before the state joined the UN on 2011-01-01"


def test_doubts_are_warnings_wherever_they_are_recorded() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["votes"][0]["doubt"] = "Reported as absent elsewhere"
        resolutions["resolutions"][0]["doubt"] = "Date not checked"
        meetings["meetings"][0]["doubt"] = "Place unknown"

    found = run_checks(snapshot(change))
    assert summary(found) == [
        (WARNING, "doubts", "countries/XB.toml", "votes.65/48"),
        (WARNING, "doubts", "resolutions.toml", "resolutions.65/48"),
        (WARNING, "doubts", "meetings.toml", "meetings.10MSP"),
    ]
    assert [f.message for f in found] == [
        "Reported as absent elsewhere",
        "Date not checked",
        "Place unknown",
    ]


def test_an_announced_tally_that_differs_from_the_roll_call_is_a_warning() -> None:
    def change(profiles, resolutions, meetings):
        resolutions["resolutions"][0]["announced"] = {"yes": 165, "no": 0, "abstain": 17}

    found = run_checks(snapshot(change))
    assert summary(found) == [(WARNING, "tallies", "resolutions.toml", "resolutions.65/48")]
    assert found[0].message == "announced 165-0-17 but the roll call counts 1-1-0"


def test_a_stored_tally_the_profiles_do_not_count_is_a_warning() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["votes"][0]["vote"] = "abstain"

    found = run_checks(snapshot(change))
    assert summary(found) == [(WARNING, "tallies", "resolutions.toml", "resolutions.65/48")]
    assert found[0].message == "the profiles count 1-0-1; the stored tally is 1-1-0"


def test_no_recount_for_a_resolution_without_a_recorded_roll_call() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["votes"][0]["vote"] = "abstain"
        resolutions["resolutions"][0]["recorded"] = False

    assert run_checks(snapshot(change)) == []


def test_store_wide_checks_run_only_on_the_whole_store() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["votes"][0]["vote"] = "abstain"
        resolutions["resolutions"][0]["doubt"] = "Date not checked"

    assert run_checks(snapshot(change, whole=False)) == []


def test_a_schema_invalid_profile_stops_after_its_schema_findings() -> None:
    def change(profiles, resolutions, meetings):
        xa = profiles["XA"]
        xa["votes"][0]["vote"] = "maybe"  # the schema's
        xa["treaty"]["sources"] = [9]  # a citation problem, not reported for a broken profile
        xa["votes"].append({"resolution": "99/1", "vote": "yes", "sources": [1]})  # nor a reference
        del xa["treaty"]["consent"]  # nor a date rule

    found = run_checks(snapshot(change))
    assert summary(found)[0] == (ERROR, "schema", "countries/XA.toml", "votes[0].vote")
    assert {f.check for f in found if f.file == "countries/XA.toml"} == {"schema"}
    assert "expected one of" in found[0].message


def test_a_profile_whose_code_does_not_match_its_file_is_a_schema_error() -> None:
    def change(profiles, resolutions, meetings):
        profiles["XB"]["code"] = "XC"

    found = run_checks(snapshot(change))
    assert summary(found)[0] == (ERROR, "schema", "countries/XB.toml", "code")


def test_schema_problems_of_resolutions_and_meetings_are_named_by_file() -> None:
    def change(profiles, resolutions, meetings):
        del resolutions["resolutions"][0]["title"]
        meetings["meetings"][0]["kind"] = "party"

    found = run_checks(snapshot(change))
    assert summary(found) == [
        (ERROR, "schema", "resolutions.toml", "resolutions[0].title"),
        (ERROR, "schema", "meetings.toml", "meetings[0].kind"),
    ]


def test_unreadable_files_come_first_as_syntax_errors() -> None:
    snap = snapshot()
    snap.unreadable.append(InvalidData("invalid TOML: boom", file="countries/XC.toml", line=3))
    found = run_checks(snap)
    assert found == [Finding(ERROR, "syntax", "countries/XC.toml", "", "invalid TOML: boom", 3)]


def test_a_store_without_resolutions_or_meetings_files() -> None:
    """The missing files are the store's to report (once, as unreadable), not every vote's."""
    snap = Snapshot(profiles={"XA": clean_profile()}, resolutions=None, meetings=None)
    assert summary(run_checks(snap)) == []


@pytest.mark.parametrize("severity", [ERROR, WARNING])
def test_a_finding_is_one_row_in_the_check_columns(severity: str) -> None:
    finding = Finding(severity, "dates", "countries/XA.toml", "treaty.consent", "text")
    assert finding.row() == {
        "severity": severity,
        "check": "dates",
        "file": "countries/XA.toml",
        "where": "treaty.consent",
        "message": "text",
        "line": None,
        "column": None,
    }
    placed = finding.__class__(severity, "dates", "countries/XA.toml", "treaty.consent", "t", 4, 1)
    assert placed.table_row()["file"] == "countries/XA.toml:4:1"
    assert finding.table_row()["file"] == "countries/XA.toml"


def test_content_finds_what_the_readme_promises() -> None:
    from minecli.checks import Context

    context = Context(clean_resolutions()["resolutions"], clean_meetings()["meetings"])
    p = clean_profile()
    p["name"] = " "
    p["official_name"] = "Land XA "
    p["treaty"]["consent"] = D("3000-01-01")
    p["use"] = [{"year": 3000, "where": "", "sources": [1]}]
    p["ccw"] = {"protocol_v": {"party": True, "sources": [1]}}
    p["meetings"][0]["sources"] = []
    found = {(f.severity, f.where, f.message) for f in PROFILE_CHECKS["content"]("XA", p, context)}
    assert found == {
        (ERROR, "name", "is empty"),
        (ERROR, "use.1.where", "is empty"),
        (ERROR, "treaty.consent", "3000-01-01 is in the future"),
        (ERROR, "use.1.year", "3000 is in the future"),
        (WARNING, "official_name", "has spaces around it: 'Land XA '"),
        (WARNING, "ccw.protocol_v", "party, with no date"),
        (WARNING, "meetings.10MSP", "cites no source"),
    }
    signatory = clean_profile()
    signatory["treaty"] = {"status": "signatory", "sources": [1]}
    found = [(f.severity, f.where) for f in PROFILE_CHECKS["content"]("XA", signatory, context)]
    assert found == [(WARNING, "treaty.signed")]


def test_content_wants_the_dates_a_treaty_status_implies() -> None:
    import datetime as dt

    from minecli.checks import Context

    context = Context(clean_resolutions()["resolutions"], clean_meetings()["meetings"])

    def found(treaty: dict) -> list[tuple[str, str]]:
        p = clean_profile()
        p["treaty"] = {**treaty, "sources": [1]}
        return [(f.severity, f.where) for f in PROFILE_CHECKS["content"]("XA", p, context)]

    party = {"status": "state_party", "signed": D("1997-12-03"), "consent": D("1999-01-15")}
    assert found(party) == [(WARNING, "treaty.entry_into_force")]
    recent = {**party, "consent": dt.date.today() - dt.timedelta(days=30)}
    assert found(recent) == [], "a consent of last month is not in force yet"
    leaving = {**party, "entry_into_force": D("1999-07-01"), "withdrawal_notified": D("2025-06-27")}
    assert found(leaving) == [(WARNING, "treaty.withdrawal_effective")]


def test_currency_finds_a_fact_newer_than_all_its_sources() -> None:
    from minecli.checks import Context

    context = Context(clean_resolutions()["resolutions"], clean_meetings()["meetings"])
    p = clean_profile()
    p["sources"] = [
        {"id": 1, "title": "Record", "date": "1998"},
        {"id": 2, "title": "Report", "date": D("2011-10-24")},
    ]
    p["un_membership"]["sources"] = [2]
    p["votes"][0]["sources"] = [2]
    p["meetings"][0]["sources"] = [2]

    def where() -> list[tuple[str, str]]:
        return [(f.where, f.message) for f in PROFILE_CHECKS["currency"]("XA", p, context)]

    assert where() == [
        (
            "treaty",
            "consent 1999-01-15 came after its sources: the newest, [1], is dated 1998",
        )
    ]
    p["treaty"]["sources"] = [1, 2]
    assert where() == [], "one source newer than the change is enough"
    p["treaty"]["sources"] = [3]
    p["sources"].append({"id": 3, "title": "Undated"})
    assert where() == [], "an undated source cannot be judged"
    p["treaty"]["sources"] = [2]
    p["use"] = [{"date": "2012-03", "where": "X", "sources": [2]}]
    assert [w for w, _ in where()] == ["use.1"]
