"""show, timeline, sources: one state's profile, its dated events, and its citation list."""

from collections.abc import Callable

import typer

from minecli.app import format_option
from minecli.commands._common import CountriesArg, active_store, country_args
from minecli.render import ROW_FORMATS, ROWS_AND_IDS, TABLE, emit_records, emit_rows
from minecli.store import Store


def _profiles(store: Store, countries: list[str]) -> list[dict]:
    return [store.read_profile(code) for code in country_args(store, countries)]


def show(
    ctx: typer.Context, countries: CountriesArg, fmt: format_option(ROWS_AND_IDS) = TABLE
) -> None:
    """Show a state's profile: status, votes, meetings, CCW, use, production, transfer,
    stockpile, narrative and numbered sources.

    JSON is the profile record itself (an array when several states are asked for); CSV, TSV and
    ids give one summary row per state.

    Examples:
      minecli show UZ
      minecli show uzbekistan --format json
      minecli list --status not_party --format ids | minecli show - --format jsonl
    """
    store = active_store(ctx)
    profiles = _profiles(store, countries)
    if fmt in ("json", "jsonl"):
        emit_records(profiles, fmt, single=len(countries) == 1 and countries[0] != "-")
    elif fmt == TABLE:
        from minecli.render.profile import print_profile
        from minecli.render.views import profile_view

        for profile in profiles:
            print_profile(profile_view(profile, store.resolutions()))
    else:
        from minecli.query import states

        rows = [states.summary_row(p, store.resolutions()) for p in profiles]
        emit_rows(rows, fmt, columns=states.LIST_COLUMNS, id_key="code")


def _label(label: str, profile: dict) -> str:
    return f"{label}: {profile['name']} ({profile['code']})"


def _per_state(
    profiles: list[dict],
    fmt: str,
    label: str,
    rows_of: Callable[[dict], list[dict]],
    columns: tuple[str, ...],
    id_key: str | None = None,
) -> None:
    """Rows for each named state: a table per state for people, one stream for programs."""
    if fmt == TABLE:
        for p in profiles:
            emit_rows(rows_of(p), fmt, columns=columns, title=_label(label, p))
    else:
        emit_rows([r for p in profiles for r in rows_of(p)], fmt, columns=columns, id_key=id_key)


def timeline(
    ctx: typer.Context, countries: CountriesArg, fmt: format_option(ROW_FORMATS) = TABLE
) -> None:
    """Dated events in order, by year: UN admission, treaty actions, CCW, UN votes, meetings,
    use, and sources dated when written (not the day a record was read). Several states give
    one chronology, each event with its state's code.

    Examples:
      minecli timeline UZ
      minecli timeline UZ KZ TJ
      minecli timeline KZ --format csv
    """
    from minecli.query import profile as profile_query

    store = active_store(ctx)
    profiles = _profiles(store, countries)
    events = profile_query.merged_timeline(
        [profile_query.timeline(p, store.resolutions(), store.meetings()) for p in profiles]
    )
    if fmt == TABLE:
        from minecli.render.chronicle import print_timeline

        title = "Timeline: " + ", ".join(f"{p['name']} ({p['code']})" for p in profiles)
        print_timeline(title, profile_query.by_year(events))
    else:
        emit_rows(events, fmt, columns=profile_query.TIMELINE_COLUMNS)


def sources(
    ctx: typer.Context, countries: CountriesArg, fmt: format_option(ROWS_AND_IDS) = TABLE
) -> None:
    """The numbered citation list of a profile, with the facts that cite each source.

    Examples:
      minecli sources UZ
      minecli sources UZ --format json | jq '.[].title'
    """
    from minecli.query import profile as profile_query

    store = active_store(ctx)
    profiles = _profiles(store, countries)
    if fmt == TABLE:
        from minecli.render.citations import print_lists
        from minecli.render.views import source_rows

        print_lists([(_label("Sources", p), source_rows(p, cited=True)) for p in profiles])
        return
    columns = profile_query.SOURCE_COLUMNS
    _per_state(profiles, fmt, "Sources", profile_query.citations, columns, "id")
