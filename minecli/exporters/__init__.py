"""Exporters: one module per output format, each writing a whole store (or some of its
profiles). EXPORTERS is the registry: format name -> (module, function, what it writes to):
"stream", a text stream (stdout or a file); "path", a file or folder it makes itself (SQLite,
a folder of CSV tables)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

EXPORTERS = {
    "json": ("json_store", "write_json", "stream"),
    "jsonl": ("json_store", "write_jsonl", "stream"),
    "csv": ("csv_tables", "write_folder", "path"),
    "sqlite": ("sqlite_db", "write_sqlite", "path"),
    "csl-json": ("citations", "write_csl", "stream"),
    "bibtex": ("citations", "write_bibtex", "stream"),
    "ris": ("citations", "write_ris", "stream"),
}


@dataclass
class Dataset:
    """What an export holds: the schema version, the store-level files, and the profiles (an
    iterable, so that a large store is streamed, not held in memory)."""

    schema: int
    resolutions: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    profiles: Iterable[dict[str, Any]]


def exporter(name: str) -> Callable[[Any, Dataset], None]:
    """The writer of a format in the registry."""
    module, function, _ = EXPORTERS[name]
    return getattr(importlib.import_module(f"minecli.exporters.{module}"), function)  # type: ignore[no-any-return]


def writes_path(name: str) -> bool:
    """Whether a format makes its own file or folder (it needs --out) rather than a stream."""
    return EXPORTERS[name][2] == "path"
