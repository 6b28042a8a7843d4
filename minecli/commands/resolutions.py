"""resolutions: the General Assembly resolutions in the store, with their tallies."""

from typing import Annotated

import typer

from minecli.app import format_option
from minecli.commands._common import active_store, complete_resolution
from minecli.query import votes as vote_query
from minecli.render import ROWS_AND_IDS, TABLE, emit_rows


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
    fmt: format_option(ROWS_AND_IDS) = TABLE,
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
    """
    store = active_store(ctx)
    # ids are resolution numbers for a pipeline: a missing session has none to give
    rows = vote_query.resolution_rows(store.resolutions(), gaps=not numbers and fmt != "ids")
    if numbers:
        keep = {store.known_resolution(n) for n in numbers}
        rows = [r for r in rows if r["resolution"] in keep]
    title = "UN General Assembly resolutions"
    caption = None if numbers else vote_query.coverage_text(store.resolutions())
    if fmt == TABLE:
        from minecli.render.resolutions import print_resolutions

        print_resolutions(rows, title=title, caption=caption)
        return
    emit_rows(
        rows,
        fmt,
        columns=vote_query.RESOLUTION_COLUMNS,
        id_key="resolution",
        title=title,
        caption=caption,
    )
