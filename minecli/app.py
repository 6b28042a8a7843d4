"""Typer glue: building a command from its function, and the one error funnel.

Every failure ends here as one line on stderr and a documented exit status: Click's usage errors
(an unknown option, a value outside its choices) exit 2 with one ``Error:`` line instead of
Click's four; minecli's own errors exit with their status (minecli.errors); a closed pipe
(``| head``) ends quietly with status 0.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from minecli.errors import MinecliError
from minecli.fastpath import is_utf8
from minecli.suggest import did_you_mean

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _click_exceptions() -> Any:
    # Typer 0.26-0.28 carry Click inside as typer._click; its exception classes are the one
    # piece of it minecli needs and Typer does not re-export.
    from typer._click import exceptions

    return exceptions


DEBUG_VAR = "MINECLI_DEBUG"  # set: an unexpected error shows its traceback
CLOSED: set[int] = set()  # the standard streams (0, 1, 2) that were closed when minecli started


class Group(TyperGroup):
    """The root group: the error funnel for every command."""

    def main(
        self,
        args: Any = None,
        prog_name: Any = None,
        complete_var: Any = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        args = global_options_first(sys.argv[1:] if args is None else list(args))
        bad = next((a for a in args if isinstance(a, str) and not is_utf8(a)), None)
        if bad is not None:  # bytes that are not UTF-8 would reach a file at write time
            shown = bad.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            say(f"Error: the argument {shown!r} is not valid UTF-8 text")
            sys.exit(2)
        if os.environ.get("_MINECLI_COMPLETE") == "complete_bash":
            from minecli.commands._complete import bash_words_joined

            bash_words_joined()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        exceptions = _click_exceptions()
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except exceptions.NoArgsIsHelpError as exc:
            print(exc.format_message(), file=sys.stderr)
            status = exc.exit_code
        except exceptions.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "minecli"
            if isinstance(exc, exceptions.NoSuchOption):
                message = unknown_option(exc.option_name, exc.ctx)
            else:
                message = " ".join(exc.format_message().split())  # Click lists choices a line each
            if "; did you mean " not in message:  # a suggestion is the hint; else, the help
                message += f" (see: {command} --help)"
            say(f"Error: {message}")
            status = exc.exit_code
        except exceptions.ClickException as exc:
            say(f"Error: {exc.format_message()}")
            status = exc.exit_code
        except typer.Abort:
            print("Aborted.", file=sys.stderr)
            status = 1
        if 1 in CLOSED and not wrote() and not status:
            say("Error: standard output is closed; the output was lost")
            status = 1
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            quiet_stdout()
        except OSError as exc:  # a full disk or device behind stdout: the output is lost
            quiet_stdout()
            if not wrote():  # a write that happened stays a success: scripts must not retry it
                say(f"Error: could not write the output: {exc.strerror or exc}")
                status = 1
        sys.exit(status if isinstance(status, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command named first; an unknown name is a usage error that suggests the names
        close to it (``shwo`` -> ``show``, ``imprt`` -> ``import``)."""
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:
            hint = did_you_mean(name, self.list_commands(ctx))
            raise _click_exceptions().UsageError(f"no command {name!r}{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """Run the command: an expected error becomes one line and its status; a reader that
        went away (`| head`) is no error."""
        try:
            return super().invoke(ctx)
        except MinecliError as exc:
            say(f"Error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, _click_exceptions().ClickException):
            raise
        except OSError as exc:  # the system refused (a file, a folder, a stream): say which
            if os.environ.get(DEBUG_VAR):
                raise
            if wrote():  # the write happened; only its report was lost
                quiet_stdout()
                raise typer.Exit(0) from None
            where = f"{exc.filename}: " if exc.filename else ""
            say(f"Error: {where}{exc.strerror or exc}")
            raise typer.Exit(1) from None
        except (
            Exception
        ) as exc:  # the last guard: every expected failure is handled where it happens
            if os.environ.get(DEBUG_VAR):
                raise
            say(
                f"Error: unexpected {type(exc).__name__} (a bug in minecli: please report it): "
                f"{exc}; run again with {DEBUG_VAR}=1 to see the traceback"
            )
            raise typer.Exit(1) from None


def unknown_option(option: str, ctx: Any) -> str:
    """The message for an option the command does not have, with a suggestion when close."""
    names = [o for p in (ctx.command.params if ctx else []) for o in p.opts + p.secondary_opts]
    longs = [n for n in names if n.startswith("--")]
    hint = did_you_mean(option, longs, strip="-") if option.startswith("--") else ""
    return f"no option {option!r}{hint}"


def guard_streams() -> None:
    """Give a closed standard stream /dev/null, before anything opens a file: a closed stderr
    would otherwise send messages to stdout, and a file opened later could take its number and
    receive them. The streams found closed are kept in CLOSED."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            CLOSED.add(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


def wrote() -> bool:
    """Whether this run has written to the store (then a lost message is not a failure)."""
    writer = sys.modules.get("minecli.writer")
    return bool(writer and writer.COMMITTED)


# The root's options that may also stand after the command: flags, and those with a value.
GLOBAL_FLAGS = ("-q", "--quiet", "--no-pager")
GLOBAL_VALUED = ("--store", "--color")


def global_options_first(args: list[str]) -> list[str]:
    """Let ``--store PATH``, ``--color WHEN`` and the GLOBAL_FLAGS stand anywhere: `minecli show UZ --store S`
    means `minecli --store S show UZ`. Nothing after a ``--`` is touched."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg in GLOBAL_VALUED and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if arg.startswith(tuple(f"{o}=" for o in GLOBAL_VALUED)) or arg in GLOBAL_FLAGS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def say(text: str) -> None:
    """A line on stderr, if stderr can take it (its ``Error:`` prefix coloured at a
    terminal: minecli.render.console.stderr_text)."""
    from minecli.render.console import stderr_text

    with contextlib.suppress(OSError):
        print(stderr_text(text), file=sys.stderr)


def quiet_stdout() -> None:
    """After a closed pipe, send what Python still flushes at exit to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def command_from(name: str, function: Callable[..., Any]) -> Any:
    """The Click command Typer makes of one function, with plain help and -h as well as --help."""
    single = typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings=CONTEXT,
    )
    single.command(name)(function)
    command = typer.main.get_command(single)
    command.help = examples_block(command.help)
    for param in command.params:
        placeholder(param)
    command.params.append(_store_after_the_command())
    return command


