"""import: an export read back into a store, empty or not; the round trip is exact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from minecli.importers.json_export import profile as revived
from minecli.importers.json_export import read

from .helpers import BUNDLED, assert_error, cli, run, sh
from .write_support import snapshot


@pytest.fixture
def store(tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(BUNDLED, target)
    return target


def test_export_import_export_is_exact_and_the_toml_is_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    assert cli("--store", str(BUNDLED), "export", "--out", str(first)).code == 0
    empty = tmp_path / "empty"
    result = cli("--store", str(empty), "import", str(first))
    assert result.code == 0, result
    assert "197 profile(s): 197 added, 0 changed, 0 unchanged" in result.err
    again = run("--store", str(empty), "export").out
    assert again == first.read_text(encoding="utf-8")
    original = {k: v for k, v in snapshot(BUNDLED).items()}
    copied = {k: v for k, v in snapshot(empty).items() if not k.startswith(".")}
    assert copied == original, "every TOML file byte for byte"


def test_importing_the_same_export_changes_nothing(store: Path) -> None:
    before = snapshot(store)
    piped = sh(
        f"minecli --store {BUNDLED} export --format jsonl | minecli --store {store} import -"
    )
    assert piped.code == 0, piped
    assert "197 profile(s): 0 added, 0 changed, 197 unchanged" in piped.err
    assert snapshot(store) == before


def test_a_changed_profile_needs_merge_or_replace(store: Path, tmp_path: Path) -> None:
    record = json.loads(run("--store", str(store), "show", "UZ", "--format", "json").out)
    vote = next(v for v in record["votes"] if v["resolution"] == "65/48")
    vote["vote"] = "yes"
    record["use"].append({"year": 2001, "where": "Border with Tajikistan", "sources": [3]})
    path = tmp_path / "uz.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    before = snapshot(store)
    assert_error(run("--store", str(store), "import", str(path)), 1, "UZ differ from the store")
    assert snapshot(store) == before
    dry = run("--store", str(store), "import", str(path), "--merge", "--dry-run")
    assert dry.code == 0 and "+year = 2001" in dry.out and snapshot(store) == before
    assert run("--store", str(store), "import", str(path), "--merge").code == 0
    shown = json.loads(run("--store", str(store), "show", "UZ", "--format", "json").out)
    merged = next(v for v in shown["votes"] if v["resolution"] == "65/48")
    assert merged["vote"] == "abstain" and merged["readings"][-1]["vote"] == "yes"
    assert run("--store", str(store), "import", str(path), "--replace").code == 0
    replaced = json.loads(run("--store", str(store), "show", "UZ", "--format", "json").out)
    assert next(v for v in replaced["votes"] if v["resolution"] == "65/48")["vote"] == "yes"


def test_every_record_is_checked_before_anything_is_written(store: Path, tmp_path: Path) -> None:
    good = json.loads(run("--store", str(store), "show", "KZ", "--format", "json").out)
    bad = {
        **json.loads(run("--store", str(store), "show", "UZ", "--format", "json").out),
        "code": "XZ",
    }
    bad["treaty"] = {"status": "maybe"}
    good["name"] = "Kazakhstan (new spelling)"
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    before = snapshot(store)
    assert_error(run("--store", str(store), "import", str(path), "--replace"), 1, "XZ")
    assert snapshot(store) == before, "one transaction: the good record is not written either"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("", "empty"),
        ("{not json", "not JSON"),
        ('{"code": "UZ"}\n{oops\n', "in.json:2: not a JSON line"),
        ("[1, 2]", "not a profile"),
    ],
)
def test_bad_files_are_one_error(store: Path, tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    before = snapshot(store)
    assert_error(run("--store", str(store), "import", str(path)), 1, needle)
    assert snapshot(store) == before


def test_dates_come_back_as_dates_and_partial_dates_as_text() -> None:
    record = revived(
        {
            "code": "UZ",
            "updated": "2026-02-03",
            "treaty": {
                "status": "signatory",
                "signed": "1997-12-03",
                "readings": [{"signed": "1997-12-04"}],
            },
            "sources": [{"id": 2, "title": "An interview", "date": "2004-05"}],
            "sections": [{"title": "2004-05-06", "text": "t"}],
        }
    )
    import datetime as dt

    assert record["updated"] == dt.date(2026, 2, 3)
    assert record["treaty"]["signed"] == dt.date(1997, 12, 3)
    assert record["treaty"]["readings"][0]["signed"] == dt.date(1997, 12, 4)
    assert record["sources"][0]["date"] == "2004-05"
    assert record["sections"][0]["title"] == "2004-05-06", "text that looks like a date stays text"
    assert read('{"profiles": []}', "x").profiles == []
