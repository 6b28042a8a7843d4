"""The options of a write that say what supports it (--source, --cite-new and the details of
its source, --keep-sources) and when it was made (--updated), and the report of what a write did
to citations."""

import datetime as dt
from typing import Annotated, Any

import typer

from minecli.app import choice
from minecli.commands._common import did, warn
from minecli.edits.provenance import Attribution, Citing
from minecli.errors import InvalidData, UsageError
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
UpdatedOption = Annotated[
    str | None,
    typer.Option(
        "--updated",
        help="The date to mark the changed profiles updated (default: today).",
        show_default=False,
        metavar="DATE",
    ),
]


def source_date(text: str | None, option: str) -> Any:
    """A source's date from an option: full or partial (InvalidData if it is no date)."""
    if text is None:
        return None
    from minecli.dates import parse_date_value

    try:
        return parse_date_value(text)
    except ValueError:
        raise InvalidData(
            f"{option} {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None


def citing(
    sources: list[int] | None,
    cite_new: str | None,
    keep: bool = False,
    *,
    date: str | None = None,
    kind: str | None = None,
    author: str | None = None,
    url: str | None = None,
    date_option: str = "--date",
) -> Citing:
    """What the provenance options of a write say; the options describing a new source need
    --cite-new."""
    described = {date_option: date, "--kind": kind, "--author": author, "--url": url}
    if cite_new is None:
        given = [name for name, value in described.items() if value is not None]
        if given:
            raise UsageError(
                f"{given[0]} describes the source --cite-new adds; give --cite-new TITLE"
            )
        return Citing(tuple(sources or ()), None, keep)
    if not cite_new.strip():
        raise UsageError("--cite-new needs the source's title")
    fields = {
        "title": cite_new,
        "author": author,
        "date": source_date(date, date_option),
        "kind": kind,
        "url": url,
    }
    return Citing(tuple(sources or ()), {k: v for k, v in fields.items() if v}, keep)


def updated_date(text: str | None) -> dt.date | None:
    """--updated as a date: a full one, not in the future (None: today)."""
    if text is None:
        return None
    from minecli.dates import full_date

    value = full_date(text)
    if value is None:
        raise UsageError(f"--updated needs a full date (YYYY-MM-DD), not {text!r}")
    if value > dt.date.today():
        raise UsageError(f"--updated {text} is in the future")
    return value


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
