"""minecli.render.plain: the piped profile view, laid out without Rich.

It must be the view Rich draws for a pipe (no colour, no boxes), line for line, at every width:
the tests draw both and compare them.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minecli import files
from minecli.query import profile as profile_query
from minecli.render import profile as rich_profile
from minecli.render.chronicle import draw_timeline, event_text, timeline_lines
from minecli.render.citations import print_entries, print_lists
from minecli.render.console import PIPED_WIDTH
from minecli.render.plain import profile_text, wrap
from minecli.render.views import profile_view, source_rows

from ..helpers import BUNDLED, REPO, proc_env

RESOLUTIONS = files.load(BUNDLED / "resolutions.toml", "resolutions.toml")
CODES = ("UZ", "US", "AF", "RU", "FI", "MH", "PS", "VA", "CN", "NU")
WIDTHS = (PIPED_WIDTH, 120, 100, 80, 60, 59, 40, 30, 20)


def view(code: str):
    doc = files.load(BUNDLED / "countries" / f"{code}.toml", f"countries/{code}.toml")
    return profile_view(doc, {r["number"]: r for r in RESOLUTIONS["resolutions"]})


def plain_console(width: int, buffer: io.StringIO):
    """The console Rich drew a pipe with before the plain layouts: no colour, no boxes."""
    from rich.console import Console

    return Console(
        file=buffer,
        force_terminal=False,
        width=width,
        color_system=None,
        no_color=True,
        highlight=False,
        emoji=False,
    )


def lines_of(buffer: io.StringIO) -> list[str]:
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


def drawn_by_rich(code: str, width: int) -> list[str]:
    buffer = io.StringIO()
    rich_profile._draw(plain_console(width, buffer), view(code))
    return lines_of(buffer)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", CODES)
def test_the_plain_view_is_the_view_rich_draws_for_a_pipe(code: str, width: int) -> None:
    assert profile_text(view(code), width) == drawn_by_rich(code, width)


def timeline_of(codes: tuple[str, ...]):
    docs = [files.load(BUNDLED / "countries" / f"{c}.toml", f"countries/{c}.toml") for c in codes]
    resolutions = {r["number"]: r for r in RESOLUTIONS["resolutions"]}
    meetings = files.load(BUNDLED / "meetings.toml", "meetings.toml")
    meetings = {m["id"]: m for m in meetings["meetings"]}
    events = profile_query.merged_timeline(
        [profile_query.timeline(d, resolutions, meetings) for d in docs]
    )
    return f"Timeline: {', '.join(codes)}", profile_query.by_year(events)


@pytest.mark.parametrize("width", WIDTHS[:-1])
@pytest.mark.parametrize("codes", [("UZ",), ("UZ", "KZ", "TJ"), ("FI",), ("VA",)])
def test_the_plain_timeline_is_the_one_rich_draws_for_a_pipe(codes: tuple, width: int) -> None:
    title, years = timeline_of(codes)
    buffer = io.StringIO()
    draw_timeline(plain_console(width, buffer), title, years)
    assert timeline_lines(title, years, width) == lines_of(buffer)


def test_a_narrow_timeline_never_splits_a_word() -> None:
    """Where Rich would fold a word wider than the line, the plain layout keeps it whole."""
    title, years = timeline_of(("UZ",))
    lines = timeline_lines(title, years, 20)
    words = {w for _, group in years for e in group for w in event_text(e).split()}
    assert words <= {w for line in lines for w in line.split()}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("codes", [("UZ",), ("UZ", "KZ"), ("VA",)])
def test_plain_source_lists_are_what_rich_drew_for_a_pipe(
    codes: tuple, width: int, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = []
    for code in codes:
        doc = files.load(BUNDLED / "countries" / f"{code}.toml", f"countries/{code}.toml")
        lists.append((f"Sources: {doc['name']}", source_rows(doc, cited=True)))
    buffer = io.StringIO()
    console = plain_console(width, buffer)
    for i, (title, rows) in enumerate(lists):
        if i:
            console.print()
        print_entries(console, rows, title) if rows else console.print(f"{title}: (none)")
    monkeypatch.setenv("COLUMNS", str(width))
    print_lists(lists)
    assert capsys.readouterr().out.splitlines() == lines_of(buffer)


@given(st.text(st.sampled_from("ab c-/[]1"), max_size=80), st.integers(1, 30))
def test_wrap_breaks_between_words_only(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())  # every word, in order
    for line in lines:
        assert len(line) <= width or len(line.split()) == 1, "only a lone long word overflows"


def test_an_aligned_continuation_keeps_its_leading_spaces() -> None:
    assert wrap("  or absent, per [15]", 100) == ["  or absent, per [15]"]
    assert wrap("  or absent, per [15]", 12) == ["  or absent,", "per [15]"]


@pytest.mark.parametrize("command", ["show", "timeline", "sources"])
def test_a_piped_view_never_loads_rich(command: str) -> None:
    probe = (
        "import sys; from minecli import entry\n"
        f"try: entry.main([{command!r}, 'UZ'])\nexcept SystemExit: pass\n"
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    env = proc_env({"MINECLI_NO_FAST": "1"})
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert "Uzbekistan" in done.stdout.splitlines()[0], done
    assert done.stderr.strip() == "False", done.stderr