def examples_block(text: str | None) -> str | None:
    """Help text with its examples kept a line each: the paragraph that starts ``Example:`` or
    ``Examples:`` becomes a Click ``\\b`` block, which help prints as written (other paragraphs
    are rewrapped)."""
    if not text:
        return text
    paragraphs = text.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        if paragraph.lstrip().startswith(("Example:", "Examples:")):
            paragraphs[i] = "\b\n" + paragraph
    return "\n\n".join(paragraphs)


# The placeholders of help and usage lines, by parameter name; any other is <NAME>.
PLACEHOLDERS = {
    "country": "<CODE>",
    "countries": "<CODE>",
    "within": "<CODE>",
    "resolution": "<RES>",
    "numbers": "<RES>",
    "path": "<FIELD>",
    "cites": "<FACT>",
    "as_of": "<DATE>",
    "cite_date": "<DATE>",
    "official_name": "<NAME>",
    "number": "<N>",
    "out": "<FILE>",
    "source": "<ID>",
    "source_id": "<ID>",
    "store": "<DIR>",
}


def placeholder(param: Any) -> None:
    """Give a parameter a real placeholder (``<CODE>``, ``<RES>``, ``<DATE>``) where Typer would
    print ``{country}`` or ``<str>``; a choice keeps its list of values."""
    from typer.core import TyperArgument

    if isinstance(param, TyperArgument):
        param.__class__ = _Argument
    elif getattr(param, "is_flag", False) or param.type.name == "choice":
        return
    if param.metavar is None:
        param.metavar = PLACEHOLDERS.get(param.name or "", f"<{(param.name or '').upper()}>")
    elif param.metavar.replace("_", "").isalpha() and param.metavar.isupper():
        param.metavar = f"<{param.metavar}>"


def _argument_class() -> Any:
    from typer.core import TyperArgument

    class Argument(TyperArgument):
        """An argument shown by its placeholder alone: ``<CODE>...``, ``[<CODE>]...``."""

        def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
            var = str(self.metavar) + ("..." if self.nargs != 1 else "")
            return f"[{var}]" if usage and not self.required else var

    return Argument


_Argument = _argument_class()


def _store_after_the_command() -> Any:
    """``--store`` after the command, for shell completion only (a run moves it first, see
    global_options_first): it completes folder names and tells the completers which store."""
    from typer.core import TyperOption

    def keep(ctx: Any, param: Any, value: Any) -> None:
        if value is not None:
            ctx.meta["store"] = value

    return TyperOption(
        param_decls=["--store"],
        hidden=True,
        expose_value=False,
        callback=keep,
        autocompletion=lambda ctx, args, incomplete: [],
    )


@functools.cache
def choice(values: tuple[str, ...]) -> Any:
    """A closed set of values as a type Typer turns into a choice: a value outside it is a usage
    error (exit 2), and completion offers the values. Its members are the strings themselves."""
    return StrEnum("Choice", {v: v for v in values})


def format_option(formats: tuple[str, ...]) -> Any:
    """The --format option of a command that offers these formats (the first is the default)."""
    machine = [f for f in formats if f not in ("table", "ids")]
    parts = ["table for people"] if "table" in formats else []
    if machine:
        parts.append(", ".join(machine) + " for programs")
    if "ids" in formats:
        parts.append("ids, one per line")
    return Annotated[
        choice(formats),
        typer.Option(
            "--format", "-f", help="Output format: " + "; ".join(parts) + ".", case_sensitive=False
        ),
    ]
