"""import-status: treaty status and dates from a file in the layout of data/raw/mbt_status.csv.

Run on a copy of data/store with a copy of the raw table, as a researcher would after reading a
newer UN Treaty Collection page. "Unchanged" is checked byte for byte over every file of the
store (the store's write lock, `.minecli.lock`, left aside).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .helpers import BUNDLED, REPO, assert_error, cli, run
from .write_support import snapshot as digest

RAW_STATUS = REPO / "data" / "raw" / "mbt_status.csv"
AS_OF = "2026-03-01"


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def status_table() -> tuple[list[str], list[dict[str, str]]]:
    with RAW_STATUS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, fields: list[str], rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def line_of(rows: list[dict[str, str]], code: str) -> int:
    """The file line of a state's row (the header is line 1)."""
    return next(i for i, r in enumerate(rows) if r["iso2"] == code) + 2


def edited(path: Path, **changes: dict[str, str]) -> Path:
    """A copy of mbt_status.csv with some states' columns changed."""
    fields, rows = status_table()
    for r in rows:
        r.update(changes.get(r["iso2"], {}))
    return write_table(path, fields, rows)


AE_JOINS = {
    "status": "state_party",
    "consent": "2026-02-10",
    "consent_type": "accession",
    "entry_into_force": "2026-08-01",
}


def imp(store: Path, *args: str):
    return run("--store", str(store), "import-status", *map(str, args))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "store"))


# --- an unchanged table ------------------------------------------------------------------------


def test_an_unchanged_table_dates_every_status_it_covers(store: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copy(RAW_STATUS, tmp_path / "mbt_status.csv"))
    old = {p.stem: load(p) for p in (store / "countries").glob("*.toml")}
    result = imp(store, copy, "--as-of", AS_OF)
    assert result.code == 0, result
    assert result.out == ""
    assert "197 rows: 0 added, 0 changed, 197 unchanged" in result.err
    assert "Wrote 197 file(s)" in result.err
    for code, before in old.items():
        after = load(store / "countries" / f"{code}.toml")
        treaty = after["treaty"]
        assert treaty["as_of"] == dt.date(2026, 3, 1), code
        held = {k: v for k, v in before["treaty"].items() if k not in ("as_of", "sources")}
        assert {k: v for k, v in treaty.items() if k not in ("as_of", "sources")} == held
        assert treaty["sources"][:-1] == before["treaty"]["sources"], "what backed it stays"
        read = next(s for s in after["sources"] if s["id"] == treaty["sources"][-1])
        assert read["date"] == dt.date(2026, 3, 1)
    again = digest(store)
    assert imp(store, copy, "--as-of", AS_OF).code == 0
    assert digest(store) == again, "the same file read on the same day changes nothing"


# --- one row edited ----------------------------------------------------------------------------


def test_one_state_joins(store: Path, tmp_path: Path) -> None:
    table = edited(tmp_path / "untc-2026-03.csv", AE=AE_JOINS)
    before = digest(store)
    old = load(store / "countries" / "AE.toml")
    result = imp(store, table, "--as-of", AS_OF)
    assert result.code == 0, result
    assert "197 rows: 0 added, 1 changed, 196 unchanged" in result.err
    assert "Wrote 197 file(s)" in result.err, "every status covered is read again"
    after = digest(store)
    assert set(after) == set(before)

    new = load(store / "countries" / "AE.toml")
    treaty = new["treaty"]
    assert treaty["status"] == "state_party"
    assert treaty["consent"] == dt.date(2026, 2, 10)
    assert treaty["consent_type"] == "accession"
    assert treaty["entry_into_force"] == dt.date(2026, 8, 1)
    assert treaty["as_of"] == dt.date(2026, 3, 1), "--as-of is recorded"
    assert "signed" not in treaty
    # a source is cited, exists in the profile, and is the row's UN Treaty Collection page
    ids = {s["id"]: s for s in new["sources"]}
    assert treaty["sources"] and set(treaty["sources"]) <= set(ids)
    row_url = next(r for r in status_table()[1] if r["iso2"] == "AE")["source"].split(";")[0]
    assert any(ids[i].get("url") == row_url for i in treaty["sources"])
    assert treaty["sources"] == [len(old["sources"]) + 1], "the old status's sources went"
    # nothing else in the profile moved but its date; the sources it had keep their ids
    assert new["updated"] == dt.date.today()
    assert {k: v for k, v in new.items() if k not in ("treaty", "sources", "updated")} == {
        k: v for k, v in old.items() if k not in ("treaty", "sources", "updated")
    }
    assert new["sources"][: len(old["sources"])] == old["sources"]

    shown = run("--store", str(store), "show", "AE", "--format", "json").json()
    assert shown["treaty"]["status"] == "state_party" and shown["treaty"]["as_of"] == AS_OF
    listed = run("--store", str(store), "list", "--status", "state_party", "--format", "ids").lines
    assert "AE" in listed and len(listed) == 162
    assert run("--store", str(store), "check", "AE", "--errors-only").code == 0


