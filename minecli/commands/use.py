"""add-use and rm-use: reports of antipersonnel mine use."""

from typing import Annotated

import typer

from minecli.commands._citing import UpdatedOption, cites
from minecli.commands._common import CountryArg, DryRunOption, did, write_profile
from minecli.commands._complete import complete_use
from minecli.commands.entries import remove_entry
from minecli.dates import parse_date_value
from minecli.edits import entries
from minecli.edits.provenance import Citing
from minecli.errors import InvalidData, UsageError
from minecli.render import emit_ids, emit_message


@cites(keep=False, date_option="--cite-date")
def add_use(
    ctx: typer.Context,
    country: CountryArg,
    where: Annotated[str, typer.Option(help="Where mines were used.", show_default=False)],
    year: Annotated[int | None, typer.Option(help="The year of use.", show_default=False)] = None,
    date: Annotated[
        str | None, typer.Option(help="The date of use, full or partial.", show_default=False)
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="What was reported.", show_default=False)
    ] = None,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
    *,
    cited: Citing,
) -> None:
    """Record a report of antipersonnel mine use, citing the sources named; prints the new
    entry's number. Here --date is the date of use, so a --cite-new source is dated with
    --cite-date.

    Examples:
      minecli add-use UZ --year 2000 --where "Border with Tajikistan" --source 3
      minecli add-use UZ --date 2001-05 --where "Sokh" --cite-new "Report" --cite-date 2001-07
    """
    if (year is None) == (date is None):
        raise UsageError("give either --year or --date")
    event: dict = {"year": year} if year is not None else {}
    if date is not None:
        try:
            event["date"] = parse_date_value(date)
        except ValueError:
            raise InvalidData(
                f"--date {date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
            ) from None
    event["where"] = where
    if summary:
        event["summary"] = summary

    def change(profile: dict) -> int:
        return entries.add_use(profile, event, None)

    code, number = write_profile(
        ctx, country, change, dry_run, cited, lambda n: [f"use.{n}"], updated
    )
    emit_message(f"{did(dry_run, 'Added', 'Would add')} use.{number} to {code}")
    if not dry_run:
        emit_ids([f"use.{number}"])


def rm_use(
    ctx: typer.Context,
    country: CountryArg,
    number: Annotated[
        int,
        typer.Argument(
            help="The use entry's number (see: minecli show).",
            autocompletion=complete_use,
            show_default=False,
        ),
    ],
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Remove a report of use by its number.

    Example:
      minecli rm-use UZ 3
    """
    remove_entry(ctx, country, "use", str(number), dry_run, updated)
