"""minecli.tomlmap: the line and column of every key, for messages an editor can jump to."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minecli import tomlmap
from minecli.files import position

from ..helpers import BUNDLED

TEXT = '''schema = 1
code = "XA"
name = "Xland"

[treaty]
status = "signatory"  # a trailing comment with [brackets] = and keys = 1
note = """
[not_a_table]
not_a_key = 1
"""
"quoted key" = 'x'
dotted.key = 2

[[votes]]
resolution = "65/48"
vote = "yes"
sources = [
  1,
  2,
]

[[votes]]
resolution = "66/29"
vote = "no"

[[votes.readings]]
vote = "yes"
sources = [3]

[ccw.protocol_v]
party = true
'''


@pytest.fixture
def found() -> dict:
    return tomlmap.positions(TEXT)


def line_of(found: dict, *key) -> int:
    return found[key][0]


def test_keys_and_headers_are_found_where_they_are(found: dict) -> None:
    assert found[("schema",)] == (1, 1)
    assert found[("treaty",)] == (5, 1)
    assert found[("treaty", "status")] == (6, 1)
    assert found[("treaty", "note")] == (7, 1)
    assert line_of(found, "treaty", "quoted key") == 11
    assert line_of(found, "treaty", "dotted", "key") == 12
    assert line_of(found, "ccw", "protocol_v", "party") == 31


def test_arrays_of_tables_are_counted_from_zero(found: dict) -> None:
    assert found[("votes", 0)] == (14, 1)
    assert line_of(found, "votes", 0, "vote") == 16
    assert line_of(found, "votes", 0, "sources") == 17
    assert found[("votes", 1)] == (22, 1)
    assert line_of(found, "votes", 1, "vote") == 24
    assert line_of(found, "votes", 1, "readings", 0) == 26
    assert line_of(found, "votes", 1, "readings", 0, "sources") == 28


def test_nothing_inside_strings_values_or_comments_is_taken_for_a_key(found: dict) -> None:
    assert ("not_a_table",) not in found
    assert ("treaty", "not_a_key") not in found
    assert ("not_a_table", "not_a_key") not in found
    assert not any("keys" in map(str, key) or "brackets" in map(str, key) for key in found)
    assert ("votes", 0, "1") not in found  # a line of a multi-line array


def test_columns_count_from_one_after_indentation() -> None:
    found = tomlmap.positions("[treaty]\n   status = 'x'\n\t note = 'y'\n")
    assert found[("treaty", "status")] == (2, 4)
    assert found[("treaty", "note")] == (3, 3)


def test_crlf_lines_count_as_lines() -> None:
    found = tomlmap.positions('schema = 1\r\n\r\n[treaty]\r\nstatus = "x"\r\n')
    assert found[("treaty", "status")] == (4, 1)


def test_both_path_forms_name_the_same_place(found: dict) -> None:
    doc = tomllib.loads(TEXT)
    assert tomlmap.key_path("votes[1].vote") == ("votes", 1, "vote")
    assert tomlmap.key_path("votes.66/29.vote", doc) == ("votes", 1, "vote")
    assert tomlmap.key_path("votes.66/29.readings.1", doc) == ("votes", 1, "readings", 0)
    assert tomlmap.key_path("ccw.protocol_v.since", doc) == ("ccw", "protocol_v", "since")
    sources = tomllib.loads("[[sources]]\nid = 7\n[[sources]]\nid = 3\n")
    assert tomlmap.key_path("sources.3", sources) == ("sources", 1)  # by id, not position
    uses = tomllib.loads("[[use]]\nwhere = 'a'\n[[use]]\nwhere = 'b'\n")
    assert tomlmap.key_path("use.2.where", uses) == ("use", 1, "where")


def test_a_missing_key_is_placed_at_its_table_or_the_top(found: dict) -> None:
    assert tomlmap.locate(found, ("treaty", "signed")) == (5, 1)
    assert tomlmap.locate(found, ("votes", 1, "note")) == (22, 1)
    assert tomlmap.locate(found, ("stockpile", "status")) == (1, 1)
    assert tomlmap.locate(found, ("votes", 9, "vote")) == (14, 1)  # the array's first header


def test_position_reads_a_schema_problem_path() -> None:
    assert position(TEXT, "votes[1].vote") == (24, 1)
    assert position(TEXT, "votes.65/48", tomllib.loads(TEXT)) == (14, 1)


@pytest.mark.parametrize("path", sorted((BUNDLED / "countries").glob("*.toml"))[::9])
def test_every_key_of_a_bundled_profile_is_on_its_own_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = tomlmap.positions(text)

    def walk(node: object, key: tuple) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                at = found[(*key, name)] if not isinstance(value, dict) else None
                if at is not None and not (
                    isinstance(value, list) and value and isinstance(value[0], dict)
                ):
                    assert lines[at[0] - 1][at[1] - 1 :].startswith(name), (key, name, at)
                walk(value, (*key, name))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, dict):
                    assert lines[found[(*key, i)][0] - 1].startswith("[["), (key, i)
                    walk(item, (*key, i))

    walk(tomllib.loads(text), ())


KEY = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
TRICKY = st.text(alphabet="ab =#[].\"'\n\\", max_size=30)


@given(st.lists(st.tuples(KEY, TRICKY), min_size=1, max_size=6, unique_by=lambda kv: kv[0]))
def test_keys_are_found_whatever_their_strings_hold(pairs: list[tuple[str, str]]) -> None:
    """Strings full of quotes, brackets, '#' and '=' never hide a key or invent one."""
    import json

    body = "".join(f"{key} = {json.dumps(value)}\n" for key, value in pairs)
    text = f"[treaty]\n{body}"
    assert tomllib.loads(text)["treaty"] == dict(pairs)
    found = tomlmap.positions(text)
    assert {k for k in found if k} == {("treaty",), *(("treaty", key) for key, _ in pairs)}
    for n, (key, _) in enumerate(pairs, start=2):
        assert found[("treaty", key)] == (n, 1)


NEVER = __import__("re").compile(r"(?!)")


@given(st.text(alphabet="ab=[]{}\"'\\\n #.x\t\r1", max_size=60))
def test_the_one_line_shortcut_finds_what_the_full_scan_finds(text: str) -> None:
    """Lines of one key and a plain value skip the character-by-character scan; the positions
    must be the same as the full scan's, whatever the text (broken TOML included)."""
    quick = tomlmap.positions(text)
    shortcut, tomlmap._SIMPLE = tomlmap._SIMPLE, NEVER
    try:
        full = tomlmap.positions(text)
    finally:
        tomlmap._SIMPLE = shortcut
    assert quick == full


def test_the_shortcut_and_full_scan_agree_on_bundled_profiles() -> None:
    for path in sorted((BUNDLED / "countries").glob("*.toml"))[:40]:
        text = path.read_text(encoding="utf-8")
        shortcut, tomlmap._SIMPLE = tomlmap._SIMPLE, NEVER
        try:
            full = tomlmap.positions(text)
        finally:
            tomlmap._SIMPLE = shortcut
        assert tomlmap.positions(text) == full, path.name
