"""edit: open a profile in $VISUAL / $EDITOR, and keep it only if it is still valid."""

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

import typer

from minecli import files, writer
from minecli.commands._citing import UpdatedOption, cites, report_citations
from minecli.commands._comments import settle
from minecli.commands._common import CountryArg, DryRunOption, active_store, ask
from minecli.edits.provenance import Citing, updated_date
from minecli.errors import InvalidData, MinecliError
from minecli.render import emit_message, emit_text


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise MinecliError("set $VISUAL or $EDITOR to the editor to use (e.g. export EDITOR=nano)")
    return shlex.split(command)


def _run_editor(editor: list[str], draft: Path) -> None:
    try:
        status = subprocess.call([*editor, str(draft)])
    except OSError as exc:
        raise MinecliError(
            f"cannot run the editor {editor[0]!r}: {exc.strerror}; your text is in {draft}"
        ) from None
    if status != 0:
        raise MinecliError(f"the editor exited with status {status}; your text is in {draft}")


def _again() -> bool:
    return ask("Edit again?", True, closed=False)  # the end of input stops the loop


def _draft(draft: Path, label: str) -> tuple[str, str | None]:
    """The edited text and what would stop it from being saved (None if nothing)."""
    try:
        data = draft.read_bytes()
    except OSError as exc:
        raise MinecliError(f"cannot read your draft {draft}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "", f"{label}: your text is not UTF-8 (byte {exc.start}); it is kept in {draft}"
    return text, _problem(text, label)


def _problem(text: str, label: str) -> str | None:
    """What would stop the text from being saved, if anything."""
    try:
        doc = files.parse(text, label)
    except InvalidData as exc:
        return str(exc)
    found = writer.refusals(label, doc)
    if not found:
        return None
    line, column = files.position(text, found[0].path, doc)
    return f"{label}:{line}:{column}: {found[0]}"


@cites()
def edit(
    ctx: typer.Context,
    country: CountryArg,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
    *,
    cited: Citing,
) -> None:
    """Edit a profile's TOML in your editor; it is saved only if it is valid.

    The profile is copied to a temporary file and opened in $VISUAL or $EDITOR. On save minecli
    parses and validates it; when it is invalid you are told what and where and asked to edit
    again. Your edited text is never thrown away: if you stop, it stays in the temporary file.
    If someone else changed the profile meanwhile, nothing is overwritten.

    A fact whose value you change loses the citations you left on it (they backed the old
    value) unless --keep-sources; --source <ID> and --cite-new <TITLE> are cited on every fact you
    changed. The profile is marked updated today (or --updated).

    Later writes refuse a file with comments, so a comment is warned of, and you are offered to
    turn each into the `note` of the table it sits in (the profile is then saved in canonical
    form); a comment where no note can be (the top level, production, ...) is said by line.

    With --dry-run the valid text is not saved: the diff it would make is printed instead.

    Example:
      EDITOR=nano minecli edit UZ --source 16
    """
    when = updated_date(updated)
    store = active_store(ctx)
    store.require_writable()
    code = store.write_country(country)
    label = files.profile_label(code)
    editor = _editor()
    original = files.read_text(store.profile_path(code), label)
    fd, name = tempfile.mkstemp(prefix=f"minecli-{code}-", suffix=".toml")
    draft = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(original)
    while True:
        _run_editor(editor, draft)
        text, problem = _draft(draft, label)
        settled = settle(text, label) if problem is None else None
        if settled is not None:
            break
        if problem is not None:
            emit_message(f"Error: {problem}")
            if not _again():
                raise MinecliError(f"not saved; your edited text is in {draft}")
    notes = settled[1]
    if text == original and notes is None:
        draft.unlink()
        emit_message(f"No change to {code}")
        return
    try:
        attribution, changes = writer.apply(
            store,
            lambda tx: tx.replace_profile_text(code, original, text, cited, notes),
            dry_run=dry_run,
            updated=when,
        )
    except MinecliError as exc:
        raise type(exc)(f"{exc}; your text is in {draft}") from None
    report_citations(code, attribution, dry_run)
    if dry_run:
        emit_text("".join(c.diff() for c in changes))
        emit_message(f"Dry run: {label} was not saved; your text is in {draft}")
        return
    draft.unlink()
    emit_message(f"Saved {label}")
