"""report: a profile in the Landmine Monitor's layout, as text, Markdown or HTML."""

from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._common import CountryArg, OutOption, active_store
from minecli.render import emit_message
from minecli.render.report import FORMATS


def report(
    ctx: typer.Context,
    country: CountryArg,
    fmt: Annotated[
        choice(FORMATS),
        typer.Option(
            "--format",
            "-f",
            help="text: the Monitor's plain layout; markdown and html: footnotes as links.",
            case_sensitive=False,
        ),
    ] = "text",
    out: OutOption = None,
) -> None:
    """Print a profile in the Landmine Monitor's layout, for the next report.

    "Last Updated", the overview written from the data as the Monitor words it (treaty status
    and dates, the latest vote and since when it has been cast, meeting participation), the
    narrative sections, and footnotes numbered in the order they are first cited. The HTML is
    one self-contained page. `minecli import-profile` reads any of the three back.

    Examples:
      minecli report UZ
      minecli report UZ --format markdown
      minecli report UZ --format html --out uz.html
    """
    from minecli.query.report import report as report_view
    from minecli.render.report import rendered

    store = active_store(ctx)
    code = store.resolve_country(country)
    view = report_view(store.read_profile(code), store.resolutions(), store.meetings())
    text = rendered(view, fmt)
    if out is None:
        from minecli.render.report import print_report

        print_report(text, fmt)
        return
    from minecli.writer import write_atomic

    write_atomic(out, text)
    emit_message(f"Wrote the report of {code} to {out}")
