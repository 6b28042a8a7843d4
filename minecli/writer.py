"""Changing a store without ever losing data.

Every write goes through a transaction: take the store's lock, read the files fresh from disk,
apply the change, validate the result, and only then write each changed file atomically (temp
file in the same folder, fsync, rename). Two minecli processes never interleave, a writer killed
mid-way leaves the old file or the new one, and a file holding comments — which the canonical
writer cannot keep — is refused with a message rather than silently stripped.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minecli import codec
from minecli.errors import InvalidData, MinecliError, NotFound
from minecli.model import (
    SCHEMA_VERSION,
    Problem,
    validate_meetings,
    validate_profile,
    validate_resolutions,
)
from minecli.store import COUNTRIES, MEETINGS, RESOLUTIONS, Store, write_atomic

LOCK_NAME = ".minecli.lock"
LOCK_TIMEOUT = 60.0


def first_comment_line(text: str) -> int | None:
    """The line number of the first TOML comment in ``text``, or None; strings are skipped.

    A multi-line string closes at the last three quotes of a run of three to five (TOML lets
    text end in one or two quotes just inside the closing delimiter).
    """
    i, line, n = 0, 1, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == "#":
            return line
        elif ch in "\"'":
            triple = text.startswith(ch * 3, i)
            i += 3 if triple else 1
            while i < n:
                if ch == '"' and text[i] == "\\":
                    line += text[i + 1 : i + 2] == "\n"
                    i += 2
                    continue
                if text[i] == "\n":
                    line += 1
                    if not triple:
                        break  # an unclosed one-line string; the parser will say so
                if text[i] == ch and (not triple or text.startswith(ch * 3, i)):
                    run = 1
                    while i + run < n and text[i + run] == ch:
                        run += 1
                    i += min(run, 5) if triple else 1
                    break
                i += 1
            continue
        i += 1
    return None


@dataclass
class FileChange:
    """One file a transaction changes: its text before and after."""

    label: str  # relative to the store, e.g. countries/UZ.toml
    path: Path
    before: str | None
    after: str

    def diff(self) -> str:
        """A unified diff, as `git diff` would show it."""
        old = (self.before or "").splitlines(keepends=True)
        new = self.after.splitlines(keepends=True)
        fromfile = f"a/{self.label}" if self.before is not None else "/dev/null"
        return "".join(difflib.unified_diff(old, new, fromfile, f"b/{self.label}"))


class Transaction:
    """Reads files fresh under the store's lock; writes all changed files at commit."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, tuple[Path, str | None, dict[str, Any]]] = {}

    def _load(
        self, label: str, path: Path, *, create: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        if label in self._docs:
            return self._docs[label][2]
        if not path.exists():
            if create is None:
                raise NotFound(f"{label} does not exist in {self.store.root}")
            self._docs[label] = (path, None, create)
            return create
        text = path.read_text(encoding="utf-8")
        line = first_comment_line(text)
        if line is not None:
            raise InvalidData(
                f"{label}: line {line} holds a comment, which minecli cannot keep when it rewrites "
                "the file; move the comment into a `note` field (or remove it) and run the "
                "command again"
            )
        doc = codec.parse(text, label)
        problems = _validate(label, doc)
        if problems:
            hint = (
                f" (fix it with: minecli edit {path.stem})" if label.startswith(COUNTRIES) else ""
            )
            raise InvalidData(f"{label}: {problems[0]}; nothing was changed{hint}")
        self._docs[label] = (path, text, doc)
        return doc

    def profile(self, code: str) -> dict[str, Any]:
        """A profile to change in place."""
        path = self.store.profile_path(code)
        if not path.exists():
            raise NotFound(f"no profile for {code} in {self.store.root}")
        return self._load(f"{COUNTRIES}/{code}.toml", path)

    def new_profile(self, code: str, doc: dict[str, Any]) -> None:
        """Add a profile that does not exist yet."""
        path = self.store.profile_path(code)
        if path.exists() or f"{COUNTRIES}/{code}.toml" in self._docs:
            raise MinecliError(f"a profile for {code} already exists")
        self._docs[f"{COUNTRIES}/{code}.toml"] = (path, None, doc)

    def resolutions(self) -> dict[str, Any]:
        """resolutions.toml as a document to change in place."""
        empty = {"schema": SCHEMA_VERSION, "resolutions": []}
        return self._load(RESOLUTIONS, self.store.root / RESOLUTIONS, create=empty)

    def meetings(self) -> dict[str, Any]:
        """meetings.toml as a document to change in place."""
        empty = {"schema": SCHEMA_VERSION, "meetings": []}
        return self._load(MEETINGS, self.store.root / MEETINGS, create=empty)

    def changes(self) -> list[FileChange]:
        """Validate every loaded document and render it; InvalidData names the first problem."""
        out = []
        for label, (path, before, doc) in sorted(self._docs.items()):
            problems = _validate(label, doc)
            if problems:
                raise InvalidData(f"{label}: {problems[0]}; nothing was changed")
            after = codec.dump_profile(doc) if label.startswith(COUNTRIES) else codec.dumps(doc)
            if after != before:
                out.append(FileChange(label, path, before, after))
        return out


def _validate(label: str, doc: dict[str, Any]) -> list[Problem]:
    if label == RESOLUTIONS:
        return validate_resolutions(doc)
    if label == MEETINGS:
        return validate_meetings(doc)
    return validate_profile(doc, Path(label).stem)


@contextmanager
def store_lock(store: Store) -> Iterator[None]:
    """Hold the store's write lock; other writers wait up to a minute."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(store.root / LOCK_NAME), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            yield
    except Timeout:
        raise MinecliError(
            f"the store at {store.root} is locked by another writer; try again"
        ) from None


def apply(
    store: Store, change: Callable[[Transaction], Any], *, dry_run: bool = False
) -> tuple[Any, list[FileChange]]:
    """Run ``change`` in a transaction and write what it changed (unless ``dry_run``).

    Returns what ``change`` returned and the file changes. Nothing is written if ``change``
    raises or any changed file fails validation.
    """
    store.require_writable()
    store.require()
    with store_lock(store):
        tx = Transaction(store)
        result = change(tx)
        changes = tx.changes()
        if not dry_run:
            for item in changes:
                write_atomic(item.path, item.after)
    return result, changes
