"""The store as one SQLite database of tidy tables (minecli.query.tables): primary and foreign
keys, indexes on the columns people filter on, full-text search (FTS5) over narratives and
sources, ISO dates; and a Datasette metadata file beside it, so that
``datasette m.db --metadata m.metadata.json`` is a useful site at once. Rows are inserted a
profile at a time; the file is built beside the target and moved into place when complete."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from minecli.exporters import Dataset
from minecli.query.tables import TABLES, profile_rows, store_rows, years_of

INDEXES = {
    "votes": ("resolution", "vote", "year"),
    "attendance": ("meeting",),
    "ccw": ("instrument",),
    "citations": ("source",),
    "countries": ("status",),
    "use_events": ("year",),
    "sources": ("kind", "date"),
}
FTS = {"narratives": ("title", "text"), "sources": ("title", "author", "note")}
LICENCE = "Facts from public sources, each cited in the profile that states it"
SOURCE = "A minecli store: the sources of each fact are in the sources and citations tables"


def metadata_path(target: Path) -> Path:
    return target.with_name(target.stem + ".metadata.json")


def _sql_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def schema_sql() -> str:
    """The CREATE statements of every table, index and full-text table."""
    out = []
    for name, table in TABLES.items():
        columns = [f'"{c}"' for c in table.columns]
        parts = [*columns, f"PRIMARY KEY ({', '.join(table.key)})"]
        for column, (other, key) in table.refers.items():
            parts.append(f'FOREIGN KEY ("{column}") REFERENCES {other}("{key}")')
        out.append(f"CREATE TABLE {name} ({', '.join(parts)});")
        for column in INDEXES.get(name, ()):
            out.append(f'CREATE INDEX {name}_{column} ON {name}("{column}");')
        if "code" in table.columns and name != "countries":
            out.append(f"CREATE INDEX {name}_code ON {name}(code);")
    for name, columns in FTS.items():
        listed = ", ".join(columns)
        out.append(
            f"CREATE VIRTUAL TABLE {name}_fts USING fts5({listed}, content='{name}', content_rowid='rowid');"
        )
    return "\n".join(out)


def write_sqlite(target: Path, data: Dataset) -> None:
    """The database at ``target`` and its Datasette metadata beside it."""
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    db = sqlite3.connect(staging)
    try:
        db.executescript(schema_sql())

        def insert(table: str, rows: list[dict[str, Any]]) -> None:
            columns = list(TABLES[table].columns)
            marks = ", ".join("?" for _ in columns)
            db.executemany(
                f"INSERT INTO {table} VALUES ({marks})",
                ([_sql_value(r.get(c)) for c in columns] for r in rows),
            )

        with db:
            for table, rows in store_rows(data.resolutions, data.meetings).items():
                insert(table, rows)
            years = years_of(data.resolutions)
            for profile in data.profiles:
                for table, rows in profile_rows(profile, years).items():
                    insert(table, rows)
            for name in FTS:
                db.execute(f"INSERT INTO {name}_fts({name}_fts) VALUES ('rebuild')")
        db.close()
        os.replace(staging, target)
    except BaseException:
        db.close()
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        raise
    metadata_path(target).write_text(
        json.dumps(metadata(target), indent=2) + "\n", encoding="utf-8"
    )


def metadata(target: Path) -> dict[str, Any]:
    """Datasette's metadata: title, description, source and licence, each table described
    and its columns, full-text search and the facets worth offering."""
    tables: dict[str, Any] = {}
    for name, table in TABLES.items():
        entry: dict[str, Any] = {
            "description": table.description,
            "source": SOURCE,
            "license": LICENCE,
            "columns": dict(table.columns),
        }
        if name in FTS:
            entry["fts_table"] = f"{name}_fts"
            entry["fts_pk"] = "rowid"
        facets = [
            c
            for c in ("status", "vote", "year", "kind", "instrument", "party")
            if c in table.columns
        ]
        if facets:
            entry["facets"] = facets
        tables[name] = entry
    return {
        "title": "Mine Ban Treaty: country profiles",
        "description": (
            "Treaty status, UN General Assembly votes, meeting attendance, CCW, use, production, "
            "transfer and stockpiles of antipersonnel mines, per state, each fact with its sources "
            "(the citations table says which fact cites which source). Exported by minecli."
        ),
        "source": SOURCE,
        "license": LICENCE,
        "databases": {target.stem: {"tables": tables}},
    }
