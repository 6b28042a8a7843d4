"""votes: a resolution's roll call (--resolution) and states' voting records; resolutions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .helpers import BUNDLED, SIX, assert_error, run


def roll_call(*args: str, store: Path | None = None) -> list[dict]:
    result = run(*(["--store", str(store)] if store else []), "votes", *args, "--format", "json")
    assert result.code == 0, result
    return result.json()


# --- roll calls -------------------------------------------------------------------------------


def test_roll_call_lists_every_state_once(small_store: Path) -> None:
    rows = roll_call("--resolution", "65/48", store=small_store)
    assert sorted(r["code"] for r in rows) == list(SIX)
    assert {r["vote"] for r in rows if r["code"] != "UZ"} == {"yes"}
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows), "sorted by name"
    assert all(r["resolution"] == "65/48" for r in rows)


def test_roll_call_in_the_bundled_store() -> None:
    rows = roll_call("--resolution", "65/48")
    votes = {r["code"]: r["vote"] for r in rows}
    assert len(votes) == len(rows), "each state once"
    assert votes["UZ"] == "abstain"
    assert votes["TM"] == "yes"
    assert set(SIX) <= set(votes)
    # Every member of 2010 is in the roll call: as many rows as the tally counts votes.
    [res] = run("resolutions", "65/48", "--format", "json").json()
    assert len(rows) == res["yes"] + res["no"] + res["abstain"] + res["absent"]


def test_vote_filter_keeps_only_that_vote(small_store: Path) -> None:
    rows = roll_call("--resolution", "65/48", "--vote", "abstain", store=small_store)
    assert [(r["code"], r["vote"]) for r in rows] == [("UZ", "abstain")]
    rows = roll_call("--resolution", "65/48", "--vote", "yes", store=small_store)
    assert "TM" in {r["code"] for r in rows} and "UZ" not in {r["code"] for r in rows}
    ids = run("--store", str(small_store), "votes", "-r", "65/48", "--vote", "abstain", "-f", "ids")
    assert ids.lines == ["UZ"]


def test_roll_call_limited_to_named_states(small_store: Path) -> None:
    rows = roll_call("--resolution", "65/48", "uzbekistan", "TM", store=small_store)
    assert sorted((r["code"], r["vote"]) for r in rows) == [("TM", "yes"), ("UZ", "abstain")]


@pytest.mark.parametrize("symbol", ["A/RES/65/48", "a/res/65/48", " 65/48 ", "65 / 48"])
def test_resolution_symbols_are_accepted(small_store: Path, symbol: str) -> None:
    store = ("--store", str(small_store))
    expected = run(*store, "votes", "-r", "65/48", "-f", "csv")
    assert expected.code == 0 and len(expected.lines) == len(SIX) + 1
    assert run(*store, "votes", "-r", symbol, "-f", "csv").out == expected.out


def test_session_letter_is_case_insensitive() -> None:
    rows = roll_call("-r", "51/45 s", "UZ")
    assert [(r["resolution"], r["vote"]) for r in rows] == [("51/45S", "yes")]


def test_unknown_resolution_is_not_found() -> None:  # reads only resolutions.toml
    assert_error(run("votes", "--resolution", "99/99"), 1, "unknown resolution '99/99'")
    line = assert_error(run("votes", "--resolution", "65/4"), 1, "unknown resolution")
    assert "did you mean 65/48" in line


def test_table_caption_gives_the_roll_call_tally(small_store: Path) -> None:
    """The table shows resolutions.toml's tally of the full roll call: 165 yes, 0 no, 17 abstain."""
    out = run("--store", str(small_store), "votes", "--resolution", "65/48").err
    assert "Resolution 65/48 (2010-12-08)" in out
    caption = " ".join(out.split())
    assert "roll call: 165-0-17" in caption
    assert "5 yes, 0 no, 1 abstain, 0 absent (counted in this store)" in caption


def test_unrecorded_resolution_has_no_votes(small_store: Path) -> None:
    """81/40 has recorded = false: no rows, a note on stderr, success."""
    result = run("--store", str(small_store), "votes", "--resolution", "81/40", "--format", "json")
    assert result.code == 0
    assert result.json() == []
    assert result.err.startswith("81/40: ")
    assert len(result.err_lines) == 1


def test_bad_vote_value_is_a_usage_error() -> None:
    assert_error(
        run("votes", "-r", "65/48", "--vote", "maybe"), 2, "'--vote'", "'maybe' is not one of"
    )


