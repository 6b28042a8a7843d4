"""resolutions: the General Assembly resolutions in the store, with their tallies."""

from typing import Annotated

import typer

from minecli import query
from minecli.app import App
from minecli.commands._common import FormatOption, active_store, complete_resolution
from minecli.commands.votes import known_resolution
from minecli.render import Format, emit_rows


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
    fmt: FormatOption = Format.table,
) -> None:
    """The UN General Assembly resolutions on the treaty: session, adoption date, tallies.

    yes / no / abstain / absent are counted from the recorded roll call; announced_* is the tally
    the UN announced, where a source gives it (the two can differ). recorded is false when the
    roll call is not in the store.

    Examples: minecli resolutions; minecli resolutions 65/48 --format json
    """
    store = active_store(ctx)
    rows = query.resolution_rows(store.resolutions())
    if numbers:
        keep = {known_resolution(store, n) for n in numbers}
        rows = [r for r in rows if r["resolution"] in keep]
    emit_rows(
        rows,
        fmt,
        columns=query.RESOLUTION_COLUMNS,
        id_key="resolution",
        title="UN General Assembly resolutions",
    )


app = App()
app.command()(resolutions)
