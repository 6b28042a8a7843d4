"""minecli.edits.comments: the comments of a TOML text, where they sit, and turning them into
notes."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minecli.edits.comments import Comment, find, has_note, name, to_notes
from minecli.tomlout import value_text
from minecli.tomltext import first_comment_line

PROFILE = """\
schema = 1 # the schema
code = "UZ"
name = "Uzbekistan"

[treaty]
status = "not_party" # as of 2024
# checked twice

[[votes]]
resolution = "65/48"
vote = "abstain"

[[votes]]
# the second vote
resolution = "66/29"
vote = "abstain"
note = "late"

[[votes.readings]]
vote = "no" # one report says so
sources = [1]

[ccw.protocol_ii]
party = true

[production]
status = "unknown" # no word
"""


def test_each_comment_has_its_line_table_and_kind() -> None:
    found = find(PROFILE)
    assert [(c.line, c.text, c.table, c.trailing) for c in found] == [
        (1, "the schema", (), True),
        (6, "as of 2024", ("treaty",), True),
        (7, "checked twice", ("treaty",), False),
        (14, "the second vote", ("votes", 1), False),
        (20, "one report says so", ("votes", 1, "readings", 0), True),
        (27, "no word", ("production",), True),
    ]
    assert first_comment_line(PROFILE) == found[0].line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "a # b"\n', []),
        ("name = 'a # b'\n", []),
        ('name = """\n# not\n"""\n', []),
        ("name = '''\n# not\n'''\n", []),
        ('name = "a \\" # b"\n', []),
        ('name = """a ""# b"""""\n# yes\n', [(2, "yes")]),
        ('name = """\n"# b" \\""" # c\n""" # d\n', [(3, "d")]),
        ('name = "x" ## two hashes\n', [(1, "two hashes")]),
        ("name = 'x' #\n", [(1, "")]),
        ('name = "x"\r\n# crlf\r\n', [(2, "crlf")]),
    ],
)
def test_strings_are_skipped(text: str, expected: list[tuple[int, str]]) -> None:
    tomllib.loads(text)  # every case is valid TOML
    assert [(c.line, c.text) for c in find(text)] == expected


TEXT = st.text(st.sampled_from("#'\"\\ \nab"), max_size=30) | st.text(max_size=30)


@given(TEXT)
def test_a_hash_in_any_string_is_never_a_comment(value: str) -> None:
    """Basic, multi-line basic (value_text picks it for text with a line break), literal and
    multi-line literal strings; the literal forms only for text they can hold."""
    forms = [value_text(value)]
    if not any(c in value for c in "'\n\r"):
        forms.append(f"'{value}'")
    if "\r" not in value and "'''" not in value and not value.endswith("'"):
        forms.append(f"'''{value}'''")
    for form in forms:
        text = f"name = {form}\n[treaty]\nstatus = {form}\n"
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            assert form != forms[0]  # a control character a literal string cannot hold
            continue
        assert parsed["name"] == (value.removeprefix("\n") if form.startswith("'''") else value)
        assert find(text) == [], text
        assert first_comment_line(text) is None


def test_headers_with_quotes_and_arrays_that_span_lines() -> None:
    text = '[ccw."protocol_ii"] # ii\nx = [\n  [1, 2], # inner\n]\n[ "treaty" ]\n# t\n'
    assert [(c.table, c.trailing) for c in find(text)] == [
        (("ccw", "protocol_ii"), True),
        (("ccw", "protocol_ii"), True),
        (("treaty",), False),
    ]


def test_nested_arrays_count_from_their_own_entry() -> None:
    text = "[[use]]\n[[use.readings]]\n[[use]]\n[[use.readings]]\n[[use.readings]]\n# here\n"
    assert find(text)[0].table == ("use", 1, "readings", 1)


@pytest.mark.parametrize(
    ("path", "note"),
    [
        (("treaty",), True),
        (("ccw", "protocol_ii"), True),
        (("votes", 0), True),
        (("meetings", 2), True),
        (("un_membership",), True),
        (("sources", 0), True),
        (("production", "readings", 0), True),
        ((), False),
        (("production",), False),
        (("use", 0), False),
        (("sections", 0), False),
        (("ccw",), False),
        (("unknown",), False),
    ],
)
def test_which_tables_have_a_note(path, note: bool) -> None:
    assert has_note(path) is note


def test_names() -> None:
    assert name(()) == "the top level"
    assert name(("votes", 1, "readings", 0)) == "votes[1].readings[0]"
    assert name(("ccw", "protocol_ii")) == "ccw.protocol_ii"


def test_comments_become_notes_and_the_rest_is_said() -> None:
    doc = tomllib.loads(PROFILE)
    found = find(PROFILE)
    new, unplaced = to_notes(doc, found)
    assert new["treaty"]["note"] == "as of 2024; checked twice"
    assert new["votes"][1]["note"] == "late; the second vote"
    assert "note" not in new["votes"][0]
    assert new["votes"][1]["readings"][0]["note"] == "one report says so"
    assert [c.line for c in unplaced] == [1, 27]  # top level, production (no note)
    assert "note" not in doc["treaty"]  # the document given is not changed


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (None, "seen"),
        ("", "seen"),
        ("Late.", "Late. seen"),
        ("Why?", "Why? seen"),
        ("late", "late; seen"),
    ],
)
def test_a_note_is_appended_to(note: str | None, expected: str) -> None:
    treaty = {"status": "x"} if note is None else {"status": "x", "note": note}
    new, _ = to_notes({"treaty": treaty}, [Comment(3, "seen", ("treaty",), False)])
    assert new["treaty"]["note"] == expected


def test_an_empty_comment_adds_nothing() -> None:
    new, unplaced = to_notes({"treaty": {"status": "x"}}, [Comment(3, "", ("treaty",), False)])
    assert new == {"treaty": {"status": "x"}} and unplaced == []


def test_a_table_that_is_not_there_is_not_made() -> None:
    new, unplaced = to_notes({}, [Comment(3, "x", ("votes", 4), False)])
    assert new == {} and len(unplaced) == 1
