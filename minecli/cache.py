"""A derived index of a store, so whole-store queries need not parse every TOML file each run.

Two cache files per store (in platformdirs' user cache dir, named after the store's absolute
path): a small *digest* of each profile — what `list`, roll calls and name lookups need — and
the whole parsed profiles, for `search`. Each entry keeps the size, mtime and inode of the file
it came from. Every run compares those with the files and re-parses only what changed, so an
edit by hand, by another program or by minecli itself is seen at once; a file changed within two
seconds before the cache was written is always re-read, since its mtime may not have moved. A
missing, corrupt or foreign cache is rebuilt; deleting it loses nothing. The TOML files stay the
only source of truth.

MINECLI_NO_CACHE=1 bypasses the cache; MINECLI_CACHE_DIR keeps it somewhere else.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from minecli import __version__, codec
from minecli.errors import InvalidData
from minecli.model import CODE_RE, validate_profile

FORMAT = 5
RACY_NS = 2_000_000_000
PROGRESS_AFTER = 1.0  # seconds of parsing before a progress bar appears on a terminal
PARALLEL_BYTES = 8_000_000  # parse in worker processes above this much stale TOML
TREATY_DIGEST = (
    "status",
    "signed",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_effective",
)

Signature = tuple[int, int, int]  # size, mtime_ns, inode
# What the index keeps of a profile file: its signature, its digest (None if the file is
# broken) and the error that broke it. Plain tuples: they unpickle fastest.
Entry = tuple[Signature, "dict[str, Any] | None", "str | None"]


def digest_of(doc: dict[str, Any]) -> dict[str, Any]:
    """The parts of a profile that `list`, roll calls and name lookups use, and nothing more.

    Keys are literals and small values are interned, so the pickle shares them and loads fast.
    """
    treaty = doc.get("treaty", {})
    digest: dict[str, Any] = {"code": doc["code"], "name": doc["name"]}
    if "official_name" in doc:
        digest["official_name"] = doc["official_name"]
    digest["treaty"] = {k: _intern(treaty[k]) for k in TREATY_DIGEST if k in treaty}
    convention = doc.get("ccw", {}).get("convention")
    if isinstance(convention, dict) and "party" in convention:
        digest["ccw"] = {"convention": {"party": _intern(convention["party"])}}
    votes = []
    for vote in doc.get("votes", []):
        entry = {"resolution": _intern(vote["resolution"]), "vote": _intern(vote["vote"])}
        if "note" in vote:
            entry["note"] = vote["note"]
        votes.append(entry)
    if votes:
        digest["votes"] = votes
    return digest


def _intern(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


def cache_dir() -> Path:
    override = os.environ.get("MINECLI_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("minecli", appauthor=False)


def enabled() -> bool:
    return os.environ.get("MINECLI_NO_CACHE", "") in ("", "0")


def cache_files(root: Path) -> tuple[Path, Path, Path, Path]:
    """The digest, profile, small-file and search caches of one store; two stores never share
    them (each file also records its store's path, checked on every read)."""
    key = f"{zlib.crc32(str(root.resolve()).encode('utf-8')):08x}"
    folder = cache_dir()
    return tuple(
        folder / f"index-{key}.{kind}" for kind in ("digest", "profiles", "files", "search")
    )  # type: ignore[return-value]


def _signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


Parsed = tuple[Entry, "bytes | None", "str | None"]


def haystack_of(doc: dict[str, Any]) -> str:
    """Every text of a profile, case-folded, for telling quickly whether a search can match."""
    from minecli.query import text_fields

    return "\x00".join(text.casefold() for _, text in text_fields(doc))


def parse_file(path: Path, code: str) -> Parsed:
    """Parse and validate one profile: its index entry, the pickled profile and its search
    haystack (both None if the file is broken)."""
    stat = path.stat()
    label = f"countries/{code}.toml"
    try:
        doc = codec.read(path, label)
        problems = validate_profile(doc, code)
        if problems:
            raise InvalidData(f"{label}: {problems[0]}")
    except InvalidData as exc:
        return (_signature(stat), None, str(exc)), None, None
    blob = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    return (_signature(stat), digest_of(doc), None), blob, haystack_of(doc)


def _read(path: Path, root: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except Exception:  # missing, unreadable or corrupt: rebuild from the files
        return None
    if not isinstance(data, dict) or data.get("header") != (FORMAT, __version__, str(root)):
        return None
    return data


def _write(path: Path, root: Path, data: dict[str, Any]) -> None:
    data["header"] = (FORMAT, __version__, str(root))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


class Index:
    """The profiles of one store folder, from the cache wherever it is still right."""

    def __init__(self, countries: Path, use_cache: bool | None = None) -> None:
        self.countries = countries
        self.root = countries.parent.resolve()
        self.use_cache = enabled() if use_cache is None else use_cache
        self.digest_file, self.profile_file, _, self.search_file = cache_files(self.root)
        self.entries: dict[str, Entry] = {}
        self._blobs: dict[str, tuple[Signature, bytes]] | None = None
        self._haystacks: dict[str, tuple[Signature, str]] | None = None
        self._dirty = False
        self._refresh()

    def _files(self) -> dict[str, Signature]:
        files = {}
        with os.scandir(self.countries) as listing:
            for item in listing:
                code, dot, ext = item.name.partition(".")
                if ext == "toml" and dot and CODE_RE.match(code):
                    files[code] = _signature(item.stat())
        return files

    def _refresh(self) -> None:
        data = _read(self.digest_file, self.root) if self.use_cache else None
        cached: dict[str, Entry] = data["entries"] if data else {}
        written_ns = data["written_ns"] if data else 0
        files = self._files()
        stale = []
        for code, signature in files.items():
            entry = cached.get(code)
            if entry is None or entry[0] != signature or signature[1] >= written_ns - RACY_NS:
                stale.append(code)
            else:
                self.entries[code] = entry
        if not stale and set(cached) == set(files):
            return
        started = time.time_ns()  # a file changed while we parse is still racy next time
        blobs, haystacks = self._load_blobs(), self._load_haystacks()
        for gone in (set(blobs) | set(haystacks)) - set(files):
            blobs.pop(gone, None)
            haystacks.pop(gone, None)
        for code, (entry, blob, haystack) in parse_files(self.countries, stale, files):
            self.entries[code] = entry
            if blob is None or haystack is None:
                blobs.pop(code, None)
                haystacks.pop(code, None)
            else:
                blobs[code] = (entry[0], blob)
                haystacks[code] = (entry[0], haystack)
        if self.use_cache:
            _write(self.profile_file, self.root, {"blobs": blobs})
            _write(self.search_file, self.root, {"haystacks": haystacks})
            _write(self.digest_file, self.root, {"written_ns": started, "entries": self.entries})
        self._dirty = False

    def _current(self, code: str) -> tuple[bytes, str] | None:
        """The pickled profile and haystack of a valid profile, from the caches when they match
        its entry, else parsed again (and the caches mended when the run ends)."""
        entry = self.entries[code]
        blobs, haystacks = self._load_blobs(), self._load_haystacks()
        blob, hay = blobs.get(code), haystacks.get(code)
        if blob is not None and hay is not None and blob[0] == entry[0] == hay[0]:
            return blob[1], hay[1]
        fresh, new_blob, new_hay = parse_file(self.countries / f"{code}.toml", code)
        if new_blob is None or new_hay is None or fresh[0] != entry[0]:
            return None  # changed under us since the index was read: the caller reports it
        blobs[code] = (entry[0], new_blob)
        haystacks[code] = (entry[0], new_hay)
        self._dirty = True
        return new_blob, new_hay

    def _mend(self) -> None:
        """Write back profile and search caches that had to be filled in (deleted, damaged)."""
        if self._dirty and self.use_cache:
            _write(self.profile_file, self.root, {"blobs": self._load_blobs()})
            _write(self.search_file, self.root, {"haystacks": self._load_haystacks()})
        self._dirty = False

    def _load_blobs(self) -> dict[str, tuple[Signature, bytes]]:
        if self._blobs is None:
            data = _read(self.profile_file, self.root) if self.use_cache else None
            self._blobs = data["blobs"] if data else {}
        return self._blobs

    def _load_haystacks(self) -> dict[str, tuple[Signature, str]]:
        if self._haystacks is None:
            data = _read(self.search_file, self.root) if self.use_cache else None
            self._haystacks = data["haystacks"] if data else {}
        return self._haystacks

    def codes(self) -> list[str]:
        return sorted(self.entries)

    def could_match(self, text: str) -> list[str]:
        """Codes of the profiles whose text may contain ``text`` (case-insensitive); broken
        profiles are included so that the caller reports them."""
        wanted = text.casefold()
        out = []
        for code in self.codes():
            current = self._current(code) if self.entries[code][1] is not None else None
            if current is None or wanted in current[1]:
                out.append(code)
        self._mend()
        return out

    def _problem(self, code: str) -> InvalidData | None:
        """Why a profile cannot be given (no such file, or a broken one), if it cannot."""
        entry = self.entries.get(code)
        if entry is None:
            return InvalidData(f"no profile for {code}")
        if entry[1] is None:
            return InvalidData(entry[2] or f"countries/{code}.toml is invalid")
        return None

    def digests(self, codes: Iterable[str] | None = None) -> Iterator[dict[str, Any] | InvalidData]:
        """The digest of each profile (or the error that spoils it), in code order."""
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
                yield InvalidData(f"countries/{code}.toml changed while it was read; run again")
            else:
                yield pickle.loads(current[0])
        self._mend()


def _parse_chunk(countries: str, codes: list[str]) -> list[tuple[str, Parsed]]:
    return [(code, parse_file(Path(countries) / f"{code}.toml", code)) for code in codes]


def parse_files(
    countries: Path, codes: list[str], files: dict[str, Signature]
) -> Iterator[tuple[str, Parsed]]:
    """Parse stale files: in two worker processes when there is much to do, with a progress bar
    on a terminal when it takes more than a second."""
    if not codes:
        return
    start = time.monotonic()
    workload = sum(files[c][0] for c in codes)
    chunks = [codes[i : i + 8] for i in range(0, len(codes), 8)]
    progress = task = None
    executor = None
    try:
        if workload > PARALLEL_BYTES and (os.cpu_count() or 1) > 1 and len(chunks) > 1:
            from concurrent.futures import ProcessPoolExecutor

            executor = ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 2))
            results: Iterable[list[Any]] = executor.map(
                _parse_chunk, [str(countries)] * len(chunks), chunks
            )
        else:
            results = (_parse_chunk(str(countries), chunk) for chunk in chunks)
        done = 0
        for batch in results:
            yield from batch
            done += len(batch)
            if (
                progress is None
                and time.monotonic() - start > PROGRESS_AFTER
                and sys.stderr.isatty()
            ):
                from rich.console import Console
                from rich.progress import Progress

                progress = Progress(console=Console(stderr=True), transient=True)
                progress.start()
                task = progress.add_task("Indexing the store", total=len(codes))
            if progress is not None:
                progress.update(task, completed=done)  # type: ignore[arg-type]
    finally:
        if progress is not None:
            progress.stop()
        if executor is not None:
            executor.shutdown()


