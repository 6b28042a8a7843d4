"""agree: how often states voted alike on the resolutions both voted on."""

from typing import Annotated

import typer

from minecli.app import format_option
from minecli.commands._common import active_store, complete_country, country_args
from minecli.commands._regions import RegionOption, SomeStatesArg, in_region
from minecli.errors import UsageError
from minecli.query import trends
from minecli.render import ROW_FORMATS, TABLE, emit_rows


def agree(
    ctx: typer.Context,
    countries: SomeStatesArg = None,
    with_state: Annotated[
        str | None,
        typer.Option(
            "--with",
            help="Rank every state (or those named) by agreement with this one.",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    region: RegionOption = None,
    fmt: format_option(ROW_FORMATS) = TABLE,
) -> None:
    """Pairwise agreement: the share of identical votes on the resolutions both states voted
    on (an absence is no vote), and how many votes it rests on.

    Examples:
      minecli agree UZ KZ RU US
      minecli agree --region "Central Asia"
      minecli agree --with US --format csv
    """
    store = active_store(ctx)
    codes = list(country_args(store, countries)) if countries else None
    profiles = in_region(store.profiles(codes, brief=True), region)
    if with_state:
        one = store.profiles([store.resolve_country(with_state)], brief=True)[0]
        rows = [_row(p, one) for p in profiles if p["code"] != one["code"]]
        rows.sort(
            key=lambda r: (-(r["agreement"] if r["agreement"] is not None else -1), r["code"])
        )
        title = f"Agreement with {one['name']} ({one['code']}) on the resolutions both voted on"
        emit_rows(rows, fmt, columns=trends.AGREE_COLUMNS, title=title)
        return
    if len(profiles) < 2:
        raise UsageError("name at least two states, a region, or --with STATE")
    if fmt != TABLE:
        rows = [_row(a, b) for a in profiles for b in profiles if a["code"] != b["code"]]
        emit_rows(rows, fmt, columns=trends.AGREE_COLUMNS)
        return
    matrix = []
    for a in profiles:
        cells = {}
        for b in profiles:
            share, common = trends.agreement(a, b) if a is not b else (None, 0)
            cells[b["code"]] = (
                "" if a is b else "-" if share is None else f"{round(share * 100)}% ({common})"
            )
        matrix.append({"code": a["code"], **cells})
    columns = ("code", *(p["code"] for p in profiles))
    emit_rows(matrix, fmt, columns=columns, title="Identical votes, % (votes both cast)")


def _row(a: dict, b: dict) -> dict:
    share, common = trends.agreement(a, b)
    return {
        "code": a["code"],
        "name": a["name"],
        "other": b["code"],
        "agreement": None if share is None else round(share, 3),
        "common": common,
    }
