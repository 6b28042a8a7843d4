"""The parsed profiles of a store, and the text index `search` reads, in one SQLite file.

Each valid profile is a row: its code, the signature of the file it was parsed from, when it was
parsed, and the parsed profile pickled and compressed, sealed with the cache folder's key
(minecli.cachefile), so that a row is unpickled only if this user's minecli wrote it. A single
profile is read without reading the others, so the memory of a command that walks the store
stays that of one profile.

An FTS5 table over the case-folded text fields of each profile, cut into trigrams, names the
profiles that may hold a piece of text of three characters or more; `search` reads only those,
and checks every field of theirs in Python (minecli.query.search), so the index only has to find
every match, never decide one.

The file is used only inside a private cache folder and created readable by its owner only; a
damaged or foreign file is deleted and made again. Freshness is the caller's (minecli.cache):
this module stores and finds, and never decides whether a row still stands for its file.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minecli import __version__, cachefile
from minecli.paths import text_fields

FORMAT = "2"
Signature = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
Row = tuple[str, Signature, int, bytes, str]  # code, signature, parsed at (ns), blob, folded text

TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE profiles(code TEXT PRIMARY KEY, size INT, mtime INT, ino INT, ctime INT, made INT,
                      seal BLOB NOT NULL, blob BLOB NOT NULL);
CREATE VIRTUAL TABLE folded USING fts5(text, content='', detail=none, columnsize=0,
                                      tokenize='trigram case_sensitive 1');
"""


def number(code: str) -> int:
    """A code's row number in the text index: its letters' bytes, so that no lookup table
    (which damage could bend) stands between a match and its profile."""
    return int.from_bytes(code.encode("ascii"), "big")


def code_of(number: int) -> str:
    return number.to_bytes(2, "big").decode("ascii")


class Unusable(Exception):
    """The file cannot serve (a folder others may write, no key, a row not sealed by us)."""


def pack(doc: dict[str, Any]) -> tuple[bytes, str]:
    """A profile as stored: its compressed pickle, and its text folded for the index."""
    blob = zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return blob, folded(doc)


def unpack(blob: bytes) -> dict[str, Any]:
    return pickle.loads(zlib.decompress(blob))  # type: ignore[no-any-return]


def folded(doc: dict[str, Any]) -> str:
    """Every text field, case-folded, one a line: a needle found in a field is found here."""
    return "\n".join(text.casefold() for _, text in text_fields(doc))


def query_of(needle: str) -> str | None:
    """The FTS5 query for texts holding ``needle`` (case-folded): all its trigrams; None for a
    needle too short to have one."""
    # SQLite reads a query as C text, which ends at a NUL: a trigram holding one is left out
    # (the rows found are checked in full anyway), and a needle of only those scans every row.
    grams = sorted({needle[i : i + 3] for i in range(len(needle) - 2)})
    grams = [g for g in grams if "\x00" not in g]
    if not grams:
        return None
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


