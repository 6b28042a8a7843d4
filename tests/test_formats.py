"""Every read command in every output format: same keys everywhere, real values, real processes.

In-process (CliRunner) runs check the content of each format against the JSON of the same query;
the subprocess matrix then checks that a real `minecli` process (`python -m minecli` and the
installed script, alternately) prints exactly the same bytes, exit code and stderr.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from .helpers import (
    BOX_CHARS,
    COMMANDS,
    ESC,
    MACHINE,
    MATRIX,
    Result,
    assert_error,
    flat,
    rows_of,
    run,
)

ROW_COMMANDS = [name for name in COMMANDS if name != "show"]


@functools.cache
def invoke(store: Path, name: str, fmt: str) -> Result:
    """One command of COMMANDS in-process on a read-only store; cached, as its output is fixed."""
    args, _, _ = COMMANDS[name]
    return run("--store", str(store), *args, "--format", fmt)


def as_rows(value: list | dict) -> list:
    """JSON rows; the one object of `store` as a row."""
    return [value] if isinstance(value, dict) else value


@pytest.mark.parametrize("name", ROW_COMMANDS)
def test_machine_formats_have_the_same_keys_and_values(small_store: Path, name: str) -> None:
    _, _, documented = COMMANDS[name]
    reference = invoke(small_store, name, "json")
    assert reference.code == 0, reference
    rows = reference.json()
    if name == "store":  # one store: one object, not an array of one
        assert isinstance(rows, dict)
        rows = [rows]
    assert isinstance(rows, list) and rows, "the query has rows in the six-state store"
    keys = list(rows[0])
    assert all(list(r) == keys for r in rows), "every JSON row has the same keys in the same order"
    assert set(documented) <= set(keys), f"documented keys missing: {set(documented) - set(keys)}"
    for fmt in ("jsonl", "csv", "tsv"):
        result = invoke(small_store, name, fmt)
        assert result.code == 0 and result.err == "", (fmt, result)
        assert ESC not in result.out
        got_keys, got_rows = rows_of(fmt, result.out)
        assert got_keys == keys, f"{fmt} header/keys differ from the JSON keys"
        if fmt == "jsonl":
            assert got_rows == rows
            assert all("\n" not in line and line.startswith("{") for line in result.lines)
        else:
            assert got_rows == [{k: flat(v) for k, v in r.items()} for r in rows], fmt


@pytest.mark.parametrize("name", ROW_COMMANDS)
def test_ids_format_is_the_id_column(small_store: Path, name: str) -> None:
    _, id_key, _ = COMMANDS[name]
    result = invoke(small_store, name, "ids")
    if id_key is None:
        assert result.code == 2
        assert result.out == ""
        [line] = result.err_lines
        assert (
            line.startswith("Error: Invalid value for '--format'") and "'ids' is not one of" in line
        )
        return
    assert result.code == 0, result
    rows = as_rows(invoke(small_store, name, "json").json())
    assert result.lines == [flat(r[id_key]) for r in rows]


@pytest.mark.parametrize("name", ROW_COMMANDS)
def test_table_shows_the_rows(small_store: Path, name: str) -> None:
    result = invoke(small_store, name, "table")
    assert result.code == 0 and "Error" not in result.err, result  # a title is a message
    rows = as_rows(invoke(small_store, name, "json").json())
    assert ESC not in result.out and not BOX_CHARS.search(result.out), "piped: plain text"
    first = rows[0]
    for key in list(first)[:3]:
        if first[key] not in (None, "", []):
            assert flat(first[key]) in result.out, (key, first[key])
    assert all(line == line.rstrip() for line in result.lines), "no trailing padding when piped"


def test_show_formats(small_store: Path) -> None:
    """show: JSON/JSONL is the profile, CSV/TSV/ids one summary row per state (list's columns)."""
    profile = invoke(small_store, "show", "json").json()
    assert isinstance(profile, dict) and profile["code"] == "UZ"
    jsonl = invoke(small_store, "show", "jsonl")
    assert len(jsonl.lines) == 1 and json.loads(jsonl.lines[0]) == profile
    listed = run("--store", str(small_store), "list", "--format", "json").json()
    uz_row = next(r for r in listed if r["code"] == "UZ")
    for fmt in ("csv", "tsv"):
        keys, rows = rows_of(fmt, invoke(small_store, "show", fmt).out)
        assert keys == list(uz_row), "show's summary row has list's columns"
        assert rows == [{k: flat(v) for k, v in uz_row.items()}]
    assert invoke(small_store, "show", "ids").out == "UZ\n"


def test_empty_results_keep_the_header(small_store: Path) -> None:
    """A query with no rows: JSON [] and a CSV/TSV header alone, exit 0."""
    args = ("--store", str(small_store), "votes", "--resolution", "81/40")
    assert run(*args, "--format", "json").out == "[]\n"
    assert run(*args, "--format", "jsonl").out == ""
    assert run(*args, "--format", "ids").out == ""
    header = "resolution,code,name,vote,disputed,note,region,un_group"
    assert run(*args, "--format", "csv").out.splitlines()[0] == header
    assert run(*args, "--format", "tsv").out == header.replace(",", "\t") + "\n"
    table = run(*args)
    assert table.code == 0 and table.out == "" and "no rows" in table.err


def test_format_is_case_insensitive_and_has_a_short_option() -> None:
    assert run("show", "UZ", "--format", "JSON").json()["code"] == "UZ"
    assert run("show", "UZ", "-f", "json").json()["code"] == "UZ"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_unknown_format_is_a_one_line_usage_error(small_store: Path, name: str) -> None:
    """Exit 2 and one `Error:` line (Click's own four-line usage message was a bug)."""
    assert_error(invoke(small_store, name, "xml"), 2, "'xml'", "--format")


def test_machine_formats_never_carry_colour_even_when_forced(small_store: Path) -> None:
    for fmt in (*MACHINE, "ids"):
        result = run(
            "--store", str(small_store), "votes", "-r", "65/48", "-f", fmt, env={"FORCE_COLOR": "1"}
        )
        assert result.code == 0 and ESC not in result.out, fmt


def test_json_keeps_non_ascii_text(small_store: Path) -> None:
    """Snippets are cut with '…'; JSON keeps it as UTF-8 rather than \\u escapes."""
    out = invoke(small_store, "search", "json").out
    assert "…" in out and "\\u2026" not in out


def test_tsv_escapes_tabs_and_line_breaks_and_csv_quotes_them(store_copy: Path) -> None:
    """A note with a tab and a line break: one TSV line per row, a round trip through CSV."""
    path = store_copy / "countries" / "UZ.toml"
    text = path.read_text(encoding="utf-8")
    old = 'note = "The Monitor adds that other officials have made the same claim."'
    assert old in text
    path.write_text(text.replace(old, 'note = "first\\tsecond\\nthird \\\\ end"'), encoding="utf-8")
    base = ("--store", str(store_copy), "sources", "UZ", "--format")
    rows = run(*base, "json").json()
    assert rows[0]["note"] == "first\tsecond\nthird \\ end"
    tsv = run(*base, "tsv").out
    assert len(tsv.splitlines()) == len(rows) + 1, "no raw line break inside a TSV row"
    assert "first\\tsecond\\nthird \\\\ end" in tsv
    for fmt in ("csv", "tsv"):
        _, parsed = rows_of(fmt, run(*base, fmt).out)
        assert parsed[0]["note"] == "first\tsecond\nthird \\ end", fmt


# --- the same commands through real processes -------------------------------------------------


@pytest.mark.real_process_matrix
@pytest.mark.parametrize(("name", "fmt"), MATRIX)
def test_real_process_prints_what_the_app_prints(
    process_outputs, small_store: Path, name: str, fmt: str
) -> None:
    """Each (command, format) ran as a real process in the background (see conftest.py), half
    through `python -m minecli`, half through the `minecli` script."""
    entry, proc = process_outputs[name, fmt]
    inproc = invoke(small_store, name, fmt)
    assert "Traceback" not in proc.err
    assert (proc.code, proc.out, proc.err) == (inproc.code, inproc.out, inproc.err), entry
    if proc.code == 0:
        assert proc.out.strip(), f"{name} --format {fmt} printed nothing"
