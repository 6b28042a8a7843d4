"""The pure parts of a terminal table: headings, labels, which columns show and which fold."""

from __future__ import annotations

from minecli.render.table import fits, folded, for_people, header, plain, shown


def test_a_heading_reads_as_words_with_acronyms_in_capitals() -> None:
    assert header("entry_into_force") == "Entry into force"
    assert header("ccw") == "CCW"
    assert header("un_admission") == "UN admission"
    assert header("url") == "URL"


def test_values_show_as_labels_for_people() -> None:
    assert shown("status", "state_party") == "State Party"
    assert shown("status", "not_party") == "Not party"
    assert shown("consent_type", "ratification") == "Ratification"
    assert shown("disputed", True) == "yes"
    assert shown("disputed", False) == "no"
    # a value outside the closed set is left as it is, never dropped
    assert shown("status", "something_new") == "something_new"
    assert shown("vote", "yes") == "yes"


def test_an_empty_column_is_left_out_and_a_constant_one_goes_to_the_title() -> None:
    rows = [
        {"code": "UZ", "resolution": "65/48", "vote": "abstain", "note": ""},
        {"code": "UZ", "resolution": "66/29", "vote": "yes", "note": None},
    ]
    shown_rows, kept, title, raw = for_people(rows, ["code", "resolution", "vote", "note"], "Votes")
    assert kept == ["resolution", "vote"]
    assert title == "Votes (Code: UZ)"
    assert raw[(0, "vote")] == "abstain"
    assert shown_rows[1]["vote"] == "yes"


def test_a_constant_value_already_in_the_title_is_not_said_twice() -> None:
    rows = [{"code": "UZ", "year": 2010}, {"code": "UZ", "year": 2011}]
    _, kept, title, _ = for_people(rows, ["code", "year"], "Uzbekistan (UZ)")
    assert kept == ["year"] and title == "Uzbekistan (UZ)"


def test_one_row_keeps_every_filled_column() -> None:
    rows = [{"code": "UZ", "name": "Uzbekistan"}]
    _, kept, title, _ = for_people(rows, ["code", "name"], None)
    assert kept == ["code", "name"] and title is None


def test_a_table_that_is_all_one_value_keeps_a_column() -> None:
    rows = [{"a": "x", "b": "y"}, {"a": "x", "b": "y"}]
    _, kept, _, _ = for_people(rows, ["a", "b"], None)
    assert kept == ["b"]


ROWS = [
    {
        "code": "UZ",
        "name": "Uzbekistan",
        "status": "Not party",
        "signed": "",
        "session": "2011-12-02",
        "note": "abstained since the first resolution in 1996",
    }
]
COLUMNS = ["code", "name", "status", "signed", "session", "note"]


def test_columns_fold_by_priority_and_the_first_and_the_status_stay() -> None:
    wide, left = folded(ROWS, COLUMNS, 200)
    assert wide == COLUMNS and left == []
    kept, left = folded(ROWS, COLUMNS, 40)
    assert kept[0] == "code" and "status" in kept
    assert left[0] == "signed" and "session" in left
    assert fits(ROWS, kept, 40)
    assert set(kept) | set(left) == set(COLUMNS)


def test_kept_columns_never_fold_and_too_narrow_gives_nothing() -> None:
    kept, _ = folded(ROWS, COLUMNS, 45, keep=("session",))
    assert "session" in kept
    assert folded(ROWS, COLUMNS, 10) == ([], COLUMNS)


def test_fits_counts_the_frame_and_never_a_split_date() -> None:
    rows = [{"date": "1997-12-03"}]
    assert fits(rows, ["date"], 14)  # 10 + a space each side + two rules
    assert not fits(rows, ["date"], 13)


def test_plain_tables_align_raw_values_and_join_lines() -> None:
    text = plain(
        [{"code": "UZ", "note": "two\nlines"}, {"code": "KAZ", "note": None}], ["code", "note"]
    )
    assert text.splitlines() == ["Code  Note", "UZ    two lines", "KAZ"]


def test_a_title_keeps_one_aside() -> None:
    rows = [{"code": "UZ", "vote": "yes"}, {"code": "KZ", "vote": "yes"}]
    _, _, title, _ = for_people(rows, ["code", "vote"], "Votes (the first 2)")
    assert title == "Votes (the first 2; Vote: yes)"
