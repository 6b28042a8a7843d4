"""The bundled store (data/store) agrees with the raw tables it was built from (data/raw).

Issue 3: 197 state profiles built from data/raw/*.csv; resolutions.toml with the 24 roll calls of
1996-2019 (tallies counted from the dataset rows, the announced tally of 66/29, the adoption dates
corrected from unga_date_check.csv); meetings.toml. Issue 9: the roll calls of 2008 (63/42) and
2020-2025 (75/52 to 80/35) from unga_votes_2008_2019-2025.csv, 31 in all (tests/test_bundled_votes.py
has the rest of that issue: sources, disagreements, coverage).

The raw tables are read here with the csv module, independently of tools/build.py, and compared
with the TOML files (tomllib, exhaustively) and with what the commands print (CliRunner, and a few
real pipes).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .helpers import BUNDLED, MACHINE, REPO, rows_of, run, sh

RAW = REPO / "data" / "raw"
STATUS_DATES = (
    "signed",
    "consent",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
)
CCW_COLUMNS = {
    "convention": "ccw",
    "protocol_ii": "protocol_ii_original",
    "amended_protocol_ii": "amended_protocol_ii",
    "protocol_v": "protocol_v",
}
SERBIA_FROM = dt.date(2006, 6, 3)  # Serbia continues the seat of Serbia and Montenegro
SCG_FROM = dt.date(2003, 2, 4)  # the FRY became Serbia and Montenegro


# --- the raw tables ------------------------------------------------------------------------------


def read_csv(name: str) -> list[dict[str, str]]:
    with (RAW / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def status_rows() -> dict[str, dict[str, str]]:
    return {r["iso2"]: r for r in read_csv("mbt_status.csv")}


@cache
def ccw_rows() -> dict[str, dict[str, str]]:
    return {r["iso2"]: r for r in read_csv("ccw_status.csv")}


@cache
def admitted() -> dict[str, dt.date]:
    return {r["iso2"]: dt.date.fromisoformat(r["admitted"]) for r in read_csv("un_membership.csv")}


LATER = ("63/42", "75/52", "76/26", "77/63", "78/45", "79/34", "80/35")


@cache
def raw_votes() -> dict[tuple[str, str], str]:
    """(resolution, code) -> vote cast, the dataset's YU seat mapped to Serbia (RS); for the
    later roll calls (LATER), the rows of unga_votes_2008_2019-2025.csv that are not non_voting."""
    out = {}
    for r in read_csv("unga_votes_1996_2019.csv"):
        code = "RS" if r["iso2"] == "YU" else r["iso2"]
        assert (r["resolution"], code) not in out, r
        out[r["resolution"], code] = r["vote"]
    for r in read_csv("unga_votes_2008_2019-2025.csv"):
        if r["resolution"] in LATER and r["vote"] != "non_voting":
            assert (r["resolution"], r["iso2"]) not in out, r
            out[r["resolution"], r["iso2"]] = r["vote"]
    return out


@cache
def roll_calls() -> dict[str, dict[str, Any]]:
    """The 24 roll calls of unga_resolutions_1996_2019.csv, with the adoption date the store
    should give: unga_date_check.csv's date_found where it differs from the dataset's."""
    checks = {r["resolution"]: r for r in read_csv("unga_date_check.csv")}
    out = {}
    for r in read_csv("unga_resolutions_1996_2019.csv"):
        date = day(r["date"])
        fix = checks.get(r["resolution"])
        if fix:
            assert fix["date_in_dataset"] == r["date"], fix
            date = day(fix["date_found"])
        out[r["resolution"]] = {
            **r,
            "adopted": date,
            "checked": fix is not None,
            "corrected": bool(fix) and fix["date_found"] != fix["date_in_dataset"],
        }
    for r in read_csv("unga_resolutions_2008_2019-2025.csv"):
        if r["resolution"] in LATER:
            out[r["resolution"]] = {**r, "adopted": day(r["date"]), "checked": True}
            out[r["resolution"]]["corrected"] = False
    return dict(sorted(out.items(), key=lambda kv: kv[1]["adopted"]))


def expected_roll_call(number: str) -> dict[str, str]:
    """code -> vote a profile must hold for one roll call: every raw row, and `absent` for each
    UN member admitted on or before the adoption date that has no raw row."""
    when = roll_calls()[number]["adopted"]
    out = {code: vote for (res, code), vote in raw_votes().items() if res == number}
    for code, joined in admitted().items():
        if joined <= when and code not in out:
            out[code] = "absent"
    return out


# --- the bundled store, read directly --------------------------------------------------------------


@cache
def profiles() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((BUNDLED / "countries").glob("*.toml")):
        with path.open("rb") as handle:
            out[path.stem] = tomllib.load(handle)
    return out


@cache
def resolutions() -> dict[str, dict[str, Any]]:
    with (BUNDLED / "resolutions.toml").open("rb") as handle:
        return {r["number"]: r for r in tomllib.load(handle)["resolutions"]}


def profile_votes(code: str) -> dict[str, dict[str, Any]]:
    return {v["resolution"]: v for v in profiles()[code].get("votes", [])}


@pytest.fixture(scope="module")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("minecli-cache")


@pytest.fixture(autouse=True)
def _one_cache_for_this_module(_shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests only read the bundled store: let them share minecli's derived index (in a
    temporary folder) instead of rebuilding it in each test's fresh HOME."""
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(_shared_cache))


