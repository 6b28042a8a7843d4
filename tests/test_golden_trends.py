"""Golden renderings of the trend views in a real terminal (a pty) at 80 and 120 columns:
tests/golden/trends/. Regenerate with MINECLI_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import pytest

from .helpers import BUNDLED, GOLDEN, in_terminal, matches_golden

VIEWS = {
    "chart": ("resolutions", "--chart"),
    "stats": ("stats", "--until", "2026"),
    "agree": ("agree", "UZ", "KZ", "RU", "US", "CN"),
    "compare": ("compare", "UZ", "KZ", "TJ"),
    "pattern": ("votes", "--pattern"),
    "changes": ("votes", "--changes", "--from", "79/34", "--to", "80/35"),
}


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("view", list(VIEWS))
def test_trend_views_match_their_golden_rendering(view: str, width: int) -> None:
    _, lines = in_terminal(
        width, "--store", str(BUNDLED), *VIEWS[view], height=400, env={"NO_COLOR": "1"}
    )
    assert all(len(line) <= width for line in lines), "nothing wider than the terminal"
    text = "\n".join(line.rstrip() for line in lines).rstrip() + "\n"
    matches_golden(
        text, GOLDEN / "trends" / f"{view}-{width}.txt", f"minecli {' '.join(VIEWS[view])}"
    )
