"""show, timeline, sources: one state's profile, its dated events, and its citation list."""

from collections.abc import Callable
from typing import Annotated

import typer

from minecli import query
from minecli.app import App
from minecli.commands._common import (
    FormatOption,
    active_store,
    complete_country,
    country_args,
)
from minecli.render import Format, emit_records, emit_rows

CountriesArg = Annotated[
    list[str],
    typer.Argument(
        help="Countries by code (UZ, uz, UZB) or name (Uzbekistan); - reads them from stdin, one "
        "per line.",
        autocompletion=complete_country,
        show_default=False,
    ),
]


def show(ctx: typer.Context, countries: CountriesArg, fmt: FormatOption = Format.table) -> None:
    """Show a state's profile: status, votes, meetings, CCW, use, production, transfer,
    stockpile, narrative and numbered sources.

    JSON is the profile record itself (an array when several states are asked for); CSV, TSV and
    ids give one summary row per state.

    Examples: minecli show UZ; minecli show uzbekistan --format json;
    minecli list --status not_party --format ids | minecli show - --format jsonl
    """
    store = active_store(ctx)
    codes = list(country_args(store, countries))
    profiles = [store.read_profile(code) for code in codes]
    if fmt in (Format.json, Format.jsonl):
        emit_records(profiles, fmt, single=len(countries) == 1 and countries[0] != "-")
    elif fmt is Format.table:
        from minecli.render.profile import print_profile

        for profile in profiles:
            print_profile(profile, store.resolutions(), store.meetings())
    else:
        rows = [query.summary_row(p, store.resolutions()) for p in profiles]
        emit_rows(rows, fmt, columns=query.LIST_COLUMNS, id_key="code")


def _per_state(
    ctx: typer.Context,
    countries: list[str],
    fmt: Format,
    label: str,
    rows_of: Callable[[dict], list[dict]],
    columns: tuple[str, ...],
    id_key: str | None = None,
) -> None:
    """Rows for each named state: a table per state for people, one stream for programs."""
    store = active_store(ctx)
    profiles = [store.read_profile(code) for code in list(country_args(store, countries))]
    if fmt is Format.table:
        for p in profiles:
            emit_rows(rows_of(p), fmt, columns=columns, title=f"{label}: {p['name']} ({p['code']})")
    else:
        emit_rows([r for p in profiles for r in rows_of(p)], fmt, columns=columns, id_key=id_key)


def timeline(ctx: typer.Context, countries: CountriesArg, fmt: FormatOption = Format.table) -> None:
    """Dated events in order: treaty actions, CCW, UN votes, meetings, use, dated sources.

    Examples: minecli timeline UZ; minecli timeline KZ --format csv
    """
    store = active_store(ctx)

    def rows_of(profile: dict) -> list[dict]:
        return query.timeline(profile, store.resolutions(), store.meetings())

    _per_state(ctx, countries, fmt, "Timeline", rows_of, query.TIMELINE_COLUMNS)


def sources(ctx: typer.Context, countries: CountriesArg, fmt: FormatOption = Format.table) -> None:
    """The numbered citation list of a profile, with the facts that cite each source.

    Examples: minecli sources UZ; minecli sources UZ --format json | jq '.[].title'
    """
    _per_state(ctx, countries, fmt, "Sources", query.citations, query.SOURCE_COLUMNS, "id")


app = App()
app.command()(show)
app.command()(timeline)
app.command()(sources)
