"""The index of a store: every profile's brief at hand, any whole profile on demand.

`list`, roll calls and name lookups read the briefs (minecli.cache), which come from one small
cache file; whole profiles come one at a time from the profile database (minecli.cachedb) when
its row still stands for the file, else from the TOML file, and the database is mended as the
run ends. `search` asks the database's text index which profiles to read. Whatever fails in the
database, the TOML files answer: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from minecli import cache, files
from minecli.cache import (
    BATCH,
    Entry,
    Progress,
    Signature,
    cache_files,
    enabled,
    file_signature,
    parse_files,
    read,
    settled,
    write,
)
from minecli.errors import InvalidData
from minecli.model import CODE_RE


class Index:
    """The profiles of one store folder, from the cache wherever it is still right."""

    def __init__(
        self, countries: Path, use_cache: bool | None = None, progress: Progress | None = None
    ) -> None:
        self.countries = countries
        self.root = countries.parent.resolve()
        self.use_cache = enabled() if use_cache is None else use_cache
        where = cache_files(self.root)
        self.brief_file, self.db_file = where["brief"], where["db"]
        self.entries: dict[str, Entry] = {}
        self.progress = progress
        self._db: Any = None  # the profile database once opened; False if it cannot serve
        self._pending: dict[str, Any] = {}  # rows to add when the run ends
        self._refresh()

    def _files(self) -> dict[str, Signature]:
        """The plain profile files by code; the others (a symlink to nothing or in a loop, a
        FIFO, a folder, a file too large) go into ``odd`` with what is wrong, lower-case names
        into ``ignored``."""
        found = {}
        self.odd: dict[str, InvalidData] = {}
        self.ignored: list[InvalidData] = []
        with os.scandir(self.countries) as listing:
            for item in listing:
                code, dot, ext = item.name.partition(".")
                label = files.profile_label(code)
                if ext == "toml" and dot and CODE_RE.match(code):
                    try:
                        info = item.stat()  # follows a symlink; scandir has it at hand
                    except OSError:
                        info = None
                    plain = info is not None and stat.S_ISREG(info.st_mode)
                    if plain and info.st_size <= files.MAX_FILE_BYTES:  # type: ignore[union-attr]
                        found[code] = file_signature(info)  # type: ignore[arg-type]
                        continue
                    try:  # say what is wrong with it
                        files.regular_file(Path(item.path), label)
                    except InvalidData as exc:
                        self.odd[code] = exc
                elif (why := files.misnamed_profile(item.name)) is not None:
                    self.ignored.append(InvalidData(why, file=f"{files.COUNTRIES}/{item.name}"))
        return found

    def _refresh(self) -> None:
        data = read(self.brief_file, self.root, "brief") if self.use_cache else None
        cached: dict[str, Entry] = data["entries"] if data else {}
        written_ns = data["written_ns"] if data else 0
        found = self._files()
        for code, exc in self.odd.items():  # never parsed, never cached: reported every run
            self.entries[code] = ((0, 0, 0, 0), None, str(exc))
        stale = []
        for code, signature in found.items():
            entry = cached.get(code)
            if entry is not None and settled(entry[0], signature, written_ns):
                self.entries[code] = entry
            else:
                stale.append(code)
        if not stale and set(cached) == set(found) | set(self.odd):
            return
        started = time.time_ns()  # a file changed while we parse is still racy next time
        gone = [code for code in cached if code not in found]
        self._store_rows(stale, found, started, gone)
        if self.use_cache:
            write(self.brief_file, self.root, {"written_ns": started, "entries": self.entries})

    def _store_rows(
        self, codes: list[str], signatures: dict[str, Signature], started: int, gone: list[str]
    ) -> list[str]:
        """Parse these profiles (in worker processes when there are many), take their entries
        and store them in the profile database as they come; the codes whose file changed
        since ``signatures`` was taken."""
        db, moved = self._open(), []
        try:
            if db:
                db.begin()
                for code in gone:
                    db.remove(code)
        except _db_errors():
            db = self._forget()
        for code, (entry, packed) in parse_files(self.countries, codes, signatures, self.progress):
            if code in self.entries and self.entries[code][0] != entry[0]:
                moved.append(code)
                continue
            self.entries[code] = entry
            try:
                if db and packed is None:
                    db.remove(code)
                elif db:
                    db.add((code, entry[0], started, *packed))  # type: ignore[misc]
            except _db_errors():
                db = self._forget()
        try:
            if db:
                db.commit()
        except _db_errors():
            self._forget()
        return moved

    def _open(self) -> Any:
        """The profile database (minecli.cachedb), or None when it cannot serve."""
        if self._db is None:
            self._db = False
            if self.use_cache:
                import sqlite3

                from minecli.cachedb import ProfileDB, Unusable

                try:
                    self._db = ProfileDB(self.db_file, self.root)
                except Unusable:
                    pass
                except (sqlite3.Error, UnicodeDecodeError):  # a file it cannot even make again
                    with contextlib.suppress(OSError):
                        os.unlink(self.db_file)
        return self._db or None

    def _forget(self) -> None:  # returns None, for `db = self._forget()`
        """Stop using a profile database that failed (it is deleted, and made again later)."""
        if self._db:
            self._db.discard()
        self._db, self._pending = False, {}
        return None

    def _doc(self, code: str) -> dict[str, Any] | None:
        """A valid profile as its entry knows it: from the profile database when its row still
        stands for the file, else parsed again (the row is mended when the run ends); None if
        the file has changed since the index was read."""
        entry, db = self.entries[code], self._open()
        if db:
            try:
                row = db.get(code)
            except _db_errors():
                self._forget()
                row = None
            if row is not None and settled(row[0], entry[0], row[1]):
                return row[2]  # type: ignore[no-any-return]
        started = time.time_ns()
        fresh, doc = cache.parse_file(self.countries / f"{code}.toml", code)
        if doc is None or fresh[0] != entry[0]:
            return None  # changed under us since the index was read: the caller reports it
        if self._db:
            from minecli.cachedb import pack

            self._pending[code] = (code, entry[0], started, *pack(doc))
        return doc

    def _mend(self) -> None:
        """Store the rows that had to be parsed again (deleted, damaged, racy)."""
        db, rows = self._open(), list(self._pending.values())
        self._pending = {}
        if db and rows:
            try:
                with db.transaction():
                    for row in rows:
                        db.add(row)
            except _db_errors():
                self._forget()

    def fill(self, codes: list[str]) -> set[str]:
        """Make sure the profile database holds a standing row for each of these valid
        profiles, parsing the others together; the codes it still lacks (their file changed
        since the index was read)."""
        db = self._open()
        if not db:
            return set(codes)
        try:
            held = db.held()
        except _db_errors():
            self._forget()
            return set(codes)
        wanted = {c: self.entries[c][0] for c in codes}
        missing = [
            c for c in codes if c not in held or not settled(held[c][0], wanted[c], held[c][1])
        ]
        if not missing:
            return set()
        moved = self._store_rows(missing, wanted, time.time_ns(), [])
        return set(moved) if self._db else set(codes)

    def codes(self) -> list[str]:
        return sorted(self.entries)

    def valid(self) -> list[str]:
        return sorted(code for code, entry in self.entries.items() if entry[1] is not None)

    def texts(self, needle: str) -> Iterator[tuple[str, str, str]]:
        """(code, field path, text) of the text fields of the valid profiles that may hold
        ``needle``, in code and field order: only the profiles the text index names, when the
        cache can serve, else every profile."""
        from minecli.paths import text_fields

        valid = self.valid()
        unindexed = self.fill(valid)
        found = None
        if self._db:
            try:
                found = self._db.candidates(needle)
            except _db_errors():
                self._forget()
        if self._db and found is not None:
            valid = [code for code in valid if code in found or code in unindexed]
        for code, doc in zip(valid, self.profiles(valid), strict=True):
            if isinstance(doc, dict):
                yield from ((code, path, text) for path, text in text_fields(doc))

    def _problem(self, code: str) -> InvalidData | None:
        """Why a profile cannot be given (no such file, or a broken one), if it cannot."""
        entry = self.entries.get(code)
        if entry is None:
            return InvalidData(f"no profile for {code}")
        if entry[1] is None:
            return InvalidData(entry[2] or f"{files.profile_label(code)} is invalid")
        return None

    def briefs(self, codes: Iterable[str] | None = None) -> Iterator[dict[str, Any] | InvalidData]:
        """The brief of each profile (or the error that spoils it), in code order."""
        for code in codes if codes is not None else self.codes():
            yield self._problem(code) or self.entries[code][1]  # type: ignore[misc]

    def profiles(
        self, codes: Iterable[str] | None = None
    ) -> Iterator[dict[str, Any] | InvalidData]:
        """Each whole profile (or the error that spoils it), in code order, one at a time."""
        wanted = list(codes) if codes is not None else self.codes()
        if len(wanted) > BATCH:  # parse what the database lacks together, in parallel
            self.fill([code for code in wanted if self._problem(code) is None])
        for code in wanted:
            problem = self._problem(code)
            doc = None if problem else self._doc(code)
            if problem:
                yield problem
            elif doc is None:
                label = files.profile_label(code)
                yield InvalidData(f"{label} changed while it was read; run again")
            else:
                yield doc
        self._mend()


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield


def _db_errors() -> tuple[type[Exception], ...]:
    import sqlite3

    from minecli.cachedb import Unusable

    return (sqlite3.Error, Unusable, UnicodeDecodeError)  # the last: a damaged text cell
