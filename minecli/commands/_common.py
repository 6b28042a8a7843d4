"""What every command shares: the --format option, the active store, and naming countries."""

import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from minecli.errors import InvalidData, UsageError
from minecli.render import Format
from minecli.store import Store

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table for people; json, jsonl, csv, tsv (and ids, one per line) "
        "for programs.",
        case_sensitive=False,
    ),
]


def active_store(ctx: typer.Context) -> Store:
    """The store the root command chose."""
    store = ctx.find_root().obj
    assert isinstance(store, Store)
    return store


def complete_country(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the codes of the profiles in the active store."""
    from minecli.store import find_store

    store_opt = (ctx.find_root().params or {}).get("store")
    try:
        codes = find_store(store_opt).codes()
    except Exception:  # completion must never fail loudly
        return []
    # Offer codes in the case being typed: the shell keeps only words that start with it.
    lower = incomplete[:1].islower()
    return [c.lower() if lower else c for c in codes if c.startswith(incomplete.upper())]


def complete_resolution(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the resolution numbers of the active store."""
    from minecli.store import find_store

    store_opt = (ctx.find_root().params or {}).get("store")
    try:
        numbers = list(find_store(store_opt).resolutions())
    except Exception:  # completion must never fail loudly
        return []
    return [n for n in numbers if n.startswith(incomplete)]


def store_names(store: Store) -> list[tuple[str, str]]:
    """(code, name) of every readable profile, for matching names users type."""
    pairs = []
    for item in store.iter_profiles(digest=True):
        if not isinstance(item, InvalidData):
            pairs.append((item["code"], item["name"]))
            if item.get("official_name"):
                pairs.append((item["code"], item["official_name"]))
    return pairs


def resolve_country(store: Store, text: str) -> str:
    """The code a user means by a code, an alpha-3 code or a name."""
    code = text.strip().upper()
    if len(code) == 2 and store.has(code):  # the common case needs no name tables
        return code
    from minecli.countries import resolve

    return resolve(text, store.has, lambda: store_names(store))


def country_args(store: Store, args: list[str]) -> Iterator[str]:
    """Codes from arguments; ``-`` reads codes or names from stdin, one per line."""
    if not args:
        raise UsageError("name at least one country, or - to read codes from stdin")
    for arg in args:
        if arg == "-":
            for line in sys.stdin:
                if line.strip():
                    yield resolve_country(store, line)
        else:
            yield resolve_country(store, arg)


def read_profiles(
    store: Store, codes: list[str] | None = None, *, digest: bool = False, indexed: bool = False
) -> list[dict[str, Any]]:
    """Profiles for a query. Over the whole store a broken file is skipped with a warning on
    stderr; a state named by the user must be readable, or the command fails. ``digest`` is
    enough for lists and roll calls (see minecli.cache); ``indexed`` takes the named codes from
    the index rather than their files."""
    from minecli.render import emit_message

    profiles = []
    items = store.index().profiles(codes) if indexed else store.iter_profiles(codes, digest=digest)
    for item in items:
        if isinstance(item, InvalidData):
            if codes is not None and not indexed:
                raise item
            emit_message(f"Warning: skipped {item}")
        else:
            profiles.append(item)
    return profiles


DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", "-n", help="Print the diff this would make, and change nothing."),
]


def report_changes(changes: list[Any], dry_run: bool) -> None:
    """After a write: the diff on stdout for a dry run; which files changed on stderr."""
    from minecli.render import emit_message, emit_text

    if dry_run:
        emit_text("".join(c.diff() for c in changes))
        emit_message(f"Dry run: {len(changes)} file(s) would change; nothing was written")
    elif changes:
        emit_message(
            f"Wrote {len(changes)} file(s): {', '.join(c.label for c in changes[:5])}"
            + (" ..." if len(changes) > 5 else "")
        )