def test_imported_status_is_cited_to_a_record_of_its_date(store: Path, tmp_path: Path) -> None:
    table = edited(tmp_path / "untc-2026-03.csv", AE=AE_JOINS)
    assert imp(store, table, "--as-of", AS_OF).code == 0
    new = load(store / "countries" / "AE.toml")
    ids = {s["id"]: s for s in new["sources"]}
    assert any(ids[i].get("date") == dt.date(2026, 3, 1) for i in new["treaty"]["sources"])


def test_withdrawal_recorded(store: Path, tmp_path: Path) -> None:
    """A later table: Ukraine's withdrawal notified (a made-up date, for the test)."""
    table = edited(
        tmp_path / "untc.csv",
        UA={
            "status": "withdrawn",
            "withdrawal_notified": "2026-02-25",
            "withdrawal_effective": "2026-08-25",
        },
    )
    result = imp(store, table, "--as-of", AS_OF)
    assert result.code == 0, result
    treaty = load(store / "countries" / "UA.toml")["treaty"]
    assert treaty["status"] == "withdrawn"
    assert treaty["withdrawal_notified"] == dt.date(2026, 2, 25)
    assert treaty["withdrawal_effective"] == dt.date(2026, 8, 25)
    assert treaty["consent"] == dt.date(2005, 12, 27), "the other dates are kept from the row"
    rows = run("--store", str(store), "list", "--status", "withdrawn", "--format", "ids").lines
    assert sorted(rows) == ["EE", "FI", "LT", "LV", "PL", "UA"]


# --- bad rows: exit 1, line numbers, nothing changed ---------------------------------------------


def _bad(
    kind: str, rows: list[dict[str, str]], fields: list[str]
) -> tuple[list[dict[str, str]], list[str]]:
    uz, af = line_of(rows, "UZ"), line_of(rows, "AF")
    if kind == "status":
        next(r for r in rows if r["iso2"] == "UZ")["status"] = "party"
        return rows, [f"line {uz}", "'party'"]
    if kind == "date":
        next(r for r in rows if r["iso2"] == "AF")["consent"] = "2002-09-31"
        return rows, [f"line {af}", "'2002-09-31'"]
    if kind == "unknown-iso2":
        return [*rows, {**rows[0], "iso2": "ZY", "name": "Nowhere"}], [
            f"line {len(rows) + 2}",
            "'ZY'",
        ]
    if kind == "duplicate":
        twin = next(r for r in rows if r["iso2"] == "UZ")
        return [*rows, dict(twin)], [f"line {len(rows) + 2}", "UZ", "twice"]
    if kind == "two-problems":
        next(r for r in rows if r["iso2"] == "UZ")["status"] = "party"
        next(r for r in rows if r["iso2"] == "AF")["consent_type"] = "accesion"
        return rows, [f"line {uz}", "'party'", f"line {af}", "'accesion'"]
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["status", "date", "unknown-iso2", "duplicate", "two-problems"])
def test_bad_rows_change_nothing(store: Path, tmp_path: Path, kind: str) -> None:
    fields, rows = status_table()
    rows, needles = _bad(kind, rows, fields)
    table = write_table(tmp_path / "bad.csv", fields, rows)
    before = digest(store)
    line = assert_error(imp(store, table, "--as-of", AS_OF), 1, *needles)
    assert "bad.csv" in line
    assert digest(store) == before


