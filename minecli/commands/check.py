"""check: validate the store, for people and for CI or a pre-commit hook."""

import sys
from typing import Annotated

import typer

from minecli.app import format_option, quiet_stdout
from minecli.commands._common import active_store, complete_country
from minecli.render import ROWS_AND_IDS, TABLE, emit_message, emit_rows


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
    fmt: format_option(ROWS_AND_IDS) = TABLE,
) -> None:
    """Validate the store: TOML syntax (file and line), the schema, citations and sources,
    duplicate votes and meetings, unknown resolutions and meetings, impossible dates, and, as
    warnings, uncited sources, tally disagreements and facts recorded with a doubt.

    Exit status 0 when there is no error (warnings allowed), 1 when there is one.

    Examples: minecli check; minecli check UZ KZ; minecli check --format json
    """
    from minecli.checks import CHECK_COLUMNS, ERROR, run_checks

    store = active_store(ctx)
    store.require()
    codes = [store.resolve_country(c) for c in countries] if countries else None
    snapshot = store.snapshot(codes)
    findings = run_checks(snapshot)
    if errors_only:
        findings = [f for f in findings if f.severity == ERROR]
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    title = f"{errors} error(s), {warnings} warning(s)"
    status = 1 if errors else 0
    try:
        emit_rows(
            [f.row() for f in findings], fmt, columns=CHECK_COLUMNS, id_key="file", title=title
        )
        sys.stdout.flush()
    except BrokenPipeError:  # `check | head`: the verdict is the status, whoever stopped reading
        quiet_stdout()
        raise typer.Exit(status) from None
    checked = len(codes) if codes else len(store.codes())
    emit_message(f"check: {checked} profile(s), {errors} error(s), {warnings} warning(s)")
    if errors:
        raise typer.Exit(1)
