"""minecli.cachedb: the SQLite file of parsed profiles and their text index, on its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli import cachedb, files
from minecli.cachedb import ProfileDB, Unusable
from minecli.paths import text_fields
from minecli.query.search import matches

from ..helpers import BUNDLED

CODES = ("AF", "KZ", "RU", "US", "UZ")
DOCS = {c: files.load(BUNDLED / "countries" / f"{c}.toml", f"countries/{c}.toml") for c in CODES}
OLD = (100, 1_000, 7, 1_000)  # a file signature from long ago
TEXTS = [text for doc in DOCS.values() for _, text in text_fields(doc)]


def everything(docs: dict) -> list[tuple[str, str, str, str]]:
    return [
        (code, doc["name"], path, text)
        for code, doc in sorted(docs.items())
        for path, text in text_fields(doc)
    ]


def filled(path: Path, docs: dict) -> ProfileDB:
    db = ProfileDB(path, path.parent)
    with db.transaction():
        for code, doc in docs.items():
            db.add((code, OLD, 5_000, *cachedb.pack(doc)))
    return db


def found_by_index(db: ProfileDB, docs: dict, needle: str) -> list:
    """A search that reads only the profiles the index names."""
    named = db.candidates(needle)
    wanted = {c: d for c, d in docs.items() if named is None or c in named}
    return matches(needle, everything(wanted))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index.db"


def test_a_nul_in_the_needle_is_left_out_of_the_query(path: Path) -> None:
    assert cachedb.query_of("00\x00") is None
    assert cachedb.query_of("ozm\x00") == '"ozm"'
    assert found_by_index(filled(path, DOCS), DOCS, "00\x00") == []


def test_short_needles_have_no_query_and_quotes_are_escaped() -> None:
    assert cachedb.query_of("oz") is None
    assert cachedb.query_of("ozm") == '"ozm"'
    assert cachedb.query_of('a"bc') == '"""bc" AND "a""b"'


def test_a_profile_comes_back_as_it_went_in_with_its_signature(path: Path) -> None:
    db = filled(path, DOCS)
    assert db.get("UZ") == (OLD, 5_000, DOCS["UZ"])
    assert db.get("XX") is None
    assert db.held() == {code: (OLD, 5_000) for code in CODES}


@pytest.mark.parametrize("needle", ["OZM", "oz", "border with", "1997", '"', "é", "nowhere-x"])
def test_the_index_finds_what_a_search_of_every_field_finds(path: Path, needle: str) -> None:
    assert found_by_index(filled(path, DOCS), DOCS, needle) == matches(needle, everything(DOCS))


def test_the_index_names_only_the_profiles_that_may_match(path: Path) -> None:
    assert filled(path, DOCS).candidates("ozm-72") == {"UZ"}


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
def test_any_needle_gives_the_same_rows(tmp_path: Path, needle: str) -> None:
    db = filled(tmp_path / f"c{abs(hash(needle))}" / "index.db", DOCS)
    assert found_by_index(db, DOCS, needle) == matches(needle, everything(DOCS))


def test_a_replaced_or_removed_profile_leaves_no_terms_behind(path: Path) -> None:
    db = filled(path, DOCS)
    changed = {**DOCS["UZ"], "stockpile": {"summary": "Now says ZZQ-1."}}
    with db.transaction():
        db.add(("UZ", (101, 1_000, 7, 1_001), 6_000, *cachedb.pack(changed)))
        db.remove("KZ")
    assert db.candidates("zzq-1") == {"UZ"}
    assert db.candidates("OZM-72") == {"UZ"}  # the sections still say it
    assert "KZ" not in (db.candidates("the") or set())
    assert db.get("UZ") == ((101, 1_000, 7, 1_001), 6_000, changed)
    integrity = db.db.execute("INSERT INTO folded(folded, rank) VALUES ('integrity-check', 0)")
    assert integrity.fetchall() == []  # the terms removed are exactly those once added


def test_a_failed_transaction_changes_nothing(path: Path) -> None:
    db = filled(path, DOCS)
    with pytest.raises(RuntimeError), db.transaction():
        db.remove("UZ")
        raise RuntimeError("interrupted")
    assert db.get("UZ") is not None and db.candidates("ozm-72") == {"UZ"}


def test_a_row_not_sealed_by_this_cache_is_never_unpickled(path: Path) -> None:
    db = filled(path, DOCS)
    db.db.execute("UPDATE profiles SET blob = ? WHERE code = 'UZ'", (cachedb.pack(DOCS["KZ"])[0],))
    with pytest.raises(Unusable):
        db.get("UZ")
    assert db.get("KZ") == (OLD, 5_000, DOCS["KZ"])


def test_a_damaged_or_foreign_file_is_made_again(path: Path) -> None:
    path.parent.mkdir(mode=0o700)
    path.write_bytes(b"not a database at all" * 100)
    assert filled(path, DOCS).get("UZ") is not None
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE meta SET value = '/elsewhere' WHERE key = 'root'")
    raw.close()
    again = ProfileDB(path, path.parent)
    assert again.held() == {}, "another store's rows are not believed"
    assert path.stat().st_mode & 0o077 == 0, "readable by its owner only"


def test_a_folder_others_may_write_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(Unusable):
        ProfileDB(folder / "index.db", folder)
    assert not (folder / "index.db").exists()


def test_discard_deletes_the_file(path: Path) -> None:
    db = filled(path, DOCS)
    db.discard()
    assert not path.exists()


def test_a_damaged_text_index_is_noticed_before_it_finds_less(path: Path) -> None:
    """SQLite notices a damaged page only sometimes: the index's own tables carry a keyed
    checksum, checked before every query."""
    db = filled(path, DOCS)
    assert db.candidates("ozm-72") == {"UZ"}
    (block_id, block) = db.db.execute(
        "SELECT id, block FROM folded_data ORDER BY length(block) DESC"
    ).fetchone()
    damaged = bytes([block[0] ^ 1]) + block[1:]
    db.db.execute("UPDATE folded_data SET block = ? WHERE id = ?", (damaged, block_id))
    with pytest.raises(Unusable):
        db.candidates("ozm-72")


def test_row_numbers_are_the_codes_letters() -> None:
    assert cachedb.number("UZ") == 0x555A
    assert cachedb.code_of(cachedb.number("UZ")) == "UZ"