def small_file(root: Path, name: str, parse: Callable[[Path], Any]) -> Any:
    """A store-level file (resolutions.toml, meetings.toml) parsed once and cached like the
    profiles: re-parsed whenever its size, mtime or inode changes, or while it is racy (changed
    within two seconds before it was cached). ``parse`` may raise."""
    path = root / name
    signature = _signature(path.stat())
    if not enabled():
        return parse(path)
    root = root.resolve()
    target = cache_files(root)[2]
    data = _read(target, root) or {"files": {}}
    held = data["files"].get(name)
    if held is not None and held[0] == signature and signature[1] < held[2] - RACY_NS:
        return pickle.loads(held[1])
    started = time.time_ns()
    value = parse(path)
    data["files"][name] = (
        signature,
        pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
        started,
    )
    _write(target, root, data)
    return value


def one_file(root: Path, name: str, parse: Callable[[Path], Any]) -> Any:
    """One profile file parsed once and cached in a file of its own (so `show` reads neither
    the TOML parser nor the whole store's cache): re-parsed whenever its size, mtime or inode
    changes, or while it is racy. ``parse`` may raise; failures are not cached."""
    path = root / name
    signature = _signature(path.stat())
    if not enabled():
        return parse(path)
    root = root.resolve()
    target = cache_files(root)[0].with_suffix(".each") / (name.replace("/", "_") + ".pickle")
    data = _read(target, root)
    if (
        data is not None
        and data.get("name") == name
        and data["signature"] == signature
        and signature[1] < data["started"] - RACY_NS
    ):
        return pickle.loads(data["value"])
    started = time.time_ns()
    value = parse(path)
    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _write(target, root, {"name": name, "signature": signature, "started": started, "value": blob})
    return value
