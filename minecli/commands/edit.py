"""edit: open a profile in $VISUAL / $EDITOR, and keep it only if it is still valid."""

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import typer

from minecli import codec, writer
from minecli.app import App
from minecli.commands._common import DryRunOption, active_store, complete_country, resolve_country
from minecli.errors import InvalidData, MinecliError
from minecli.model import validate_profile
from minecli.render import emit_message, emit_text
from minecli.store import write_atomic


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


def _again(draft: Path) -> bool:
    try:
        answer = typer.confirm("Edit again?", default=True, err=True)
    except typer.Abort:  # no answer can come (stdin closed)
        answer = False
    if not sys.stdin.isatty():
        print(file=sys.stderr)  # the answer was not echoed; end the prompt's line
    return answer


def _problem(text: str, code: str) -> str | None:
    try:
        doc = codec.parse(text, f"countries/{code}.toml")
    except InvalidData as exc:
        return str(exc)
    problems = validate_profile(doc, code)
    return f"countries/{code}.toml: {problems[0]}" if problems else None


def edit(
    ctx: typer.Context,
    country: str = typer.Argument(
        ..., help="The state: code or name.", autocompletion=complete_country, show_default=False
    ),
    dry_run: DryRunOption = False,
) -> None:
    """Edit a profile's TOML in your editor; it is saved only if it is valid.

    The profile is copied to a temporary file and opened in $VISUAL or $EDITOR. On save minecli
    parses and validates it; when it is invalid you are told what and where and asked to edit
    again. Your edited text is never thrown away: if you stop, it stays in the temporary file.
    If someone else changed the profile meanwhile, nothing is overwritten.

    With --dry-run the valid text is not saved: the diff it would make is printed instead.

    Example: EDITOR=nano minecli edit UZ
    """
    store = active_store(ctx)
    store.require_writable()
    code = resolve_country(store, country)
    editor = _editor()
    path = store.profile_path(code)
    original = path.read_text(encoding="utf-8")
    fd, name = tempfile.mkstemp(prefix=f"minecli-{code}-", suffix=".toml")
    draft = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(original)
    while True:
        _run_editor(editor, draft)
        text = draft.read_text(encoding="utf-8")
        problem = _problem(text, code)
        if problem is None:
            break
        emit_message(f"Error: {problem}")
        if not _again(draft):
            raise MinecliError(f"not saved; your edited text is in {draft}")
    if text == original:
        draft.unlink()
        emit_message(f"No change to {code}")
        return
    if dry_run:
        change = writer.FileChange(f"countries/{code}.toml", path, original, text)
        emit_text(change.diff())
        emit_message(f"Dry run: countries/{code}.toml was not saved; your text is in {draft}")
        return
    with writer.store_lock(store):
        if path.read_text(encoding="utf-8") != original:
            raise MinecliError(
                f"countries/{code}.toml changed while you were editing; nothing was "
                f"overwritten, and your text is in {draft}"
            )
        write_atomic(path, text)
    draft.unlink()
    emit_message(f"Saved countries/{code}.toml")


app = App()
app.command()(edit)
