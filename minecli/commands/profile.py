"""show, timeline, sources: one state's profile, its dated events, and its citation list."""

from collections.abc import Callable

import typer

from minecli import render
from minecli.app import format_option
from minecli.commands._common import CountriesArg, active_store, country_args
from minecli.commands._rows import shapes
from minecli.query import profile as profile_query
from minecli.query import states
from minecli.query.rows import Shape, arranged
from minecli.render import ROW_FORMATS, ROWS_AND_IDS, TABLE, emit_records, emit_rows
from minecli.store import Store


def _profiles(store: Store, countries: list[str]) -> list[dict]:
    return [store.read_profile(code) for code in country_args(store, countries)]


def _as_rows(fmt: str, shape: Shape) -> bool:
    """Whether a view for people gives way to a plain table of rows: when the reader picks
    the fields or leaves out the header row, both of which only a table of rows has."""
    return fmt != TABLE or shape.picks or not shape.headers


@shapes(states.LIST_COLUMNS)
def show(
    ctx: typer.Context,
    countries: CountriesArg,
    fmt: format_option(ROWS_AND_IDS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """Show a state's profile: status, votes, meetings, CCW, use, production, transfer,
    stockpile, narrative and numbered sources.

    JSON is the profile record itself (an array when several states are asked for; --fields
    then picks its top-level keys); CSV, TSV and ids give one summary row per state, as does
    the table with --fields or --no-headers.

    Examples:
      minecli show UZ
      minecli show uzbekistan --format json
      minecli list --status not_party --format ids | minecli show - --format jsonl
      minecli show UZ KZ --fields code,name,status
    """
    store = active_store(ctx)
    profiles = _profiles(store, countries)
    if fmt in ("json", "jsonl"):
        one = len(countries) == 1 and countries[0] != "-"
        emit_records(profiles, fmt, single=one, shape=shape)
        return
    rows = [states.summary_row(p, store.resolutions()) for p in profiles]
    if _as_rows(fmt, shape):
        emit_rows(rows, fmt, columns=states.LIST_COLUMNS, id_key="code", shape=shape)
        return
    from minecli.render.profile import print_profiles
    from minecli.render.views import profile_view

    by_code = {p["code"]: p for p in profiles}
    ordered = arranged(rows, shape, states.LIST_COLUMNS)
    print_profiles([profile_view(by_code[r["code"]], store.resolutions()) for r in ordered])


def _label(label: str, profile: dict) -> str:
    return f"{label}: {profile['name']} ({profile['code']})"


def _per_state(
    profiles: list[dict],
    fmt: str,
    label: str,
    rows_of: Callable[[dict], list[dict]],
    columns: tuple[str, ...],
    id_key: str | None,
    shape: Shape,
) -> None:
    """Rows for each named state: a table per state for people, one stream for programs."""
    if fmt == TABLE:
        for p in profiles:
            title = _label(label, p)
            emit_rows(rows_of(p), fmt, columns=columns, title=title, shape=shape)
    else:
        rows = [r for p in profiles for r in rows_of(p)]
        emit_rows(rows, fmt, columns=columns, id_key=id_key, shape=shape)


@shapes(profile_query.TIMELINE_COLUMNS)
def timeline(
    ctx: typer.Context,
    countries: CountriesArg,
    fmt: format_option(ROW_FORMATS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """Dated events in order, by year: UN admission, treaty actions, CCW, UN votes, meetings,
    use, and sources dated when written (not the day a record was read). Several states give
    one chronology, each event with its state's code.

    Examples:
      minecli timeline UZ
      minecli timeline UZ KZ TJ
      minecli timeline KZ --format csv
      minecli timeline UZ --reverse --limit 5
    """
    store = active_store(ctx)
    profiles = _profiles(store, countries)
    events = profile_query.merged_timeline(
        [profile_query.timeline(p, store.resolutions(), store.meetings()) for p in profiles]
    )
    columns = profile_query.TIMELINE_COLUMNS
    title = "Timeline: " + ", ".join(f"{p['name']} ({p['code']})" for p in profiles)
    if _as_rows(fmt, shape):
        emit_rows(events, fmt, columns=columns, title=title, shape=shape)
        return
    from minecli.render.chronicle import print_timeline

    print_timeline(title, profile_query.by_year(arranged(events, shape, columns)))


@shapes(profile_query.SOURCE_COLUMNS)
def sources(
    ctx: typer.Context,
    countries: CountriesArg,
    fmt: format_option((*ROWS_AND_IDS, *render.CITATION_FORMATS)) = TABLE,
    *,
    shape: Shape,
) -> None:
    """The numbered citation list of a profile, with the facts that cite each source.

    Examples:
      minecli sources UZ
      minecli sources UZ --format json | jq '.[].title'
      minecli sources UZ --sort date --reverse --limit 3
      minecli sources UZ KZ --format bibtex > mines.bib
    """
    store = active_store(ctx)
    profiles = _profiles(store, countries)
    if fmt in render.CITATION_FORMATS:  # every source, as a reference manager imports it
        return render.emit_citations(fmt, profiles, shape)
    columns = profile_query.SOURCE_COLUMNS
    if _as_rows(fmt, shape):
        _per_state(profiles, fmt, "Sources", profile_query.citations, columns, "id", shape)
        return
    from minecli.render.citations import print_lists
    from minecli.render.views import source_rows

    lists = []
    for p in profiles:
        entries = arranged(profile_query.citations(p), shape, columns)
        lists.append((_label("Sources", p), source_rows(p, cited=True, entries=entries)))
    print_lists(lists)
