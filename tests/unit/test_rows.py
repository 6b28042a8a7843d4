"""The shape of rows (--fields, --sort, --reverse, --limit): natural order, blanks last."""

from __future__ import annotations

import datetime as dt

import pytest

from minecli.errors import UsageError
from minecli.query.rows import (
    Shape,
    arranged,
    columns_of,
    parse_fields,
    shaped,
    shaped_records,
    sort_key,
)

ROWS = [
    {"code": "UZ", "resolution": "65/48", "year": 2010, "date": dt.date(2010, 12, 8)},
    {"code": "KZ", "resolution": "9/33", "year": None, "date": dt.date(1954, 1, 1)},
    {"code": "TJ", "resolution": "100/1", "year": 2045, "date": None},
]
COLUMNS = ["code", "resolution", "year", "date"]


def codes(rows: list[dict]) -> list[str]:
    return [r["code"] for r in rows]


def test_fields_are_parsed_from_a_comma_list() -> None:
    assert parse_fields(None) is None
    assert parse_fields(" code, name ,,status") == ("code", "name", "status")
    with pytest.raises(UsageError, match="separated by commas"):
        parse_fields(" , ")


def test_fields_pick_and_order_columns_and_an_unknown_one_lists_the_valid() -> None:
    assert columns_of(Shape(), COLUMNS) == COLUMNS
    assert columns_of(Shape(fields=("year", "code")), COLUMNS) == ["year", "code"]
    assert columns_of(Shape(fields=("code", "code")), COLUMNS) == ["code"]
    with pytest.raises(UsageError) as caught:
        columns_of(Shape(fields=("yaer",)), COLUMNS)
    message = str(caught.value)
    assert "--fields: no field 'yaer'" in message and "'year'" in message
    assert message.endswith("the fields are code, resolution, year, date")


def test_natural_order_reads_numbers_in_text_as_numbers() -> None:
    assert sort_key("9/33") < sort_key("65/48") < sort_key("100/1")
    assert sort_key("A/RES/9") < sort_key("a/res/10")  # case does not order
    assert sort_key(2) < sort_key(10)
    assert sort_key(False) < sort_key(True)


def test_sorting_is_natural_with_blanks_last_both_ways() -> None:
    assert codes(arranged(ROWS, Shape(sort=("resolution",)), COLUMNS)) == ["KZ", "UZ", "TJ"]
    assert codes(arranged(ROWS, Shape(sort=("year",)), COLUMNS)) == ["UZ", "TJ", "KZ"]
    by_year_down = arranged(ROWS, Shape(sort=("year",), reverse=True), COLUMNS)
    assert codes(by_year_down) == ["TJ", "UZ", "KZ"]
    assert codes(arranged(ROWS, Shape(sort=("date",)), COLUMNS)) == ["KZ", "UZ", "TJ"]


def test_a_second_sort_field_breaks_ties() -> None:
    rows = [{"v": "yes", "c": "B"}, {"v": "no", "c": "Z"}, {"v": "yes", "c": "A"}]
    got = arranged(rows, Shape(sort=("v", "c")), ["v", "c"])
    assert [r["c"] for r in got] == ["Z", "A", "B"]


def test_reverse_alone_reverses_and_limit_cuts_after_sorting() -> None:
    assert codes(arranged(ROWS, Shape(reverse=True), COLUMNS)) == ["TJ", "KZ", "UZ"]
    assert codes(arranged(ROWS, Shape(sort=("code",), limit=2), COLUMNS)) == ["KZ", "TJ"]
    assert arranged(ROWS, Shape(), COLUMNS) == ROWS


def test_sorting_by_an_unknown_field_is_refused() -> None:
    with pytest.raises(UsageError, match="--sort: no field 'name'"):
        arranged(ROWS, Shape(sort=("name",)), COLUMNS)


def test_shaped_rows_keep_only_the_fields_and_sort_by_any_field() -> None:
    rows, columns = shaped(ROWS, Shape(fields=("code",), sort=("year",)), COLUMNS)
    assert columns == ["code"] and rows == [{"code": "UZ"}, {"code": "TJ"}, {"code": "KZ"}]
    # a field a reader may name beyond the columns shown by default
    rows, columns = shaped(ROWS, Shape(fields=("date",)), ["code"], fields=COLUMNS)
    assert columns == ["date"]


def test_records_pick_top_level_keys() -> None:
    records = [{"code": "UZ", "treaty": {"status": "not_party"}}, {"code": "KZ"}]
    picked = shaped_records(records, Shape(fields=("treaty",)))
    assert picked == [{"treaty": {"status": "not_party"}}, {}]
    assert shaped_records(records, Shape(sort=("code",))) == records[::-1]
    with pytest.raises(UsageError, match="the fields are code, treaty"):
        shaped_records(records, Shape(fields=("votes",)))
