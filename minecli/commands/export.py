"""export: the whole store (or some states) in a format other tools read."""

import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._common import OutOption, active_store, complete_country, country_args
from minecli.exporters import EXPORTERS
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
            help="json: the whole store in the schema's shape; jsonl: one profile a line.",
            case_sensitive=False,
        ),
    ] = "json",
    out: OutOption = None,
) -> None:
    """Export the store: profiles, resolutions and meetings, with the schema version.

    Without states, the whole store; with states (or - for codes on stdin), only their profiles.

    Examples:
      minecli export > store.json
      minecli export UZ KZ --format jsonl
      minecli export --out store.json
    """
    from minecli.exporters import Dataset, exporter
    from minecli.model import SCHEMA_VERSION

    store = active_store(ctx)
    codes = list(country_args(store, countries)) if countries else None
    profiles = store.stream(codes, warn=emit_message)
    counted = []

    def each() -> Iterator[dict]:
        for profile in profiles:
            counted.append(profile["code"])
            yield profile

    data = Dataset(
        SCHEMA_VERSION, list(store.resolutions().values()), list(store.meetings().values()), each()
    )
    write = exporter(fmt)
    if out is None:
        write(sys.stdout, data)
        return
    from minecli.writer import write_stream

    write_stream(out, lambda handle: write(handle, data))
    emit_message(f"Exported {len(counted)} profile(s) to {out}")
