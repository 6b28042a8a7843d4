"""Shared helpers for the write-path tests (issue 4: editing the store without losing data).

snapshot(store)        {relative path: sha256} of every file in a store, the lock file aside
profile(store, code)   a profile as tomllib reads it from disk
show_json(store, code) the profile as `minecli show --format json` prints it
file_diff(a, b, label) the unified diff between two texts, as minecli's --dry-run prints it
hunks(diff)            the number of @@ hunks of a unified diff
install(store, src)    copy a profile file into a store's countries folder
"""

from __future__ import annotations

import difflib
import hashlib
import shutil
import tomllib
from pathlib import Path
from typing import Any

from .helpers import FIXTURES, run

LOCK = ".minecli.lock"  # the writers' lock file: created by the first write, never data
EDIT_FIXTURES = FIXTURES / "edit"
XE = EDIT_FIXTURES / "XE.toml"  # a canonical profile full of keys minecli does not know


def snapshot(store: Path) -> dict[str, str]:
    """A hash of every file under the store (hidden ones too), except the writers' lock."""
    out = {}
    for path in sorted(store.rglob("*")):
        if path.is_file() and path.name != LOCK:
            out[path.relative_to(store).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def profile_path(store: Path, code: str) -> Path:
    return store / "countries" / f"{code}.toml"


def profile(store: Path, code: str) -> dict[str, Any]:
    with profile_path(store, code).open("rb") as handle:
        return tomllib.load(handle)


def text(store: Path, code: str) -> str:
    return profile_path(store, code).read_text(encoding="utf-8")


def show_json(store: Path, code: str) -> dict[str, Any]:
    result = run("--store", str(store), "show", code, "--format", "json")
    assert result.code == 0, result
    return result.json()


def file_diff(before: str | None, after: str, label: str) -> str:
    old = (before or "").splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    fromfile = f"a/{label}" if before is not None else "/dev/null"
    return "".join(difflib.unified_diff(old, new, fromfile, f"b/{label}"))


def hunks(diff: str) -> int:
    return sum(1 for line in diff.splitlines() if line.startswith("@@"))


def changed_lines(diff: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines of a unified diff, headers left out."""
    removed, added = [], []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
    return removed, added


def install(store: Path, src: Path, code: str | None = None) -> Path:
    target = profile_path(store, code or src.stem)
    shutil.copyfile(src, target)
    return target


def vote(doc: dict[str, Any], resolution: str) -> dict[str, Any] | None:
    return next((v for v in doc.get("votes", []) if v["resolution"] == resolution), None)


def meeting(doc: dict[str, Any], meeting_id: str) -> dict[str, Any] | None:
    return next((m for m in doc.get("meetings", []) if m["meeting"] == meeting_id), None)


def source(doc: dict[str, Any], source_id: int) -> dict[str, Any] | None:
    return next((s for s in doc.get("sources", []) if s["id"] == source_id), None)


KEYS = {"votes": "resolution", "meetings": "meeting", "sources": "id"}


def get_path(doc: dict[str, Any], path: str) -> Any:
    """The value at a |-separated path; a list entry by number (use|0) or by key (votes|65/48)."""
    node: Any = doc
    parent = ""
    for part in path.split("|"):
        if isinstance(node, list) and parent in KEYS:
            node = next(e for e in node if str(e[KEYS[parent]]) == part)
        elif isinstance(node, list):
            node = node[int(part)]
        else:
            node = node[part]
        parent = part
    return node