def squeeze(text: str) -> str:
    """Text with every run of white space made one space (tables pad their columns)."""
    return " ".join(text.split())


# --- states and their treaty status ------------------------------------------------------------


def test_raw_tables_are_what_the_issue_describes() -> None:
    """The snapshot this file checks against: 197 states, 31 roll calls, 193 UN members."""
    statuses = Counter(r["status"] for r in status_rows().values())
    assert len(status_rows()) == 197
    assert statuses == {"state_party": 161, "not_party": 31, "withdrawn": 5}
    assert len(roll_calls()) == 31
    assert len(admitted()) == 193 and set(admitted()) <= set(status_rows())
    assert set(ccw_rows()) == set(status_rows())


def test_list_ids_are_the_states_of_the_status_table() -> None:
    result = run("list", "--format", "ids")
    assert result.code == 0, result
    codes = result.lines
    assert len(codes) == 197 == len(set(codes))
    assert set(codes) == set(status_rows())
    assert set(profiles()) == set(status_rows()), "one profile file per state, no more"


@pytest.mark.parametrize("status", ["state_party", "withdrawn", "not_party"])
def test_list_by_status_counted_through_a_pipe(status: str) -> None:
    expected = sorted(c for c, r in status_rows().items() if r["status"] == status)
    result = sh(f"minecli list --status {status} --format ids | wc -l")
    assert result.code == 0, result
    assert int(result.out.strip()) == len(expected)
    if status == "state_party":
        assert len(expected) == 161
    if status == "withdrawn":
        assert expected == ["EE", "FI", "LT", "LV", "PL"]
        listed = run("list", "--status", "withdrawn", "--format", "ids")
        assert sorted(listed.lines) == expected


def test_list_json_rows_carry_the_raw_status_and_dates() -> None:
    rows = run("list", "--format", "json").json()
    assert len(rows) == 197
    for row in rows:
        raw = status_rows()[row["code"]]
        assert row["name"] == raw["name"]
        assert row["status"] == raw["status"]
        for key in ("signed", "consent", "entry_into_force", "withdrawal_effective"):
            assert row[key] == (raw[key] or None), (row["code"], key)
        assert row["consent_type"] == (raw["consent_type"] or None), row["code"]


def test_every_profile_has_the_raw_treaty_status_and_dates() -> None:
    wrong = []
    for code, raw in status_rows().items():
        p = profiles()[code]
        treaty = p["treaty"]
        assert p["code"] == code and p["name"] == raw["name"]
        if treaty["status"] != raw["status"]:
            wrong.append((code, "status", treaty["status"], raw["status"]))
        for key in (*STATUS_DATES, "consent_type"):
            want = (day(raw[key]) if key != "consent_type" else raw[key]) or None
            if treaty.get(key) != want:
                wrong.append((code, key, treaty.get(key), want))
        # the depositary's snapshot of 3 February 2026; Poland's withdrawal of 20 February 2026
        as_of = dt.date(2026, 2, 20) if code == "PL" else dt.date(2026, 2, 3)
        if treaty.get("as_of") != as_of:
            wrong.append((code, "as_of", treaty.get("as_of"), as_of))
    assert wrong == []


