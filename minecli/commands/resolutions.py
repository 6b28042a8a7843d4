"""resolutions: the General Assembly resolutions in the store, with their tallies."""

from typing import Annotated

import typer

from minecli.app import format_option
from minecli.commands._common import active_store, complete_resolution
from minecli.commands._rows import shapes
from minecli.query import votes as vote_query
from minecli.query.rows import Shape, arranged
from minecli.render import ROWS_AND_IDS, TABLE, emit_rows


@shapes(vote_query.RESOLUTION_COLUMNS)
def resolutions(
    ctx: typer.Context,
    numbers: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only these resolutions (e.g. 65/48).",
            autocompletion=complete_resolution,
            show_default=False,
        ),
    ] = None,
    chart: Annotated[
        bool,
        typer.Option("--chart", help="Draw yes / no / abstain / absent per resolution as bars."),
    ] = False,
    fmt: format_option(ROWS_AND_IDS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """The UN General Assembly resolutions on the treaty: session, adoption date, tallies.

    yes / no / abstain / absent are counted from the recorded roll call; announced_* is the tally
    the UN announced, where a source gives it (the two can differ). recorded is false when the
    roll call is not in the store. Every session of the series from the first in the store to
    the last is listed: a session the store has no resolution of gets a row with missing true,
    so a gap is never silent (not with --format ids, nor when resolutions are named).

    The table shows the counted tally as yes-no-abstain (155-0-10) and the announced one only
    where it differs; --format json, csv or tsv give every column.

    Examples:
      minecli resolutions
      minecli resolutions 65/48 --format json
      minecli resolutions --sort yes --reverse --limit 5
      minecli resolutions --chart
    """
    store = active_store(ctx)
    # ids are resolution numbers for a pipeline: a missing session has none to give
    rows = vote_query.resolution_rows(store.resolutions(), gaps=not numbers and fmt != "ids")
    if numbers:
        keep = {store.known_resolution(n) for n in numbers}
        rows = [r for r in rows if r["resolution"] in keep]
    title = "UN General Assembly resolutions"
    caption = None if numbers else vote_query.coverage_text(store.resolutions())
    columns = vote_query.RESOLUTION_COLUMNS
    if chart and fmt == TABLE:
        from minecli.render.charts import print_votes

        return print_votes(arranged([r for r in rows if not r.get("missing")], shape, columns))
    if fmt == TABLE and not shape.picks:  # the table for people, with its tally column
        from minecli.render.resolutions import print_resolutions

        shown = arranged(rows, shape, columns)
        print_resolutions(shown, title=title, caption=caption, headers=shape.headers)
        return
    emit_rows(
        rows,
        fmt,
        columns=columns,
        id_key="resolution",
        title=title,
        caption=caption,
        shape=shape,
    )
