"""import-votes on the UN's machine-readable resolutions (one JSON object per resolution, an
array of them, or JSON lines). The fixtures are made here: a made-up resolution 81/99 voted by
a few states under the names the UN prints, everyone else unlisted (so absent)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from minecli.importers.unxml_json import adoption_date, objects

from .helpers import BUNDLED, assert_error, cli, run
from .write_support import snapshot

YES = ["UZBEKISTAN", "TÜRKİYE", "NETHERLANDS (KINGDOM OF THE)", "COTE D'IVOIRE", "kazakhstan  "]
NO = ["RUSSIAN FEDERATION"]
ABSTAIN = ["ESTONIA", "CÔTE D'IVOIRE DU NORD"]  # the second is no member: tests replace it


def resolution(number: str = "81/99", **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "symbol": f"A/RES/{number}",
        "resolution_number": f"{number}.",
        "title": "Implementation of the Convention (test)",
        "session": "Eighty-first session",
        "adoption_meeting": "50th plenary meeting",
        "adoption_date": "3\u00a0December 2026",
        "originating_document": "A/81/500, para. 9",
        "pv": "A/81/PV.50",
        "sponsors": ["Norway", "Chile "],
        "MS_in_favour": YES,
        "MS_against": NO,
        "MS_abstaining": ["ESTONIA"],
        "MS_in_favour_count": "5",
        "MS_against_count": "1",
        "MS_abstaining_count": "1",
    }
    item.update(changes)
    return item


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "store"))


def write(path: Path, value: Any, *, lines: bool = False) -> Path:
    items = value if isinstance(value, list) else [value]
    text = (
        "\n".join(json.dumps(x, ensure_ascii=False) for x in items) if lines else json.dumps(value)
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path


def imp(store: Path, *args: str):
    return run("--store", str(store), "import-votes", *args)


def votes(store: Path, number: str = "81/99") -> dict[str, dict]:
    result = run("--store", str(store), "votes", "-r", number, "--format", "json")
    assert result.code == 0, result
    return {r["code"]: r for r in result.json()}


def test_a_resolution_object_is_imported(store: Path, tmp_path: Path) -> None:
    result = imp(store, str(write(tmp_path / "r.json", resolution())))
    assert result.code == 0, result
    assert "81/99: 193 added" in result.err
    got = votes(store)
    assert {c for c, r in got.items() if r["vote"] == "yes"} == {"UZ", "TR", "NL", "CI", "KZ"}
    assert got["RU"]["vote"] == "no" and got["EE"]["vote"] == "abstain"
    assert got["AF"]["vote"] == "absent" and "derived" in got["AF"]["note"]
    assert "PS" not in got and "VA" not in got, "a state that is no UN member is not absent"
    [row] = run("--store", str(store), "resolutions", "81/99", "--format", "json").json()
    assert (row["yes"], row["no"], row["abstain"], row["absent"]) == (5, 1, 1, 186)
    assert (row["announced_yes"], row["announced_no"], row["announced_abstain"]) == (5, 1, 1)
    assert row["date"] == "2026-12-03" and row["session"] == 81
    text = (store / "resolutions.toml").read_text(encoding="utf-8")
    assert 'meeting = "A/81/PV.50"' in text and 'report = "A/81/500"' in text
    assert 'sponsors = ["Norway", "Chile"]' in text
    assert run("--store", str(store), "check", "--errors-only").code == 0
    sources = run("--store", str(store), "sources", "UZ", "--format", "json").json()
    cited = [s for s in sources if "votes.81/99" in s["cited_by"]]
    assert len(cited) == 1 and "A/RES/81/99" in cited[0]["title"]


def test_a_second_import_changes_nothing_and_says_so(store: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "r.json", resolution())
    assert imp(store, str(path)).code == 0
    before = snapshot(store)
    again = imp(store, str(path))
    assert again.code == 0 and "nothing changed" in again.err
    assert snapshot(store) == before


def test_dry_run_prints_the_diff_and_writes_nothing(store: Path, tmp_path: Path) -> None:
    before = snapshot(store)
    result = imp(store, str(write(tmp_path / "r.json", resolution())), "--dry-run")
    assert result.code == 0
    assert '+resolution = "81/99"' in result.out and "b/countries/UZ.toml" in result.out
    assert snapshot(store) == before


@pytest.mark.parametrize("lines", [False, True], ids=["array", "json-lines"])
def test_a_session_file_needs_the_resolution_named(
    store: Path, tmp_path: Path, lines: bool
) -> None:
    items = [resolution("81/98", MS_in_favour=["UZBEKISTAN"]), resolution()]
    path = write(tmp_path / "session.json", items, lines=lines)
    assert_error(imp(store, str(path)), 2, "2 resolutions", "--resolution")
    assert imp(store, str(path), "--resolution", "81/98").code == 0
    assert votes(store, "81/98")["UZ"]["vote"] == "yes"
    assert_error(imp(store, str(path), "-r", "81/97"), 1, "no resolution 81/97")


def test_standard_input_through_a_real_pipe(store: Path) -> None:
    text = json.dumps(resolution(), ensure_ascii=False)
    result = cli("--store", str(store), "import-votes", "-", input=text)
    assert result.code == 0, result
    assert votes(store)["TR"]["vote"] == "yes"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"MS_abstaining": ABSTAIN}, "CÔTE D'IVOIRE DU NORD"),
        ({"MS_against": ["RUSSIAN FEDERATION", "UZBEKISTAN"]}, "UZ"),
        ({"adoption_date": "31 Smarch 2026"}, "Smarch"),
        ({"adoption_date": "2026-02-30 00:00:00"}, "2026-02-30"),
        ({"symbol": "A/RES/nothing"}, "nothing"),
        ({"MS_in_favour": "UZBEKISTAN"}, "MS_in_favour"),
    ],
    ids=["unknown-name", "named-twice", "bad-month", "impossible-day", "bad-symbol", "not-a-list"],
)
def test_bad_entries_change_nothing(store: Path, tmp_path: Path, changes: dict, named: str) -> None:
    before = snapshot(store)
    result = imp(store, str(write(tmp_path / "r.json", resolution(**changes))))
    assert_error(result, 1, named)
    assert snapshot(store) == before


def test_text_that_is_not_json_objects(store: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"symbol": "A/RES/81/99"\n[1, 2]\n', encoding="utf-8")
    assert_error(imp(store, str(tmp_path / "bad.json")), 1, "bad.json", "not JSON")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    assert_error(imp(store, str(tmp_path / "list.json")), 1, "expected JSON objects")


def test_printed_counts_not_available_count_as_none_cast(store: Path, tmp_path: Path) -> None:
    item = resolution(MS_against=[], MS_against_count="N.A.", MS_in_favour_count="6")
    result = imp(store, str(write(tmp_path / "r.json", item)))
    assert result.code == 0, result
    assert "total columns say 6-0-1" in result.err, "a printed count that disagrees is a warning"
    [row] = run("--store", str(store), "resolutions", "81/99", "--format", "json").json()
    assert (row["announced_yes"], row["announced_no"]) == (6, 0)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("7 December 2020", (2020, 12, 7)),
        ("2\u00a0December 2024", (2024, 12, 2)),
        ("2019-12-12 00:00:00", (2019, 12, 12)),
        ("2019-12-12", (2019, 12, 12)),
        ("December 7, 2020", None),
        ("30 February 2020", None),
        ("", None),
    ],
)
def test_adoption_dates_in_both_forms(text: str, day: tuple | None) -> None:
    got = adoption_date(text)
    assert (got.timetuple()[:3] if got else None) == day


def test_the_three_shapes_of_a_file() -> None:
    one = {"symbol": "A/RES/1/1"}
    assert objects(json.dumps(one), "f") == [one]
    assert objects(json.dumps([one, one]), "f") == [one, one]
    assert objects(json.dumps(one) + "\n\n" + json.dumps(one) + "\n", "f") == [one, one]
