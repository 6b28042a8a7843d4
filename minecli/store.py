"""Find the active store, read its files with clear errors, and write them safely.

A store is a folder: ``countries/<CODE>.toml`` (one profile per state), ``resolutions.toml`` and
``meetings.toml``. Which store is used, first match wins: ``--store PATH``, ``$MINECLI_STORE``,
the user store (once ``minecli init`` has made it), the bundled store (read-only).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minecli import codec
from minecli.errors import InvalidData, NotFound, ReadOnlyStore
from minecli.model import CODE_RE, validate_meetings, validate_profile, validate_resolutions

ENV_VAR = "MINECLI_STORE"
COUNTRIES = "countries"
RESOLUTIONS = "resolutions.toml"
MEETINGS = "meetings.toml"


def bundled_root() -> Path:
    """The store shipped with minecli: inside the installed package, or data/store in a checkout."""
    packaged = Path(__file__).parent / "_bundled"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "store"


def user_root() -> Path:
    """Where ``minecli init`` puts the user's own store (platformdirs' user data dir)."""
    from platformdirs import user_data_path

    return user_data_path("minecli", appauthor=False) / "store"


class Store:
    """One store folder and why it was chosen."""

    def __init__(self, root: Path, origin: str) -> None:
        self.root = root
        self.origin = origin  # "--store", "MINECLI_STORE", "user store" or "bundled"
        self._resolutions: dict[str, dict[str, Any]] | None = None
        self._meetings: dict[str, dict[str, Any]] | None = None
        self._index: Any = None

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r}, {self.origin!r})"

    @property
    def writable(self) -> bool:
        """Every store but the bundled one, however it was named."""
        return self.origin != "bundled" and self.root.resolve() != bundled_root().resolve()

    @property
    def countries_dir(self) -> Path:
        return self.root / COUNTRIES

    def require(self) -> None:
        """Fail clearly when the store folder is not there."""
        if not self.countries_dir.is_dir():
            hint = f"create it with: minecli init --store {self.root}" if self.writable else ""
            raise InvalidData(
                f"no store at {self.root} (from {self.origin}){'; ' if hint else ''}{hint}"
            )

    def require_writable(self) -> None:
        """Writes go to a user store only; the bundled one ships with the package."""
        if not self.writable:
            raise ReadOnlyStore(
                "the bundled store is read-only; run `minecli init` to make your own copy "
                f"(at {user_root()}), or point --store / {ENV_VAR} at one"
            )

    # --- profiles -------------------------------------------------------------------------------

    def profile_path(self, code: str) -> Path:
        """The file of a profile. The code is checked first, so no path is built from bad input."""
        if not CODE_RE.match(code):
            raise NotFound(f"unknown country code {code!r}")
        return self.countries_dir / f"{code}.toml"

    def codes(self) -> list[str]:
        """Codes of every profile in the store, sorted."""
        self.require()
        return sorted(p.stem for p in self.countries_dir.glob("*.toml") if CODE_RE.match(p.stem))

    def has(self, code: str) -> bool:
        return bool(CODE_RE.match(code)) and self.profile_path(code).is_file()

    def read_profile(self, code: str) -> dict[str, Any]:
        """One profile, parsed and validated; InvalidData names the file and what is wrong."""
        path = self.profile_path(code)
        where = f"{COUNTRIES}/{code}.toml"
        if not path.is_file():
            self.require()
            raise NotFound(f"no profile for {code} in {self.root}")

        def parse(path: Path) -> dict[str, Any]:
            doc = codec.read(path, where)
            problems = validate_profile(doc, code)
            if problems:
                raise InvalidData(f"{where}: {problems[0]}")
            return doc

        from minecli.cache import one_file

        return one_file(self.root, where, parse)  # type: ignore[no-any-return]

    def index(self) -> Any:
        """The store's index (minecli.cache): every profile, parsed once and cached."""
        if self._index is None:
            from minecli.cache import Index

            self.require()
            self._index = Index(self.countries_dir)
        return self._index

    def iter_profiles(
        self, codes: list[str] | None = None, *, digest: bool = False
    ) -> Iterator[dict[str, Any] | InvalidData]:
        """Each profile in code order, or the error that stopped it: one bad file spoils no other.

        The whole store comes from the index; ``digest`` asks only for the parts that `list`,
        roll calls and name lookups use. Named profiles are read from their files.
        """
        if codes is None:
            index = self.index()
            yield from index.digests() if digest else index.profiles()
            return
        for code in codes:
            try:
                yield self.read_profile(code)
            except InvalidData as exc:
                yield exc

    # --- resolutions and meetings ---------------------------------------------------------------

    def _read_list(self, name: str, key: str, validate: Any) -> list[dict[str, Any]]:
        path = self.root / name
        if not path.is_file():
            self.require()
            return []

        def parse(path: Path) -> list[dict[str, Any]]:
            doc = codec.read(path, name)
            problems = validate(doc)
            if problems:
                raise InvalidData(f"{name}: {problems[0]}")
            return list(doc.get(key, []))

        from minecli.cache import small_file

        return small_file(self.root, name, parse)  # type: ignore[no-any-return]

    def resolutions(self) -> dict[str, dict[str, Any]]:
        """The General Assembly resolutions by number, in the file's order (by date)."""
        if self._resolutions is None:
            items = self._read_list(RESOLUTIONS, "resolutions", validate_resolutions)
            self._resolutions = {r["number"]: r for r in items}
        return self._resolutions

    def meetings(self) -> dict[str, dict[str, Any]]:
        """The treaty meetings by id, in the file's order."""
        if self._meetings is None:
            items = self._read_list(MEETINGS, "meetings", validate_meetings)
            self._meetings = {m["id"]: m for m in items}
        return self._meetings


def find_store(option: Path | None = None) -> Store:
    """The active store: --store, then $MINECLI_STORE, then the user store if made, else bundled."""
    if option is not None:
        return Store(Path(option).expanduser().absolute(), "--store")
    env = os.environ.get(ENV_VAR)
    if env:
        return Store(Path(env).expanduser().absolute(), ENV_VAR)
    user = user_root()
    if (user / COUNTRIES).is_dir():
        return Store(user, "user store")
    return Store(bundled_root(), "bundled")


def init_store(target: Path) -> int:
    """Copy the bundled store to ``target``; refuse if something is already there. Returns profiles."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidData(f"{target} already exists and is not empty; not overwriting it")
    import shutil
    import tempfile

    source = bundled_root()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".minecli-init-", dir=target.parent))
    try:
        shutil.copytree(source, staging / "store")
        # Writers leave their lock file in the store; a store kept in git should not track it.
        (staging / "store" / ".gitignore").write_text(".minecli.lock\n", encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(staging / "store", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(list((target / COUNTRIES).glob("*.toml")))


def _file_mode(path: Path) -> int:
    """The permissions a rewritten file should keep: its own, or the umask's default if new."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content all at once: temp file in the same folder, fsync, rename.

    Readers see the old file or the new one, never a mix; the file keeps its permissions.
    """
    import tempfile

    mode = _file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
