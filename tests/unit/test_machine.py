"""render.machine and emit_rows: machine formats written as rows come, the same text as whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli.query.rows import Shape
from minecli.render import emit_rows, machine

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.dates(min_value=dt.date(1990, 1, 1)),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=3), SCALARS, max_size=2),
)
ROWS = st.lists(st.dictionaries(st.sampled_from(["code", "name", "n", "x"]), VALUES), max_size=4)
QUICK = settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)


def written(rows: list[dict], fmt: str, columns=("code", "name", "n", "x")) -> str:
    out = io.StringIO()
    machine.write(out, iter(rows), fmt, list(columns))
    return out.getvalue()


@QUICK
@given(ROWS)
def test_json_written_row_by_row_is_the_whole_list_dumped(rows: list[dict]) -> None:
    assert written(rows, "json") == machine.dumps_json(rows) + "\n"
    assert json.loads(written(rows, "json")) == machine.jsonable(rows)


@QUICK
@given(ROWS)
def test_csv_tsv_and_jsonl_have_a_line_per_row(rows: list[dict]) -> None:
    parsed = list(csv.reader(io.StringIO(written(rows, "csv"), newline="")))
    assert parsed[0] == ["code", "name", "n", "x"] and len(parsed) == len(rows) + 1
    assert parsed[1:] == [
        [machine.cell(r.get(c)) for c in ("code", "name", "n", "x")] for r in rows
    ]
    assert written(rows, "tsv").count("\n") == len(rows) + 1
    lines = written(rows, "jsonl").split("\n")[:-1]  # U+2028 may stand raw in a line
    assert [json.loads(line) for line in lines] == machine.jsonable(rows)


def test_a_carriage_return_in_a_csv_cell_reads_back() -> None:
    rows = [{"code": "UZ", "name": "a\rb"}, {"code": "KZ", "name": "plain"}]
    text = written(rows, "csv", ("code", "name"))
    assert text == 'code,name\n"UZ","a\rb"\nKZ,plain\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["code", "name"],
        ["UZ", "a\rb"],
        ["KZ", "plain"],
    ]


def test_a_long_stream_is_written_in_chunks_as_it_comes() -> None:
    writes: list[int] = []

    class Out(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(len(text))
            return super().write(text)

    rows = ({"code": "UZ", "name": "x" * 100} for _ in range(5_000))
    machine.write(Out(), rows, "tsv", ["code", "name"])
    assert len(writes) > 5 and max(writes) < machine.CHUNK + 200, "several chunks, none huge"


def test_emit_rows_streams_a_generator_and_reads_only_what_limit_keeps(
    capsys: pytest.CaptureFixture,
) -> None:
    taken: list[int] = []

    def rows():
        for i in range(10):
            taken.append(i)
            yield {"code": f"C{i}", "name": str(i)}

    emit_rows(rows(), "csv", columns=("code", "name"), shape=Shape(limit=2))
    assert capsys.readouterr().out == "code,name\nC0,0\nC1,1\n"
    assert taken == [0, 1], "no row past the limit is made"


def test_sorted_rows_from_a_generator_are_still_sorted(capsys: pytest.CaptureFixture) -> None:
    rows = ({"code": c} for c in ("KZ", "AF", "UZ"))
    emit_rows(rows, "ids", columns=("code",), id_key="code", shape=Shape(sort=("code",)))
    assert capsys.readouterr().out == "AF\nKZ\nUZ\n"
