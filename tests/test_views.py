"""The views people read (show, sources, timeline, resolutions, votes) in a real terminal of 40,
80 and 120 columns: nothing past the edge, no identifier (resolution number, date, URL) split,
no word cut unless it ends in "…"; links are hyperlinks to their whole target."""

from __future__ import annotations

import re

import pytest

from .helpers import CSI, OSC8, cli, in_terminal, run

BOX = re.compile("^[\u2500-\u257f]+$")
WIDTHS = [40, 80, 120]
VIEWS = {
    "show": ("show", "UZ"),
    "sources": ("sources", "UZ"),
    "timeline": ("timeline", "UZ", "KZ", "TJ"),
    "resolutions": ("resolutions",),
    "votes": ("votes", "UZ"),
    "roll-call": ("votes", "--resolution", "65/48"),
    "list": ("list",),
    "search": ("search", "OZM"),
    "check": ("check",),
    "store": ("store",),
}


def words(lines: list[str]) -> list[str]:
    """The words of the drawn lines, without the note of the columns a table left out (prose
    Rich wraps between words, naming the columns by their headings)."""
    out, note = [], False
    for line in lines:
        note = line.startswith("Left out to fit ") or (note and line.strip() != "")
        if not note:
            out += [w for w in line.split() if not BOX.match(w)]
    return out


@pytest.fixture(scope="module")
def drawn() -> dict[tuple[str, int], tuple[str, list[str]]]:
    return {(name, w): in_terminal(w, *args) for name, args in VIEWS.items() for w in WIDTHS}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(VIEWS))
def test_no_word_is_split_or_cut_without_an_ellipsis(drawn: dict, name: str, width: int) -> None:
    _, lines = drawn[name, width]
    assert all(len(line) <= width for line in lines), "nothing drawn past the edge"
    # piped (unwrapped rows) and on a terminal too wide to wrap anything: every word whole
    whole = set(cli(*VIEWS[name]).out.split()) | set(words(in_terminal(1000, *VIEWS[name])[1]))
    for word in words(lines):
        if word in whole:
            continue
        assert word.endswith("…"), f"{word!r} is a piece of a word"
        assert any(w.startswith(word[:-1]) for w in whole), word


@pytest.mark.parametrize("width", WIDTHS)
def test_resolutions_keep_number_date_and_tally_whole(drawn: dict, width: int) -> None:
    found = set(words(drawn["resolutions", width][1]))
    for row in run("resolutions", "-f", "json").json():
        if row["missing"]:
            continue
        tally = f"{row['yes']}-{row['no']}-{row['abstain']}"
        assert {row["resolution"], row["date"], tally, str(row["year"])} <= found, row
    assert "Announced" not in found, "no announced tally differs from the count"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["show", "sources"])
def test_urls_are_whole_or_shortened_and_linked_whole(drawn: dict, name: str, width: int) -> None:
    raw, lines = drawn[name, width]
    targets = set(OSC8.findall(raw))
    for source in run("sources", "UZ", "-f", "json").json():
        url = source["url"]
        if not url:
            continue
        assert url in targets, f"{url} is a hyperlink to its whole target"
        if not any(url in line for line in lines):
            shortened = [w for w in words(lines) if w.endswith("…") and url.startswith(w[:-1])]
            assert shortened, f"{url} is neither whole nor shortened with …"


@pytest.mark.parametrize("width", WIDTHS)
def test_show_keeps_its_title_and_date(drawn: dict, width: int) -> None:
    text = "\n".join(drawn["show", width][1])
    assert "Uzbekistan (UZ)" in text and "updated 2026-02-03" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_sources_say_what_cites_them_grouped(drawn: dict, width: int) -> None:
    lines = drawn["sources", width][1]
    text = " ".join(words(lines))
    assert "[1] Letter to the Landmine Monitor" in text
    assert "cited by: production; sections 3" in text
    assert "cited by: ccw convention, protocol_ii, amended_protocol_ii, protocol_v" in text
    assert "meetings.1MSP" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_is_one_chronology_by_year(drawn: dict, width: int) -> None:
    lines = drawn["timeline", width][1]
    years = [line for line in lines if re.fullmatch(r"\d{4}", line)]
    assert years == sorted(years) and len(years) == len(set(years)) and years[0] == "1992"
    events = [line.split() for line in lines if line.startswith("  ") and line.split()]
    heads = [e for e in events if e[0] in ("UZ", "KZ", "TJ")]
    assert {e[0] for e in heads} == {"UZ", "KZ", "TJ"}, "each event names its state"
    assert heads[0][:3] == ["UZ", "1992-03-02", "un"]
    text = " ".join(words(lines))
    assert "Voted abstain on resolution 65/48 [6]" in text
    assert "2026-02-03" not in text, "a record's reading date is no event"
    assert "6;" not in text


def test_votes_show_markers(drawn: dict) -> None:
    text = " ".join(words(drawn["votes", 120][1]))
    assert "absent [15]" in text and "[6]" in text
    assert run("votes", "UZ", "-f", "csv").lines[1].endswith(",6")


def test_show_names_an_official_name_only_where_it_differs() -> None:
    assert run("show", "AU").lines[0] == "Australia (AU)  updated 2026-02-03"
    assert run("show", "UZ").lines[0].startswith("Uzbekistan (UZ)  Republic of Uzbekistan · ")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_forced_terminal_with_columns_set(width: int) -> None:
    """COLUMNS and FORCE_COLOR give the terminal layout without a pty."""
    env = {"COLUMNS": str(width), "FORCE_COLOR": "1"}
    result = cli("timeline", "UZ", env=env)
    lines = CSI.sub("", result.out).splitlines()
    assert result.code == 0 and all(len(line) <= width for line in lines)
    assert "1992" in lines


def test_piped_views_are_unwrapped_and_keep_urls_whole() -> None:
    out = run("sources", "UZ", env={"COLUMNS": "60"}).out
    for source in run("sources", "UZ", "-f", "json").json():
        if source["url"]:
            assert any(line.split() == [source["url"]] for line in out.splitlines())
    assert "…" not in out, "piped text is never shortened"


def test_machine_formats_of_a_merged_timeline_are_one_row_per_event() -> None:
    rows = run("timeline", "UZ", "KZ", "-f", "json").json()
    assert list(rows[0]) == ["code", "date", "kind", "event", "disputed", "sources"]
    assert rows[0] == {
        "code": "UZ",
        "date": "1992-03-02",
        "kind": "un",
        "event": "Admitted to the United Nations",
        "disputed": [],
        "sources": [7],
    }
    assert not any(r["kind"] == "source" and r["date"] == "2026-02-03" for r in rows)
