"""A derived index of a store, so whole-store queries need not parse every TOML file each run.

The cache of a store lives in the user cache dir (minecli.dirs), in files named after the store's
absolute path:

- ``.brief``: a brief of each profile (what `list`, roll calls and name lookups need), with the
  size, mtime and inode of the file it came from;
- ``.profiles``: the whole parsed profiles;
- ``.search``: every text field in SQLite, for `search` (minecli.textindex);
- ``.each/``: single files read on their own (a profile for `show`, resolutions.toml,
  meetings.toml), one cache file each.

Every run compares the signatures with the files and re-parses only what changed, so an edit by
hand, by another program or by minecli itself is seen at once; a file changed within two seconds
before the cache was written is always re-read, since its mtime may not have moved. A missing,
corrupt or foreign cache is rebuilt; deleting it loses nothing. The TOML files stay the only
source of truth.

MINECLI_NO_CACHE=1 bypasses the cache; MINECLI_CACHE_DIR keeps it somewhere else. This module
draws nothing: a caller that wants a progress bar passes a callback.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from minecli import __version__, cachefile, files
from minecli.errors import InvalidData
from minecli.model import CODE_RE, TREATY_SUMMARY, readings

FORMAT = 8
RACY_NS = 2_000_000_000
PARALLEL_BYTES = 8_000_000  # parse in worker processes above this much stale TOML
BATCH = 8  # profiles parsed per task, and per progress report

Progress = Callable[[int, int], None]  # (profiles parsed so far, profiles to parse)
Signature = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
# What the index keeps of a profile file: its signature, its brief (None if the file is broken)
# and the error that broke it. Plain tuples: they unpickle fastest.
Entry = tuple[Signature, "dict[str, Any] | None", "str | None"]
Parsed = tuple[Entry, "bytes | None"]


def brief_of(doc: dict[str, Any]) -> dict[str, Any]:
    """The parts of a profile that `list`, roll calls and name lookups use, and nothing more.

    Small values are interned, so the pickle shares them and loads fast.
    """
    treaty = doc.get("treaty", {})
    brief: dict[str, Any] = {"code": doc["code"], "name": doc["name"]}
    if "official_name" in doc:
        brief["official_name"] = doc["official_name"]
    brief["treaty"] = {k: _intern(treaty[k]) for k in TREATY_SUMMARY if k in treaty}
    convention = doc.get("ccw", {}).get("convention")
    if isinstance(convention, dict) and "party" in convention:
        brief["ccw"] = {"convention": {"party": _intern(convention["party"])}}
    votes, cited = [], set()
    for vote in doc.get("votes", []):
        entry = {"resolution": _intern(vote["resolution"]), "vote": _intern(vote["vote"])}
        if "note" in vote:
            entry["note"] = vote["note"]
        if "readings" in vote:  # a disputed vote: its other readings, and who gives them
            entry["readings"] = vote["readings"]
            cited.update(i for r in readings(vote) for i in r.get("sources") or [])
        votes.append(entry)
    if votes:
        brief["votes"] = votes
    if cited:
        brief["sources"] = [
            {"id": s["id"], "title": s.get("title", "")}
            for s in doc.get("sources", [])
            if s.get("id") in cited
        ]
    return brief


def _intern(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


def cache_dir() -> Path:
    override = os.environ.get("MINECLI_CACHE_DIR")
    if override:
        return Path(override)
    from minecli.dirs import user_dir

    return Path(user_dir("cache"))


def enabled() -> bool:
    return os.environ.get("MINECLI_NO_CACHE", "") in ("", "0")


def cache_files(root: Path) -> dict[str, Path]:
    """The cache files of one store by kind (brief, profiles, search, each); two stores never
    share them (each file also records its store's path, checked on every read)."""
    key = f"{zlib.crc32(str(root.resolve()).encode('utf-8')):08x}"
    folder = cache_dir()
    return {
        kind: folder / f"index-{key}.{kind}" for kind in ("brief", "profiles", "search", "each")
    }


def _signature(stat: os.stat_result) -> Signature:
    """What tells a file's versions apart without reading it: size, mtime, inode, and the
    inode's change time, which no program can set back (a rewrite that restores the size and
    mtime, or a new file that reuses the inode, still changes it)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


def settled(held: Signature, now: Signature, cached_ns: int) -> bool:
    """Whether a cached entry still stands for the file: same signature, and the file had not
    changed in the two seconds before the entry was written (its mtime may not have moved; a
    later change moves the change time, which the signature holds)."""
    return held == now and now[1] < cached_ns - RACY_NS


def parse_file(path: Path, code: str) -> Parsed:
    """Parse and validate one profile: its index entry and the pickled profile (None if the
    file is broken)."""
    stat = path.stat()
    try:
        doc = files.load(path, files.profile_label(code))
    except InvalidData as exc:
        return (_signature(stat), None, str(exc)), None
    blob = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    return (_signature(stat), brief_of(doc), None), blob


# The keys each kind of cache file holds, and their types: a file of another shape is rebuilt.
SHAPES: dict[str, dict[str, type]] = {
    "brief": {"written_ns": int, "entries": dict},
    "profiles": {"blobs": dict},
    "each": {"label": str, "signature": tuple, "started": int, "value": bytes},
}


def _read(path: Path, root: Path, kind: str) -> dict[str, Any] | None:
    """A cache file's content if it is signed (minecli.cachefile), for this store and format,
    and of the expected shape; None (rebuild) on any doubt."""
    data = cachefile.load(path, cache_dir())
    if not isinstance(data, dict) or data.get("header") != (FORMAT, __version__, str(root)):
        return None
    if any(not isinstance(data.get(k), t) for k, t in SHAPES[kind].items()):
        return None
    return data


def _write(path: Path, root: Path, data: dict[str, Any]) -> None:
    data["header"] = (FORMAT, __version__, str(root))
    cachefile.dump(path, cache_dir(), data)


class Index:
    """The profiles of one store folder, from the cache wherever it is still right."""

    def __init__(
        self, countries: Path, use_cache: bool | None = None, progress: Progress | None = None
    ) -> None:
        self.countries = countries
        self.root = countries.parent.resolve()
        self.use_cache = enabled() if use_cache is None else use_cache
        where = cache_files(self.root)
        self.brief_file, self.profile_file, self.search_file = (
            where["brief"],
            where["profiles"],
            where["search"],
        )
        self.entries: dict[str, Entry] = {}
        self._blobs: dict[str, tuple[Signature, bytes]] | None = None
        self._dirty = False
        self._refresh(progress)

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
                        found[code] = _signature(info)  # type: ignore[arg-type]
                        continue
                    try:  # say what is wrong with it
                        files.regular_file(Path(item.path), label)
                    except InvalidData as exc:
                        self.odd[code] = exc
                elif (why := files.misnamed_profile(item.name)) is not None:
                    self.ignored.append(InvalidData(why, file=f"{files.COUNTRIES}/{item.name}"))
        return found

    def _refresh(self, progress: Progress | None) -> None:
        data = _read(self.brief_file, self.root, "brief") if self.use_cache else None
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
        blobs = self._load_blobs()
        for gone in set(blobs) - set(found):
            blobs.pop(gone, None)
        for code, (entry, blob) in parse_files(self.countries, stale, found, progress):
            self.entries[code] = entry
            if blob is None:
                blobs.pop(code, None)
            else:
                blobs[code] = (entry[0], blob)
        self._dirty = True
        self._mend()
        if self.use_cache:
            _write(self.brief_file, self.root, {"written_ns": started, "entries": self.entries})

    def _current(self, code: str) -> bytes | None:
        """The pickled profile of a valid profile, from the cache when it matches its entry,
        else parsed again (and the cache mended when the run ends)."""
        entry = self.entries[code]
        blobs = self._load_blobs()
        blob = blobs.get(code)
        if blob is not None and blob[0] == entry[0]:
            return blob[1]
        fresh, new_blob = parse_file(self.countries / f"{code}.toml", code)
        if new_blob is None or fresh[0] != entry[0]:
            return None  # changed under us since the index was read: the caller reports it
        blobs[code] = (entry[0], new_blob)
        self._dirty = True
        return new_blob

    def _mend(self) -> None:
        """Write back the profile cache if it had to be filled in (deleted, damaged)."""
        if self._dirty and self.use_cache:
            _write(self.profile_file, self.root, {"blobs": self._load_blobs()})
        self._dirty = False

    def _load_blobs(self) -> dict[str, tuple[Signature, bytes]]:
        if self._blobs is None:
            data = _read(self.profile_file, self.root, "profiles") if self.use_cache else None
            self._blobs = data["blobs"] if data else {}
        return self._blobs

    def codes(self) -> list[str]:
        return sorted(self.entries)

    def texts(self, needle: str) -> Iterator[tuple[str, str, str]]:
        """(code, field path, text) of the text fields of the valid profiles that may hold
        ``needle``, in code and field order: from the text index (minecli.textindex) when the
        cache is on and usable, else from every profile."""
        valid = {code: e[0] for code, e in self.entries.items() if e[1] is not None}
        if self.use_cache:
            from minecli import textindex

            found = textindex.matches(self.root, valid, self._doc, needle, self.search_file)
            if found is not None:
                self._mend()
                return found
        return self._all_texts(sorted(valid))

    def _doc(self, code: str) -> dict[str, Any] | None:
        blob = self._current(code)
        return None if blob is None else pickle.loads(blob)  # type: ignore[no-any-return]

    def _all_texts(self, codes: list[str]) -> Iterator[tuple[str, str, str]]:
        from minecli.paths import text_fields

        for code, doc in zip(codes, self.profiles(codes), strict=True):
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
        """Each whole profile (or the error that spoils it), in code order."""
        for code in codes if codes is not None else self.codes():
            problem = self._problem(code)
            current = None if problem else self._current(code)
            if problem:
                yield problem
            elif current is None:
                label = files.profile_label(code)
                yield InvalidData(f"{label} changed while it was read; run again")
            else:
                yield pickle.loads(current)
        self._mend()


def _parse_batch(countries: str, codes: list[str]) -> list[tuple[str, Parsed]]:
    return [(code, parse_file(Path(countries) / f"{code}.toml", code)) for code in codes]


def parse_files(
    countries: Path,
    codes: list[str],
    signatures: dict[str, Signature],
    progress: Progress | None = None,
) -> Iterator[tuple[str, Parsed]]:
    """Parse stale files, in worker processes when there is much to do; ``progress`` hears how
    far it has got after each batch."""
    if not codes:
        return
    workload = sum(signatures[c][0] for c in codes)
    batches = [codes[i : i + BATCH] for i in range(0, len(codes), BATCH)]
    executor = None
    try:
        if workload > PARALLEL_BYTES and (os.cpu_count() or 1) > 1 and len(batches) > 1:
            from concurrent.futures import ProcessPoolExecutor

            executor = ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 2))
            results: Iterable[list[Any]] = executor.map(
                _parse_batch, [str(countries)] * len(batches), batches
            )
        else:
            results = (_parse_batch(str(countries), batch) for batch in batches)
        done = 0
        for batch in results:
            yield from batch
            done += len(batch)
            if progress is not None:
                progress(done, len(codes))
    finally:
        if executor is not None:
            executor.shutdown()


def cached_file(root: Path, label: str, load: Callable[[Path, str], Any]) -> Any:
    """One store file (a profile, resolutions.toml, meetings.toml) loaded by ``load(path,
    label)`` and kept in a cache file of its own, so that `show` reads neither the whole store's
    cache nor the TOML parser. Loaded again whenever the file's size, mtime or inode changes, or
    while it is racy; ``load`` may raise, and failures are not cached."""
    path = root / label
    signature = _signature(files.regular_file(path, label))
    if not enabled():
        return load(path, label)
    root = root.resolve()
    target = cache_files(root)["each"] / (label.replace("/", "_") + ".pickle")
    data = _read(target, root, "each")
    if (
        data is not None
        and data.get("label") == label
        and settled(data["signature"], signature, data["started"])
    ):
        return pickle.loads(data["value"])
    started = time.time_ns()
    value = load(path, label)
    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _write(
        target, root, {"label": label, "signature": signature, "started": started, "value": blob}
    )
    return value
