"""minecli.textindex: the SQLite text index `search` reads, against a search of every field."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli import files, textindex
from minecli.paths import text_fields
from minecli.query.search import matches

from ..helpers import BUNDLED

CODES = ("AF", "KZ", "RU", "US", "UZ")
DOCS = {c: files.load(BUNDLED / "countries" / f"{c}.toml", f"countries/{c}.toml") for c in CODES}
OLD = (100, 1_000, 7, 1_000)  # a file signature from long ago: settled
TEXTS = [text for doc in DOCS.values() for _, text in text_fields(doc)]


def everything(docs: dict) -> list[tuple[str, str, str, str]]:
    return [
        (code, doc["name"], path, text)
        for code, doc in sorted(docs.items())
        for path, text in text_fields(doc)
    ]


def indexed(index_file: Path, docs: dict, needle: str, signatures: dict | None = None) -> list:
    valid = signatures or {code: OLD for code in docs}
    found = textindex.matches(index_file.parent, valid, docs.get, needle, index_file)
    assert found is not None
    names = {code: doc["name"] for code, doc in docs.items()}
    return matches(needle, ((code, names[code], path, t) for code, path, t in found))


@pytest.fixture
def index_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index.search"


def test_short_needles_have_no_query_and_quotes_are_escaped() -> None:
    assert textindex.query_of("oz") is None
    assert textindex.query_of("ozm") == '"ozm"'
    assert textindex.query_of('a"bc') == '"""bc" AND "a""b"'


@pytest.mark.parametrize("needle", ["OZM", "oz", "border with", "1997", '"', "é", "nowhere-x"])
def test_the_index_finds_what_a_search_of_every_field_finds(index_file: Path, needle: str) -> None:
    assert indexed(index_file, DOCS, needle) == matches(needle, everything(DOCS))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(min_size=1, max_size=5),
        st.builds(
            lambda t, i, n: t[i % max(1, len(t)) :][:n] or "x",
            st.sampled_from(TEXTS),
            st.integers(0, 500),
            st.integers(1, 12),
        ),
    )
)
def test_any_needle_gives_the_same_rows(index_file: Path, needle: str) -> None:
    assert indexed(index_file, DOCS, needle) == matches(needle, everything(DOCS))


def test_a_changed_or_removed_profile_is_indexed_again(index_file: Path) -> None:
    assert indexed(index_file, DOCS, "OZM-72")
    changed = {**DOCS, "UZ": {**DOCS["UZ"], "stockpile": {"summary": "Now says ZZQ-1."}}}
    changed.pop("KZ")
    signatures = {code: OLD for code in changed} | {"UZ": (101, 1_000, 7, 1_001)}
    rows = indexed(index_file, changed, "zzq-1", signatures)
    assert [(r["code"], r["field"]) for r in rows] == [("UZ", "stockpile.summary")]
    assert all(r["code"] != "KZ" for r in indexed(index_file, changed, "a", signatures))
    assert indexed(index_file, changed, "OZM-72", signatures) == matches(
        "OZM-72", everything(changed)
    )


def test_a_racy_profile_is_indexed_again_every_run(index_file: Path) -> None:
    """A file changed within two seconds of its indexing may change again unseen: never kept."""
    import time

    now = (100, time.time_ns(), 7, time.time_ns())
    docs = {"UZ": DOCS["UZ"]}
    assert indexed(index_file, docs, "OZM", {"UZ": now})
    docs = {"UZ": {**DOCS["UZ"], "stockpile": {"summary": "ZZQ-2"}}}
    assert indexed(index_file, docs, "zzq-2", {"UZ": now})  # same signature, new text


def test_a_damaged_or_foreign_file_is_rebuilt(index_file: Path, tmp_path: Path) -> None:
    index_file.parent.mkdir(mode=0o700)
    index_file.write_bytes(b"not a database at all" * 100)
    assert indexed(index_file, DOCS, "OZM") == matches("OZM", everything(DOCS))
    with sqlite3.connect(index_file) as db:
        db.execute("UPDATE meta SET value = '/elsewhere' WHERE key = 'root'")
    db.close()
    assert indexed(index_file, DOCS, "OZM") == matches("OZM", everything(DOCS))
    assert index_file.stat().st_mode & 0o077 == 0, "readable by its owner only"


def test_a_profile_that_moved_on_is_not_indexed(index_file: Path) -> None:
    """``load`` says the file changed since the store's index saw it: no rows, no index."""
    found = textindex.matches(index_file.parent, {"UZ": OLD}, lambda code: None, "x", index_file)
    assert found is None
    assert not index_file.exists()


def test_a_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    index_file = folder / "index.search"
    assert textindex.matches(folder, {"UZ": OLD}, DOCS.get, "OZM", index_file) is None
    assert not index_file.exists()