def test_un_membership_dates_are_the_raw_ones() -> None:
    for code, p in profiles().items():
        if code in admitted():
            assert p["un_membership"]["admitted"] == admitted()[code], code
        else:  # the Cook Islands, Niue, Palestine, the Holy See: not UN members
            assert "admitted" not in p.get("un_membership", {}), code
    assert set(status_rows()) - set(admitted()) == {"CK", "NU", "PS", "VA"}


def test_every_profile_has_the_raw_ccw_status() -> None:
    wrong = []
    for code, raw in ccw_rows().items():
        ccw = profiles()[code]["ccw"]
        for instrument, column in CCW_COLUMNS.items():
            value = raw[column]
            entry = ccw[instrument]
            if (code, instrument) in {("CM", "protocol_ii"), ("DO", "protocol_ii")}:
                value = "unknown"  # data/raw/README.md: missing from the table of consents
            if value == "unknown":
                want = ("unknown", None)  # stays the string, never a boolean
            elif value:
                want = (True, day(value))
            else:
                want = (False, None)
            if (entry["party"], entry.get("since")) != want:
                wrong.append((code, instrument, entry["party"], entry.get("since"), want))
    assert wrong == []


@pytest.mark.parametrize("code", ["CM", "DO"])
def test_ccw_original_protocol_ii_of_cm_and_do_is_unknown(code: str) -> None:
    assert profiles()[code]["ccw"]["protocol_ii"]["party"] == "unknown"


# --- the roll calls ----------------------------------------------------------------------------


def test_every_raw_vote_row_is_in_its_profile() -> None:
    missing = []
    for (number, code), vote in raw_votes().items():
        entry = profile_votes(code).get(number)
        if entry is None or entry["vote"] != vote:
            missing.append((number, code, vote, entry and entry["vote"]))
    assert missing == []
    assert len(raw_votes()) == 4207 + 1293  # 1996-2019; 63/42 and 2020-2025


def test_every_cast_vote_in_the_profiles_has_a_raw_row() -> None:
    invented = []
    for code, p in profiles().items():
        for entry in p.get("votes", []):
            cast = entry["vote"] in ("yes", "no", "abstain")
            if cast and raw_votes().get((entry["resolution"], code)) != entry["vote"]:
                invented.append((code, entry["resolution"], entry["vote"]))
    assert invented == []


def test_absent_only_for_members_without_a_raw_row() -> None:
    wrong = []
    for code, p in profiles().items():
        for entry in p.get("votes", []):
            if entry["vote"] != "absent":
                continue
            number = entry["resolution"]
            joined = admitted().get(code)
            when = roll_calls()[number]["adopted"]
            if joined is None or joined > when or (number, code) in raw_votes():
                wrong.append((code, number, joined, when))
    assert wrong == []


@pytest.mark.parametrize("number", sorted(roll_calls()))
def test_profiles_hold_exactly_the_expected_roll_call(number: str) -> None:
    """Vote for vote: the raw rows, absent members, and nothing for states not yet members."""
    held = {code: v[number]["vote"] for code in profiles() if number in (v := profile_votes(code))}
    assert held == expected_roll_call(number)


@pytest.mark.parametrize(
    ("code", "joined"),
    [("SS", dt.date(2011, 7, 14)), ("ME", dt.date(2006, 6, 28)), ("TV", dt.date(2000, 9, 5))],
)
def test_states_not_yet_members_have_no_entry(code: str, joined: dt.date) -> None:
    assert admitted()[code] == joined
    held = profile_votes(code)
    before = [n for n, r in roll_calls().items() if r["adopted"] < joined]
    after = [n for n, r in roll_calls().items() if r["adopted"] >= joined]
    assert before, "the state joined after the first roll call"
    assert [n for n in before if n in held] == []
    assert sorted(held) == sorted(after), "a member from then on: a vote or absent on each"
    record = run("votes", code, "--format", "json").json()
    assert {r["resolution"] for r in record} == set(after)


