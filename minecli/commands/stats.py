"""stats: how many States Parties there are and how that grew, who joined and left, by status."""

from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._common import active_store
from minecli.commands._regions import RegionOption
from minecli.errors import UsageError
from minecli.query import stats as stats_query
from minecli.render import ROW_FORMATS, TABLE, emit_rows, emit_text


def stats(
    ctx: typer.Context,
    by: Annotated[
        choice(("consent", "force", "region")),
        typer.Option(
            "--by",
            help="consent or force: count a state from its consent to be bound or from entry "
            "into force; region: a table of M49 regions by status.",
            case_sensitive=False,
        ),
    ] = "consent",
    region: RegionOption = None,
    series: Annotated[
        bool,
        typer.Option(
            "--series", help="With --by region in a machine format: each region's series."
        ),
    ] = False,
    until: Annotated[
        int | None,
        typer.Option(
            "--until",
            help="The last year of the series (default: this year).",
            min=1997,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        choice(ROW_FORMATS),
        typer.Option(
            "--format",
            "-f",
            help="table: a chart for people; json, jsonl, csv, tsv: the series.",
            case_sensitive=False,
        ),
    ] = TABLE,
) -> None:
    """The number of States Parties at the end of each year since 1997, as a bar chart, with the
    states who joined and who withdrew each year and the count by status today.

    Withdrawals are subtracted from the year they take effect. --by force counts a state from
    the treaty's entry into force for it rather than from its consent; --by region gives the
    states of each M49 region by status.

    Examples:
      minecli stats
      minecli stats --by force --format csv
      minecli stats --region "Eastern European Group"
      minecli stats --by region
      minecli stats --by region --series --format csv
      minecli stats --until 2025 --format csv
    """
    from minecli import regions

    store = active_store(ctx)
    profiles = list(store.stream(brief=True))
    if region:
        members = regions.members(region)
        profiles = [p for p in profiles if p["code"] in members]
        if not profiles:
            raise UsageError(f"no state of {region!r} is in this store")
    if by == "region":

        def region_of(code: str) -> str | None:
            return regions.of(code)["region"]

        if series and fmt != TABLE:
            yearly = stats_query.series_by_region(profiles, region_of, "consent", until)
            return emit_rows(yearly, fmt, columns=tuple(yearly[0]) if yearly else ("year",))
        rows = stats_query.by_region(profiles, region_of)
        columns = ("region", "state_party", "signatory", "not_party", "withdrawn", "total")
        emit_rows(rows, fmt, columns=columns, title="States by M49 region and treaty status")
        if fmt == TABLE:  # and how each region's count grew
            yearly = stats_query.series_by_region(profiles, region_of, "consent", until)
            emit_text("\n")
            title = "States Parties of each region at the end of each year (from consent)"
            emit_rows(yearly, fmt, columns=tuple(yearly[0]) if yearly else ("year",), title=title)
        return
    if series:
        raise UsageError("--series goes with --by region")
    rows = stats_query.series(profiles, by, until)
    if fmt != TABLE:
        emit_rows(rows, fmt, columns=stats_query.SERIES_COLUMNS)
        return
    from minecli.render.charts import print_stats

    print_stats(rows, by, stats_query.by_status(profiles), region)
