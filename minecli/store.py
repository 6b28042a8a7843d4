"""Find the active store and read it: the facade every command uses.

A store is a folder: ``countries/<CODE>.toml`` (one profile per state), ``resolutions.toml`` and
``meetings.toml``. Which store is used, first match wins: ``--store PATH``, ``$MINECLI_STORE``,
the user store (once ``minecli init`` has made it), the bundled store (read-only). Files are read
through minecli.files and, where it pays, served from the cache (minecli.cache); writes go
through minecli.writer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from minecli import files
from minecli.errors import InvalidData, NotFound, ReadOnlyStore
from minecli.files import COUNTRIES, MEETINGS, RESOLUTIONS
from minecli.model import CODE_RE

ENV_VAR = "MINECLI_STORE"
Profile = dict[str, Any]
Warn = Callable[[str], None]


def bundled_root() -> Path:
    """The store shipped with minecli: inside the installed package, or data/store in a checkout."""
    from minecli.dirs import bundled_store

    return Path(bundled_store())


def user_root() -> Path:
    """Where ``minecli init`` puts the user's own store (the user data dir: minecli.dirs)."""
    from minecli.dirs import user_store

    return Path(user_store())


class Profiles(Mapping[str, Profile]):
    """A snapshot's profiles, each read when asked (``load(code)``) and only the last one kept,
    so that checking the whole store holds one profile at a time, whatever its size (findings
    come file by file, so the profile a finding is placed in is at hand)."""

    def __init__(self, codes: list[str], load: Callable[[str], Profile]) -> None:
        self._codes, self._known, self._load = codes, set(codes), load
        self._last: tuple[str, Profile] | None = None

    def __getitem__(self, code: str) -> Profile:
        if code not in self._known:
            raise KeyError(code)
        if self._last is None or self._last[0] != code:
            self._last = (code, self._load(code))
        return self._last[1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


class Snapshot:
    """A store's files as parsed, before the schema is asked (for `check`): the documents that
    could be parsed, and the error of each file that could not. ``whole`` says whether it is
    the whole store or only the profiles asked for."""

    def __init__(
        self,
        profiles: Mapping[str, Profile],
        resolutions: dict[str, Any] | None,
        meetings: dict[str, Any] | None,
        unreadable: Sequence[InvalidData] = (),
        whole: bool = True,
    ) -> None:
        self.profiles, self.resolutions, self.meetings = profiles, resolutions, meetings
        self.unreadable, self.whole = unreadable, whole

    def document(self, label: str) -> dict[str, Any] | None:
        """resolutions.toml or meetings.toml as parsed (None if it could not be)."""
        return self.resolutions if label == RESOLUTIONS else self.meetings


class Store:
    """One store folder and why it was chosen."""

    def __init__(self, root: Path, origin: str, *, writable: bool | None = None) -> None:
        self.root = root
        self.origin = origin  # "--store", "MINECLI_STORE", "user store" or "bundled"
        self._writable = writable
        self.progress: Callable[[int, int], None] | None = None  # hears cold indexing
        self._resolutions: dict[str, dict[str, Any]] | None = None
        self._meetings: dict[str, dict[str, Any]] | None = None
        self._index: Any = None
        self._names: dict[str, set[str]] | None = None
        self._settled = False

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r}, {self.origin!r})"

    @property
    def writable(self) -> bool:
        """Every store but the bundled one, however it was named (unless told otherwise)."""
        if self._writable is not None:
            return self._writable
        return self.origin != "bundled" and self.root.resolve() != bundled_root().resolve()

    @property
    def countries_dir(self) -> Path:
        return self.root / COUNTRIES

    def require(self) -> None:
        """Fail clearly when the store folder is not there; finish an interrupted write."""
        self.settle()
        if not self.countries_dir.is_dir():
            hint = f"; create it with: minecli init --store {self.root}" if self.writable else ""
            raise InvalidData(f"no store at {self.root} (from {self.origin}){hint}")

    def settle(self) -> None:
        """If a multi-file write was interrupted, finish it before reading (minecli.journal)."""
        if not self._settled:
            self._settled = True
            if self.writable and (self.root / files.JOURNAL).exists():
                from minecli.journal import settle

                settle(self.root)

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
        # an odd file (a FIFO, a symlink to nothing) is a profile that cannot be read: reading it
        # names the file and what is wrong with it
        return bool(CODE_RE.match(code)) and os.path.lexists(self.profile_path(code))

    def read_profile(self, code: str) -> Profile:
        """One profile, parsed and validated; InvalidData names the file and what is wrong."""
        self.settle()
        if not os.path.lexists(self.profile_path(code)):
            self.require()
            raise NotFound(f"no profile for {code} in {self.root}")
        from minecli.cache import cached_file

        return cached_file(self.root, files.profile_label(code), files.load)  # type: ignore[no-any-return]

    def index(self) -> Any:
        """The store's index (minecli.cache): every profile, parsed once and cached."""
        if self._index is None:
            from minecli.index import Index

            self.require()
            self._index = Index(self.countries_dir, progress=self.progress)
        return self._index

    def iter_profiles(
        self, codes: list[str] | None = None, *, brief: bool = False
    ) -> Iterator[Profile | InvalidData]:
        """Each profile in code order, or the error that stopped it: one bad file spoils no other.

        The whole store comes from the index; ``brief`` asks only for the parts that `list`,
        roll calls and name lookups use. Named profiles are read from their files.
        """
        if codes is None:
            index = self.index()
            yield from index.briefs() if brief else index.profiles()
            return
        for code in codes:
            try:
                yield self.read_profile(code)
            except InvalidData as exc:
                yield exc

    def stream(
        self,
        codes: list[str] | None = None,
        *,
        brief: bool = False,
        from_index: bool = False,
        warn: Warn | None = None,
    ) -> Iterator[Profile]:
        """Profiles for a query, one at a time. Over the whole store a broken file is skipped
        (``warn`` hears of it); a state named by the user must be readable, or InvalidData is
        raised. ``from_index`` takes the named codes from the index rather than their files."""
        items = (
            self.index().profiles(codes) if from_index else self.iter_profiles(codes, brief=brief)
        )
        if codes is None and warn is not None:
            for ignored in self.index().ignored:
                warn(f"Warning: {ignored}")
        for item in items:
            if not isinstance(item, InvalidData):
                yield item
            elif codes is not None and not from_index:
                raise item
            elif warn is not None:
                warn(f"Warning: skipped {item}")

    def profiles(self, codes: list[str] | None = None, **options: Any) -> list[Profile]:
        """The profiles of stream(), as a list."""
        return list(self.stream(codes, **options))

    def names(self) -> list[tuple[str, str]]:
        """(code, name) of every readable profile, official names too, for matching names."""
        pairs = []
        for item in self.iter_profiles(brief=True):
            if not isinstance(item, InvalidData):
                pairs.append((item["code"], item["name"]))
                if item.get("official_name"):
                    pairs.append((item["code"], item["official_name"]))
        return pairs

    def resolve_country(self, text: str) -> str:
        """The code a person means by a code, an alpha-3 code or a name."""
        code = text.strip().upper()
        if len(code) == 2 and self.has(code):  # the common case needs no name tables
            return code
        from minecli.countries import resolve

        return resolve(text, self.has, self.names)

    def write_country(self, text: str) -> str:
        """The state a command that writes is about: its exact code or name only (see
        minecli.countries.resolve_exactly); a read command may take a close match instead."""
        from minecli.countries import resolve_exactly

        return resolve_exactly(text, self.has, self.names)

    def exact_country(self, name: str) -> str | None:
        """The code of the state a full name (as the UN writes it) stands for exactly, or None."""
        from minecli.countries import exact_code, name_index

        if self._names is None:
            self._names = name_index(self.names())
        code = exact_code(name, self._names)
        return code if code is not None and self.has(code) else None

    # --- resolutions and meetings ---------------------------------------------------------------

    def _read_list(self, label: str, key: str) -> list[dict[str, Any]]:
        if not (self.root / label).is_file():
            self.require()
            return []
        from minecli.cache import cached_file

        def load(path: Path, label: str) -> list[dict[str, Any]]:
            return list(files.load(path, label).get(key, []))

        return cached_file(self.root, label, load)  # type: ignore[no-any-return]

    def resolutions(self) -> dict[str, dict[str, Any]]:
        """The General Assembly resolutions by number, in the file's order (by date)."""
        if self._resolutions is None:
            items = self._read_list(RESOLUTIONS, "resolutions")
            self._resolutions = {r["number"]: r for r in items}
        return self._resolutions

    def meetings(self) -> dict[str, dict[str, Any]]:
        """The treaty meetings by id, in the file's order."""
        if self._meetings is None:
            items = self._read_list(MEETINGS, "meetings")
            self._meetings = {m["id"]: m for m in items}
        return self._meetings

    def known_resolution(self, text: str) -> str:
        """A resolution the store knows, from ``65/48``, ``A/RES/65/48`` or ``51/45 s``."""
        from minecli.query.votes import known_resolution

        if not (self.root / RESOLUTIONS).is_file() and self.countries_dir.is_dir():
            raise NotFound(f"unknown resolution {text!r}: this store has no {RESOLUTIONS}")
        return known_resolution(self.resolutions(), text)

    # --- for check ------------------------------------------------------------------------------

    def snapshot(self, codes: list[str] | None = None) -> Snapshot:
        """The store's documents as parsed, schema unchecked. Valid profiles of the whole store
        come from the index; the others, and any profile named, are parsed from their files so
        that every problem of theirs can be reported."""
        self.require()
        unreadable: list[InvalidData] = []
        docs: dict[str, dict[str, Any] | None] = {}
        for label in (RESOLUTIONS, MEETINGS):
            docs[label] = None
            try:  # a missing file is one error, not one for every vote or meeting citing it
                docs[label] = files.parse(files.read_text(self.root / label, label), label)
            except InvalidData as exc:
                unreadable.append(exc)
        profiles: dict[str, Profile] | Profiles = {}
        if codes is None:  # the valid profiles come from the index when asked, one at a time
            index = self.index()
            unreadable.extend(index.ignored)
            valid = index.valid()
            index.fill(valid)
            broken = self._parsed([c for c in index.codes() if c not in set(valid)], unreadable)
            profiles = Profiles(
                sorted([*valid, *broken]),
                lambda code: broken[code] if code in broken else self._indexed(index, code),
            )
        else:
            profiles = self._parsed(codes, unreadable)
        return Snapshot(profiles, docs[RESOLUTIONS], docs[MEETINGS], unreadable, codes is None)

    def _parsed(self, codes: list[str], unreadable: list[InvalidData]) -> dict[str, Profile]:
        """Profiles parsed from their files, schema unchecked; what cannot be parsed goes to
        ``unreadable``."""
        found = {}
        for code in codes:
            label = files.profile_label(code)
            try:
                found[code] = files.parse(files.read_text(self.profile_path(code), label), label)
            except InvalidData as exc:
                unreadable.append(exc)
        return found

    def _indexed(self, index: Any, code: str) -> Profile:
        """A valid profile from the index (from its file, should it change meanwhile)."""
        doc = next(index.profiles([code]))
        if isinstance(doc, dict):
            return doc
        label = files.profile_label(code)
        return files.parse(files.read_text(self.profile_path(code), label), label)

    def locator(self, snapshot: Snapshot) -> Callable[[str, str], tuple[int, int] | None]:
        """For check: where a finding's path sits in its file (line, column), each file read
        once and only when a finding in it asks; None for a file that cannot be read. Findings
        come file by file, so only the latest file's map is kept (memory stays flat)."""
        from minecli import tomlmap

        maps: dict[str, Any] = {}

        def locate(label: str, where: str) -> tuple[int, int] | None:
            if label not in maps:
                maps.clear()
                try:
                    maps[label] = tomlmap.positions(files.read_text(self.root / label, label))
                except InvalidData:
                    maps[label] = None
            if maps[label] is None:
                return None
            code = files.code_of(label)
            doc = snapshot.profiles.get(code) if code else snapshot.document(label)
            return tomlmap.locate(maps[label], tomlmap.key_path(where, doc))

        return locate


def find_store(option: Path | None = None) -> Store:
    """The active store: --store, then $MINECLI_STORE, then the user store if made, else bundled
    (minecli.dirs.locate_store, which the fast path follows too)."""
    from minecli.dirs import locate_store

    root, origin = locate_store(None if option is None else str(option))
    return Store(Path(root), origin)