def test_non_members_have_no_votes() -> None:
    for code in ("CK", "NU", "PS", "VA"):
        assert "votes" not in profiles()[code], code


def test_roll_calls_through_the_votes_command() -> None:
    """`votes --resolution R --format json` for every roll call: the same votes, vote for vote."""
    wrong = {}
    for number in roll_calls():
        result = run("votes", "--resolution", number, "--format", "json")
        assert result.code == 0, result
        rows = result.json()
        assert all(r["resolution"] == number for r in rows)
        assert len(rows) == len({r["code"] for r in rows}), "each state once"
        got = {r["code"]: r["vote"] for r in rows}
        if got != expected_roll_call(number):
            wrong[number] = set(got.items()) ^ set(expected_roll_call(number).items())
        for r in rows:
            assert r["name"] == status_rows()[r["code"]]["name"]
    assert wrong == {}


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_one_roll_call_in_the_tabular_formats(fmt: str) -> None:
    result = run("votes", "--resolution", "54/54B", "--format", fmt)
    assert result.code == 0, result
    _, rows = rows_of(fmt, result.out)
    assert {r["code"]: r["vote"] for r in rows} == expected_roll_call("54/54B")
    assert [r["code"] for r in rows if r["vote"] == "no"] == ["LB"], "the one no vote of 1996-2019"


def test_serbia_votes_before_june_2006_name_the_state_that_cast_them() -> None:
    record = run("votes", "RS", "--format", "json").json()
    assert record, "Serbia has a voting record"
    seen_fry = seen_scg = False
    for row in record:
        when = dt.date.fromisoformat(row["date"])
        note = row["note"] or ""
        if when < SCG_FROM:
            assert "Federal Republic of Yugoslavia" in note, row
            seen_fry = True
        elif when < SERBIA_FROM:
            assert "Serbia and Montenegro" in note, row
            seen_scg = True
        else:
            assert "Yugoslavia" not in note and "Montenegro" not in note, row
    assert seen_fry and seen_scg
    # The dataset's YU votes are Serbia's; the FRY was admitted on 1 November 2000.
    yu = {
        r["resolution"]: r["vote"]
        for r in read_csv("unga_votes_1996_2019.csv")
        if r["iso2"] == "YU"
    }
    assert yu and all(profile_votes("RS")[n]["vote"] == v for n, v in yu.items())
    assert "55/33V" not in yu and profile_votes("RS")["55/33V"]["vote"] == "absent"
    assert "54/54B" not in profile_votes("RS")


# --- resolutions.toml ----------------------------------------------------------------------------


def test_resolutions_are_the_31_roll_calls() -> None:
    assert set(resolutions()) == set(roll_calls())
    assert len(roll_calls()) == 31 and all(r["recorded"] is True for r in resolutions().values())