class ProfileDB:
    """One store's file; every method may raise sqlite3.Error or Unusable, and the caller then
    forgets the file (``discard``) and reads the TOML files instead."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path, self.folder = path, path.parent
        if not cachefile.private_folder(self.folder, fresh=True):
            raise Unusable(f"{self.folder} is not a private folder")
        key = cachefile.folder_key(self.folder)
        if key is None:
            raise Unusable("no key")
        self.key = key
        self.db = self._open(str(root))

    def _connect(self) -> sqlite3.Connection:
        with contextlib.suppress(FileExistsError):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | cachefile.NOFOLLOW
            os.close(os.open(self.path, flags, 0o600))
        return sqlite3.connect(self.path, timeout=10, isolation_level=None)

    def _open(self, root: str) -> sqlite3.Connection:
        db = self._connect()
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            meta = {}
        wanted = {"format": FORMAT, "version": __version__, "root": root}
        if {k: meta.get(k) for k in wanted} != wanted:
            db.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            db = self._connect()
            db.executescript(TABLES)
            db.executemany("INSERT INTO meta VALUES (?, ?)", wanted.items())
            self.db = db
            self._seal_terms()
        return db

    def _seal(self, code: str, blob: bytes) -> bytes:
        return cachefile.checksum(self.key, code.encode("utf-8") + b"\0" + blob)

    def held(self) -> dict[str, tuple[Signature, int]]:
        """code -> (signature of the file parsed, when it was parsed) of every row."""
        rows = self.db.execute("SELECT code, size, mtime, ino, ctime, made FROM profiles")
        return {
            code: ((size, mtime, ino, ctime), made) for code, size, mtime, ino, ctime, made in rows
        }

    def get(self, code: str) -> tuple[Signature, int, dict[str, Any]] | None:
        """A profile's row (signature, parsed at, profile), None if there is none."""
        row = self.db.execute(
            "SELECT size, mtime, ino, ctime, made, seal, blob FROM profiles WHERE code = ?",
            (code,),
        ).fetchone()
        if row is None:
            return None
        if not cachefile.same(row[5], self._seal(code, row[6])):
            raise Unusable(f"the row of {code} is not sealed by this cache")
        return row[:4], row[4], unpack(row[6])

    def _terms(self) -> bytes:
        """A keyed checksum of the text index's own tables. SQLite notices a damaged page only
        sometimes, and a damaged index would quietly find less: it is checked before every
        query (these tables are small: a few bytes per distinct trigram of each profile)."""
        digest = cachefile.blake2b(key=self.key, digest_size=32)
        for query in (
            "SELECT id, block FROM folded_data ORDER BY id",
            "SELECT segid, term, pgno FROM folded_idx ORDER BY segid, term",
            "SELECT k, v FROM folded_config ORDER BY k",
        ):
            for row in self.db.execute(query):
                for value in row:
                    item = value if isinstance(value, bytes) else str(value).encode("utf-8")
                    digest.update(len(item).to_bytes(8, "big") + item)
        return digest.digest()

    def _seal_terms(self) -> None:
        # FTS5 keeps new terms in memory until the transaction ends, or a savepoint is taken
        self.db.execute("SAVEPOINT seal")
        self.db.execute("RELEASE seal")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('terms', ?)", (self._terms().hex(),))

    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self._seal_terms()
        self.db.execute("COMMIT")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group the writes inside in one transaction: all of them land, or none."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.commit()

    def add(self, row: Row) -> None:
        """Store a profile, in place of the row it had."""
        code, signature, made, blob, text = row
        self.remove(code)
        self.db.execute(
            "INSERT INTO profiles(code, size, mtime, ino, ctime, made, seal, blob)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (code, *signature, made, self._seal(code, blob), blob),
        )
        self.db.execute("INSERT INTO folded(rowid, text) VALUES (?, ?)", (number(code), text))

    def remove(self, code: str) -> None:
        """Forget a profile and its terms (a contentless index forgets a text only when told
        the same text again, so it is made again from the stored profile)."""
        held = self.get(code)
        if held is None:
            return
        self.db.execute(
            "INSERT INTO folded(folded, rowid, text) VALUES ('delete', ?, ?)",
            (number(code), folded(held[2])),
        )
        self.db.execute("DELETE FROM profiles WHERE code = ?", (code,))

    def candidates(self, needle: str) -> set[str] | None:
        """The codes of the profiles whose text may hold ``needle`` (any case); None for a
        needle too short for the index (every profile may)."""
        wanted = query_of(needle.casefold())
        if wanted is None:
            return None
        (seal,) = self.db.execute("SELECT value FROM meta WHERE key = 'terms'").fetchone() or ("",)
        if not cachefile.same(seal.encode("ascii"), self._terms().hex().encode("ascii")):
            raise Unusable("the text index is damaged")
        rows = self.db.execute("SELECT rowid FROM folded WHERE folded MATCH ?", (wanted,))
        return {code_of(number) for (number,) in rows}

    def discard(self) -> None:
        """Close and delete the file: damaged, or a race lost; the next run makes it afresh."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)
