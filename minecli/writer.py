"""Changing a store without ever losing data: the only code that writes a store's files.

Every write goes through a transaction: take the store's lock, read the files fresh from disk,
apply the change, validate the result, and only then write each changed file atomically (temp
file in the same folder, fsync, rename). Two minecli processes never interleave, a writer killed
mid-way leaves the old file or the new one, and a file holding comments — which the canonical
writer cannot keep — is refused with a message rather than silently stripped.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from minecli import codec, files, journal
from minecli.edits.provenance import Attribution, Citing
from minecli.errors import Conflict, InvalidData, MinecliError, NotFound
from minecli.files import COUNTRIES, MEETINGS, RESOLUTIONS
from minecli.journal import LOCK_NAME as LOCK_NAME  # the lock file, named for callers
from minecli.journal import file_mode
from minecli.model import SCHEMA_VERSION, Problem, treaty_problems
from minecli.store import Store, bundled_root
from minecli.tomltext import crlf as _crlf
from minecli.tomltext import dated_text, first_comment_line


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

    def __init__(self, store: Store, updated: dt.date | None = None, *, stamp: bool = True) -> None:
        self.store = store
        # The date every profile this write changes is marked ``updated`` with (unless not
        # ``stamp``: a build from raw data dates profiles by the data).
        self.updated = updated or dt.date.today()
        self.stamp = stamp
        # label -> (path, text on disk or None if new, document, text to write as it is or None)
        self._docs: dict[str, tuple[Path, str | None, dict[str, Any], str | None]] = {}
        # label -> the profile's ``updated`` as read, to tell whether the write set it itself
        self._dated: dict[str, Any] = {}

    def _load(
        self, label: str, path: Path, *, create: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        if label in self._docs:
            return self._docs[label][2]
        if not path.exists():
            if create is None:
                raise NotFound(f"{label} does not exist in {self.store.root}")
            self._docs[label] = (path, None, create, None)
            return create
        text = files.read_text(path, label)
        line = first_comment_line(text)
        if line is not None:
            code = files.code_of(label)
            fix = (
                f"run `minecli edit {code}` to turn comments into notes (or remove them)"
                if code
                else "move the comment into a `note` field (or remove it)"
            )
            raise InvalidData(
                "holds a comment, which minecli cannot keep when it rewrites the file; "
                f"{fix}, then run the command again",
                file=label,
                line=line,
            )
        try:
            doc = files.decode(text, label)
        except InvalidData as exc:
            code = files.code_of(label)
            hint = f" (fix it with: minecli edit {code})" if code else ""
            detail = f"{exc.detail}; nothing was changed{hint}"
            raise InvalidData(detail, file=label, line=exc.line, column=exc.column) from None
        self._docs[label] = (path, text, doc, None)
        self._dated[label] = doc.get("updated")
        return doc

    def profile(self, code: str) -> dict[str, Any]:
        """A profile to change in place."""
        path = self.store.profile_path(code)
        if not path.exists():
            raise NotFound(f"no profile for {code} in {self.store.root}")
        return self._load(files.profile_label(code), path)

    def change_profile(
        self,
        code: str,
        change: Callable[[dict[str, Any]], Any],
        recounted: list[str],
        citing: Citing | None = None,
        targets: Callable[[Any], list[str]] | None = None,
    ) -> tuple[Any, Attribution]:
        """Run ``change`` on a profile, then settle the citations of the facts it changed
        (minecli.edits.provenance: old ones dropped, ``citing``'s sources cited on them and on
        ``targets(result)``). If it changed a vote on a recorded roll call, count that
        resolution's tally again in this transaction (its numbers go into ``recounted``).
        Returns what ``change`` returned, and what happened to the citations."""
        import copy

        from minecli.edits.provenance import attribute

        profile = self.profile(code)
        original = copy.deepcopy(profile)
        before = _votes(profile)
        result = change(profile)
        named = targets(result) if targets else []
        attribution = attribute(original, profile, citing or Citing(), named)
        after = _votes(profile)
        touched = {n for n in set(before) | set(after) if before.get(n) != after.get(n)}
        if touched:
            known = self.store.resolutions()
            touched = {n for n in touched if known.get(n, {}).get("tally") is not None}
        if touched:
            from minecli.edits.imports import recount

            others = [p for p in self.store.profiles(brief=True) if p["code"] != code]
            recounted.extend(recount(self.resolutions(), touched, [profile, *others]))
        return result, attribution

    def new_profile(self, code: str, doc: dict[str, Any]) -> None:
        """Add a profile that does not exist yet."""
        path = self.store.profile_path(code)
        label = files.profile_label(code)
        if path.exists() or label in self._docs:
            raise Conflict(f"a profile for {code} already exists")
        self._docs[label] = (path, None, doc, None)

    def replace_profile_text(
        self,
        code: str,
        expected: str,
        text: str,
        citing: Citing | None = None,
        doc: dict[str, Any] | None = None,
    ) -> Attribution:
        """Save a profile's text as given (``edit``), if the file still holds ``expected``; the
        text must decode to a valid profile. The citations of the facts it changes are settled
        as for any write; the text is kept as it is unless that changes it. With ``doc`` (the
        text's comments turned into notes) that document is saved instead, in canonical form."""
        import copy

        from minecli.edits.provenance import attribute

        label = files.profile_label(code)
        path = self.store.profile_path(code)
        current = files.read_text(path, label)
        if current != expected:
            raise Conflict(f"{label} changed while you were editing; nothing was overwritten")
        original = files.decode(current, label)
        canonical = doc is not None
        doc = files.validated(doc, label) if doc is not None else files.decode(text, label)
        edited = copy.deepcopy(doc)
        attribution = attribute(original, doc, citing or Citing())
        keep = not canonical and doc == edited
        if not canonical and not keep and first_comment_line(text) is not None:
            raise InvalidData(
                "the facts you changed lose the citations of their old values, which means "
                "rewriting your text, and it holds comments minecli cannot keep; turn them into "
                "notes, or keep the citations with --keep-sources",
                file=label,
                line=first_comment_line(text),
            )
        self._docs[label] = (path, current, doc, text if keep else None)
        self._dated[label] = original.get("updated")
        return attribution

    def resolutions(self) -> dict[str, Any]:
        """resolutions.toml as a document to change in place."""
        empty = {"schema": SCHEMA_VERSION, "resolutions": []}
        return self._load(RESOLUTIONS, self.store.root / RESOLUTIONS, create=empty)

    def meetings(self) -> dict[str, Any]:
        """meetings.toml as a document to change in place."""
        empty = {"schema": SCHEMA_VERSION, "meetings": []}
        return self._load(MEETINGS, self.store.root / MEETINGS, create=empty)

    def _context(self) -> Any:
        """What the checks of a profile look at: the resolutions and meetings as this write
        leaves them (the store's, where the write does not touch them)."""
        from minecli.checks import Context

        def listed(label: str, key: str, stored: dict[str, Any]) -> list[dict[str, Any]]:
            if label in self._docs:
                return [x for x in self._docs[label][2].get(key, []) if isinstance(x, dict)]
            return [{"number" if key == "resolutions" else "id": k, **v} for k, v in stored.items()]

        return Context(
            listed(RESOLUTIONS, "resolutions", self.store.resolutions()),
            listed(MEETINGS, "meetings", self.store.meetings()),
        )

    def changes(self) -> list[FileChange]:
        """Validate every loaded document and render it; InvalidData names the first problem."""
        out = []
        context = None
        for label, (path, before, doc, verbatim) in sorted(self._docs.items()):
            found = refusals(label, doc)
            if found:
                raise InvalidData(f"{found[0]}; nothing was changed", file=label)
            code = files.code_of(label)
            if code:
                context = context or self._context()
                _as_check_would(label, code, doc, context)
            after = self._render(doc, before, verbatim, code)
            same_date = doc.get("updated") == self._dated.get(label)
            if self.stamp and code and after != before and same_date:
                doc["updated"] = self.updated  # every write dates the profiles it changes
                if verbatim is not None:
                    verbatim = dated_text(verbatim, self.updated, doc, label)
                after = self._render(doc, before, verbatim, code)
            if after != before:
                out.append(FileChange(label, path, before, after))
        return out

    @staticmethod
    def _render(
        doc: dict[str, Any], before: str | None, verbatim: str | None, code: str | None
    ) -> str:
        if verbatim is not None:
            return verbatim
        after = codec.dump_profile(doc) if code else codec.dumps(doc)
        if before and _crlf(before):
            after = after.replace("\n", "\r\n")  # a file with CRLF line ends keeps them
        return after


def _as_check_would(label: str, code: str, doc: dict[str, Any], context: Any) -> None:
    """Refuse a profile that `check` would report an error in (a vote before the state joined
    the UN, a citation of a source it lacks, an entry recorded twice, a date in the future):
    what a write accepts, check accepts."""
    from minecli.checks import ERROR, PROFILE_CHECKS

    for check in PROFILE_CHECKS.values():
        for finding in check(code, doc, context):
            if finding.severity == ERROR:
                where = f"{finding.where}: " if finding.where else ""
                raise InvalidData(f"{where}{finding.message}; nothing was changed", file=label)


def _votes(profile: dict[str, Any]) -> dict[str, Any]:
    return {v.get("resolution"): v.get("vote") for v in profile.get("votes", [])}


def refusals(label: str, doc: Any) -> list[Problem]:
    """Why a document may not be written: the schema's problems, and for a profile the rules
    across fields that `check` also applies (a State Party needs its consent date, ...)."""
    found = files.problems(label, doc)
    if not found and files.code_of(label) and isinstance(doc.get("treaty"), dict):
        found = treaty_problems(doc["treaty"])
    return found


@contextmanager
def store_lock(store: Store) -> Iterator[None]:
    """Hold the store's write lock (minecli.journal.store_lock: an interrupted write is
    finished first); other writers wait up to a minute."""
    with journal.store_lock(store.root):
        yield


def apply(
    store: Store,
    change: Callable[[Transaction], Any],
    *,
    dry_run: bool = False,
    updated: dt.date | None = None,
    stamp: bool = True,
) -> tuple[Any, list[FileChange]]:
    """Run ``change`` in a transaction and write what it changed (unless ``dry_run``).

    Every profile it changes is marked ``updated`` today (or on ``updated``), unless the change
    set that date itself or ``stamp`` is False.

    Returns what ``change`` returned and the file changes. Nothing is written if ``change``
    raises or any changed file fails validation; several changed files are written all or
    nothing (minecli.journal).
    """
    store.require_writable()
    store.require()
    with store_lock(store):
        tx = Transaction(store, updated, stamp=stamp)
        result = change(tx)
        changes = tx.changes()
        if not dry_run:
            _write(store, changes)
    return result, changes


# Set once this process has written to a store: a message lost afterwards is no failure.
COMMITTED: list[bool] = []


def _write(store: Store, changes: list[FileChange]) -> None:
    """Write the changed files: one atomically, several all or nothing (minecli.journal); a
    refusal of the system (a full disk, a read-only file system) is one clear error."""
    try:
        if len(changes) == 1:
            write_atomic(changes[0].path, changes[0].after)
        elif changes:
            journal.commit(store.root, [(c.path, c.after) for c in changes])
        COMMITTED.append(True)
    except OSError as exc:
        if (store.root / journal.JOURNAL).exists():  # committed: the next command finishes it
            raise MinecliError(
                f"the write was committed but not finished ({exc.strerror or exc}); the next "
                "minecli command on this store finishes it"
            ) from None
        where = exc.filename or store.root
        raise MinecliError(
            f"could not write {where}: {exc.strerror or exc}; nothing was changed"
        ) from None


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content all at once: temp file in the same folder, fsync, rename.

    Readers see the old file or the new one, never a mix; the file keeps its permissions.
    """
    write_stream(path, lambda handle: handle.write(text))


def write_stream(path: Path, fill: Callable[[TextIO], Any]) -> None:
    """Write a file atomically from a function that writes to a text stream (UTF-8, LF). A
    symbolic link is written through: the file it points to is replaced, the link stays."""
    import tempfile

    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    mode = file_mode(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def create_store(target: Path) -> int:
    """A new store at ``target``, a copy of the bundled one; refuses if something is already
    there. Returns the number of profiles."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Conflict(f"{target} already exists and is not empty; not overwriting it")
    import shutil
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".minecli-init-", dir=target.parent))
    try:
        shutil.copytree(bundled_root(), staging / "store")
        # Writers leave their lock file in the store; a store kept in git should not track it.
        (staging / "store" / ".gitignore").write_text(journal.GITIGNORE, encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(staging / "store", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(list((target / COUNTRIES).glob("*.toml")))