@pytest.mark.parametrize("number", sorted(roll_calls()))
def test_resolution_entry_matches_the_raw_roll_call(number: str) -> None:
    raw = roll_calls()[number]
    entry = resolutions()[number]
    counted = Counter(v for (res, _), v in raw_votes().items() if res == number)
    assert entry["recorded"] is True
    assert entry["session"] == int(raw["session"])
    if number in LATER:  # the counts the source printed are the announced tally (printed = lists)
        printed = [int(raw[f"announced_{k}"]) for k in ("yes", "no", "abstain")]
        assert [int(raw[k]) for k in ("yes", "no", "abstain")] == printed
        assert entry["announced"] == dict(zip(("yes", "no", "abstain"), printed, strict=True))
    else:
        assert entry["rcid"] == int(raw["rcid"])
    tally = entry["tally"]
    assert {k: tally[k] for k in ("yes", "no", "abstain")} == {
        k: counted.get(k, 0) for k in ("yes", "no", "abstain")
    }
    assert (int(raw["yes"]), int(raw["no"]), int(raw["abstain"])) == (
        tally["yes"],
        tally["no"],
        tally["abstain"],
    )
    assert tally["absent"] == sum(1 for v in expected_roll_call(number).values() if v == "absent")
    assert entry["date"] == raw["adopted"]
    if raw["corrected"]:
        assert entry["date"] != day(raw["date"])
        assert raw["date"] in entry["note"], "the note names the dataset's wrong date"
    if number in ("52/38A", "52/38H"):  # the UN Digital Library gives another date
        assert [r["date"] for r in entry["readings"]] == [dt.date(1997, 12, 9)]
    elif number not in LATER:  # every other date is confirmed by the UN Digital Library
        assert "ate confirmed by the UN Digital Library voting record" in entry["note"]
    assert "doubt" not in entry, "no date is left unchecked"
    if number == "66/29":
        assert entry["announced"] == {"yes": 162, "no": 0, "abstain": 18}
    elif number not in LATER:
        assert "announced" not in entry


def test_corrected_adoption_dates() -> None:
    corrected = {n: r["adopted"] for n, r in roll_calls().items() if r["corrected"]}
    assert corrected == {
        "51/45S": dt.date(1996, 12, 10),
        "53/77N": dt.date(1998, 12, 4),
        "54/54B": dt.date(1999, 12, 1),
        "55/33V": dt.date(2000, 11, 20),
        "56/24M": dt.date(2001, 11, 29),
        "57/74": dt.date(2002, 11, 22),
    }
    rows = {r["resolution"]: r for r in run("resolutions", "--format", "json").json()}
    for number, when in corrected.items():
        assert rows[number]["date"] == when.isoformat()


def test_resolutions_command_gives_tallies_and_the_announced_one() -> None:
    rows = {r["resolution"]: r for r in run("resolutions", "--format", "json").json()}
    assert set(rows) == set(resolutions())
    r = rows["66/29"]
    assert (r["announced_yes"], r["announced_no"], r["announced_abstain"]) == (162, 0, 18)
    assert (r["yes"], r["no"], r["abstain"]) == (162, 0, 18)
    r = rows["65/48"]
    assert (r["yes"], r["no"], r["abstain"], r["absent"]) == (165, 0, 17, 10)
    assert r["announced_yes"] is None
    r = rows["63/42"]
    assert r["recorded"] is True and (r["yes"], r["no"], r["abstain"], r["absent"]) == (
        163,
        0,
        18,
        11,
    )


def test_63_42_is_recorded_now_and_every_member_votes_on_it() -> None:
    extra = {r["resolution"]: r for r in read_csv("unga_resolutions_extra.csv") if r["resolution"]}
    entry = resolutions()["63/42"]
    assert entry["recorded"] is True and "doubt" not in entry
    assert entry["session"] == 63 and entry["date"] == day(extra["63/42"]["date"])
    members = [c for c, joined in admitted().items() if joined <= dt.date(2008, 12, 2)]
    assert len(members) == 192 and all("63/42" in profile_votes(c) for c in members)


@pytest.mark.parametrize("fmt", [*MACHINE, "ids"])
def test_votes_on_63_42_in_every_format(fmt: str) -> None:
    result = run("votes", "--resolution", "63/42", "--format", fmt)
    assert result.code == 0, result
    if fmt == "ids":
        codes = result.out.split()
    elif fmt == "jsonl":
        codes = [json.loads(line)["code"] for line in result.out.splitlines()]
    else:
        codes = [r["code"] for r in rows_of(fmt, result.out)[1]]
    assert sorted(codes) == sorted(expected_roll_call("63/42")) and len(codes) == 192
    assert "not recorded" not in result.err


# --- show: what a researcher needs --------------------------------------------------------------


def _show(code: str) -> tuple[dict[str, Any], str]:
    as_json = run("show", code, "--format", "json")
    table = run("show", code)
    assert as_json.code == 0 and table.code == 0, (as_json, table)
    return as_json.json(), squeeze(table.out)


