"""What the commands share: the active store, naming countries, completion, common options."""

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from minecli.commands._complete import complete_country, complete_resolution, complete_state
from minecli.edits.provenance import Citing
from minecli.errors import UsageError
from minecli.render import emit_changes, emit_message
from minecli.store import Store


def active_store(ctx: typer.Context) -> Store:
    """The store the root command chose."""
    store = ctx.find_root().obj
    assert isinstance(store, Store)
    return store


def country_args(store: Store, args: list[str]) -> Iterator[str]:
    """Codes from arguments; ``-`` reads codes or names from stdin, one per line (blank and
    ``#`` lines skipped: minecli.inputs)."""
    from minecli.inputs import DASH, stdin_items

    if not args:
        raise UsageError("name at least one country, or - to read codes from stdin")
    for arg in args:
        if arg == DASH:
            yield from stdin_items("there are no codes to read for -", store.resolve_country)
        else:
            yield store.resolve_country(arg)


CountryArg = Annotated[
    str,
    typer.Argument(
        help="The state: code or name.", autocompletion=complete_state, show_default=False
    ),
]
CountriesArg = Annotated[
    list[str],
    typer.Argument(
        help="Countries by code (UZ, uz, UZB) or name (Uzbekistan); - reads them from stdin, one "
        "per line.",
        autocompletion=complete_country,
        show_default=False,
    ),
]
ResolutionArg = Annotated[
    str,
    typer.Argument(
        help="Resolution number, e.g. 80/45.",
        autocompletion=complete_resolution,
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of stdout.", show_default=False),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", "-n", help="Print the diff this would make, and change nothing."),
]


def write_profile(
    ctx: typer.Context,
    country: str,
    change: Callable[[dict], Any],
    dry_run: bool,
    cited: Citing | None = None,
    targets: Callable[[Any], list[str]] | None = None,
    updated: str | None = None,
) -> tuple[str, Any]:
    """Resolve the state, run ``change(profile)`` on it in a writer transaction, settle the
    citations of the facts it changed (``cited``: the sources that support the write; on the
    changed facts and on ``targets(result)``), and report the files changed (or the diff).
    Returns the code and what ``change`` returned."""
    from minecli import writer
    from minecli.commands._citing import report_citations
    from minecli.edits.provenance import updated_date

    store = active_store(ctx)
    store.require_writable()
    when = updated_date(updated)
    code = store.write_country(country)
    recounted: list[str] = []
    (result, attribution), changes = writer.apply(
        store,
        lambda tx: tx.change_profile(code, change, recounted, cited, targets),
        dry_run=dry_run,
        updated=when,
    )
    for number in recounted:
        emit_message(f"Recounted the tally of {number}")
    report_citations(code, attribution, dry_run)
    emit_changes(changes, dry_run)
    return code, result


def did(dry_run: bool, done: str, would: str) -> str:
    """The verb of a write's report: what was done, or what a dry run would have done."""
    return would if dry_run else done


def warn(text: str) -> None:
    """A warning on stderr."""
    emit_message(f"Warning: {text}")


def ask(question: str, default: bool, closed: bool | None = None) -> bool:
    """A yes/no question on stderr, answered on stdin; an empty answer is ``default``, and so
    is the end of input unless ``closed`` says otherwise (a loop must not ask forever)."""
    try:
        answer = typer.confirm(question, default=default, err=True)
    except typer.Abort:  # no answer can come (stdin closed)
        answer = default if closed is None else closed
    if not sys.stdin.isatty():
        print(file=sys.stderr)  # the answer was not echoed; end the prompt's line
    return answer
