"""import-profile: a Landmine Monitor country profile (text, Markdown or HTML) into the store."""

from typing import Annotated

import typer

from minecli import codec, writer
from minecli.app import choice
from minecli.commands._citing import UpdatedOption
from minecli.commands._common import DryRunOption, active_store
from minecli.commands._imports import FileArg, MergeOption, ReplaceOption
from minecli.edits.provenance import updated_date
from minecli.errors import Conflict, UsageError
from minecli.render import emit_changes, emit_message, emit_records, emit_text


def import_profile(
    ctx: typer.Context,
    file: FileArg,
    code: Annotated[
        str | None,
        typer.Option(
            "--code", help="The state, when the text does not name it.", show_default=False
        ),
    ] = None,
    merge: MergeOption = False,
    replace: ReplaceOption = False,
    fmt: Annotated[
        choice(("json", "toml")) | None,
        typer.Option(
            "--format",
            "-f",
            help="With --dry-run: print the profile it would store, as JSON or TOML.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Bring in a Landmine Monitor country profile (the layout `minecli report` writes).

    Reads "Last Updated", the overview (treaty status and dates, the UNGA voting line, meeting
    participation), the narrative under its headings with its [n] markers, and the footnotes
    as numbered sources; the profile itself is cited as one more source (the edition). Facts
    the text states plainly (CCW, production, export, stockpile, use) are recorded citing the
    sources of their sentence; everything else stays in the narrative. What was recognised is
    said on stderr. A state the store already has needs --merge or --replace (without them,
    the changes a merge would make are shown and nothing is written).

    Examples:
      minecli import-profile uz-2011.txt --dry-run --format json
      minecli import-profile uz-2011.txt --merge --dry-run
      minecli import-profile uz-2011.html --code UZ --merge
    """
    from minecli.edits import profile_import
    from minecli.importers import monitor
    from minecli.importers.csvrows import read_text
    from minecli.inputs import label

    if merge and replace:
        raise UsageError("--merge and --replace exclude each other")
    if fmt and not dry_run:
        raise UsageError("--format prints the profile a --dry-run would store; add --dry-run")
    store = active_store(ctx)
    where = label(file)
    meetings = {mid: m.get("name", mid) for mid, m in store.meetings().items()}
    wanted = _code(store, code) if code else None
    text = monitor.prepared(read_text(file), where)
    parsed = monitor.parse(text, where, _names(store), meetings, wanted)
    for line in parsed.recognised:
        emit_message(f"Recognised {line}")
    for line in parsed.prose:
        emit_message(f"Kept as prose: {line}")
    state = parsed.record["code"]
    exists = store.has(state)

    def change(tx: writer.Transaction) -> list[str]:
        if not exists:
            tx.new_profile(state, parsed.record)
            return ["a new profile"]
        profile = tx.profile(state)
        if replace:
            ids = [profile.get("last_source_id", 0), *(s["id"] for s in profile.get("sources", []))]
            record = profile_import.renumbered(parsed.record, max(ids))
            profile.clear()
            profile.update(record)
            return ["the whole profile"]
        return profile_import.merge(profile, parsed)

    if fmt:  # the record it would store, worked out without the writer (a read-only store too)
        record = parsed.record
        if exists:
            record = store.read_profile(state)
            if replace:
                ids = [record.get("last_source_id", 0), *(s["id"] for s in record["sources"])]
                record = profile_import.renumbered(parsed.record, max(ids))
            else:
                profile_import.merge(record, parsed)
        if fmt == "json":
            emit_records([record], "json", single=True)
        else:
            emit_text(codec.dump_profile(record))
        return
    if exists and not (merge or replace):
        _, changes = writer.apply(store, change, dry_run=True)
        emit_text(
            writer.diff_text(changes)
            if hasattr(writer, "diff_text")
            else "".join(c.diff() for c in changes)
        )
        raise Conflict(
            f"{state} is already in the store: --merge adds what is new, --replace puts this "
            "profile in its place (the diff of a merge is above)"
        )
    added, changes = writer.apply(store, change, dry_run=dry_run, updated=updated_date(updated))
    if exists and not changes:
        emit_message(f"{state}: nothing new; nothing was changed")
    elif exists and merge:
        emit_message(f"{state}: added " + "; ".join(added))
    emit_changes(changes, dry_run)


def _code(store, text: str) -> str:  # type: ignore[no-untyped-def]
    """--code: a state of the store, or the ISO code of one it does not have yet."""
    from minecli.countries import is_assignable

    if is_assignable(text.upper()) and not store.has(text.upper()):
        return text.upper()
    return store.write_country(text)


def _names(store) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The store's names, then the ISO names of the states it does not have (found last)."""
    from minecli.countries import iso_table

    names = store.names()
    known = {code for code, _ in names}
    extra = [(c, e.name) for c, e in iso_table().items() if c not in known]
    return names + extra