def _record_summary(code: str) -> str:
    """ "N yes, M abstain, ..." as show prints it, counted from the expected roll calls."""
    counts = Counter(expected_roll_call(n).get(code) for n in roll_calls())
    return ", ".join(f"{counts[v]} {v}" for v in ("yes", "no", "abstain", "absent") if counts[v])


def _check_common(code: str, doc: dict[str, Any], table: str) -> None:
    raw = status_rows()[code]
    assert doc["code"] == code and doc["name"] == raw["name"]
    assert doc["treaty"]["status"] == raw["status"]
    for key in STATUS_DATES:
        assert doc["treaty"].get(key) == (raw[key] or None), key
    for instrument, column in CCW_COLUMNS.items():
        entry = doc["ccw"][instrument]
        value = ccw_rows()[code][column]
        assert entry["party"] == (bool(value)) and entry.get("since") == (value or None)
    votes = {v["resolution"]: v["vote"] for v in doc["votes"]}
    assert votes == {
        n: expected_roll_call(n)[code] for n in roll_calls() if code in expected_roll_call(n)
    }
    source_ids = {s["id"] for s in doc["sources"]}
    assert set(doc["treaty"]["sources"]) <= source_ids
    assert any(s.get("author") == "United Nations Treaty Collection" for s in doc["sources"])
    assert any("unvotes" in s["title"] for s in doc["sources"])
    assert any("A/RES/80/35" in s["title"] for s in doc["sources"])
    # the table
    assert f"{raw['name']} ({code})" in table
    assert f"UN member since {admitted()[code].isoformat()}" in table
    latest = expected_roll_call("80/35")[code]
    assert f"Latest recorded vote {latest} on 80/35 (2025-12-01)" in table
    assert "votes recorded for 31 resolutions, 1996-2025" in table
    assert f"record since 51/45S: {_record_summary(code)}" in table
    assert "CCW and its protocols" in table and "Sources" in table
    assert "United Nations Treaty Collection" in table
    assert "https://treaties.un.org/" in table


def test_show_kz() -> None:
    doc, table = _show("KZ")
    _check_common("KZ", doc, table)
    assert doc["treaty"]["status"] == "not_party" and "consent" not in doc["treaty"]
    assert doc["ccw"]["convention"] == {"party": True, "since": "2009-07-08", "sources": [2]}
    assert doc["ccw"]["protocol_v"]["party"] is False
    assert _record_summary("KZ") == "21 yes, 10 abstain"
    assert "Mine Ban Treaty not_party Not a State Party" in table
    assert "Convention on Conventional Weapons (CCW) yes 2009-07-08" in table
    assert "Amended Protocol II (1996) no" in table


def test_show_us() -> None:
    doc, table = _show("US")
    _check_common("US", doc, table)
    assert doc["treaty"]["status"] == "not_party"
    assert {i: e["since"] for i, e in doc["ccw"].items()} == {
        "convention": "1995-03-24",
        "protocol_ii": "1995-03-24",
        "amended_protocol_ii": "1999-05-24",
        "protocol_v": "2009-01-21",
    }
    assert _record_summary("US") == "2 yes, 29 abstain"
    assert doc["meetings"] == [
        {
            "meeting": "14MSP",
            "attended": True,
            "as": "observer",
            "sources": doc["meetings"][0]["sources"],
        }
    ]
    observer_source = [s for s in doc["sources"] if s["id"] in doc["meetings"][0]["sources"]]
    assert observer_source and "14MSP" in observer_source[0]["title"]
    assert "14MSP as observer" in table
    assert "Amended Protocol II (1996) yes 1999-05-24" in table


def test_show_pl_withdrawn() -> None:
    doc, table = _show("PL")
    _check_common("PL", doc, table)
    treaty = doc["treaty"]
    assert treaty["status"] == "withdrawn"
    assert treaty["consent"] == "2012-12-27" and treaty["entry_into_force"] == "2013-06-01"
    assert treaty["withdrawal_notified"] == "2025-08-20"
    assert treaty["withdrawal_effective"] == "2026-02-20"
    assert treaty["as_of"] == "2026-02-20"
    assert "news reports" in treaty["doubt"]
    media = [s for s in doc["sources"] if s.get("kind") == "media"]
    assert media and {s["id"] for s in media} <= set(treaty["sources"]), (
        "the news reports are cited"
    )
    assert "Mine Ban Treaty withdrawn Withdrawn" in table
    assert "Withdrawal notified 2025-08-20" in table
    assert "Withdrawal effective 2026-02-20" in table
    assert "Status as of 2026-02-20" in table
    assert "Doubt The withdrawal's effect" in table


