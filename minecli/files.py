"""The one read path: a store file's bytes -> TOML -> a validated record, or one InvalidData.

Every reader of a store file (the store, the cache, the writer, `edit`, `check`, the maintainer's
rebuild) goes through here, so a file is decoded, parsed, validated and named the same way
everywhere. Errors name the file relative to the store (``countries/UZ.toml``), and the line and
column where they are known.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from minecli.errors import InvalidData
from minecli.model import Problem
from minecli.schema import validate_meetings, validate_profile, validate_resolutions

COUNTRIES = "countries"
JOURNAL = ".minecli-journal.json"  # minecli.journal: the record of a multi-file write
RESOLUTIONS = "resolutions.toml"
MEETINGS = "meetings.toml"
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
# A profile's file is named by its code in capitals; one named otherwise is not read.
_LOWER_PROFILE = re.compile(r"^[A-Za-z]{2}\.toml\Z")


def misnamed_profile(name: str) -> str | None:
    """Why a file in countries/ that looks like a profile is not read (``tj.toml``), or None."""
    if _LOWER_PROFILE.match(name) and name[:2] != name[:2].upper():
        return (
            f"ignored: a profile's file is named by its code in capitals ({name[:2].upper()}.toml)"
        )
    return None


def profile_label(code: str) -> str:
    """How a profile's file is named in messages and diffs: ``countries/UZ.toml``."""
    return f"{COUNTRIES}/{code}.toml"


def code_of(label: str) -> str | None:
    """The country code of a profile's label, or None for the store's other files."""
    folder, _, name = label.partition("/")
    return name[: -len(".toml")] if folder == COUNTRIES and name.endswith(".toml") else None


# No store file is this large (an archive-scale profile is a few hundred KB): refuse to read one
# that is, rather than take the memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


def regular_file(path: Path, label: str) -> os.stat_result:
    """The file's status if it is a plain file minecli may read; InvalidData naming what it is
    otherwise (missing, a symlink to nothing or in a loop, a FIFO, a folder, too large)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise InvalidData("a symbolic link to a file that does not exist", file=label) from None
        raise InvalidData("file not found", file=label) from None
    except OSError as exc:  # a loop of links, no permission, a name too long
        raise InvalidData(f"cannot read: {exc.strerror or exc}", file=label) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO, socket or device"
        raise InvalidData(f"not a plain file ({kind})", file=label)
    if info.st_size > MAX_FILE_BYTES:
        raise InvalidData(
            f"too large to be a store file ({info.st_size:,} bytes; at most {MAX_FILE_BYTES:,})",
            file=label,
        )
    return info


def read_text(path: Path, label: str) -> str:
    """A store file's text, decoded as UTF-8 (only a plain file: see regular_file)."""
    regular_file(path, label)
    try:
        with path.open(encoding="utf-8", newline="") as handle:  # line ends as they are
            return handle.read()
    except FileNotFoundError:
        raise InvalidData("file not found", file=label) from None
    except UnicodeDecodeError as exc:
        raise InvalidData(f"not UTF-8 text (byte {exc.start})", file=label) from None
    except OSError as exc:
        raise InvalidData(f"cannot read: {exc.strerror}", file=label) from None


def parse(text: str, label: str) -> dict[str, Any]:
    """TOML text as a document; a syntax error names the file, line and column.

    tomli, where installed, is the standard library's parser compiled (about a third faster on
    long text); whatever it rejects is parsed again by tomllib, whose word is final and whose
    messages are the ones reported.
    """
    try:
        import tomli  # runs served from the cache never need a parser
    except ImportError:  # pragma: no cover - a platform without the dependency
        tomli = None
    if tomli is not None:
        try:
            return tomli.loads(text)  # type: ignore[no-any-return]
        except (tomli.TOMLDecodeError, RecursionError):
            pass
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise InvalidData("invalid TOML: arrays or tables nested too deeply", file=label) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _AT.search(message)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (None, None)
        raise InvalidData(
            f"invalid TOML: {message}", file=label, line=line, column=column
        ) from None


def problems(label: str, doc: Any) -> list[Problem]:
    """Every schema problem of a document, by the kind of file its label names."""
    if label == RESOLUTIONS:
        return validate_resolutions(doc)
    if label == MEETINGS:
        return validate_meetings(doc)
    return validate_profile(doc, code_of(label))


def validated(doc: dict[str, Any], label: str, text: str | None = None) -> dict[str, Any]:
    """The document itself when the schema accepts it; else InvalidData naming the first problem
    (at the line and column of its key, when the document's ``text`` is given)."""
    found = problems(label, doc)
    if found:
        line, column = position(text, found[0].path, doc) if text is not None else (None, None)
        raise InvalidData(str(found[0]), file=label, line=line, column=column)
    return doc


def position(text: str, path: str, doc: Any = None) -> tuple[int, int]:
    """The line and column of a path (a schema problem's or a fact's) in a file's text."""
    from minecli import tomlmap  # only a file with a problem needs it

    return tomlmap.locate(tomlmap.positions(text), tomlmap.key_path(path, doc))


def decode(text: str, label: str) -> dict[str, Any]:
    """Text -> a validated record."""
    return validated(parse(text, label), label, text)


def load(path: Path, label: str) -> dict[str, Any]:
    """A store file -> a validated record."""
    return decode(read_text(path, label), label)
