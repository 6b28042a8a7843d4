"""timeline, sources, search, store, --version and help."""

from __future__ import annotations

from pathlib import Path

import pytest

from minecli import __version__
from minecli.cli import app
from minecli.dates import date_key

from .helpers import BUNDLED, assert_error, cli, run


def rows(*args: str) -> list[dict]:
    result = run(*args, "--format", "json")
    assert result.code == 0, result
    return result.json()


# --- timeline ---------------------------------------------------------------------------------


def test_timeline_is_in_date_order() -> None:
    events = rows("timeline", "UZ")
    assert [date_key(e["date"]) for e in events] == sorted(date_key(e["date"]) for e in events)
    assert {e["kind"] for e in events} >= {"ccw", "vote", "meeting", "use", "source"}
    assert all(e["code"] == "UZ" for e in events)


def test_timeline_events_of_uzbekistan() -> None:
    timeline = rows("timeline", "UZ")
    events = {(e["date"], e["event"]) for e in timeline}
    assert ("2010-12-08", "Voted abstain on resolution 65/48") in events
    assert ("1997-09-29", "Joined: Convention on Conventional Weapons (CCW)") in events
    assert ("1998", "Used antipersonnel mines: Border with Afghanistan") in events
    ccw = {e["event"] for e in timeline if e["kind"] == "ccw"}
    assert ccw == {
        "Joined: Convention on Conventional Weapons (CCW)",  # not Amended II, not V
        "Joined: Original Protocol II (landmines, 1980)",
    }


def test_timeline_of_treaty_actions() -> None:
    events = [(e["date"], e["event"]) for e in rows("timeline", "TM") if e["kind"] == "treaty"]
    assert events[:3] == [
        ("1997-12-03", "Signed the Mine Ban Treaty"),
        ("1998-01-19", "Ratified the Mine Ban Treaty"),
        ("1999-03-01", "Mine Ban Treaty entered into force"),
    ]


def test_timeline_of_several_states_is_one_chronology() -> None:
    events = rows("timeline", "UZ", "KZ")
    keys = [date_key(e["date"]) for e in events]
    assert keys == sorted(keys), "one chronology, not one state after the other"
    assert {e["code"] for e in events} == {"UZ", "KZ"}
    first = [e["code"] for e in events if e["kind"] == "un"]
    assert first == ["UZ", "KZ"], "on the same date, states in the order asked for"
    table = run("timeline", "UZ", "KZ").out
    assert table.startswith("Timeline: Uzbekistan (UZ), Kazakhstan (KZ)\n")
    assert "Timeline: Kazakhstan (KZ)" not in table


# --- sources ----------------------------------------------------------------------------------


def test_sources_are_numbered_and_say_what_cites_them() -> None:
    sources = rows("sources", "UZ")
    assert [s["id"] for s in sources] == sorted(s["id"] for s in sources)
    by_id = {s["id"]: s for s in sources}
    assert by_id[1]["kind"] == "letter" and by_id[1]["date"] == "2001-07-31"
    assert by_id[2]["date"] == "2004-05", "a partial date stays partial"
    assert "ccw.convention" in by_id[5]["cited_by"]
    assert "votes.65/48" in by_id[6]["cited_by"]
    assert "sections.1" in by_id[3]["cited_by"]
    assert all(s["cited_by"] for s in sources), "every source of UZ is cited by some fact"


def test_sources_table() -> None:
    out = run("sources", "UZ").out
    assert out.startswith("Sources: Uzbekistan (UZ)")
    assert "Landmine and Cluster Munition Monitor" in out


# --- search -----------------------------------------------------------------------------------


def test_search_finds_fact_paths() -> None:
    found = rows("search", "OZM")  # the bundled store: only Uzbekistan's profile names OZM mines
    assert {r["code"] for r in found} == {"UZ"}
    fields = {r["field"] for r in found}
    assert {"stockpile.types.1", "stockpile.summary"} <= fields
    assert all("ozm" in r["snippet"].casefold() for r in found)


def test_search_is_case_insensitive(small_store: Path) -> None:
    store = ("--store", str(small_store))
    assert rows(*store, "search", "ozm") == rows(*store, "search", "OZM") != []
    assert rows(*store, "search", "bOrDeR wItH") == rows(*store, "search", "border with") != []


def test_search_within_states(small_store: Path) -> None:
    store = ("--store", str(small_store))
    assert rows(*store, "search", "OZM", "--in", "KZ") == []
    assert {r["code"] for r in rows(*store, "search", "OZM", "--in", "uzbekistan")} == {"UZ"}
    assert_error(run(*store, "search", "OZM", "--in", "nowhere"), 1, "unknown country")


def test_search_without_matches(small_store: Path) -> None:
    store = ("--store", str(small_store))
    assert rows(*store, "search", "no such text anywhere") == []
    result = run(*store, "search", "no such text anywhere")
    assert result.code == 0 and result.out == "" and "no rows" in result.err


# --- store, version, help ---------------------------------------------------------------------


def test_store_reports_the_bundled_store_by_default() -> None:
    row = run("store", "--format", "json").json()
    assert isinstance(row, dict), "one store: one JSON object, not an array of one"
    assert Path(row["path"]).resolve() == BUNDLED.resolve()
    assert row["origin"] == "bundled"
    assert row["writable"] is False
    assert row["profiles"] >= 6


def test_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out == f"minecli {__version__}\n"
    assert __version__.count(".") >= 1


def command_names(*, visible_only: bool = False) -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names = group.list_commands(None)  # type: ignore[arg-type]
    commands = {n: group.get_command(None, n) for n in names}  # type: ignore[arg-type]
    return sorted(n for n, c in commands.items() if not (visible_only and c.hidden))


def test_the_read_commands_exist() -> None:
    assert {
        "show",
        "votes",
        "resolutions",
        "list",
        "timeline",
        "sources",
        "search",
        "store",
        "init",
    } <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    result = run(name, "--help")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith(f"Usage: minecli {name}")
    description = result.out.split("\n\n")[1]  # the block after the usage line
    assert not description.lstrip().startswith(("Arguments:", "Options:")), f"{name}: no help"
    assert len(description.split()) >= 3, f"{name} --help has no real description"
    assert run(name, "-h").out == result.out


def test_root_help() -> None:
    result = run("--help")
    assert result.code == 0
    for name in command_names(visible_only=True):
        assert f"  {name} " in result.out


def test_python_dash_m_help() -> None:
    result = cli("--help", entry="module")
    assert result.code == 0 and result.err == ""
    assert "Usage:" in result.out and "show" in result.out and "votes" in result.out


def test_version_of_the_script() -> None:
    result = cli("--version", entry="script")
    assert (result.code, result.out, result.err) == (0, f"minecli {__version__}\n", "")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("nosuchcommand",), "no command 'nosuchcommand'"),
        (("list", "--bogus"), "--bogus"),
        (("show",), "Missing argument"),
        (("search",), "Missing argument"),
        (("votes", "-r"), "requires an argument"),
        (("--store",), "requires an argument"),
    ],
)
def test_usage_errors_are_one_line(args: tuple[str, ...], needle: str) -> None:
    assert_error(run(*args), 2, needle)


def test_no_arguments_prints_help() -> None:
    result = run()
    assert result.code == 2 and result.out == ""
    assert "Usage: minecli" in result.err and "Commands:" in result.err