def test_bad_row_in_a_real_process(store: Path, tmp_path: Path) -> None:
    fields, rows = status_table()
    rows, needles = _bad("status", rows, fields)
    table = write_table(tmp_path / "bad.csv", fields, rows)
    before = digest(store)
    assert_error(cli("--store", str(store), "import-status", str(table)), 1, *needles)
    assert digest(store) == before


def test_wrong_columns(store: Path, tmp_path: Path) -> None:
    table = tmp_path / "votes.csv"
    table.write_text("code,vote\nUZ,yes\n", encoding="utf-8")
    before = digest(store)
    assert_error(imp(store, table), 1, "iso2")
    assert digest(store) == before


def test_partial_as_of_is_a_usage_error(store: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copy(RAW_STATUS, tmp_path / "mbt_status.csv"))
    before = digest(store)
    assert_error(imp(store, copy, "--as-of", "2026-03"), 2, "--as-of", "2026-03")
    assert digest(store) == before


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30"])
def test_impossible_as_of_is_a_usage_error(store: Path, tmp_path: Path, value: str) -> None:
    copy = Path(shutil.copy(RAW_STATUS, tmp_path / "mbt_status.csv"))
    before = digest(store)
    result = cli("--store", str(store), "import-status", str(copy), "--as-of", value)
    assert_error(result, 2, value)
    assert digest(store) == before


# --- --dry-run and the bundled store -------------------------------------------------------------


def test_dry_run_prints_the_diff_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    table = edited(tmp_path / "untc-2026-03.csv", AE=AE_JOINS)
    before = digest(store)
    result = imp(store, table, "--as-of", AS_OF, "--dry-run")
    assert result.code == 0, result
    assert result.out.count("+++ ") == 197, "every profile the file covers would change"
    start = result.out.index("--- a/countries/AE.toml\n+++ b/countries/AE.toml\n")
    out = result.out[start : result.out.index("--- a/countries/AF.toml")]
    for line in (
        '-status = "not_party"',
        '+status = "state_party"',
        "+consent = 2026-02-10",
        '+consent_type = "accession"',
        "+entry_into_force = 2026-08-01",
        "-as_of = 2026-02-03",
        "+as_of = 2026-03-01",
    ):
        assert line in out.splitlines(), line
    assert "Dry run: 197 file(s) would change; nothing was written" in result.err
    assert "0 added, 1 changed, 196 unchanged" in result.err
    assert digest(store) == before


def test_bundled_store_is_read_only(tmp_path: Path) -> None:
    copy = Path(shutil.copy(RAW_STATUS, tmp_path / "mbt_status.csv"))
    before = digest(BUNDLED)
    assert_error(run("import-status", str(copy)), 1, "minecli init")
    assert digest(BUNDLED) == before


# --- one rule for what a status needs, shared with check -----------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            {"status": "withdrawn", "withdrawal_notified": "2026-02-25"},
            "the date withdrawal took effect",
        ),
        (
            {"status": "withdrawn", "withdrawal_effective": "2026-08-25"},
            "the date withdrawal was notified",
        ),
        ({"status": "state_party", "consent": "", "entry_into_force": ""}, "a consent date"),
    ],
    ids=["withdrawn-without-effect", "withdrawn-without-notice", "party-without-consent"],
)
def test_a_row_that_check_would_reject_is_refused(
    store: Path, tmp_path: Path, change: dict, words: str
) -> None:
    before = digest(store)
    result = imp(store, edited(tmp_path / "untc.csv", UA=change), "--as-of", AS_OF)
    assert_error(result, 1, "line", words)
    assert digest(store) == before


def test_every_import_that_succeeds_passes_check(store: Path, tmp_path: Path) -> None:
    table = edited(
        tmp_path / "untc.csv",
        UA={
            "status": "withdrawn",
            "withdrawal_notified": "2026-02-25",
            "withdrawal_effective": "2026-08-25",
        },
        UZ={"status": "signatory", "signed": "2026-03-01"},
    )
    assert imp(store, table, "--as-of", AS_OF).code == 0
    checked = run("--store", str(store), "check", "--errors-only", "--format", "json")
    assert checked.code == 0 and checked.json() == [], checked
