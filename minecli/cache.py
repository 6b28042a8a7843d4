"""A derived index of a store, so whole-store queries need not parse every TOML file each run.

The cache of a store lives in the user cache dir (minecli.dirs), in files named after the store's
absolute path:

- ``.brief``: a brief of each profile (what `list`, roll calls and name lookups need), with the
  size, mtime and inode of the file it came from;
- ``.db``: the parsed profiles, one row each, and the text index of `search`, in SQLite
  (minecli.cachedb);
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
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from minecli import __version__, cachefile, files
from minecli.errors import InvalidData
from minecli.model import TREATY_SUMMARY, readings

FORMAT = 9
RACY_NS = 2_000_000_000
PARALLEL_BYTES = 8_000_000  # parse in worker processes above this much stale TOML
BATCH = 8  # profiles parsed per task, and per progress report

Progress = Callable[[int, int], None]  # (profiles parsed so far, profiles to parse)
Signature = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
# What the index keeps of a profile file: its signature, its brief (None if the file is broken)
# and the error that broke it. Plain tuples: they unpickle fastest.
Entry = tuple[Signature, "dict[str, Any] | None", "str | None"]
Parsed = tuple[Entry, "tuple[bytes, str] | None"]  # and the profile packed (minecli.cachedb)


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
    """The cache files of one store by kind (brief, db, each); two stores never
    share them (each file also records its store's path, checked on every read)."""
    key = f"{zlib.crc32(str(root.resolve()).encode('utf-8')):08x}"
    folder = cache_dir()
    return {kind: folder / f"index-{key}.{kind}" for kind in ("brief", "db", "each")}


def file_signature(stat: os.stat_result) -> Signature:
    """What tells a file's versions apart without reading it: size, mtime, inode, and the
    inode's change time, which no program can set back (a rewrite that restores the size and
    mtime, or a new file that reuses the inode, still changes it)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


def settled(held: Signature, now: Signature, cached_ns: int) -> bool:
    """Whether a cached entry still stands for the file: same signature, and the file had not
    changed in the two seconds before the entry was written (its mtime may not have moved; a
    later change moves the change time, which the signature holds)."""
    return held == now and now[1] < cached_ns - RACY_NS


def parse_file(path: Path, code: str) -> tuple[Entry, dict[str, Any] | None]:
    """Parse and validate one profile: its index entry and the profile (None if the file is
    broken)."""
    stat = path.stat()
    try:
        doc = files.load(path, files.profile_label(code))
    except InvalidData as exc:
        return (file_signature(stat), None, str(exc)), None
    return (file_signature(stat), brief_of(doc), None), doc


def _parse_packed(path: Path, code: str) -> Parsed:
    """parse_file, with the profile as the profile database keeps it (minecli.cachedb)."""
    from minecli.cachedb import pack

    entry, doc = parse_file(path, code)
    return entry, None if doc is None else pack(doc)


# The keys each kind of cache file holds, and their types: a file of another shape is rebuilt.
SHAPES: dict[str, dict[str, type]] = {
    "brief": {"written_ns": int, "entries": dict},
    "each": {"label": str, "signature": tuple, "started": int, "value": bytes},
}


def read(path: Path, root: Path, kind: str) -> dict[str, Any] | None:
    """A cache file's content if it is signed (minecli.cachefile), for this store and format,
    and of the expected shape; None (rebuild) on any doubt."""
    data = cachefile.load(path, cache_dir())
    if not isinstance(data, dict) or data.get("header") != (FORMAT, __version__, str(root)):
        return None
    if any(not isinstance(data.get(k), t) for k, t in SHAPES[kind].items()):
        return None
    return data


def write(path: Path, root: Path, data: dict[str, Any]) -> None:
    data["header"] = (FORMAT, __version__, str(root))
    cachefile.dump(path, cache_dir(), data)


def _parse_batch(countries: str, codes: list[str]) -> list[tuple[str, Parsed]]:
    return [(code, _parse_packed(Path(countries) / f"{code}.toml", code)) for code in codes]


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
    label)`` and kept (compressed) in a cache file of its own, so that `show` reads neither the whole store's
    cache nor the TOML parser. Loaded again whenever the file's size, mtime or inode changes, or
    while it is racy; ``load`` may raise, and failures are not cached."""
    path = root / label
    signature = file_signature(files.regular_file(path, label))
    if not enabled():
        return load(path, label)
    root = root.resolve()
    target = cache_files(root)["each"] / (label.replace("/", "_") + ".pickle")
    data = read(target, root, "each")
    if (
        data is not None
        and data.get("label") == label
        and settled(data["signature"], signature, data["started"])
    ):
        return pickle.loads(zlib.decompress(data["value"]))
    started = time.time_ns()
    value = load(path, label)
    blob = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
    write(target, root, {"label": label, "signature": signature, "started": started, "value": blob})
    return value
