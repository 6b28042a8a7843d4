"""--fields, --no-headers, --limit, --sort and --reverse: one implementation on every read
command, in every format, through CliRunner and real pipes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .helpers import COMMANDS, assert_error, run, sh

# check is a read command too; its rows are findings (a warning in the six-state store or not)
READS = {**{name: args for name, (args, _, _) in COMMANDS.items()}, "check": ("check",)}
# two fields of each command's rows, in an order unlike the default
TWO = {
    "show": ("status", "code"),
    "votes-resolution": ("vote", "code"),
    "votes-state": ("vote", "resolution"),
    "resolutions": ("title", "resolution"),
    "list": ("name", "code"),
    "timeline": ("kind", "date"),
    "sources": ("title", "id"),
    "search": ("field", "code"),
    "store": ("profiles", "path"),
    "check": ("message", "file"),
}


def table(text: str, fmt: str = "csv") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))


@pytest.mark.parametrize("name", READS)
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_fields_pick_and_order_the_columns(small_store: Path, name: str, fmt: str) -> None:
    fields = ",".join(TWO[name])
    result = run("--store", str(small_store), *READS[name], "--fields", fields, "-f", fmt)
    assert result.code in (0, 1), result  # check: 1 when there is an error
    assert table(result.out, fmt)[0] == list(TWO[name])


@pytest.mark.parametrize("name", READS)
def test_no_headers_leaves_out_the_header_row_only(small_store: Path, name: str) -> None:
    base = ("--store", str(small_store), *READS[name], "-f", "csv")
    whole = run(*base)
    bare = run(*base, "--no-headers")
    assert bare.code == whole.code
    assert bare.out.splitlines() == whole.out.splitlines()[1:]


@pytest.mark.parametrize("name", READS)
def test_an_unknown_field_is_an_error_listing_the_valid_ones(small_store: Path, name: str) -> None:
    result = run("--store", str(small_store), *READS[name], "--fields", f"{TWO[name][1]},bogus")
    line = assert_error(result, 2, "--fields: no field 'bogus'", "the fields are")
    assert TWO[name][0] in line.split("the fields are ")[1]
    result = run("--store", str(small_store), *READS[name], "--sort", "bogus")
    assert_error(result, 2, "--sort: no field 'bogus'")


@pytest.mark.parametrize("name", ["list", "votes-resolution", "votes-state", "resolutions"])
def test_limit_and_sort_in_json(small_store: Path, name: str) -> None:
    field = TWO[name][1]
    base = ("--store", str(small_store), *READS[name], "-f", "json")
    every = run(*base).json()
    values = [r[field] for r in every]
    up = run(*base, "--sort", field).json()
    down = run(*base, "--sort", field, "--reverse", "--limit", "2").json()
    assert sorted(r[field] for r in up) == sorted(values)
    assert [r[field] for r in down] == [r[field] for r in up][::-1][:2]
    assert len(run(*base, "--limit", "1").json()) == 1


def test_resolutions_sort_in_natural_order() -> None:
    numbers = run("resolutions", "--sort", "resolution", "-f", "ids").lines
    # 51/45S ... 65/48 ... 80/35: the session numbers are read as numbers
    sessions = [int(n.split("/")[0]) for n in numbers]
    assert sessions == sorted(sessions)
    tallies = run("resolutions", "--sort", "yes", "--reverse", "-f", "json").json()
    yes = [r["yes"] for r in tallies if r["yes"] is not None]
    assert yes == sorted(yes, reverse=True)
    assert all(r["yes"] is None for r in tallies[len(yes) :]), "blanks last, even reversed"


def test_show_json_fields_are_top_level_keys() -> None:
    record = run("show", "UZ", "--fields", "code,name,treaty", "-f", "json").json()
    assert list(record) == ["code", "name", "treaty"]
    assert record["treaty"]["status"] == "not_party"
    records = run("show", "UZ", "KZ", "--sort", "code", "-f", "json").json()
    assert [r["code"] for r in records] == ["KZ", "UZ"]


def test_a_view_for_people_sorts_and_limits_too() -> None:
    timeline = run("timeline", "UZ", "--reverse", "--limit", "2").out
    dates = [line.split()[0] for line in timeline.splitlines() if line.startswith("  ")]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)
    listed = run("sources", "UZ", "--sort", "id", "--reverse", "--limit", "1").out
    first = run("sources", "UZ", "-f", "ids").lines[-1]
    assert listed.splitlines()[1].startswith(f"[{first}]  ")


def test_no_headers_only_where_there_is_a_header() -> None:
    for fmt in ("json", "jsonl", "ids"):
        assert_error(run("list", "--no-headers", "-f", fmt), 2, "--no-headers applies to")
    assert_error(run("list", "--fields", "code", "-f", "ids"), 2, "--fields does not apply")
    assert_error(run("list", "--limit", "0"), 2, "--limit")


def test_a_limited_table_says_so_in_its_title() -> None:
    result = run("list", "--limit", "3")
    assert len(result.lines) == 4  # header and three rows: data only
    assert "(the first 3)" in result.err


def test_in_a_real_pipeline() -> None:
    result = sh("minecli list --fields code --no-headers --sort consent --reverse --limit 3 | cat")
    assert result.code == 0 and len(result.lines) == 3
    ids = sh("minecli list --sort consent --reverse -f ids | head -3")
    assert result.lines == ids.lines
    head = sh("minecli list | head -1")
    assert head.code == 0 and head.out.split()[:3] == ["Code", "Name", "Status"]
    tsv = sh("minecli votes -r 65/48 --fields code,vote --no-headers -f tsv | sort | head -2")
    assert all(len(line.split("\t")) == 2 for line in tsv.lines)


def test_fields_complete_one_name_after_another() -> None:
    from minecli.commands._rows import _completer

    complete = _completer(("code", "consent", "name"), listed=True)
    assert complete("co") == ["code", "consent"]
    assert complete("code,") == ["code,consent", "code,name"]
    assert complete("code,n") == ["code,name"]
    assert _completer(("code", "name"), listed=False)("n") == ["name"]


def test_the_readme_examples_of_these_options_run() -> None:
    from .helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("minecli list --fields code,name,consent", 1)[1].split("```", 1)[0]
    lines = ["minecli list --fields code,name,consent" + block.splitlines()[0]]
    lines += [line.split("  #")[0] for line in block.splitlines()[1:] if line.strip()]
    assert len(lines) == 5
    for line in lines:
        result = sh(line)
        assert result.code == 0 and result.out.strip(), (line, result)
    assert sh(lines[3]).lines == ["79/34"]  # the most yes votes of the series
