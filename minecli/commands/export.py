"""export: the whole store (or some states) in a format other tools read."""

import functools
import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._common import OutOption, active_store, complete_country, country_args
from minecli.errors import UsageError
from minecli.exporters import EXPORTERS
from minecli.query.tables import TABLES
from minecli.render import emit_message


def export(
    ctx: typer.Context,
    countries: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only these states (codes or names; - reads them from stdin).",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        choice(tuple(EXPORTERS)),
        typer.Option(
            "--format",
            "-f",
            help="json: the whole store in the schema's shape; jsonl: one profile a line; csv: "
            "tidy tables, a file each in the --out folder; sqlite: one database (--out FILE).",
            case_sensitive=False,
        ),
    ] = "json",
    table: Annotated[
        choice(tuple(TABLES)) | None,
        typer.Option(
            "--table",
            help="With --format csv: only this table, to stdout or --out.",
            show_default=False,
        ),
    ] = None,
    out: OutOption = None,
) -> None:
    """Export the store: profiles, resolutions and meetings, with the schema version.

    Without states, the whole store; with states (or - for codes on stdin), only their profiles.
    CSV and SQLite are tidy tables: countries, ccw, votes, resolutions, meetings, attendance,
    use_events, stockpile, sources, citations (which fact cites which source) and narratives.
    SQLite has keys, indexes and full-text search, and a Datasette metadata file beside it.

    Examples:
      minecli export > store.json
      minecli export UZ KZ --format jsonl
      minecli export --format csv --out tables/
      minecli export --format csv --table votes | head
      minecli export --format sqlite --out mines.db
    """
    from minecli.exporters import Dataset, exporter, writes_path
    from minecli.model import SCHEMA_VERSION

    if table and fmt != "csv":
        raise UsageError("--table applies to --format csv")
    if writes_path(fmt) and not table and out is None:
        what = "a folder for the tables" if fmt == "csv" else "the database file"
        raise UsageError(f"--format {fmt} needs --out: {what}")
    store = active_store(ctx)
    codes = list(country_args(store, countries)) if countries else None
    profiles = store.stream(codes, warn=emit_message)
    counted = []
    from minecli.render.progress import ProgressBar

    bar, total = ProgressBar("Exporting"), len(codes) if codes else len(store.index().codes())

    def each() -> Iterator[dict]:
        for profile in profiles:
            counted.append(profile["code"])
            bar(len(counted), total)  # drawn at a terminal once the export takes a second
            yield profile

    data = Dataset(
        SCHEMA_VERSION, list(store.resolutions().values()), list(store.meetings().values()), each()
    )
    if table:
        from minecli.exporters.csv_tables import write_table

        write = functools.partial(write_table, table=table)
    elif writes_path(fmt):
        exporter(fmt)(out, data)
        emit_message(f"Exported {len(counted)} profile(s) to {out}")
        return
    else:
        write = exporter(fmt)
    if out is None:
        write(sys.stdout, data)
        return
    from minecli.writer import write_stream

    write_stream(out, lambda handle: write(handle, data))
    emit_message(f"Exported {len(counted)} profile(s) to {out}")
