"""minecli.tomltext: reading a store file's text without the parser (comments, line ends) and
dating a profile kept verbatim."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from minecli.tomltext import crlf, dated_text, first_comment_line

LABEL = "countries/XA.toml"
WHEN = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name = "X"\n', None),
        ('name = "a # b"\n', None),
        ("name = 'a # b'\n", None),
        ('note = """\n# not a comment\n"""\n', None),
        ('note = """ends in quotes"""""\n# here\n', 2),
        ('name = "X" # trailing\n', 1),
        ('a = "\\"#"\nb = 1 # c\n', 2),
        ("\n\n# third\n", 3),
    ],
)
def test_first_comment_line_skips_strings(text: str, line: int | None) -> None:
    assert first_comment_line(text) == line


def test_crlf_is_every_line_or_none() -> None:
    assert crlf("a = 1\r\nb = 2\r\n")
    assert not crlf("a = 1\nb = 2\r\n")
    assert not crlf("a = 1")


def doc_of(text: str) -> dict:
    return tomllib.loads(text)


def test_an_existing_updated_is_replaced_in_place() -> None:
    text = 'schema = 1\ncode = "XA"\nupdated = 2020-01-01\n\n[treaty]\nstatus = "not_party"\n'
    want = text.replace("2020-01-01", "2026-12-02")
    assert dated_text(text, WHEN, doc_of(want), LABEL) == want


def test_a_missing_updated_is_added_after_the_top_level_keys() -> None:
    text = 'schema = 1\ncode = "XA"\n\n[treaty]\nupdated = 1999-01-01\n'
    want = 'schema = 1\ncode = "XA"\nupdated = 2026-12-02\n\n[treaty]\nupdated = 1999-01-01\n'
    assert dated_text(text, WHEN, doc_of(want), LABEL) == want


def test_crlf_text_gets_a_crlf_line() -> None:
    text = 'schema = 1\r\ncode = "XA"\r\n\r\n[treaty]\r\nstatus = "not_party"\r\n'
    want = 'schema = 1\r\ncode = "XA"\r\nupdated = 2026-12-02\r\n\r\n[treaty]\r\nstatus = "not_party"\r\n'
    got = dated_text(text, WHEN, doc_of(want), LABEL)
    assert got == want
    assert crlf(got)


def test_no_text_when_the_result_would_not_read_as_the_document() -> None:
    text = 'schema = 1\ncode = "XA"\n'
    other = {"schema": 1, "code": "XB", "updated": WHEN}
    assert dated_text(text, WHEN, other, LABEL) is None
    assert dated_text("[treaty]\nstatus = 'x'\n", WHEN, {}, LABEL) is None  # no top level