def test_votes_needs_a_resolution_or_a_state() -> None:
    assert_error(run("votes"), 2, "name a resolution")


# --- voting records ---------------------------------------------------------------------------


def test_voting_record_is_oldest_first() -> None:
    rows = roll_call("UZ")
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    assert dates == sorted(dates)
    assert [r["session"] for r in rows] == sorted(r["session"] for r in rows)
    assert rows[0]["resolution"] == "51/45S" and rows[0]["vote"] == "yes"
    record = {r["resolution"]: r for r in rows}
    assert record["65/48"]["vote"] == "abstain"
    assert record["65/48"]["date"] == "2010-12-08"
    assert record["63/42"]["vote"] == "abstain" and record["80/35"]["vote"] == "abstain"
    assert len(rows) == 31 and rows[-1]["resolution"] == "80/35"
    assert all(r["code"] == "UZ" for r in rows)
    assert all(isinstance(r["sources"], list) and r["sources"] for r in rows)


def test_voting_record_vote_filter() -> None:
    rows = roll_call("UZ", "--vote", "absent")
    assert {"56/24M", "73/61"} <= {r["resolution"] for r in rows}
    assert {r["vote"] for r in rows} == {"absent"}


def test_voting_records_of_several_states_in_argument_order() -> None:
    rows = roll_call("TM", "UZ")
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes, key=["TM", "UZ"].index), "TM's record, then UZ's"
    assert {"TM", "UZ"} == set(codes)


def test_voting_record_table_names_the_state() -> None:
    result = run("votes", "UZ")
    assert result.err.startswith("Voting record: UZ")
    assert "65/48" in result.out and "abstain" in result.out


def test_unknown_state_in_votes(small_store: Path) -> None:
    assert_error(
        run("--store", str(small_store), "votes", "uzbekistn"), 1, "did you mean Uzbekistan?"
    )


# --- resolutions ------------------------------------------------------------------------------


def resolutions(*args: str) -> dict[str, dict]:
    result = run("resolutions", *args, "--format", "json")
    assert result.code == 0, result
    return {r["resolution"]: r for r in result.json()}


def test_resolution_tallies() -> None:
    res = resolutions()
    r = res["65/48"]
    assert (r["yes"], r["no"], r["abstain"]) == (165, 0, 17)
    assert r["session"] == 65 and r["date"] == "2010-12-08" and r["recorded"] is True
    r = res["63/42"]  # recorded since the UN Digital Library's roll call came in (issue 9)
    assert (r["yes"], r["no"], r["abstain"], r["recorded"]) == (163, 0, 18, True)


def test_an_unrecorded_resolution_has_no_tally(small_store: Path) -> None:
    result = run("--store", str(small_store), "resolutions", "--format", "json")
    unrecorded = {r["resolution"]: r for r in result.json()}["81/40"]
    assert unrecorded["recorded"] is False
    assert (unrecorded["yes"], unrecorded["no"], unrecorded["abstain"]) == (None, None, None)


def test_roll_calls_add_up_to_the_recorded_tallies() -> None:
    """Data integrity of the bundled store, which holds every UN member: for each recorded
    resolution, the votes in the profiles are the tally in resolutions.toml."""
    from collections import Counter

    from minecli.errors import InvalidData
    from minecli.store import Store

    counted: dict[str, Counter] = {}
    for profile in Store(BUNDLED, "bundled").iter_profiles():
        assert not isinstance(profile, InvalidData), profile
        for vote in profile.get("votes", []):
            counted.setdefault(vote["resolution"], Counter())[vote["vote"]] += 1
    for number, row in resolutions().items():
        got = counted.get(number, Counter())
        if row["recorded"]:
            assert (got["yes"], got["no"], got["abstain"], got["absent"]) == (
                row["yes"],
                row["no"],
                row["abstain"],
                row["absent"],
            ), number
        else:
            assert not got, f"{number} has no recorded roll call, yet profiles vote on it"


def test_resolutions_are_in_date_order() -> None:
    rows = run("resolutions", "-f", "json").json()
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    assert dates == sorted(dates)


def test_resolutions_filter_by_number() -> None:
    assert list(resolutions("65/48", "A/RES/63/42")) == ["63/42", "65/48"]


def test_unknown_resolution_in_resolutions() -> None:
    assert_error(run("resolutions", "12/12"), 1, "unknown resolution '12/12'")
