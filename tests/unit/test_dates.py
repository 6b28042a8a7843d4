"""minecli.dates: full and partial dates, as read from people and from the store."""

from __future__ import annotations

import datetime as dt

import pytest

from minecli.dates import PartialDate, date_key, full_date, is_before, parse_date_value


@pytest.mark.parametrize(
    ("value", "parts", "text"),
    [
        ("2004", (2004, None, None), "2004"),
        ("2004-05", (2004, 5, None), "2004-05"),
        ("2004-05-06", (2004, 5, 6), "2004-05-06"),
        (dt.date(1997, 12, 3), (1997, 12, 3), "1997-12-03"),
        ("0999-01", (999, 1, None), "0999-01"),
    ],
)
def test_parse_keeps_what_is_known_and_prints_it_back(value, parts, text) -> None:
    pd = PartialDate.parse(value)
    assert (pd.year, pd.month, pd.day) == parts
    assert str(pd) == text
    assert repr(pd) == f"PartialDate({text})"


@pytest.mark.parametrize(
    "value",
    [
        "2004-13",
        "2004-00",
        "2004-02-30",
        "04-05",
        "2004/05",
        "May 2004",
        "",
        "1997-W49-3",  # a week date: Python 3.11's fromisoformat takes it, the store does not
        "1997W493",
        "19971203",  # a compact date, likewise
        "1997-12-03T10:00",
        2004,
        None,
        dt.datetime(1997, 12, 3, 10, 0),
    ],
)
def test_parse_refuses_anything_else(value) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_partial_dates_order_by_their_earliest_possible_day() -> None:
    dates = [PartialDate.parse(t) for t in ("2004-05-06", "2005", "2004-05", "2004", "2003-12-31")]
    assert [str(d) for d in sorted(dates)] == [
        "2003-12-31",
        "2004",
        "2004-05",
        "2004-05-06",
        "2005",
    ]
    assert PartialDate(2004) < PartialDate(2004, 1)
    assert not PartialDate(2004, 1) < PartialDate(2004)


def test_partial_dates_are_equal_and_hash_alike_when_they_say_the_same() -> None:
    assert PartialDate.parse("2004-05") == PartialDate(2004, 5)
    assert PartialDate.parse(dt.date(2004, 5, 6)) == PartialDate.parse("2004-05-06")
    assert PartialDate(2004, 5) != PartialDate(2004, 6)
    assert PartialDate(2004) != "2004"
    assert len({PartialDate(2004, 5), PartialDate.parse("2004-05"), PartialDate(2004)}) == 2


def test_parse_date_value_gives_a_date_when_complete_and_checked_text_when_partial() -> None:
    assert parse_date_value("1997-12-03") == dt.date(1997, 12, 3)
    assert parse_date_value("  1997-12-03\n") == dt.date(1997, 12, 3)
    assert parse_date_value("2004-05") == "2004-05"
    assert parse_date_value(" 2004 ") == "2004"
    assert isinstance(parse_date_value("2004"), str)


@pytest.mark.parametrize("text", ["1997-W49-3", "19971203", "2004-5", "yesterday", "2004-02-30"])
def test_parse_date_value_refuses_what_is_no_store_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date_value(text)


def test_full_date_is_a_date_only_for_a_complete_date() -> None:
    assert full_date("2010-12-08") == dt.date(2010, 12, 8)
    assert full_date("2010-12") is None
    assert full_date("2010") is None
    assert full_date("19971203") is None
    assert full_date("1997-W49-3") is None
    assert full_date("not a date") is None


def test_date_key_sorts_full_partial_and_missing_dates_together() -> None:
    values = [dt.date(2004, 5, 6), "2004", None, "2004-05", "junk", dt.date(2003, 1, 1)]
    ordered = sorted(values, key=date_key)
    assert ordered[:2] == [None, "junk"]  # unknown dates first, in their order
    assert ordered[2:] == [dt.date(2003, 1, 1), "2004", "2004-05", dt.date(2004, 5, 6)]
    assert date_key("2004-05") == (2004, 5, 0)
    assert date_key(dt.date(2004, 5, 6)) == (2004, 5, 6)


def test_is_before_needs_both_dates_and_a_strict_order() -> None:
    assert is_before(dt.date(1997, 12, 3), dt.date(1999, 1, 15))
    assert not is_before(dt.date(1999, 1, 15), dt.date(1997, 12, 3))
    assert not is_before(dt.date(1999, 1, 15), dt.date(1999, 1, 15))
    assert is_before("1999", dt.date(1999, 1, 15))  # the year's start comes first
    assert is_before("1998-12", "1999")
    assert not is_before(None, dt.date(1999, 1, 15))
    assert not is_before(dt.date(1999, 1, 15), None)
