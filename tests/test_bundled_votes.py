"""The bundled store's roll calls up to 2025 (issue 9), against the reference copies in data/raw.

tests/test_bundled_data.py checks every one of the 31 roll calls vote for vote in both directions
(every raw row in its profile, every cast vote in a profile from a raw row, absent exactly for the
members without one). This file checks what issue 9 adds: the later roll calls' sources, the
facts a researcher would look up first, the 74/61 cross-check, the disagreements kept as other
readings, and the coverage the commands report.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .helpers import BUNDLED, REPO, run, sh

RAW = REPO / "data" / "raw"
LATER = ("63/42", "75/52", "76/26", "77/63", "78/45", "79/34", "80/35")


def read_csv(name: str) -> list[dict[str, str]]:
    with (RAW / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def later_rows() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["resolution"], r["iso2"]): r for r in read_csv("unga_votes_2008_2019-2025.csv")}


@cache
def profile(code: str) -> dict[str, Any]:
    with (BUNDLED / "countries" / f"{code}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def resolutions() -> dict[str, dict[str, Any]]:
    with (BUNDLED / "resolutions.toml").open("rb") as handle:
        return {r["number"]: r for r in tomllib.load(handle)["resolutions"]}


def vote(code: str, number: str) -> dict[str, Any]:
    return next(v for v in profile(code)["votes"] if v["resolution"] == number)


def source(code: str, source_id: int) -> dict[str, Any]:
    return next(s for s in profile(code)["sources"] if s["id"] == source_id)


def roll_call(number: str, *args: str) -> dict[str, str]:
    result = run("votes", "--resolution", number, *args, "--format", "json")
    assert result.code == 0, result
    return {r["code"]: r["vote"] for r in result.json()}


# --- the facts of the files -------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["78/45", "79/34", "80/35"])
def test_russia_votes_no_from_2023(number: str) -> None:
    assert roll_call(number, "--vote", "no") == {"RU": "no"}


def test_80_35_is_159_1_19_and_the_withdrawing_states_abstain() -> None:
    votes = roll_call("80/35")
    counts = {v: list(votes.values()).count(v) for v in ("yes", "no", "abstain", "absent")}
    assert counts == {"yes": 159, "no": 1, "abstain": 19, "absent": 14}
    assert {c for c in ("EE", "FI", "LV", "LT", "PL", "UA") if votes[c] == "abstain"} == {
        "EE",
        "FI",
        "LV",
        "LT",
        "PL",
        "UA",
    }
    entry = resolutions()["80/35"]
    assert entry["tally"] == {"yes": 159, "no": 1, "abstain": 19, "absent": 14}
    assert entry["announced"] == {"yes": 159, "no": 1, "abstain": 19}
    assert entry["meeting"] == "A/80/PV.52" and entry["sponsors"] == ["CAMBODIA", "JAPAN", "ZAMBIA"]
    assert entry["date"] == dt.date(2025, 12, 1) and entry["report"] == "A/80/534, para. 7"


def test_uzbekistan_absent_on_75_52_and_abstains_on_76_26() -> None:
    assert vote("UZ", "75/52")["vote"] == "absent"
    assert vote("UZ", "76/26")["vote"] == "abstain"


def test_74_61_is_the_same_in_both_reference_files() -> None:
    """The later file's reading of 74/61 (the UN's machine-readable resolutions) equals the
    unvotes rows the store holds, state for state."""
    unvotes = {  # the dataset codes Serbia's seat YU (data/raw/un_membership.md)
        ("RS" if r["iso2"] == "YU" else r["iso2"]): r["vote"]
        for r in read_csv("unga_votes_1996_2019.csv")
        if r["resolution"] == "74/61"
    }
    later = {c: r["vote"] for (n, c), r in later_rows().items() if n == "74/61"}
    assert {c: v for c, v in later.items() if v != "non_voting"} == unvotes
    assert len(later) == 193
    held = roll_call("74/61")
    assert {c: v for c, v in held.items() if v != "absent"} == unvotes


@pytest.mark.parametrize("number", LATER)
def test_later_votes_cite_their_roll_calls_source(number: str) -> None:
    """Each vote cites the file at its commit and the UN record or the plenary meeting."""
    for code in ("UZ", "RU", "FI"):
        entry = vote(code, number)
        cited = source(code, entry["sources"][0])
        assert cited["title"].startswith(f"A/RES/{number}: recorded vote")
        if number == "63/42":
            assert cited["url"] == "https://digitallibrary.un.org/record/643907"
            assert "b1a33e9f13e44a213373dc4baf927cda041488ff" in cited["note"]
        else:
            session = number.split("/")[0]
            assert cited["url"].startswith("https://github.com/UNxml/GAresolutions/blob/")
            assert cited["url"].endswith(f"/data_extract/{session}.json")
            assert resolutions()[number]["meeting"] in cited["note"]


def test_a_member_in_none_of_the_lists_is_absent_and_the_note_says_it_is_derived() -> None:
    derived = [
        (n, c)
        for (n, c), r in later_rows().items()
        if n in LATER and r["vote"] == "non_voting" and "derived" in r["source"]
    ]
    assert derived, "the later roll calls have members named in no list"
    for number, code in derived:
        entry = vote(code, number)
        assert entry["vote"] == "absent"
        assert entry["note"].startswith("Derived: in none of the source's lists"), (number, code)
        assert len(entry["sources"]) == 2, "the roll call's source and the UN membership date"
    marked = [
        (n, c) for (n, c), r in later_rows().items() if n == "63/42" and r["vote"] == "non_voting"
    ]
    assert len(marked) == 11
    assert all("not voting (X)" in vote(c, n)["note"] for n, c in marked)


def test_63_42_is_recorded_with_its_tally() -> None:
    entry = resolutions()["63/42"]
    assert entry["recorded"] is True
    assert entry["tally"] == {"yes": 163, "no": 0, "abstain": 18, "absent": 11}
    assert entry["url"] == "https://digitallibrary.un.org/record/643907"


def test_the_two_observer_attendances_of_china() -> None:
    meetings = {m["meeting"]: m for m in profile("CN")["meetings"]}
    for meeting, url_part in (("1RC", "t20240606_11405206"), ("6MSP", "t20240606_11404974")):
        entry = meetings[meeting]
        assert entry["attended"] is True and entry["as"] == "observer"
        cited = source("CN", entry["sources"][0])
        assert url_part in cited["url"] and "China" in cited["title"]


# --- sources that disagree ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "code", "ours", "theirs"),
    [
        ("52/38A", "CD", "yes", "absent"),
        ("52/38A", "CG", "absent", "yes"),
        ("53/77N", "CD", "absent", "yes"),
        ("53/77N", "CG", "yes", "absent"),
        ("53/77N", "UZ", "yes", "absent"),
        ("71/34", "ZW", "absent", "yes"),
    ],
)
def test_the_six_disagreements_are_other_readings(number, code, ours, theirs) -> None:
    entry = vote(code, number)
    assert entry["vote"] == ours, "the reading counted stays the store's"
    [reading] = entry["readings"]
    assert reading["vote"] == theirs
    cited = source(code, reading["sources"][0])
    assert cited["title"] == f"A/RES/{number}: recorded vote, UN Digital Library voting record"
    assert cited["url"].startswith("https://digitallibrary.un.org/record/")
    assert "Neither is known to be right" in reading["note"]


def test_no_other_vote_is_disputed() -> None:
    disputed = set()
    for path in (BUNDLED / "countries").glob("*.toml"):
        for entry in profile(path.stem).get("votes", []):
            if "readings" in entry:
                disputed.add((entry["resolution"], path.stem))
    assert len(disputed) == 6


@pytest.mark.parametrize("number", ["52/38A", "52/38H"])
def test_the_52_38_dates_keep_both_readings(number: str) -> None:
    entry = resolutions()[number]
    assert entry["date"] == dt.date(1997, 12, 3)
    [reading] = entry["readings"]
    assert reading["date"] == dt.date(1997, 12, 9)
    assert "digitallibrary.un.org" in reading["url"] and "UN Digital Library" in reading["source"]


def test_the_65_48_doubt_is_resolved_by_the_un_record() -> None:
    entry = resolutions()["65/48"]
    assert "doubt" not in entry
    assert "165-0-17" in entry["note"] and "withdrawn" in entry["note"]


# --- what the commands say ----------------------------------------------------------------------------


def test_votes_uz_shows_31_resolutions_with_53_77n_disputed() -> None:
    rows = run("votes", "UZ", "--format", "json").json()
    assert len(rows) == 31
    assert rows[0]["resolution"] == "51/45S" and rows[-1]["resolution"] == "80/35"
    disputed = {r["resolution"]: r["disputed"] for r in rows if r["disputed"]}
    assert list(disputed) == ["53/77N"]
    assert disputed["53/77N"][0]["vote"] == "absent"
    assert disputed["53/77N"][0]["by"] == [
        "A/RES/53/77N: recorded vote, UN Digital Library voting record"
    ]
    result = run("votes", "UZ")
    assert "absent [15]" in result.out
    # piped, the caption naming the dispute is a message on stderr: stdout holds the rows only
    assert "Disputed: UZ 53/77N: yes here; or absent, per [15] A/RES/53/77N" in " ".join(
        result.err.split()
    )
    assert "Disputed:" not in result.out


def test_check_passes_with_the_disagreements_as_warnings() -> None:
    result = run("check")
    assert result.code == 0, result
    assert "0 error(s)" in result.err
    warned = run("check", "--format", "json").json()
    assert sum(1 for f in warned if f["check"] == "disagreements") == 8


def test_show_states_the_span_and_the_latest_vote() -> None:
    table = " ".join(run("show", "UZ").out.split())
    assert "Latest recorded vote abstain on 80/35 (2025-12-01)" in table
    assert "votes recorded for 31 resolutions, 1996-2025" in table
    assert "53/77N (disputed)" in table
    assert "Sources disagree votes.53/77N: yes [6] or absent, per [15]" in table


def test_resolutions_lists_every_year_from_1996_to_2025() -> None:
    rows = run("resolutions", "--format", "json").json()
    assert sorted({r["year"] for r in rows}) == list(range(1996, 2026))
    assert not any(r["missing"] for r in rows), "every session of the series is in the store"


def test_a_roll_call_of_a_disputed_vote_says_how_many_are_disputed() -> None:
    table = " ".join(run("votes", "-r", "53/77N").err.split())  # piped: the caption is a message
    assert "(counted in this store; 3 of these votes disputed" in table
    rows = run("votes", "-r", "53/77N", "--format", "json").json()
    assert sorted(r["code"] for r in rows if r["disputed"]) == ["CD", "CG", "UZ"]


def test_disputed_votes_through_a_real_pipe() -> None:
    """A researcher lists the disputed votes of a roll call with jq-like tools: CSV and cut."""
    result = sh(
        "minecli votes -r 53/77N --format csv | awk -F, 'NR > 1 && $5 != \"\"' | cut -d, -f2,4,5"
    )
    assert result.code == 0, result
    assert sorted(result.lines) == [
        "CD,absent,yes [13]",
        "CG,yes,absent [13]",
        "UZ,yes,absent [15]",
    ]


def test_the_reference_copies_are_in_data_raw_with_their_provenance() -> None:
    readme = (RAW / "README.md").read_text(encoding="utf-8")
    for name in (
        "unga_votes_2008_2019-2025.csv",
        "unga_resolutions_2008_2019-2025.csv",
        "unga_votes_disagreements_1996_2019.csv",
        "unga_tally_check_undl_1996_2019.csv",
        "mbt_meeting_observers_extra.csv",
    ):
        assert (RAW / name).is_file() and f"`{name}`" in readme, name
    assert Path(RAW / "unga_votes_2008_2019-2025.csv").stat().st_size > 300_000
