"""Writing several files of a store all or nothing, and finishing a write that was interrupted.

A write that changes one file replaces it atomically (minecli.writer.write_atomic). A write that
changes several (an import: many profiles and resolutions.toml) goes through this journal, under
the store's lock:

1. stage: each new text is written and synced to a file beside its target
   (``.UZ.toml.<id>.stage``); a failure here (a full disk, a kill) leaves the store untouched, and
   the staged files are removed (now, or by the next writer);
2. commit: the journal ``.minecli-journal.json`` (target and staged file of each change) is
   written atomically: from this moment the write has happened;
3. apply: each staged file is renamed over its target, and the journal is removed.

Whoever takes the lock next (any write, and any read that finds a journal) first finishes what a
journal lists, then removes staged and temporary files no journal names. So after a kill at any
moment the store is the old one or the new one, file for file.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from minecli.errors import MinecliError
from minecli.files import COUNTRIES, JOURNAL, MEETINGS, RESOLUTIONS

LOCK_NAME = ".minecli.lock"
LOCK_TIMEOUT = 60.0
STAGE_SUFFIX = ".stage"
# The leftovers of an interrupted write, in the store folder and in countries/: staged files
# and the temporary files of an atomic replace.
LEFTOVER = re.compile(r"^\..+\.(stage|tmp)\Z")
# What a journal may name: the store's own files, nothing else.
_TARGET = re.compile(rf"^(?:{RESOLUTIONS}|{MEETINGS}|{COUNTRIES}/[A-Z]{{2}}\.toml)\Z")
# What .gitignore keeps out of a store kept in git.
GITIGNORE = f"{LOCK_NAME}\n{JOURNAL}\n.*.stage\n.*.tmp\n"


@contextmanager
def store_lock(root: Path) -> Iterator[None]:
    """Hold a store's write lock; other writers wait up to a minute. Whoever takes it first
    finishes any interrupted write (recover)."""
    from filelock import FileLock, Timeout

    if os.path.islink(root / LOCK_NAME):  # taking it would open (and truncate) what it points to
        raise MinecliError(
            f"the store's lock {root / LOCK_NAME} is a symbolic link; remove it and try again"
        )
    lock = FileLock(str(root / LOCK_NAME), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            recover(root)
            yield
    except Timeout:
        raise MinecliError(f"the store at {root} is locked by another writer; try again") from None
    except OSError as exc:
        if exc.filename and Path(exc.filename).name == LOCK_NAME:
            raise MinecliError(
                f"cannot take the store's lock {root / LOCK_NAME}: {_why(exc)}"
            ) from None
        raise


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def settle(root: Path) -> None:
    """For readers: if a write was interrupted, take the lock and finish it first (cheap: one
    stat when there is nothing to do). A reader that cannot take the lock reads on."""
    if not (root / JOURNAL).exists():
        return
    try:
        with store_lock(root):
            pass
    except (MinecliError, OSError):
        pass


def file_mode(path: Path | None) -> int:
    """The permissions a rewritten file keeps: its own, or the umask's default for a new one."""
    try:
        if path is not None:
            return path.stat().st_mode & 0o777
    except FileNotFoundError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_new(path: Path, text: str, like: Path | None) -> None:
    """Create ``path`` (never an existing file, never through a symlink), write ``text`` as
    UTF-8 with LF line ends, sync it, and give it the permissions of ``like``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(path, file_mode(like))
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def commit(root: Path, writes: list[tuple[Path, str]]) -> None:
    """Write several files all or nothing (the caller holds the lock)."""
    tag = f"{os.getpid()}-{time.time_ns()}"
    staged: list[tuple[Path, Path]] = []
    temp = root / f".{JOURNAL}.{tag}.tmp"
    try:
        for path, text in writes:
            # a symlinked file is written through: staged beside the file the link points to
            real = Path(os.path.realpath(path)) if os.path.islink(path) else path
            stage = real.with_name(f".{real.name}.{tag}{STAGE_SUFFIX}")
            try:
                write_new(stage, text, path)
            except OSError as exc:  # name the file the person knows, not the staged one
                raise OSError(exc.errno, exc.strerror, str(path)) from None
            staged.append((stage, path))
        entries = [[_relative(root, s), _relative(root, t)] for s, t in staged]
        write_new(temp, json.dumps(entries), None)
        os.replace(temp, root / JOURNAL)  # the moment the write happens
        _sync_folder(root)
    except BaseException:
        for stage, _ in staged:
            stage.unlink(missing_ok=True)
        temp.unlink(missing_ok=True)
        raise
    _apply(root, entries)


def _relative(root: Path, path: Path) -> str:
    """A path as the journal names it: relative to the store (so a store moved after a crash is
    still finished), absolute only for a file a symlink points to outside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _sync_folder(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _apply(root: Path, entries: list[list[str]]) -> None:
    """Rename each staged file over its target (one already renamed is skipped), then remove
    the journal: the write is complete."""
    folders = set()
    for stage, target in entries:
        source = root / stage  # an absolute stage stays absolute
        real = Path(os.path.realpath(root / target))
        if source.exists():
            os.replace(source, real)
            folders.add(real.parent)
    for folder in folders:
        _sync_folder(folder)
    (root / JOURNAL).unlink(missing_ok=True)
    _sync_folder(root)


def _read_journal(root: Path) -> list[list[str]]:
    """The entries of a journal, each checked to name a staged file beside a store file."""
    try:
        entries = json.loads((root / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise MinecliError(f"{root / JOURNAL} cannot be read ({exc}); move it away") from None

    def staged_beside(stage: str, target: str) -> bool:
        real = Path(os.path.realpath(root / target))
        staged = Path(os.path.realpath(root / stage))
        return staged.parent == real.parent and staged.name.startswith(f".{real.name}.")

    ok = isinstance(entries, list) and all(
        isinstance(e, list)
        and len(e) == 2
        and all(isinstance(x, str) for x in e)
        and _TARGET.match(e[1])
        and e[0].endswith(STAGE_SUFFIX)
        and staged_beside(*e)
        for e in entries
    )
    if not ok:
        raise MinecliError(f"{root / JOURNAL} is not a journal minecli wrote; move it away")
    return entries


def recover(root: Path) -> None:
    """Finish an interrupted write, then remove the leftovers no journal names (the caller
    holds the lock, so no other write is under way)."""
    if (root / JOURNAL).exists():
        _apply(root, _read_journal(root))
    for folder in (root, root / COUNTRIES):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if LEFTOVER.match(name) and not name.startswith(f".{LOCK_NAME}"):
                with suppress(OSError):
                    os.unlink(folder / name)
