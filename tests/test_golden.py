"""A golden rendering of `minecli show UZ`: the piped (plain) table at 100 columns.

The expected text is tests/golden/show_UZ.txt. When a change to the rendering or to
data/store/countries/UZ.toml is intended, regenerate it and review the diff before committing:

    MINECLI_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

from .helpers import BOX_CHARS, ESC, GOLDEN, cli, matches_golden

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

    matches_golden(out, GOLDEN_SHOW_UZ, "minecli show UZ (COLUMNS=100, piped)")
