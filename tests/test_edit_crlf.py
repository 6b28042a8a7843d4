"""`edit` on a profile whose lines end in CRLF: the saved text keeps CRLF on every line, the
new `updated` line included."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from .helpers import run
from .write_support import profile, profile_path

EDITOR = r"""
import sys
from pathlib import Path
draft = Path(sys.argv[-1])
data = draft.read_bytes()
assert b"\r\n" in data, "the draft keeps the file's line ends"
draft.write_bytes(data.replace(b'status = "not_party"', b'status = "signatory"', 1))
"""


def test_a_crlf_profile_edited_keeps_crlf_and_is_dated(store_copy: Path, tmp_path: Path) -> None:
    path = profile_path(store_copy, "UZ")
    lf = path.read_bytes()
    lines = [x for x in lf.split(b"\n") if not x.startswith(b"updated = ")]
    path.write_bytes(b"\r\n".join(lines))  # an editor on Windows saved it; no `updated` line
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    command = shlex.join([sys.executable, str(script)])
    result = run(
        "--store",
        str(store_copy),
        "edit",
        "UZ",
        "--keep-sources",
        "--updated",
        "2026-11-30",
        env={"EDITOR": command, "VISUAL": None},
    )
    assert result.code == 0, result
    saved = path.read_bytes()
    assert saved.count(b"\n") == saved.count(b"\r\n")
    assert b"\r\nupdated = 2026-11-30\r\n" in saved
    assert profile(store_copy, "UZ")["treaty"]["status"] == "signatory"
    # nothing else changed: the same lines, one status and one date apart
    before = set(b"\r\n".join(lines).split(b"\r\n"))
    after = set(saved.split(b"\r\n"))
    assert after - before == {b'status = "signatory"', b"updated = 2026-11-30"}