def test_show_mh_joined_in_2025() -> None:
    doc, table = _show("MH")
    _check_common("MH", doc, table)
    treaty = doc["treaty"]
    assert treaty["status"] == "state_party"
    assert treaty["consent"] == "2025-03-12" and treaty["consent_type"] == "ratification"
    assert treaty["entry_into_force"] == "2025-09-01"
    assert "Mine Ban Treaty state_party State Party" in table
    assert "Ratification 2025-03-12" in table
    assert "Entry into force 2025-09-01" in table


# --- sources and check ---------------------------------------------------------------------------


def _cited(node: Any, path: str = "") -> list[tuple[str, int]]:
    """(fact path, id) of every `sources` list and [n] text marker outside the source list."""
    out: list[tuple[str, int]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and path != "":
                out.extend((path, i) for i in value)
            elif not (key == "sources" and path == ""):
                out.extend(_cited(value, f"{path}.{key}".lstrip(".")))
    elif isinstance(node, list):
        for i, value in enumerate(node, start=1):
            out.extend(_cited(value, f"{path}.{i}"))
    elif isinstance(node, str):
        out.extend((path, int(n)) for n in re.findall(r"\[(\d+)\]", node))
    return out


def test_every_cited_source_exists_in_its_profile() -> None:
    dangling = []
    for code, p in profiles().items():
        ids = [s["id"] for s in p.get("sources", [])]
        assert len(ids) == len(set(ids)), f"{code}: source ids are unique"
        for path, source_id in _cited(p):
            if source_id not in ids:
                dangling.append((code, path, source_id))
    assert dangling == []
    # every reference fact cites something
    for code, p in profiles().items():
        assert p["treaty"]["sources"], code
        assert all(e["sources"] for e in p["ccw"].values()), code
        assert all(v["sources"] for v in p.get("votes", [])), code


def test_check_passes_on_the_bundled_store_with_the_known_doubts() -> None:
    result = run("check", "--format", "json")
    assert result.code == 0, result
    findings = result.json()
    assert [f for f in findings if f["severity"] == "error"] == []
    doubts = {(f["file"], f["where"]) for f in findings if f["check"] == "doubts"}
    assert {
        ("countries/ME.toml", "treaty"),
        ("countries/PL.toml", "treaty"),
        ("countries/UA.toml", "treaty"),
        ("meetings.toml", "meetings.2RC"),
        ("meetings.toml", "meetings.IM2024"),
    } == doubts, "65/48's doubt is resolved; every unchecked date is now confirmed"
    assert all(f["severity"] == "warning" for f in findings)
    assert "0 error(s)" in result.err and "197 profile(s)" in result.err
    # no tally disagreement between the profiles and resolutions.toml
    assert [f for f in findings if f["check"] == "tallies"] == []


def test_check_on_the_bundled_store_warns_only_of_doubts_and_disagreements() -> None:
    findings = run("check", "--format", "json").json()
    others = [(f["file"], f["where"]) for f in findings if f["check"] != "doubts"]
    assert sorted(others) == [
        ("countries/CD.toml", "votes.52/38A"),
        ("countries/CD.toml", "votes.53/77N"),
        ("countries/CG.toml", "votes.52/38A"),
        ("countries/CG.toml", "votes.53/77N"),
        ("countries/UZ.toml", "votes.53/77N"),
        ("countries/ZW.toml", "votes.71/34"),
        ("resolutions.toml", "resolutions.52/38A"),
        ("resolutions.toml", "resolutions.52/38H"),
    ]
    assert {f["check"] for f in findings if f["check"] != "doubts"} == {"disagreements"}
