"""Writing several files of a store all or nothing, and finishing a write that was interrupted.

A write that changes one file replaces it atomically (minecli.writer.write_atomic). A write that
changes several (an import: many profiles and resolutions.toml) goes through this journal, under
the store's lock:

1. stage: each new text is written and synced to a file beside its target
   (``.UZ.toml.<id>.stage``); a failure here (a full disk, a kill) leaves the store untouched, and
   the staged files are removed (now, or by the next writer);
2. commit: the journal ``.minecli-journal.json`` (target and staged file of each change) is
   written atomically: from this moment the write has happened;
3. apply: each staged file is renamed over its target, and the journal is removed. Until then
   each old file is kept by a second name (a hard link, ``.UZ.toml.<id>.undo``): if a rename
   fails (a file made immutable, say), every old file is put back and the write is undone.

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
UNDO_SUFFIX = ".undo"
# The leftovers of an interrupted write, in the store folder and in countries/: staged files
# and the temporary files of an atomic replace.
LEFTOVER = re.compile(r"^\..+\.(stage|undo|tmp)\Z")
# What a journal may name: the store's own files, nothing else.
_TARGET = re.compile(rf"^(?:{RESOLUTIONS}|{MEETINGS}|{COUNTRIES}/[A-Z]{{2}}\.toml)\Z")
# What .gitignore keeps out of a store kept in git.
GITIGNORE = f"{LOCK_NAME}\n{JOURNAL}\n.*.stage\n.*.undo\n.*.tmp\n"


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
    made: list[Path] = []  # staged files and undo links, removed if the write never commits
    entries: list[list[str]] = []
    temp = root / f".{JOURNAL}.{tag}.tmp"
    try:
        for path, text in writes:
            # a symlinked file is written through: staged beside the file the link points to
            real = Path(os.path.realpath(path)) if os.path.islink(path) else path
            stage = real.with_name(f".{real.name}.{tag}{STAGE_SUFFIX}")
            undo = real.with_name(f".{real.name}.{tag}{UNDO_SUFFIX}")
            try:
                write_new(stage, text, path)
                made.append(stage)
                if real.exists():  # the old file, kept by a second name until the end
                    _keep_old(real, undo)
                    made.append(undo)
            except OSError as exc:  # name the file the person knows, not the staged one
                raise OSError(exc.errno, exc.strerror, str(path)) from None
            kept = _relative(root, undo) if undo in made else ""
            entries.append([_relative(root, stage), _relative(root, path), kept])
        write_new(temp, json.dumps(entries), None)
        os.replace(temp, root / JOURNAL)  # the moment the write happens
        _sync_folder(root)
    except BaseException:
        for leftover in made:
            leftover.unlink(missing_ok=True)
        temp.unlink(missing_ok=True)
        raise
    _apply(root, entries)


def _keep_old(real: Path, undo: Path) -> None:
    """A second name for the old file: a hard link, or a synced copy where links are refused
    (a file system without them, an immutable file)."""
    try:
        os.link(real, undo)
        return
    except OSError:
        pass
    data = real.read_bytes()
    fd = os.open(undo, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


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
    the old files' second names and the journal: the write is complete. If a rename fails, every
    target gets its old file back (rolled back), and the error is raised."""
    folders = set()
    try:
        for stage, target, _ in entries:
            source = root / stage  # an absolute stage stays absolute
            real = Path(os.path.realpath(root / target))
            if source.exists():
                os.replace(source, real)
                folders.add(real.parent)
    except OSError:
        _roll_back(root, entries)
        raise
    for folder in folders:
        _sync_folder(folder)
    for _, _, undo in entries:
        if undo:
            (root / undo).unlink(missing_ok=True)
    (root / JOURNAL).unlink(missing_ok=True)
    _sync_folder(root)


def _roll_back(root: Path, entries: list[list[str]]) -> None:
    """Put every old file back under its name (a new file is removed), then drop the journal."""
    for stage, target, undo in entries:
        real = Path(os.path.realpath(root / target))
        if undo and (root / undo).exists():
            os.replace(root / undo, real)
        elif not undo and not (root / stage).exists():
            real.unlink(missing_ok=True)  # a file the write created, already renamed in
        (root / stage).unlink(missing_ok=True)
        _sync_folder(real.parent)
    (root / JOURNAL).unlink(missing_ok=True)
    _sync_folder(root)


def _read_journal(root: Path) -> list[list[str]]:
    """The entries of a journal, each checked to name a staged file beside a store file."""
    try:
        entries = json.loads((root / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise MinecliError(f"{root / JOURNAL} cannot be read ({exc}); move it away") from None

    def beside(name: str, target: str, suffix: str) -> bool:
        real = Path(os.path.realpath(root / target))
        staged = Path(os.path.realpath(root / name))
        return (
            name.endswith(suffix)
            and staged.parent == real.parent
            and staged.name.startswith(f".{real.name}.")
        )

    ok = isinstance(entries, list) and all(
        isinstance(e, list)
        and len(e) == 3
        and all(isinstance(x, str) for x in e)
        and _TARGET.match(e[1])
        and beside(e[0], e[1], STAGE_SUFFIX)
        and (e[2] == "" or beside(e[2], e[1], UNDO_SUFFIX))
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
