"""compare: states side by side."""

import typer

from minecli.app import format_option
from minecli.commands._common import active_store, country_args
from minecli.commands._regions import RegionOption, SomeStatesArg, in_region
from minecli.errors import UsageError
from minecli.render import ROW_FORMATS, TABLE, emit_rows

MOST = 8


def compare(
    ctx: typer.Context,
    countries: SomeStatesArg = None,
    region: RegionOption = None,
    fmt: format_option(ROW_FORMATS) = TABLE,
) -> None:
    """States side by side: treaty status and dates, CCW and its protocols, the vote on each
    resolution, meetings attended, stockpile, production, transfer and use, each value with
    the markers of its sources. Rows where the states differ are marked * (and differs is
    true in --format json or csv).

    Examples:
      minecli compare UZ KZ TJ
      minecli compare --region "Central Asia" --format csv
    """
    from minecli.query.compare import grid

    store = active_store(ctx)
    codes = list(country_args(store, countries)) if countries else None
    if codes is None and region is None:
        raise UsageError("name 2 to 8 states, or a region")
    profiles = in_region(store.profiles(codes), region)
    if not 2 <= len(profiles) <= MOST:
        raise UsageError(f"compare takes 2 to {MOST} states; {len(profiles)} given")
    rows = grid(profiles, store.resolutions())
    columns = ("field", *(p["code"] for p in profiles))
    if fmt == TABLE:
        rows = [{**r, "field": f"{r['field']} *" if r["differs"] else r["field"]} for r in rows]
        caption = (
            "* the states differ; [n] is a source in that state's profile (minecli sources CODE)"
        )
        emit_rows(rows, fmt, columns=columns, title="Side by side", caption=caption)
        return
    emit_rows(rows, fmt, columns=(*columns, "differs"))
