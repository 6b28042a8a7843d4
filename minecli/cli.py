"""The root command: global options, and the subcommands, each loaded only when it is run."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from minecli import __version__
from minecli.app import App, Group, quiet_stdout

# Command name -> the module in minecli/commands that defines it. A run imports only its own.
COMMANDS = {
    "show": "profile",
    "timeline": "profile",
    "sources": "profile",
    "votes": "votes",
    "resolutions": "resolutions",
    "list": "listing",
    "search": "search",
    "check": "check",
    "store": "storage",
    "init": "storage",
    "add-source": "editing",
    "set": "editing",
    "unset": "editing",
    "add-vote": "editing",
    "rm-vote": "editing",
    "add-meeting": "editing",
    "rm-meeting": "editing",
    "add-use": "editing",
    "rm-use": "editing",
    "new": "editing",
    "edit": "edit",
    "import-votes": "imports",
    "import-status": "imports",
}


class LazyGroup(Group):
    """The root group: knows the command names, imports a command's module when it is used."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        module = COMMANDS.get(name)
        if module is None:
            return None
        sub = importlib.import_module(f"minecli.commands.{module}").app
        for info in sub.registered_commands:  # build this command only, not its neighbours
            callback = info.callback
            own = info.name or typer.main.get_command_name(getattr(callback, "__name__", ""))
            if own == name:
                return typer.main.get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None
                )
        return None


app = App(
    name="minecli",
    help="Country profiles of the 1997 Mine Ban Treaty: status, UN votes, meetings, CCW, "
    "use, production, transfer, stockpiles, and the sources behind every claim.",
    no_args_is_help=True,
    cls=LazyGroup,
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
        Path | None,
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


def main() -> None:
    """Entry point: run the app; a closed pipe (`| head`) ends quietly."""
    try:
        app()
    except BrokenPipeError:
        quiet_stdout()
        sys.exit(0)
