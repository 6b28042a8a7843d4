"""export: the whole store (or some states) as JSON or JSON Lines, and the exporter registry."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from minecli.exporters import EXPORTERS, Dataset, exporter

from .helpers import BUNDLED, assert_error, cli, run


def test_json_export_is_the_whole_store() -> None:
    result = run("export")
    assert result.code == 0 and result.err == "", result
    data = json.loads(result.out)
    assert data["schema"] == 1
    assert len(data["profiles"]) == len(list((BUNDLED / "countries").glob("*.toml"))) == 197
    assert [r["number"] for r in data["resolutions"]] == run("resolutions", "-f", "ids").lines
    assert {m["id"] for m in data["meetings"]} >= {"1MSP", "10MSP", "2RC"}
    by_code = {p["code"]: p for p in data["profiles"]}
    assert by_code["UZ"] == json.loads(run("show", "UZ", "--format", "json").out)


def test_jsonl_export_of_named_states_is_one_profile_a_line() -> None:
    result = run("export", "UZ", "kazakhstan", "--format", "jsonl")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["UZ", "KZ"]
    assert json.loads(lines[0]) == json.loads(run("show", "UZ", "--format", "json").out)


def test_export_to_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "store.json"
    result = run("export", "--out", str(target))
    assert result.code == 0 and result.out == "", result
    assert "197 profile(s)" in result.err and str(target) in result.err
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["store.json"], "no temporary file is left"


def test_export_reads_codes_from_a_real_pipe() -> None:
    result = cli("export", "-", "--format", "jsonl", input="TJ\nUZ\n")
    assert result.code == 0, result
    assert [json.loads(line)["code"] for line in result.out.splitlines()] == ["TJ", "UZ"]


@pytest.mark.parametrize("args", [("--format", "xml"), ("--format", "ids"), ("ZZ",)])
def test_export_refuses_bad_arguments(args: tuple[str, ...]) -> None:
    result = run("export", *args)
    assert_error(result, 1 if args == ("ZZ",) else 2, args[-1])


def test_the_registry_offers_what_export_takes() -> None:
    assert set(EXPORTERS) == {"json", "jsonl", "csv", "sqlite", "csl-json", "bibtex", "ris"}
    help_text = run("export", "--help", env={"COLUMNS": "200"}).out
    assert all(name in help_text for name in EXPORTERS)


def test_exporters_as_functions() -> None:
    profiles = [
        {"schema": 1, "code": "XA", "name": "Testland"},
        {"schema": 1, "code": "XB", "name": "Ü"},
    ]
    data = Dataset(1, [{"number": "65/48", "session": 65}], [], iter(profiles))
    out = io.StringIO()
    exporter("json")(out, data)
    assert json.loads(out.getvalue()) == {
        "schema": 1,
        "resolutions": [{"number": "65/48", "session": 65}],
        "meetings": [],
        "profiles": profiles,
    }
    out = io.StringIO()
    exporter("jsonl")(out, Dataset(1, [], [], iter(profiles)))
    assert [json.loads(line) for line in out.getvalue().splitlines()] == profiles
    assert "Ü" in out.getvalue(), "UTF-8 is kept, not escaped"


def test_an_empty_export_is_still_valid_json() -> None:
    out = io.StringIO()
    exporter("json")(out, Dataset(1, [], [], iter([])))
    assert json.loads(out.getvalue())["profiles"] == []
