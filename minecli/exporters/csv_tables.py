"""The store as tidy CSV tables (minecli.query.tables): one file per table in a folder, or one
table to a stream. Rows are written a profile at a time, so a large store is never held whole."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
from pathlib import Path
from typing import Any, TextIO

from minecli.exporters import Dataset
from minecli.query.tables import TABLES, profile_rows, store_rows, years_of
from minecli.render.machine import cell


def _writer(handle: TextIO, table: str) -> Any:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(TABLES[table].columns)
    return writer


def _row(table: str, row: dict[str, Any]) -> list[str]:
    return [cell(row.get(c)) for c in TABLES[table].columns]


def write_table(out: TextIO, data: Dataset, table: str) -> None:
    """One table to a stream."""
    writer = _writer(out, table)
    if table in ("resolutions", "meetings"):
        writer.writerows(_row(table, r) for r in store_rows(data.resolutions, data.meetings)[table])
        return
    years = years_of(data.resolutions)
    for profile in data.profiles:
        writer.writerows(_row(table, r) for r in profile_rows(profile, years)[table])


def write_folder(target: Path, data: Dataset) -> None:
    """A folder of one CSV file per table, made beside the target and moved into place whole
    (an existing folder's other files are left alone; its tables are replaced)."""
    target.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.{os.getpid()}.tmp"
    staging.mkdir()
    try:
        handles = {
            t: (staging / f"{t}.csv").open("w", encoding="utf-8", newline="") for t in TABLES
        }
        with contextlib.ExitStack() as stack:
            for handle in handles.values():
                stack.enter_context(handle)
            writers = {t: _writer(h, t) for t, h in handles.items()}
            for table, rows in store_rows(data.resolutions, data.meetings).items():
                writers[table].writerows(_row(table, r) for r in rows)
            years = years_of(data.resolutions)
            for profile in data.profiles:
                for table, rows in profile_rows(profile, years).items():
                    writers[table].writerows(_row(table, r) for r in rows)
        for table in TABLES:
            os.replace(staging / f"{table}.csv", target / f"{table}.csv")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
