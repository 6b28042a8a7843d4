"""The options of a write that say what supports it (--source, --cite-new and the details of
its source, --keep-sources) and when it was made (--updated), and the report of what a write did
to citations."""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from minecli.app import choice
from minecli.commands._common import did, warn
from minecli.edits.provenance import Attribution, citing
from minecli.model import SOURCE_KINDS
from minecli.render import emit_message

SourcesOption = Annotated[
    list[int] | None,
    typer.Option(
        "--source",
        help="Id of a source of the profile that supports this (repeatable).",
        show_default=False,
    ),
]
CiteNewOption = Annotated[
    str | None,
    typer.Option(
        "--cite-new",
        help="Add a source with this title and cite it, in one step (with --date, --kind, "
        "--author, --url).",
        show_default=False,
        metavar="TITLE",
    ),
]
CiteDateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The --cite-new source's date: YYYY-MM-DD, YYYY-MM or YYYY.",
        show_default=False,
    ),
]
CiteKindOption = Annotated[
    choice(SOURCE_KINDS) | None,
    typer.Option("--kind", help="What kind of source --cite-new adds.", show_default=False),
]
CiteAuthorOption = Annotated[
    str | None,
    typer.Option("--author", help="The --cite-new source's author.", show_default=False),
]
CiteUrlOption = Annotated[
    str | None,
    typer.Option("--url", help="Where to find the --cite-new source.", show_default=False),
]
KeepSourcesOption = Annotated[
    bool,
    typer.Option(
        "--keep-sources",
        help="Keep the citations of a fact whose value changes (by default they are dropped: "
        "they backed the old value).",
    ),
]
CiteUseDateOption = Annotated[
    str | None,
    typer.Option(
        "--cite-date",
        help="The --cite-new source's date (--date is the date of use).",
        show_default=False,
    ),
]
UpdatedOption = Annotated[
    str | None,
    typer.Option(
        "--updated",
        help="The date to mark the changed profiles updated (default: today).",
        show_default=False,
        metavar="DATE",
    ),
]


def cites(*, keep: bool = True, date_option: str = "--date") -> Callable[[Any], Any]:
    """Give a write command the options saying what supports it, declared once here: --source,
    --cite-new with --date (or ``date_option``), --kind, --author, --url, and --keep-sources
    when ``keep``. The command takes a keyword ``cited`` instead and gets the Citing they say;
    the options go before its --updated in the help."""
    date_type = CiteDateOption if date_option == "--date" else CiteUseDateOption
    added = {
        "source": (SourcesOption, None),
        "cite_new": (CiteNewOption, None),
        "cite_date": (date_type, None),
        "kind": (CiteKindOption, None),
        "author": (CiteAuthorOption, None),
        "url": (CiteUrlOption, None),
        **({"keep_sources": (KeepSourcesOption, False)} if keep else {}),
    }
    names = {
        n: inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=t, default=d)
        for n, (t, d) in added.items()
    }

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        own = inspect.signature(func, eval_str=True)
        params = [p for n, p in own.parameters.items() if n != "cited"]
        at = next((i for i, p in enumerate(params) if p.name == "updated"), len(params))
        params[at:at] = names.values()
        params = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if i >= at else p
            for i, p in enumerate(params)
        ]

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            given = {n: kwargs.pop(n) for n in added}
            kwargs["cited"] = citing(
                given["source"],
                given["cite_new"],
                given.get("keep_sources", False),
                date=given["cite_date"],
                kind=given["kind"],
                author=given["author"],
                url=given["url"],
                date_option=date_option,
            )
            return func(*args, **kwargs)

        command.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        return command

    return decorate


def report_citations(code: str, attribution: Attribution, dry_run: bool) -> None:
    """Say on stderr what a write did to citations: sources added, cited and dropped, and the
    changed facts left citing nothing."""
    if attribution.new_id is not None:
        verb = ("Reused", "Would reuse") if attribution.reused else ("Added", "Would add")
        emit_message(f"{did(dry_run, *verb)} source [{attribution.new_id}] of {code}")
    for path in attribution.cited:
        ids = ", ".join(f"[{i}]" for i in attribution.cited_ids)
        emit_message(f"{did(dry_run, 'Cited', 'Would cite')} {ids} on {code} {path}")
    for path, ids in attribution.dropped.items():
        listed = ", ".join(f"[{i}]" for i in ids)
        emit_message(
            f"{did(dry_run, 'Dropped', 'Would drop')} {listed} from {code} {path}: "
            "they backed the old value (--keep-sources keeps them)"
        )
    for path in attribution.uncited:
        warn(
            f"{code} {path} changed and cites no source; name one with --source ID or "
            "--cite-new TITLE"
        )
