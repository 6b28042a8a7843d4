"""import: a JSON or JSON Lines export back into a store, empty or not."""

import typer

from minecli import writer
from minecli.commands._common import DryRunOption, active_store
from minecli.commands._imports import FileArg, MergeOption, ReplaceOption
from minecli.errors import Conflict, InvalidData, UsageError
from minecli.render import emit_changes, emit_message


def import_json(
    ctx: typer.Context,
    file: FileArg,
    merge: MergeOption = False,
    replace: ReplaceOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Bring a JSON or JSON Lines export (minecli export) into the store, empty or not.

    Every record is validated before anything is written, and everything is written in one
    transaction. A new profile is added; one the store has with the same content is left
    alone; one that differs needs --replace (the whole profile) or --merge (add what is new,
    a differing value kept beside the store's as another reading). Resolutions and meetings
    the store lacks are added; one that differs needs --replace. --dry-run shows the diff.

    Examples:
      minecli --store ./copy import store.json
      minecli export UZ --format jsonl | minecli --store ./team import - --merge --dry-run
    """
    from minecli.edits.profile_import import as_parsed
    from minecli.edits.profile_import import merge as merged
    from minecli.importers.csvrows import read_text
    from minecli.importers.json_export import read
    from minecli.inputs import label

    if merge and replace:
        raise UsageError("--merge and --replace exclude each other")
    store = active_store(ctx)
    store.require_writable()
    data = read(read_text(file), label(file))
    if not store.countries_dir.exists() and not (store.root.exists() and any(store.root.iterdir())):
        store.countries_dir.mkdir(parents=True)  # an empty store: made here
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    differ: list[str] = []

    def change(tx: writer.Transaction) -> None:
        for key, doc, ident in (
            ("resolutions", tx.resolutions, "number"),
            ("meetings", tx.meetings, "id"),
        ):
            entries = getattr(data, key)
            if entries is None:
                continue
            held = doc().setdefault(key, [])
            by_id = {e.get(ident): i for i, e in enumerate(held)}
            for entry in entries:
                at = by_id.get(entry.get(ident))
                if at is None:
                    held.append(entry)
                elif held[at] != entry and replace:
                    held[at] = entry
                elif held[at] != entry:
                    differ.append(f"{key} {entry.get(ident)}")
        for record in data.profiles:
            code = record.get("code") if isinstance(record, dict) else None
            if not isinstance(code, str) or not store.profile_path(code).parent.exists():
                raise InvalidData("a profile without a code", file=label(file))
            if not store.has(code):
                tx.new_profile(code, record)
                counts["added"] += 1
                continue
            profile = tx.profile(code)
            if profile == record:
                counts["unchanged"] += 1
            elif replace:
                profile.clear()
                profile.update(record)
                counts["changed"] += 1
            elif merge:
                counts["changed" if merged(profile, as_parsed(record)) else "unchanged"] += 1
            else:
                differ.append(code)
        if differ:
            raise Conflict(
                f"{', '.join(differ[:5])}{' ...' if len(differ) > 5 else ''} differ from the store: "
                "--merge adds what is new, --replace puts the file's in place; nothing was changed"
            )

    _, changes = writer.apply(store, change, dry_run=dry_run, stamp=False)
    emit_message(
        f"{len(data.profiles)} profile(s): {counts['added']} added, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged"
    )
    emit_changes(changes, dry_run)
