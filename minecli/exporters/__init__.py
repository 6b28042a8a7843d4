"""Exporters: one module per output format, each writing a whole store (or some of its
profiles) to a text stream. EXPORTERS is the registry: format name -> (module, function)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

EXPORTERS = {
    "json": ("json_store", "write_json"),
    "jsonl": ("json_store", "write_jsonl"),
}


@dataclass
class Dataset:
    """What an export holds: the schema version, the store-level files, and the profiles (an
    iterable, so that a large store is streamed, not held in memory)."""

    schema: int
    resolutions: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    profiles: Iterable[dict[str, Any]]


def exporter(name: str) -> Callable[[TextIO, Dataset], None]:
    """The writer of a format in the registry."""
    module, function = EXPORTERS[name]
    return getattr(importlib.import_module(f"minecli.exporters.{module}"), function)  # type: ignore[no-any-return]
