"""A golden rendering of `minecli show UZ`: the piped (plain) table at 100 columns.

The expected text is tests/golden/show_UZ.txt. When a change to the rendering or to
data/store/countries/UZ.toml is intended, regenerate it and review the diff before committing:

    MINECLI_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os

import pytest

from .helpers import BOX_CHARS, ESC, GOLDEN, cli

GOLDEN_SHOW_UZ = GOLDEN / "show_UZ.txt"
WIDTH = 100


def test_show_uz_matches_the_golden_rendering() -> None:
    result = cli("show", "UZ", env={"COLUMNS": str(WIDTH)}, entry="script")
    assert result.code == 0 and result.err == "", result
    out = result.out
    assert ESC not in out and not BOX_CHARS.search(out), "piped output is plain"
    # COLUMNS is honoured; only a URL wider than the page is left whole, on a line of its own
    wide = [line for line in out.splitlines() if len(line) > WIDTH]
    assert all(line.split()[-1].lstrip("(").startswith("https://") for line in wide), wide
    assert all(len(line.split()) == 1 or line.split()[0].startswith("[") for line in wide), wide

    # Regenerate with: MINECLI_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    if os.environ.get("MINECLI_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        GOLDEN_SHOW_UZ.write_text(out, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {GOLDEN_SHOW_UZ}; review it with git diff")

    assert GOLDEN_SHOW_UZ.is_file(), "no golden file; make it as this module's docstring says"
    expected = GOLDEN_SHOW_UZ.read_text(encoding="utf-8")
    if out != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                out.splitlines(keepends=True),
                "golden/show_UZ.txt",
                "minecli show UZ",
            )
        )
        pytest.fail(
            "`minecli show UZ` (COLUMNS=100, piped) differs from the golden file; if the "
            "change is intended, regenerate it with MINECLI_UPDATE_GOLDEN=1 (see this "
            f"module's docstring).\n{diff}"
        )
