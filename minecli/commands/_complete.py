"""Shell completion from the active store and the schema: countries (codes, and names as they
are typed), resolution numbers, meeting ids, the fact paths of set/unset and their values
(what to offer is worked out in minecli.completion).

A completer never fails loudly: a missing or broken store offers nothing (the shell then falls
back to file names)."""

from collections.abc import Callable, Iterable

import typer

from minecli import completion
from minecli.model import VOTES
from minecli.store import Store

Completer = Callable[[typer.Context, str], list[str]]


def _store(ctx: typer.Context) -> Store:
    from minecli.store import find_store

    chosen = ctx.meta.get("store") or (ctx.find_root().params or {}).get("store")
    return find_store(chosen)


def quietly(completer: Completer) -> Completer:
    """The completer, offering nothing where it would fail."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            return completer(ctx, incomplete)
        except Exception:  # completion must never fail loudly
            return []

    complete.__doc__ = completer.__doc__
    return complete


def _in_case(typed: str, offered: Iterable[str]) -> list[str]:
    """Candidates in the case being typed (lower when it starts lower: `uz`, `uzbekistan`), the
    ones that start with it: the shell keeps only those."""
    lower = typed[:1].islower()
    shown = [o.lower() if lower else o for o in offered]
    return list(dict.fromkeys(o for o in shown if o.casefold().startswith(typed.casefold())))


@quietly
def complete_country(ctx: typer.Context, incomplete: str) -> list[str]:
    """States for a command that reads: codes and names (see _countries)."""
    return completion.countries(_store(ctx), incomplete, slugs=True)


@quietly
def complete_state(ctx: typer.Context, incomplete: str) -> list[str]:
    """The state of a command that writes, which takes its exact code or name only: codes, and
    names of one word."""
    return completion.countries(_store(ctx), incomplete, slugs=False)


@quietly
def complete_resolution(ctx: typer.Context, incomplete: str) -> list[str]:
    """The resolution numbers of the active store."""
    return [n for n in _store(ctx).resolutions() if n.startswith(incomplete.upper())]


@quietly
def complete_meeting(ctx: typer.Context, incomplete: str) -> list[str]:
    """The meeting ids of meetings.toml."""
    return _in_case(incomplete, _store(ctx).meetings())


@quietly
def complete_resolution_vote(ctx: typer.Context, incomplete: str) -> list[str]:
    """<RES=VOTE>: resolution numbers followed by `=`, then after the `=` the votes."""
    number, sep, vote = incomplete.partition("=")
    if sep:
        return [f"{number}={v}" for v in VOTES if v.startswith(vote.lower())]
    return [f"{n}=" for n in complete_resolution(ctx, incomplete)]


@quietly
def complete_field(ctx: typer.Context, incomplete: str) -> list[str]:
    """The field paths of set/unset, a level at a time (minecli.completion.field_paths)."""
    return completion.field_paths(_store(ctx), incomplete, ctx.params.get("country"))


@quietly
def complete_use(ctx: typer.Context, incomplete: str) -> list[str]:
    """The numbers of the state's reports of use."""
    numbers = completion.entries(_store(ctx), "use", ctx.params.get("country"))
    return [n for n in numbers if n.startswith(incomplete)]


@quietly
def complete_value(ctx: typer.Context, incomplete: str) -> list[str]:
    """The values of the field named, when it is a closed set."""
    return completion.field_values(str(ctx.params.get("path") or ""), incomplete)


def bash_words_joined() -> None:
    """Make bash completion see ``65/48=ab`` as one word. Bash breaks words at ``=``, so Typer
    receives ``65/48 = ab``; the words are joined again before Click parses them, and the
    candidates lose the part before the ``=``, which bash keeps on the line."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import BashComplete

    class Bash(BashComplete):
        prefix = ""

        def get_completion_args(self) -> tuple[list[str], str]:
            args, incomplete = super().get_completion_args()
            if incomplete == "=" and args:  # 65/48=<TAB>
                self.prefix = args.pop() + "="
                return args, self.prefix
            if len(args) >= 2 and args[-1] == "=":  # 65/48=ab<TAB>
                self.prefix = args[-2] + "="
                return args[:-2], self.prefix + incomplete
            return args, incomplete

        def format_completion(self, item) -> str:  # type: ignore[no-untyped-def]
            return str(item.value).removeprefix(self.prefix)

    add_completion_class(Bash, "bash")
