"""The Typer pieces every command module shares: commands that fail with one line, not a traceback."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperGroup

from minecli.errors import MinecliError


class Group(TyperGroup):
    """The root group: every failure ends as one line on stderr and a documented exit status.

    Click's own usage errors print four lines; here they print one ``Error:`` line and exit 2.
    A closed pipe (``| head``) ends quietly with status 0.
    """

    def main(
        self,
        args: Any = None,
        prog_name: Any = None,
        complete_var: Any = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from typer._click import exceptions

        args = global_options_first(sys.argv[1:] if args is None else list(args))
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
            quiet_stdout()
            sys.exit(0)
        sys.exit(result if isinstance(result, int) else 0)


def global_options_first(args: list[str]) -> list[str]:
    """Let ``--store PATH`` stand anywhere: `minecli show UZ --store S` means `minecli --store S
    show UZ`. Nothing after a ``--`` is touched."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--store" and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if arg.startswith("--store="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def quiet_stdout() -> None:
    """After a closed pipe, send what Python still flushes at exit to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class App(typer.Typer):
    """A Typer app whose commands report expected errors as one line on stderr, no traceback,
    with plain help text (no Rich boxes) and -h as well as --help."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(**kwargs)

    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
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
                    quiet_stdout()
                    raise typer.Exit(0) from None

            register(guarded)
            return func

        return decorator
