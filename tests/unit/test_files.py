"""minecli.files: the one read path, from bytes to a validated record or one clear error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minecli import files
from minecli.errors import InvalidData

LABEL = "countries/XA.toml"
GOOD = 'schema = 1\ncode = "XA"\nname = "Testland"\n\n[treaty]\nstatus = "signatory"\nsigned = 1997-12-03\n'


def test_parse_reads_toml_with_dates_as_dates() -> None:
    doc = files.parse(GOOD, LABEL)
    assert doc["treaty"] == {"status": "signatory", "signed": dt.date(1997, 12, 3)}


def test_a_syntax_error_names_the_file_line_and_column() -> None:
    text = 'schema = 1\ncode = "XA"\nname = = "Testland"\n'
    with pytest.raises(InvalidData) as caught:
        files.parse(text, LABEL)
    exc = caught.value
    assert (exc.file, exc.line, exc.column) == (LABEL, 3, 8)
    assert exc.where() == "countries/XA.toml:3:8"
    assert str(exc).startswith("countries/XA.toml:3:8: invalid TOML: ")
    assert exc.detail.startswith("invalid TOML: ")


def test_a_syntax_error_at_the_end_of_the_text() -> None:
    with pytest.raises(InvalidData) as caught:
        files.parse('name = "unterminated\n', "resolutions.toml")
    assert caught.value.file == "resolutions.toml"
    assert caught.value.line == 1
    assert str(caught.value).startswith("resolutions.toml:1:")


def test_read_text_decodes_utf8(tmp_path: Path) -> None:
    path = tmp_path / "XA.toml"
    path.write_bytes('name = "Côte d’Ivoire"\n'.encode())
    assert files.read_text(path, LABEL) == 'name = "Côte d’Ivoire"\n'


def test_read_text_of_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "XA.toml"
    path.write_bytes(b'name = "C\xf4te"\n')  # Latin-1
    with pytest.raises(InvalidData) as caught:
        files.read_text(path, LABEL)
    assert caught.value.file == LABEL
    assert str(caught.value) == "countries/XA.toml: not UTF-8 text (byte 9)"


def test_read_text_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match=r"^countries/XA.toml: file not found$"):
        files.read_text(tmp_path / "XA.toml", LABEL)


def test_read_text_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match=r"^countries/XA.toml: not a plain file \(a folder\)$"):
        files.read_text(tmp_path, LABEL)


def test_read_text_refuses_odd_files(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(InvalidData, match=r"not a plain file \(a FIFO, socket or device\)$"):
        files.read_text(tmp_path / "fifo", LABEL)
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    with pytest.raises(InvalidData, match=r"a symbolic link to a file that does not exist$"):
        files.read_text(tmp_path / "dangling", LABEL)
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    with pytest.raises(InvalidData, match=r"cannot read: Too many levels of symbolic links$"):
        files.read_text(tmp_path / "a", LABEL)


def test_parse_refuses_deep_nesting() -> None:
    with pytest.raises(InvalidData, match=r"nested too deeply$"):
        files.parse("x = " + "[" * 5000 + "]" * 5000, LABEL)


def test_read_text_refuses_a_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    (tmp_path / "big").write_text("x = 1234567890", encoding="utf-8")
    with pytest.raises(InvalidData, match=r"too large to be a store file \(14 bytes; at most 10\)"):
        files.read_text(tmp_path / "big", LABEL)


def test_decode_gives_the_validated_record() -> None:
    assert files.decode(GOOD, LABEL)["name"] == "Testland"


def test_decode_names_the_first_schema_problem() -> None:
    text = 'schema = 1\ncode = "xa"\n\n[treaty]\nstatus = "member"\n'
    with pytest.raises(InvalidData) as caught:
        files.decode(text, LABEL)
    assert str(caught.value) == (
        "countries/XA.toml:2:1: code: expected a two-letter ISO 3166 code in capitals, got 'xa'"
    )
    assert (caught.value.line, caught.value.column) == (2, 1)


def test_validated_checks_the_code_against_the_file_name() -> None:
    doc = files.parse(GOOD, LABEL)
    assert files.validated(doc, LABEL) is doc
    with pytest.raises(InvalidData, match=r"^countries/XB.toml: code: 'XA' does not match"):
        files.validated(doc, "countries/XB.toml")


def test_validated_uses_the_schema_of_the_file_the_label_names() -> None:
    resolutions = {"resolutions": [{"number": "65/48", "session": 65}]}
    with pytest.raises(InvalidData, match=r"^resolutions.toml: resolutions\[0\].title: missing$"):
        files.validated(resolutions, files.RESOLUTIONS)
    meetings = {"meetings": [{"id": "10MSP", "name": "Tenth", "kind": "party"}]}
    with pytest.raises(InvalidData, match=r"^meetings.toml: meetings\[0\].kind: expected one of"):
        files.validated(meetings, files.MEETINGS)
    good = {"meetings": [{"id": "10MSP", "name": "Tenth"}]}
    assert files.validated(good, files.MEETINGS) is good
    with pytest.raises(InvalidData, match="schema: missing"):  # read as a profile, it fails
        files.validated(good, LABEL)


def test_load_goes_from_a_file_to_a_record(tmp_path: Path) -> None:
    path = tmp_path / "XA.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert files.load(path, LABEL)["treaty"]["status"] == "signatory"
    path.write_text(GOOD.replace('"signatory"', '"member"'), encoding="utf-8")
    with pytest.raises(InvalidData, match=r"treaty\.status"):
        files.load(path, LABEL)


def test_profile_label_and_code_of_are_inverses() -> None:
    assert files.profile_label("UZ") == "countries/UZ.toml"
    assert files.code_of(files.profile_label("UZ")) == "UZ"
    assert files.code_of("resolutions.toml") is None
    assert files.code_of("meetings.toml") is None
    assert files.code_of("countries/UZ.txt") is None
    assert files.code_of("other/UZ.toml") is None
