"""check: validate the store, for people and for CI or a pre-commit hook."""

import sys
from typing import Annotated

import typer

from minecli.app import choice, format_option, quiet_stdout
from minecli.commands._common import active_store, complete_country, country_args
from minecli.commands._rows import shapes
from minecli.findings import CHECK_COLUMNS
from minecli.query.rows import Shape
from minecli.render import ROWS_AND_IDS, TABLE, emit_message, emit_rows


def _names() -> list[str]:
    from minecli.checks import check_names

    return list(check_names())


@shapes(CHECK_COLUMNS)
def check(
    ctx: typer.Context,
    countries: Annotated[
        list[str] | None,
        typer.Argument(
            help="Check only these profiles (default: the whole store).",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    errors_only: Annotated[bool, typer.Option("--errors-only", help="Leave warnings out.")] = False,
    only: Annotated[
        list[choice(tuple(_names()))] | None,
        typer.Option(
            "--only", help="Run only this check (repeatable; see --list).", show_default=False
        ),
    ] = None,
    skip: Annotated[
        list[choice(tuple(_names()))] | None,
        typer.Option("--skip", help="Do not run this check (repeatable).", show_default=False),
    ] = None,
    list_checks: Annotated[
        bool, typer.Option("--list", help="List the checks and what each looks for, and stop.")
    ] = False,
    fmt: format_option(ROWS_AND_IDS) = TABLE,
    *,
    shape: Shape,
) -> None:
    """Validate the store: TOML syntax (file and line), the schema, citations and sources,
    duplicate votes and meetings, unknown resolutions and meetings, impossible dates, and, as
    warnings, uncited sources, tally disagreements and facts recorded with a doubt.

    Exit status 0 when there is no error (warnings allowed), 1 when there is one.

    Examples:
      minecli check
      minecli check UZ KZ
      minecli check --format json
      minecli check --list
      minecli check --only citations --only dates
      minecli check --fields file,line,message --format tsv --no-headers
      minecli list --status not_party --format ids | minecli check -
    """
    from minecli.checks import check_names, iter_checks
    from minecli.findings import ERROR, TABLE_COLUMNS, placed

    if list_checks:
        rows = [{"check": k, "description": v} for k, v in check_names().items()]
        emit_rows(
            rows,
            fmt,
            columns=("check", "description"),
            id_key="check",
            title="Checks",
            shape=shape,
        )
        return
    store = active_store(ctx)
    store.require()
    codes = list(country_args(store, countries)) if countries else None
    snapshot = store.snapshot(codes)
    findings = placed(iter_checks(snapshot, only, skip or ()), store.locator(snapshot))
    errors = sum(1 for f in findings if f.severity == ERROR)
    hidden = len(findings) - errors if errors_only else 0
    if errors_only:
        findings = [f for f in findings if f.severity == ERROR]
    warnings = len(findings) - errors
    title = f"{errors} error(s), {warnings} warning(s)" if findings else None
    status = 1 if errors else 0
    table = fmt == TABLE
    rows = [f.table_row() if table else f.row() for f in findings]
    columns = TABLE_COLUMNS if table else CHECK_COLUMNS
    try:
        emit_rows(
            rows,
            fmt,
            columns=columns,
            fields=CHECK_COLUMNS,
            id_key="file",
            title=title,
            shape=shape,
        )
        sys.stdout.flush()
    except BrokenPipeError:  # `check | head`: the verdict is the status, whoever stopped reading
        quiet_stdout()
        raise typer.Exit(status) from None
    checked = len(codes) if codes else len(store.codes())
    said = f"check: {checked} profile(s), {errors} error(s), {warnings} warning(s)"
    if hidden:
        said += f" ({hidden} warning(s) hidden by --errors-only)"
    emit_message(said)
    if errors:
        raise typer.Exit(1)
