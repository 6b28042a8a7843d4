"""The root command: global options, error handling, and the subcommands."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from minecli import __version__
from minecli.errors import MinecliError


class Group(TyperGroup):
    """The root group: every failure ends as one line on stderr and a documented exit status.

    Click's own usage errors print four lines; here they print one ``Error:`` line and exit 2.
    A closed pipe (``| head``) ends quietly with status 0.
    """

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:  # fmt: skip
        from typer._click import exceptions

        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except exceptions.NoArgsIsHelpError as exc:
            print(exc.format_message(), file=sys.stderr)
            sys.exit(exc.exit_code)
        except exceptions.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "minecli"
            print(f"Error: {exc.format_message()} (see: {command} --help)", file=sys.stderr)
            sys.exit(exc.exit_code)
        except exceptions.ClickException as exc:
            print(f"Error: {exc.format_message()}", file=sys.stderr)
            sys.exit(exc.exit_code)
        except typer.Abort:
            print("Aborted.", file=sys.stderr)
            sys.exit(1)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            _quiet_stdout()
            sys.exit(0)
        sys.exit(result if isinstance(result, int) else 0)


def _quiet_stdout() -> None:
    """After a closed pipe, send what Python still flushes at exit to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


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
                except BrokenPipeError:  # the reader went away (`| head`): not an error
                    _quiet_stdout()
                    raise typer.Exit(0) from None

            register(guarded)
            return func

        return decorator


app = App(
    name="minecli",
    help="Country profiles of the 1997 Mine Ban Treaty: status, UN votes, meetings, CCW, "
    "use, production, transfer, stockpiles, and the sources behind every claim.",
    no_args_is_help=True,
    cls=Group,
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
        _quiet_stdout()
        sys.exit(0)
