"""The root command: global options, error handling, and the subcommands."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from minecli import __version__
from minecli.errors import MinecliError


class App(typer.Typer):
    """A Typer app whose commands report expected errors as one line on stderr, no traceback."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().command(*args, **kwargs)

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(func)
            def guarded(*a: Any, **kw: Any) -> Any:
                try:
                    return func(*a, **kw)
                except MinecliError as exc:
                    print(f"Error: {exc}", file=sys.stderr)
                    raise typer.Exit(exc.exit_code) from None

            register(guarded)
            return func

        return decorator


app = App(
    name="minecli",
    help="Country profiles of the 1997 Mine Ban Treaty: status, UN votes, meetings, CCW, "
    "use, production, transfer, stockpiles, and the sources behind every claim.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"minecli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    store: Annotated[
        Optional[Path],
        typer.Option(
            "--store",
            help="Store folder to use (default: $MINECLI_STORE, then your user store, "
            "then the bundled read-only store).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Query and edit Mine Ban Treaty country profiles kept in a local TOML store."""
    from minecli.store import find_store

    ctx.obj = find_store(store)


def _register() -> None:
    from minecli.commands import (
        check,
        edit,
        editing,
        imports,
        listing,
        profile,
        resolutions,
        search,
        storage,
        votes,
    )

    for module in (profile, votes, resolutions, listing, search, check, storage, editing, edit,
                   imports):  # fmt: skip
        module.register(app)


_register()


def main() -> None:
    """Entry point: run the app; a closed pipe (`| head`) ends quietly."""
    try:
        app()
    except BrokenPipeError:
        # Python would complain when flushing stdout at exit; point it at /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
