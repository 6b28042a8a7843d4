"""Provenance on every write (issue 11): a changed fact drops the citations of its old value,
cites what the writer names (--source, --cite-new), warns when it is left citing nothing; every
write dates the profile; rm-source; import-status --as-of on every state it covers."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .helpers import assert_error, cli, run, sh

TODAY = dt.date.today()


def load(store: Path, code: str = "UZ") -> dict[str, Any]:
    return tomllib.loads((store / "countries" / f"{code}.toml").read_text(encoding="utf-8"))


def at(store: Path, *args: str):
    return run("--store", str(store), *args)


def vote(profile: dict, number: str) -> dict:
    return next(v for v in profile["votes"] if v["resolution"] == number)


def test_a_changed_status_no_longer_cites_the_old_record(store_copy: Path) -> None:
    assert load(store_copy)["treaty"]["sources"] == [4, 3]
    result = at(store_copy, "set", "UZ", "treaty.status", "signatory")
    assert result.code == 0, result
    assert "Dropped [4], [3] from UZ treaty: they backed the old value" in result.err
    assert "Warning: UZ treaty changed and cites no source" in result.err
    assert "sources" not in load(store_copy)["treaty"]


def test_source_names_what_backs_the_new_value(store_copy: Path) -> None:
    result = at(store_copy, "set", "UZ", "votes.65/48", "yes", "--source", "1", "--source", "2")
    assert result.code == 0, result
    assert vote(load(store_copy), "65/48")["sources"] == [1, 2]
    assert "Warning" not in result.err
    assert "Cited [1], [2] on UZ votes.65/48" in result.err


def test_keep_sources_keeps_the_old_citations(store_copy: Path) -> None:
    before = vote(load(store_copy), "65/48")["sources"]
    result = at(store_copy, "set", "UZ", "votes.65/48", "yes", "--keep-sources", "--source", "2")
    assert result.code == 0, result
    assert vote(load(store_copy), "65/48")["sources"] == [*before, 2]
    assert "Dropped" not in result.err


def test_an_unchanged_value_keeps_its_citations(store_copy: Path) -> None:
    held = vote(load(store_copy), "65/48")
    result = at(store_copy, "set", "UZ", "votes.65/48", held["vote"])
    assert result.code == 0 and "Dropped" not in result.err
    assert vote(load(store_copy), "65/48")["sources"] == held["sources"]


def test_cite_new_adds_the_source_and_cites_it(store_copy: Path) -> None:
    result = at(
        store_copy,
        "set",
        "UZ",
        "treaty.status",
        "signatory",
        "--cite-new",
        "Status of the treaty, UN Treaty Collection",
        "--date",
        "2026-11-30",
        "--kind",
        "record",
        "--author",
        "United Nations",
        "--url",
        "https://treaties.un.org/",
    )
    assert result.code == 0, result
    profile = load(store_copy)
    added = profile["sources"][-1]
    assert added == {
        "id": 16,
        "title": "Status of the treaty, UN Treaty Collection",
        "author": "United Nations",
        "date": dt.date(2026, 11, 30),
        "kind": "record",
        "url": "https://treaties.un.org/",
    }
    assert profile["treaty"]["sources"] == [16]
    assert "Added source [16] of UZ" in result.err


@pytest.mark.parametrize("option", [("--date", "2026"), ("--kind", "record"), ("--url", "x")])
def test_source_details_need_cite_new(store_copy: Path, option: tuple[str, str]) -> None:
    before = (store_copy / "countries" / "UZ.toml").read_bytes()
    result = at(store_copy, "set", "UZ", "treaty.status", "signatory", *option)
    assert_error(result, 2, option[0], "--cite-new")
    assert (store_copy / "countries" / "UZ.toml").read_bytes() == before


def test_a_bad_source_date_is_one_error(store_copy: Path) -> None:
    result = at(
        store_copy,
        "set",
        "UZ",
        "treaty.status",
        "signatory",
        "--cite-new",
        "X",
        "--date",
        "2026-13",
    )
    assert_error(result, 1, "--date", "2026-13")


def test_a_source_the_profile_lacks_is_refused(store_copy: Path) -> None:
    before = (store_copy / "countries" / "UZ.toml").read_bytes()
    assert_error(at(store_copy, "set", "UZ", "votes.65/48", "yes", "--source", "99"), 1, "99")
    assert (store_copy / "countries" / "UZ.toml").read_bytes() == before


def test_a_field_that_is_no_fact_cannot_cite(store_copy: Path) -> None:
    assert_error(at(store_copy, "set", "UZ", "name", "Uzbekistan", "--source", "1"), 2, "fact")


def test_unset_drops_the_citations_too(store_copy: Path) -> None:
    assert at(store_copy, "set", "UZ", "treaty.signed", "1997-12-03", "--keep-sources").code == 0
    result = at(store_copy, "unset", "UZ", "treaty.signed", "--source", "4")
    assert result.code == 0, result
    assert load(store_copy)["treaty"]["sources"] == [4]


def test_add_vote_meeting_and_use_cite_what_they_are_given(store_copy: Path) -> None:
    assert at(store_copy, "rm-vote", "UZ", "80/35").code == 0
    result = at(store_copy, "add-vote", "UZ", "80/35", "yes", "--source", "3", "--source", "1")
    assert result.code == 0, result
    assert vote(load(store_copy), "80/35")["sources"] == [3, 1]
    result = at(
        store_copy,
        "add-meeting",
        "UZ",
        "22MSP",
        "--as",
        "observer",
        "--cite-new",
        "List of participants",
        "--kind",
        "record",
        "--date",
        "2024-11",
    )
    assert result.code == 0, result
    profile = load(store_copy)
    meeting = next(m for m in profile["meetings"] if m["meeting"] == "22MSP")
    assert meeting["sources"] == [16] and profile["sources"][-1]["date"] == "2024-11"
    result = at(
        store_copy,
        "add-use",
        "UZ",
        "--date",
        "2001-05",
        "--where",
        "Sokh",
        "--cite-new",
        "Press report",
        "--cite-date",
        "2001-07",
    )
    assert result.code == 0, result
    profile = load(store_copy)
    assert profile["use"][-1]["date"] == "2001-05"
    assert profile["use"][-1]["sources"] == [17]
    assert profile["sources"][-1] == {"id": 17, "title": "Press report", "date": "2001-07"}


def test_a_new_fact_citing_nothing_is_warned_of(store_copy: Path) -> None:
    result = at(store_copy, "add-use", "UZ", "--year", "2001", "--where", "Sokh")
    assert result.code == 0
    assert "Warning: UZ use." in result.err and "cites no source" in result.err


def test_every_write_dates_the_profile(store_copy: Path) -> None:
    assert load(store_copy)["updated"] != TODAY
    assert at(store_copy, "set", "UZ", "stockpile.size", "1000", "--keep-sources").code == 0
    assert load(store_copy)["updated"] == TODAY
    result = at(store_copy, "add-source", "KZ", "--title", "A letter", "--updated", "2026-11-01")
    assert result.code == 0, result
    assert load(store_copy, "KZ")["updated"] == dt.date(2026, 11, 1)


def test_a_write_that_changes_nothing_does_not_date_it(store_copy: Path) -> None:
    before = (store_copy / "countries" / "UZ.toml").read_bytes()
    held = vote(load(store_copy), "65/48")["vote"]
    assert at(store_copy, "set", "UZ", "votes.65/48", held).code == 0
    assert (store_copy / "countries" / "UZ.toml").read_bytes() == before


def test_setting_updated_itself_is_kept(store_copy: Path) -> None:
    assert at(store_copy, "set", "UZ", "updated", "2026-10-01").code == 0
    assert load(store_copy)["updated"] == dt.date(2026, 10, 1)


@pytest.mark.parametrize("value", ["2026-11", "tomorrow", "2999-01-01"])
def test_a_bad_updated_date_is_a_usage_error(store_copy: Path, value: str) -> None:
    before = (store_copy / "countries" / "UZ.toml").read_bytes()
    result = at(store_copy, "set", "UZ", "stockpile.size", "10", "--updated", value)
    assert_error(result, 2, "--updated", value)
    assert (store_copy / "countries" / "UZ.toml").read_bytes() == before


def test_rm_source_refuses_a_cited_source(store_copy: Path) -> None:
    before = (store_copy / "countries" / "UZ.toml").read_bytes()
    assert_error(at(store_copy, "rm-source", "UZ", "14"), 1, "[14]", "votes.80/35", "--force")
    assert (store_copy / "countries" / "UZ.toml").read_bytes() == before


def test_rm_source_force_says_what_lost_it_and_never_reuses_the_id(store_copy: Path) -> None:
    result = at(store_copy, "rm-source", "UZ", "15", "--force")
    assert result.code == 0, result
    assert "Removed source [15] of UZ" in result.err
    assert "votes.53/77N.readings.1 was removed: it was the reading of [15] alone" in result.err
    profile = load(store_copy)
    assert 15 not in [s["id"] for s in profile["sources"]]
    assert "readings" not in vote(profile, "53/77N")
    added = at(store_copy, "add-source", "UZ", "--title", "Something new")
    assert added.out == "16\n", "the id of the removed source is not given again"
    assert at(store_copy, "rm-source", "UZ", "16").code == 0
    assert at(store_copy, "add-source", "UZ", "--title", "Another").out == "17\n"


def test_rm_source_of_an_unknown_id(store_copy: Path) -> None:
    assert_error(at(store_copy, "rm-source", "UZ", "99"), 1, "no source 99")


def test_a_script_adds_a_source_and_cites_it_in_a_real_pipe(store_copy: Path) -> None:
    m = f"{shlex.quote(sys.executable)} -m minecli --store {shlex.quote(str(store_copy))}"
    result = sh(
        f'id=$({m} add-source UZ --title "UNTC depositary notification" --date 2026-11-30) && '
        f'{m} set UZ treaty.status signatory --source "$id" && {m} show UZ -f json'
    )
    assert result.code == 0, result
    assert '"sources": [\n      16\n    ]' in result.out or '"sources": [16]' in result.out
    assert load(store_copy)["treaty"]["sources"] == [16]


EDITOR = r"""
import sys
from pathlib import Path
draft = Path(sys.argv[-1])
text = draft.read_text(encoding="utf-8")
draft.write_text(text.replace('status = "not_party"', 'status = "signatory"', 1), encoding="utf-8")
"""


def test_edit_settles_citations_and_dates_the_profile(store_copy: Path, tmp_path: Path) -> None:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    env = {"EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", "VISUAL": None}
    result = run("--store", str(store_copy), "edit", "UZ", "--source", "1", env=env)
    assert result.code == 0, result
    profile = load(store_copy)
    assert profile["treaty"]["status"] == "signatory"
    assert profile["treaty"]["sources"] == [1]
    assert profile["updated"] == TODAY
    assert "Dropped [4], [3] from UZ treaty" in result.err


def test_import_status_dates_every_state_it_covers(store_copy: Path, tmp_path: Path) -> None:
    table = tmp_path / "status.csv"
    table.write_text(
        "iso2,name,status,signed,consent,consent_type,entry_into_force,withdrawal_notified,"
        "withdrawal_effective,source\nUZ,Uzbekistan,not_party,,,,,,,\n",
        encoding="utf-8",
    )
    result = cli("--store", str(store_copy), "import-status", str(table), "--as-of", "2026-11-30")
    assert result.code == 0, result
    assert "0 changed, 1 unchanged" in result.err
    treaty = load(store_copy)["treaty"]
    assert treaty["as_of"] == dt.date(2026, 11, 30), "unchanged, but read again that day"
    assert treaty["sources"][:2] == [4, 3], "an unchanged status keeps what backed it"
    assert len(treaty["sources"]) == 3
    assert load(store_copy, "KZ")["treaty"].get("as_of") != dt.date(2026, 11, 30)


# --- the options are declared once ---------------------------------------------------------------


def test_cites_declares_the_options_and_passes_what_they_say() -> None:
    import inspect

    from minecli.commands._citing import cites

    seen = {}

    @cites(date_option="--cite-date")
    def command(code: str, updated: str | None = None, *, cited) -> None:
        seen["cited"] = cited

    names = list(inspect.signature(command).parameters)
    assert names == [
        "code",
        "source",
        "cite_new",
        "cite_date",
        "kind",
        "author",
        "url",
        "keep_sources",
        "updated",
    ]
    command(
        "UZ",
        source=[3],
        cite_new="Letter",
        cite_date="2001-07",
        kind="letter",
        author=None,
        url=None,
        keep_sources=True,
    )
    cited = seen["cited"]
    assert (cited.ids, cited.keep, cited.new["title"]) == ((3,), True, "Letter")
    assert str(cited.new["date"]) == "2001-07"


@pytest.mark.parametrize(
    ("command", "date", "keep"),
    [
        ("set", "--date", True),
        ("unset", "--date", True),
        ("edit", "--date", True),
        ("add-vote", "--date", False),
        ("add-meeting", "--date", False),
        ("add-use", "--cite-date", False),
    ],
)
def test_every_write_takes_the_same_provenance_options(command: str, date: str, keep: bool) -> None:
    result = run(command, "--help", env={"COLUMNS": "200"})
    assert result.code == 0, result
    options = set(re.findall(r"(--[a-z-]+)", result.out))
    assert {"--source", "--cite-new", date, "--kind", "--author", "--url", "--updated"} <= options
    assert ("--keep-sources" in options) is keep
