"""The text index behind `search`: every text field of every profile in one SQLite file.

Each text field of a valid profile is a row (code, its place in the profile, the field's path
and text); an FTS5 table over the case-folded texts, cut into trigrams, finds the rows that may
hold a piece of text of three characters or more without reading the others, so a search reads
only the fields it may match, at any store size. The rows are checked in Python afterwards
(minecli.query.search), so the index only has to find every match, never decide one.

Freshness is that of minecli.cache: a profile's rows carry the signature of the file they came
from and the time they were made; rows whose file has changed (or changed too close to that
time to tell) are made again before the query. The file holds data only, no pickle; a damaged
or foreign file is deleted and rebuilt. It lives in the cache folder only if that folder is
private (minecli.cachefile); otherwise, and whenever SQLite fails, the search reads the
profiles instead (``None``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from minecli import __version__, cachefile
from minecli.cache import Signature, settled
from minecli.paths import text_fields

FORMAT = "1"
Text = tuple[str, str, str]  # code, path, text
Load = Callable[[str], "dict[str, Any] | None"]

TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(code TEXT PRIMARY KEY, size INT, mtime INT, ino INT, ctime INT, made INT);
CREATE TABLE texts(id INTEGER PRIMARY KEY, code TEXT NOT NULL, ord INT NOT NULL,
                   path TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX texts_code ON texts(code, ord);
CREATE VIRTUAL TABLE folded USING fts5(text, content='', detail=none,
                                      tokenize='trigram case_sensitive 1');
"""


def query_of(needle: str) -> str | None:
    """The FTS5 query for rows holding ``needle`` (case-folded): all its trigrams; None for a
    needle too short to have one."""
    grams = sorted({needle[i : i + 3] for i in range(len(needle) - 2)})
    if not grams:
        return None
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the index file, made readable by its owner only if it is new."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | cachefile._NOFOLLOW, 0o600))
    return sqlite3.connect(path, timeout=10, isolation_level=None)


def _open(path: Path, root: str) -> sqlite3.Connection:
    """The index file, made (or made again) for this store and format."""
    db = _connect(path)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        meta = {}
    if meta != {"format": FORMAT, "version": __version__, "root": root}:
        db.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        db = _connect(path)
        db.executescript(TABLES)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("format", FORMAT), ("version", __version__), ("root", root)],
        )
    return db


def _drop(db: sqlite3.Connection, code: str) -> None:
    rows = db.execute("SELECT id, text FROM texts WHERE code = ?", (code,)).fetchall()
    db.executemany(
        "INSERT INTO folded(folded, rowid, text) VALUES ('delete', ?, ?)",
        [(row_id, text.casefold()) for row_id, text in rows],
    )
    db.execute("DELETE FROM texts WHERE code = ?", (code,))
    db.execute("DELETE FROM files WHERE code = ?", (code,))


def _add(
    db: sqlite3.Connection, code: str, doc: dict[str, Any], signature: Signature, first: int
) -> int:
    """Index one profile's texts, as of the file version ``signature``, from row id ``first``;
    the next free row id."""
    made = time.time_ns()
    rows = [(first + n, code, n, path, text) for n, (path, text) in enumerate(text_fields(doc))]
    db.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?)", rows)
    db.executemany(
        "INSERT INTO folded(rowid, text) VALUES (?, ?)", [(r[0], r[4].casefold()) for r in rows]
    )
    db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", (code, *signature, made))
    return first + len(rows)


def _mend(db: sqlite3.Connection, valid: dict[str, Signature], load: Load) -> None:
    held = {row[0]: row[1:] for row in db.execute("SELECT * FROM files")}
    stale = [
        c for c, sig in valid.items() if c not in held or not settled(held[c][:4], sig, held[c][4])
    ]
    gone = [c for c in held if c not in valid]
    if not stale and not gone:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for code in gone + stale:
            _drop(db, code)
        (last,) = db.execute("SELECT coalesce(max(id), 0) FROM texts").fetchone()
        for code in stale:
            doc = load(code)
            if doc is None:  # changed since the store's index saw it: this run reads profiles
                raise sqlite3.OperationalError(f"{code} changed while it was indexed")
            last = _add(db, code, doc, valid[code], last + 1) - 1
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def matches(
    root: Path, valid: dict[str, Signature], load: Load, needle: str, index_file: Path
) -> Iterator[Text] | None:
    """The (code, path, text) of every text field of the valid profiles (code -> signature of
    the file; ``load(code)`` gives that version's profile, None if the file has moved on) that
    may hold ``needle``, in code and field order; None if the index cannot be used."""
    if not cachefile.private_folder(index_file.parent, fresh=True):
        return None
    db = None
    try:
        db = _open(index_file, str(root))
        _mend(db, valid, load)
        wanted = query_of(needle.casefold())
        if wanted is None:
            rows: Iterable[Text] = db.execute(
                "SELECT code, path, text FROM texts ORDER BY code, ord"
            )
        else:
            rows = db.execute(
                "SELECT t.code, t.path, t.text FROM folded JOIN texts AS t ON t.id = folded.rowid"
                " WHERE folded MATCH ? ORDER BY t.code, t.ord",
                (wanted,),
            ).fetchall()
        return iter(list(rows))
    except sqlite3.Error:
        with contextlib.suppress(OSError):
            os.unlink(index_file)  # damaged, or a race lost: the next run builds it afresh
        return None
    finally:
        if db is not None:
            db.close()
