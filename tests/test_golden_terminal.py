"""Golden renderings of every read command in a real terminal (a pty) 40, 80, 120 and 200 columns
wide: the text people see, colour and hyperlinks taken out, compared line for line.

The expected texts are tests/golden/terminal/NAME-WIDTH.txt. When a change to a view or to the
bundled data is intended, regenerate them and review the diff before committing:

    MINECLI_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_terminal.py
    git diff tests/golden/terminal/
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import BUNDLED, GOLDEN, in_terminal, matches_golden

FOLDER = GOLDEN / "terminal"
WIDTHS = (40, 80, 120, 200)
# A store path of the same length on every machine, so `store` wraps alike everywhere.
STORE_LINK = Path(tempfile.gettempdir()) / "minecli-golden-store"
READS = {
    "show": ("show", "UZ"),
    "timeline": ("timeline", "UZ", "KZ", "TJ"),
    "sources": ("sources", "UZ"),
    "votes": ("votes", "UZ"),
    "roll-call": ("votes", "--resolution", "65/48"),
    "resolutions": ("resolutions",),
    "list": ("list",),
    "search": ("search", "OZM"),
    "check": ("check",),
    "store": ("--store", str(STORE_LINK), "store"),
}


@pytest.fixture(scope="module", autouse=True)
def store_link() -> Iterator[None]:
    STORE_LINK.unlink(missing_ok=True)
    STORE_LINK.symlink_to(BUNDLED, target_is_directory=True)
    yield
    STORE_LINK.unlink(missing_ok=True)


def drawn(width: int, args: tuple[str, ...]) -> str:
    """What the command draws at this width, as plain text without trailing blanks."""
    _, lines = in_terminal(width, *args, env={"NO_COLOR": "1"})
    text = "\n".join(line.rstrip() for line in lines).rstrip("\n") + "\n"
    return text.replace(str(STORE_LINK), "<STORE>")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(READS))
def test_the_terminal_rendering_matches_its_golden_file(name: str, width: int) -> None:
    text = drawn(width, READS[name])
    assert all(len(line) <= width for line in text.splitlines()), "nothing past the edge"
    what = f"minecli {' '.join(READS[name])} at {width} columns"
    matches_golden(text, FOLDER / f"{name}-{width}.txt", what)


def test_the_readme_shows_a_folded_table_as_it_is_drawn() -> None:
    from .helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ minecli list --status withdrawn        # at 80 columns\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    assert drawn(80, ("list", "--status", "withdrawn")) == shown
