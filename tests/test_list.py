"""list: one row per state and its filters (--status, --vote RES=VOTE, --ccw / --no-ccw).

Filters are checked on the fixed six-state store, whose answers are known in full; the bundled
store is used only for facts about named states.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SIX, assert_error, run


@pytest.fixture
def codes(small_store: Path):
    def listed(*args: str) -> list[str]:
        result = run("--store", str(small_store), "list", *args, "--format", "ids")
        assert result.code == 0, result
        assert result.err == ""
        return result.lines

    return listed


def test_list_every_state_by_code(codes) -> None:
    assert codes() == list(SIX)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "not_party"], ["KG", "KZ", "UZ"]),
        (["--status", "state_party"], ["AF", "TJ", "TM"]),
        (["-s", "not_party", "-s", "state_party"], list(SIX)),
        (["--status", "withdrawn"], []),
        (["--vote", "65/48=abstain"], ["UZ"]),
        (["--vote", "65/48=yes"], ["AF", "KG", "KZ", "TJ", "TM"]),
        (["--vote", "A/RES/65/48=abstain"], ["UZ"]),
        (["--vote", "81/40=yes"], []),
        (["--vote", "55/33V=abstain", "--vote", "56/24M=absent"], ["KG", "UZ"]),
        (["--ccw"], ["AF", "KZ", "TJ", "TM", "UZ"]),
        (["--no-ccw"], ["KG"]),
        (["--status", "not_party", "--ccw"], ["KZ", "UZ"]),
        (["--status", "not_party", "--no-ccw"], ["KG"]),
        (["--status", "not_party", "--vote", "65/48=yes"], ["KG", "KZ"]),
        (["--vote", "65/48=abstain", "--no-ccw"], []),
        (["--status", "state_party", "--vote", "65/48=yes", "--ccw"], ["AF", "TJ", "TM"]),
        (
            [
                "--status",
                "not_party",
                "--ccw",
                "--vote",
                "55/33V=abstain",
                "--vote",
                "56/24M=absent",
            ],
            ["UZ"],
        ),
    ],
)
def test_filters(codes, args: list[str], expected: list[str]) -> None:
    assert codes(*args) == expected


def test_filters_in_the_bundled_store() -> None:
    result = run("list", "--status", "not_party", "--vote", "65/48=abstain", "--ccw", "-f", "json")
    rows = {r["code"]: r for r in result.json()}
    assert "UZ" in rows and "TM" not in rows and "KG" not in rows
    assert all(r["status"] == "not_party" and r["ccw"] is True for r in rows.values())


def test_list_rows(small_store: Path) -> None:
    rows = {r["code"]: r for r in run("--store", str(small_store), "list", "-f", "json").json()}
    tm, uz = rows["TM"], rows["UZ"]
    assert (tm["status"], tm["signed"], tm["consent"], tm["consent_type"]) == (
        "state_party",
        "1997-12-03",
        "1998-01-19",
        "ratification",
    )
    assert tm["entry_into_force"] == "1999-03-01"
    assert (uz["status"], uz["signed"], uz["consent"], uz["ccw"]) == ("not_party", None, None, True)
    assert rows["KG"]["ccw"] is False
    assert uz["latest_vote"] in ("yes", "no", "abstain", "absent")
    assert list(rows) == sorted(rows), "by code"


def test_empty_list_table(small_store: Path) -> None:
    result = run("--store", str(small_store), "list", "--status", "withdrawn")
    assert result.code == 0
    assert result.out == "" and "no rows" in result.err  # piped: data only


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--status", "bogus"], "'bogus' is not one of 'state_party'"),
        (["--status", "Not_Party"], "'Not_Party' is not one of"),
        (["--vote", "65/48"], "--vote takes <RES=VOTE>"),
        (["--vote", "65/48:abstain"], "--vote takes <RES=VOTE>"),
        (["--vote", "65/48=maybe"], "with a vote of yes, no, abstain, absent"),
        (["--vote", "65/48="], "with a vote of yes, no, abstain, absent"),
    ],
)
def test_bad_filters_are_usage_errors(args: list[str], needle: str) -> None:
    assert_error(run("list", *args), 2, needle)  # refused before any profile is read


def test_vote_filter_on_an_unknown_resolution_is_not_found() -> None:
    assert_error(run("list", "--vote", "99/1=yes"), 1, "unknown resolution '99/1'")
