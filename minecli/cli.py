"""The root command: global options, and the table of subcommands, each loaded only when run."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer

from minecli import __version__
from minecli.app import CONTEXT, Group, choice, command_from
from minecli.render.console import COLOR_MODES

# The one registry of commands: name -> (module in minecli/commands, function). A run imports
# only the module of its own command.
COMMANDS = {
    "show": ("profile", "show"),
    "timeline": ("profile", "timeline"),
    "sources": ("profile", "sources"),
    "votes": ("votes", "votes"),
    "resolutions": ("resolutions", "resolutions"),
    "list": ("listing", "list_states"),
    "stats": ("stats", "stats"),
    "agree": ("agree", "agree"),
    "compare": ("compare", "compare"),
    "search": ("search", "search"),
    "check": ("check", "check"),
    "store": ("storage", "store"),
    "init": ("storage", "init"),
    "export": ("export", "export"),
    "add-source": ("sourcing", "add_source"),
    "rm-source": ("sourcing", "rm_source"),
    "set": ("fields", "set_field"),
    "unset": ("fields", "unset_field"),
    "new": ("fields", "new"),
    "add-vote": ("entries", "add_vote"),
    "rm-vote": ("entries", "rm_vote"),
    "add-meeting": ("entries", "add_meeting"),
    "rm-meeting": ("entries", "rm_meeting"),
    "add-use": ("use", "add_use"),
    "rm-use": ("use", "rm_use"),
    "edit": ("edit", "edit"),
    "import-votes": ("import_votes", "import_votes"),
    "import-status": ("import_status", "import_status"),
    "import-profile": ("import_profile", "import_profile"),
    "import": ("import_json", "import_json"),
    "report": ("report", "report"),
    "help": ("topics", "help_topic"),
}


class LazyGroup(Group):
    """The root group: knows the command names, imports a command's module when it is used."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of `minecli --help`, from the generated table (minecli/argtable.py)
        rather than by importing every command's module; Click's layout, to the character."""
        import inspect
        from gettext import gettext

        from typer._click.utils import make_default_short_help

        from minecli.argtable import HELP

        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = []
        for name in COMMANDS:
            short, full = HELP[name]
            text = inspect.cleandoc(short) if short else make_default_short_help(full, limit)
            rows.append((name, text.strip()))
        with formatter.section(gettext("Commands")):
            formatter.write_dl(rows)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name]
        return command_from(
            name, getattr(importlib.import_module(f"minecli.commands.{module}"), function)
        )


app = typer.Typer(
    name="minecli",
    help="Country profiles of the 1997 Mine Ban Treaty: status, UN votes, meetings, CCW, "
    "use, production, transfer, stockpiles, and the sources behind every claim.",
    no_args_is_help=True,
    cls=LazyGroup,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)


def _version(value: bool) -> None:
    if value:
        print(f"minecli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Store folder to use (default: $MINECLI_STORE, then your user store, "
            "then the bundled read-only store).",
            metavar="<DIR>",
            autocompletion=lambda: [],  # the shell completes folder names
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        choice(COLOR_MODES),
        typer.Option(
            "--color",
            help="Colour: auto (at a terminal, unless NO_COLOR), always (even into a pipe, as "
            "FORCE_COLOR), never.",
            metavar="<auto|always|never>",
        ),
    ] = "auto",
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Print long views straight to the terminal, without a pager."
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print no messages on stderr (what a write did, titles, captions); warnings "
            "and errors still print.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Query and edit Mine Ban Treaty country profiles kept in a local TOML store."""
    from minecli.render import set_quiet
    from minecli.render.console import set_color
    from minecli.render.pager import set_paging
    from minecli.store import find_store

    set_quiet(quiet)
    set_color(color)
    set_paging(not no_pager)
    ctx.obj = find_store(store)
    ctx.obj.progress = _indexing_progress


_bar: Any = None


def _indexing_progress(done: int, total: int) -> None:
    """A progress bar for a cold index of a large store, made when first needed."""
    global _bar
    if _bar is None:
        from minecli.render.progress import ProgressBar

        _bar = ProgressBar("Indexing the store")
    _bar(done, total)


def main(argv: list[str] | None = None) -> None:
    """The Typer app, for whatever the fast path (minecli.entry) leaves to it."""
    from minecli.app import guard_streams

    guard_streams()
    app(args=argv)
