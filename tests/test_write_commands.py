"""The write commands, one by one: good input makes exactly the change asked for, bad input
changes nothing (issue 4: editing the store without ever losing data).

Good input: the change is in the file (read back with tomllib and with `show --format json`),
stderr says what was done, stdout holds only data (the new source id, the new use path).
Bad input: one `Error:` line on stderr, exit 1 (2 for a usage error), and every file of the
store byte-for-byte as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from .helpers import BUNDLED, FIXTURES, assert_error, run, sh
from .write_support import (
    get_path,
    install,
    meeting,
    profile,
    profile_path,
    show_json,
    snapshot,
    source,
    text,
    vote,
)

UZ_NEXT_ID = 16  # the bundled UZ has sources 1-15


def mc(store: Path, *args: str, input: str | None = None):
    return run("--store", str(store), *args, input=input)


def jsonable(doc):
    """A profile as its JSON form: dates become ISO text."""
    return json.loads(json.dumps(doc, default=lambda o: o.isoformat()))


def assert_written(result, *needles: str) -> None:
    """A successful write: exit 0, no traceback, and stderr says what was done."""
    assert result.code == 0, result
    assert "Traceback" not in result.err
    assert "Error" not in result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)


def assert_show_agrees(store: Path, code: str) -> None:
    """`show --format json` prints exactly what is on disk."""
    assert show_json(store, code) == jsonable(profile(store, code))


# --- add-source ---------------------------------------------------------------------------------


def test_add_source_prints_only_the_new_id_and_cites_the_fact(store_copy: Path) -> None:
    result = mc(
        store_copy,
        "add-source",
        "UZ",
        "--title",
        "T",
        "--date",
        "2004-05",
        "--cites",
        "votes.65/48",
    )
    assert_written(result, f"Added source [{UZ_NEXT_ID}] to UZ", "votes.65/48")
    assert result.out == f"{UZ_NEXT_ID}\n"
    doc = profile(store_copy, "UZ")
    assert source(doc, UZ_NEXT_ID) == {"id": UZ_NEXT_ID, "title": "T", "date": "2004-05"}
    assert vote(doc, "65/48")["sources"] == [6, UZ_NEXT_ID]
    shown = show_json(store_copy, "UZ")
    assert shown["sources"][-1] == {"id": UZ_NEXT_ID, "title": "T", "date": "2004-05"}
    assert_show_agrees(store_copy, "UZ")


@pytest.mark.parametrize(
    ("given", "stored", "toml_line"),
    [
        ("2004-05", "2004-05", 'date = "2004-05"'),
        ("2004", "2004", 'date = "2004"'),
        ("2001-07-31", dt.date(2001, 7, 31), "date = 2001-07-31"),
    ],
)
def test_add_source_partial_dates_stay_partial_full_dates_become_toml_dates(
    store_copy: Path, given: str, stored, toml_line: str
) -> None:
    result = mc(store_copy, "add-source", "UZ", "--title", "Interview", "--date", given)
    assert_written(result)
    value = source(profile(store_copy, "UZ"), UZ_NEXT_ID)["date"]
    assert value == stored and type(value) is type(stored)
    assert text(store_copy, "UZ").rstrip("\n").endswith(toml_line)
    assert source(show_json(store_copy, "UZ"), UZ_NEXT_ID)["date"] == str(stored)


def test_add_source_cites_every_kind_of_fact(store_copy: Path) -> None:
    paths = [
        "treaty",
        "ccw.protocol_v",
        "meetings.10MSP",
        "use.1",
        "votes.65/48",
        "stockpile",
        "un_membership",
    ]
    args = [a for p in paths for a in ("--cites", p)]
    result = mc(store_copy, "add-source", "UZ", "--title", "Report", *args)
    assert_written(result, ", ".join(paths))
    doc = profile(store_copy, "UZ")
    facts = {
        "treaty": doc["treaty"],
        "ccw.protocol_v": doc["ccw"]["protocol_v"],
        "meetings.10MSP": meeting(doc, "10MSP"),
        "use.1": doc["use"][0],
        "votes.65/48": vote(doc, "65/48"),
        "stockpile": doc["stockpile"],
        "un_membership": doc["un_membership"],
    }
    for path, fact in facts.items():
        assert fact["sources"][-1] == UZ_NEXT_ID, path
    # ...and nothing else cites it
    citing = [v["resolution"] for v in doc["votes"] if UZ_NEXT_ID in v.get("sources", [])]
    assert citing == ["65/48"]
    assert [m["meeting"] for m in doc["meetings"] if UZ_NEXT_ID in m["sources"]] == ["10MSP"]
    assert UZ_NEXT_ID not in doc["ccw"]["convention"]["sources"]
    assert_show_agrees(store_copy, "UZ")


def test_add_source_keeps_every_field_and_awkward_text(store_copy: Path) -> None:
    note = 'Two lines,\nwith "quotes", a back\\slash, a # hash and ünïcödé'
    result = mc(
        store_copy,
        "add-source",
        "UZ",
        "--title",
        "Letter [sic]",
        "--author",
        "A. Author",
        "--date",
        "2001-07",
        "--kind",
        "letter",
        "--url",
        "https://example.org/a#b",
        "--note",
        note,
    )
    assert_written(result)
    assert source(profile(store_copy, "UZ"), UZ_NEXT_ID) == {
        "id": UZ_NEXT_ID,
        "title": "Letter [sic]",
        "author": "A. Author",
        "date": "2001-07",
        "kind": "letter",
        "url": "https://example.org/a#b",
        "note": note,
    }
    assert_show_agrees(store_copy, "UZ")


def test_add_source_ids_count_up(store_copy: Path) -> None:
    ids = [mc(store_copy, "add-source", "KZ", "--title", f"S{i}").out for i in range(3)]
    assert ids == ["12\n", "13\n", "14\n"]  # the bundled KZ has sources 1-11
    assert [s["id"] for s in profile(store_copy, "KZ")["sources"]] == list(range(1, 15))


def test_add_source_id_captured_by_a_real_shell(store_copy: Path) -> None:
    """`id=$(minecli add-source ...)` holds the id and nothing else; the id then works."""
    result = sh(
        f'id=$(minecli --store "{store_copy}" add-source UZ --title "Interview, May 2004" '
        f"--date 2004-05 --kind interview) || exit 9\n"
        f'printf "<%s>\\n" "$id"\n'
        f'minecli --store "{store_copy}" sources UZ --format ids | grep -cx "$id"\n'
        f'path=$(minecli --store "{store_copy}" add-use UZ --year 2001 --where Somewhere) || exit 8\n'
        f'printf "<%s>\\n" "$path"\n'
        f'minecli --store "{store_copy}" add-source UZ --title "Second" --cites "$path"\n'
    )
    assert result.code == 0, result
    assert result.lines == [f"<{UZ_NEXT_ID}>", "1", "<use.4>", str(UZ_NEXT_ID + 1)]
    assert f"Added source [{UZ_NEXT_ID}] to UZ" in result.err
    assert "Added use.4 to UZ" in result.err
    doc = profile(store_copy, "UZ")
    assert doc["use"][3] == {"year": 2001, "where": "Somewhere", "sources": [UZ_NEXT_ID + 1]}


# --- set and unset ------------------------------------------------------------------------------


SET_CASES = [
    # (path, value typed, where it lands (| separated), the stored value)
    ("treaty.status", "signatory", "treaty|status", "signatory"),
    ("treaty.signed", "1997-12-03", "treaty|signed", dt.date(1997, 12, 3)),
    ("treaty.note", 'Said "no" in 2004 # twice', "treaty|note", 'Said "no" in 2004 # twice'),
    ("ccw.protocol_v", "true", "ccw|protocol_v|party", True),
    ("ccw.protocol_v.party", "unknown", "ccw|protocol_v|party", "unknown"),
    (
        "ccw.amended_protocol_ii.since",
        "2004-01-01",
        "ccw|amended_protocol_ii|since",
        dt.date(2004, 1, 1),
    ),
    ("votes.65/48", "yes", "votes|65/48|vote", "yes"),
    (
        "votes.65/48.note",
        "Cast by the new delegation",
        "votes|65/48|note",
        "Cast by the new delegation",
    ),
    ("meetings.10MSP.attended", "true", "meetings|10MSP|attended", True),
    ("stockpile.size", "5000", "stockpile|size", 5000),
    ("stockpile.status", "destroyed", "stockpile|status", "destroyed"),
    ("use.1.date", "1998-05", "use|0|date", "1998-05"),
    ("use.2.year", "2001", "use|1|year", 2001),
    ("updated", "2020", "updated", "2020"),
    ("updated", "2026-02", "updated", "2026-02"),
    ("updated", "2026-02-14", "updated", dt.date(2026, 2, 14)),
    ("name", "true", "name", "true"),  # text stays text, even when it looks like something else
    ("name", "1999", "name", "1999"),
    ("un_membership.admitted", "1992-03-03", "un_membership|admitted", dt.date(1992, 3, 3)),
]


@pytest.mark.parametrize(
    ("path", "value", "where", "stored"), SET_CASES, ids=[f"{c[0]}={c[1]}" for c in SET_CASES]
)
def test_set_stores_a_typed_value(
    store_copy: Path, path: str, value: str, where: str, stored
) -> None:
    result = mc(store_copy, "set", "UZ", path, value)
    assert_written(result, f"Set UZ {path}")
    assert result.out == ""
    got = get_path(profile(store_copy, "UZ"), where)
    assert got == stored and type(got) is type(stored)
    assert_show_agrees(store_copy, "UZ")


def test_set_a_vote_keeps_its_sources_only_when_asked_and_other_votes(store_copy: Path) -> None:
    before = profile(store_copy, "UZ")
    assert_written(mc(store_copy, "set", "UZ", "votes.65/48", "yes", "--keep-sources"))
    after = profile(store_copy, "UZ")
    assert vote(after, "65/48") == {"resolution": "65/48", "vote": "yes", "sources": [6]}
    vote(before, "65/48")["vote"] = "yes"
    before["updated"] = dt.date.today()
    assert after == before
    assert_written(mc(store_copy, "set", "UZ", "votes.65/48", "no"))
    assert vote(profile(store_copy, "UZ"), "65/48") == {"resolution": "65/48", "vote": "no"}


@pytest.mark.parametrize(
    ("path", "where", "key"),
    [
        ("stockpile.origin", "stockpile", "origin"),
        ("treaty.note", "treaty", "note"),
        ("ccw.convention.since", "ccw|convention", "since"),
        ("official_name", "", "official_name"),
    ],
)
def test_unset_removes_one_optional_field(
    store_copy: Path, path: str, where: str, key: str
) -> None:
    before = profile(store_copy, "UZ")
    result = mc(store_copy, "unset", "UZ", path, "--keep-sources")
    assert_written(result, f"Removed UZ {path}")
    assert result.out == ""
    after = profile(store_copy, "UZ")
    table = get_path(before, where) if where else before
    assert key in table
    del table[key]
    before["updated"] = dt.date.today()
    assert after == before
    assert_show_agrees(store_copy, "UZ")


# --- votes --------------------------------------------------------------------------------------


def test_rm_vote_then_add_vote_gives_back_the_same_file(store_copy: Path) -> None:
    original = text(store_copy, "UZ")
    was = profile(store_copy, "UZ")["updated"].isoformat()
    result = mc(store_copy, "rm-vote", "UZ", "65/48", "--updated", was)
    assert_written(result, "Removed UZ votes.65/48")
    doc = profile(store_copy, "UZ")
    assert vote(doc, "65/48") is None and len(doc["votes"]) == 30
    result = mc(store_copy, "add-vote", "UZ", "65/48", "abstain", "--source", "6", "--updated", was)
    assert_written(result, "Recorded UZ abstain on 65/48")
    assert result.out == ""
    assert text(store_copy, "UZ") == original  # back in its place, in resolution order


def test_add_vote_goes_in_resolution_order(store_copy: Path) -> None:
    assert_written(mc(store_copy, "rm-vote", "UZ", "51/45S"))
    result = mc(store_copy, "add-vote", "UZ", "A/RES/51/45S", "no")  # a UN symbol works too
    assert_written(result, "Recorded UZ no on 51/45S")
    doc = profile(store_copy, "UZ")
    assert doc["votes"][0] == {"resolution": "51/45S", "vote": "no"}
    order = [r["resolution"] for r in show_resolutions(store_copy)]
    held = [v["resolution"] for v in doc["votes"]]
    assert held == [n for n in order if n in held]
    assert_show_agrees(store_copy, "UZ")


def show_resolutions(store: Path):
    result = run("--store", str(store), "resolutions", "--format", "json")
    assert result.code == 0
    return result.json()


# --- meetings -----------------------------------------------------------------------------------


def test_add_meeting_attended_as_observer(store_copy: Path) -> None:
    result = mc(
        store_copy, "add-meeting", "UZ", "11MSP", "--attended", "--as", "observer", "--source", "3"
    )
    assert_written(result, "Recorded UZ attended 11MSP")
    assert result.out == ""
    doc = profile(store_copy, "UZ")
    assert meeting(doc, "11MSP") == {
        "meeting": "11MSP",
        "attended": True,
        "as": "observer",
        "sources": [3],
    }
    assert [m["meeting"] for m in doc["meetings"]][-3:] == ["10MSP", "IM2011", "11MSP"]
    assert_show_agrees(store_copy, "UZ")


def test_add_meeting_not_attended(store_copy: Path) -> None:
    result = mc(store_copy, "add-meeting", "UZ", "12MSP", "--not-attended")
    assert_written(result, "Recorded UZ did not attend 12MSP")
    assert meeting(profile(store_copy, "UZ"), "12MSP") == {"meeting": "12MSP", "attended": False}


def test_add_meeting_in_the_middle_keeps_meeting_order(store_copy: Path) -> None:
    assert_written(mc(store_copy, "rm-meeting", "UZ", "3MSP"))
    assert meeting(profile(store_copy, "UZ"), "3MSP") is None
    assert_written(mc(store_copy, "add-meeting", "UZ", "3MSP", "--as", "state_party"))
    ids = [m["meeting"] for m in profile(store_copy, "UZ")["meetings"]]
    assert ids[:4] == ["1MSP", "2MSP", "3MSP", "4MSP"]


def test_rm_meeting_then_add_meeting_gives_back_the_same_file(store_copy: Path) -> None:
    original = text(store_copy, "UZ")
    was = ("--updated", profile(store_copy, "UZ")["updated"].isoformat())
    assert_written(mc(store_copy, "rm-meeting", "UZ", "10MSP", *was), "Removed UZ meetings.10MSP")
    assert meeting(profile(store_copy, "UZ"), "10MSP") is None
    added = ("add-meeting", "UZ", "10MSP", "--not-attended", "--source", "3", *was)
    assert_written(mc(store_copy, *added))
    assert text(store_copy, "UZ") == original


# --- use ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "entry"),
    [
        (("--year", "2001"), {"year": 2001}),
        (("--date", "2001-05"), {"date": "2001-05"}),
        (("--date", "2001"), {"date": "2001"}),
        (("--date", "2001-05-03"), {"date": dt.date(2001, 5, 3)}),
    ],
)
def test_add_use_prints_its_path(store_copy: Path, args, entry) -> None:
    result = mc(
        store_copy,
        "add-use",
        "UZ",
        *args,
        "--where",
        "Border with Kyrgyzstan",
        "--summary",
        "Reported by the press",
        "--source",
        "3",
    )
    assert_written(result, "Added use.4 to UZ")
    assert result.out == "use.4\n"
    doc = profile(store_copy, "UZ")
    assert doc["use"][3] == {
        **entry,
        "where": "Border with Kyrgyzstan",
        "summary": "Reported by the press",
        "sources": [3],
    }
    for key, value in entry.items():
        assert type(doc["use"][3][key]) is type(value)
    assert_show_agrees(store_copy, "UZ")


def test_rm_use_removes_that_entry_only(store_copy: Path) -> None:
    result = mc(store_copy, "rm-use", "UZ", "1")
    assert_written(result, "Removed UZ use.1")
    assert [u["where"] for u in profile(store_copy, "UZ")["use"]] == [
        "Border with Kyrgyzstan",
        "Border with Tajikistan",
    ]


def test_rm_use_of_the_last_entry_removes_the_part(store_copy: Path) -> None:
    for _ in range(3):
        assert_written(mc(store_copy, "rm-use", "UZ", "1"))
    assert "use" not in profile(store_copy, "UZ")
    assert_error(mc(store_copy, "rm-use", "UZ", "1"), 1)


# --- new ----------------------------------------------------------------------------------------


def test_new_creates_a_profile_for_a_user_assigned_code(store_copy: Path) -> None:
    result = mc(store_copy, "new", "XK", "--name", "Kosovo")
    assert_written(result, "Created countries/XK.toml (Kosovo)")
    assert result.out == ""
    assert profile(store_copy, "XK") == {
        "schema": 1,
        "code": "XK",
        "name": "Kosovo",
        "updated": dt.date.today(),
        "treaty": {"status": "not_party"},
    }
    assert show_json(store_copy, "XK")["name"] == "Kosovo"
    # and it can be written to at once
    assert mc(store_copy, "add-source", "XK", "--title", "T", "--cites", "treaty").out == "1\n"
    assert profile(store_copy, "XK")["treaty"] == {"status": "not_party", "sources": [1]}


def test_new_takes_an_iso_code_in_any_case_and_the_iso_official_name(store_copy: Path) -> None:
    result = mc(store_copy, "new", "gb", "--name", "United Kingdom", "--status", "signatory")
    assert_written(result, "countries/GB.toml")
    doc = profile(store_copy, "GB")
    assert doc["code"] == "GB" and doc["treaty"] == {"status": "signatory"}
    assert "Britain" in doc["official_name"]
    assert "GB.toml" in os.listdir(store_copy / "countries")
    assert "gb.toml" not in os.listdir(store_copy / "countries")


# --- bad input: one error line, nothing changed ---------------------------------------------------

BAD = [
    # (arguments, exit code, text the error names)
    (("add-source", "UZ", "--title", "T", "--date", "2004-13"), 1, "2004-13"),
    (("add-source", "UZ", "--title", "T", "--date", "2004-02-30"), 1, "2004-02-30"),
    (("add-source", "UZ", "--title", "T", "--date", "May 2004"), 1, "May 2004"),
    (("add-source", "UZ", "--title", "T", "--cites", "votes.99/99"), 1, "99/99"),
    (("add-source", "UZ", "--title", "T", "--cites", "use.9"), 1, "use"),
    (("add-source", "UZ", "--title", "T", "--cites", "treaty", "--cites", "nowhere"), 1, "nowhere"),
    (("add-source", "../../etc/passwd", "--title", "T"), 1, "../../etc/passwd"),
    (("add-source", "ZZ", "--title", "T"), 1, "ZZ"),
    (("set", "../../etc/passwd", "name", "x"), 1, "../../etc/passwd"),
    (("set", "UZ", "treaty.signed", "2004-02-30"), 1, "treaty.signed"),
    (("set", "UZ", "treaty.signed", "2004-05"), 1, "treaty.signed"),
    (("set", "UZ", "treaty.signed", "yesterday"), 1, "treaty.signed"),
    (("set", "UZ", "treaty.status", "member"), 1, "treaty.status"),
    # what check would reject is refused by the writer too (one rule: model.treaty_problems)
    (("set", "UZ", "treaty.status", "state_party"), 1, "needs a consent date"),
    (("unset", "AF", "treaty.consent"), 1, "needs a consent date"),
    (("set", "TJ", "treaty.entry_into_force", "1990-01-01"), 1, "is before consent"),
    (("set", "UZ", "treaty.consent_type", "by_force"), 1, "consent_type"),
    (("set", "UZ", "ccw.protocol_v", "maybe"), 1, "ccw.protocol_v"),
    (("set", "UZ", "votes.65/48", "maybe"), 1, "votes.65/48"),
    (("set", "UZ", "votes.99/99", "yes"), 1, "99/99"),
    (("set", "UZ", "stockpile.size", "many"), 1, "stockpile.size"),
    (("set", "UZ", "treaty.foo", "1"), 1, "treaty.foo"),
    (("set", "UZ", "nothing.here", "1"), 1, "nothing.here"),
    (("set", "UZ", "use.9.year", "2001"), 1, "use"),
    (("set", "UZ", "code", "KZ"), 1, "code"),
    (("set", "UZ", "schema", "2"), 1, "schema"),
    (("unset", "UZ", "treaty.status"), 1, "treaty.status"),
    (("unset", "UZ", "name"), 1, "name"),
    (("unset", "UZ", "treaty.signed"), 1, "treaty.signed"),
    (("unset", "UZ", "treaty.bogus"), 1, "treaty.bogus"),
    (("add-vote", "UZ", "65/48", "yes"), 1, "65/48"),  # a duplicate
    (("add-vote", "UZ", "65/47", "yes"), 1, "65/47"),
    (("add-vote", "UZ", "99/99", "yes"), 1, "99/99"),
    (("add-vote", "UZ", "81/40", "yes", "--source", "99"), 1, "99"),
    (("add-vote", "ZZ", "81/40", "yes"), 1, "ZZ"),
    (("rm-vote", "UZ", "81/40"), 1, "81/40"),
    (("rm-vote", "UZ", "99/99"), 1, "99/99"),
    (("add-meeting", "UZ", "10MSP"), 1, "10MSP"),  # a duplicate
    (("add-meeting", "UZ", "99MSP"), 1, "99MSP"),
    (("add-meeting", "UZ", "11MSP", "--source", "99"), 1, "99"),
    (("rm-meeting", "UZ", "11MSP"), 1, "11MSP"),
    (("add-use", "UZ", "--date", "2001-13", "--where", "W"), 1, "2001-13"),
    (("add-use", "UZ", "--year", "2001", "--where", "W", "--source", "99"), 1, "99"),
    (("rm-use", "UZ", "9"), 1, "use"),
    (("rm-use", "UZ", "0"), 1, "use"),
    (("new", "QQ", "--name", "Nowhere"), 1, "QQ"),
    (("new", "../../etc/passwd", "--name", "x"), 1, "../../etc/passwd"),
    (("new", "UZ", "--name", "Uzbekistan again"), 1, "UZ"),
    # usage errors: exit 2, a value outside a closed set among them
    (("add-source", "UZ", "--title", "T", "--kind", "blog"), 2, "blog"),
    (("add-vote", "UZ", "65/48", "maybe"), 2, "maybe"),
    (("add-meeting", "UZ", "11MSP", "--as", "guest"), 2, "guest"),
    (("new", "XK", "--name", "Kosovo", "--status", "member"), 2, "member"),
    (("add-source", "UZ"), 2, "--title"),
    (("add-source",), 2, ""),
    (("set", "UZ", "treaty.status"), 2, ""),
    (("set", "UZ", "stockpile.types", "PMN"), 2, "stockpile.types"),
    (("add-vote", "UZ", "65/48"), 2, ""),
    (("add-use", "UZ", "--where", "W"), 2, "--year"),
    (("add-use", "UZ", "--year", "2001", "--date", "2001", "--where", "W"), 2, "--year"),
    (("add-use", "UZ", "--year", "2001"), 2, "--where"),
    (("add-use", "UZ", "--year", "soon", "--where", "W"), 2, "--year"),
    (("add-meeting", "UZ", "11MSP", "--not-attended", "--as", "observer"), 2, "--as"),
    (("rm-use", "UZ", "first"), 2, ""),
    (("new", "XK"), 2, "--name"),
    (("add-source", "UZ", "--title", "T", "--bogus"), 2, "--bogus"),
]


@pytest.mark.parametrize(("args", "code", "needle"), BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_changes_nothing(store_copy: Path, args, code: int, needle: str) -> None:
    before = snapshot(store_copy)
    assert_error(mc(store_copy, *args), code, needle)
    assert snapshot(store_copy) == before
    assert not (store_copy.parent / "etc").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("set", "TJ", "name", "x"),
        ("add-source", "TJ", "--title", "T"),
        ("add-vote", "TJ", "81/40", "yes"),
        ("rm-use", "TJ", "1"),
    ],
)
def test_a_broken_profile_is_not_written(store_copy: Path, args) -> None:
    """A profile that is not valid TOML: the error names file and line; nothing is changed."""
    tj = profile_path(store_copy, "TJ")
    tj.write_text(tj.read_text(encoding="utf-8") + "this is = = not toml [\n", encoding="utf-8")
    lines = tj.read_text(encoding="utf-8").count("\n")
    before = snapshot(store_copy)
    assert_error(mc(store_copy, *args), 1, "countries/TJ.toml", f"line {lines}")
    assert snapshot(store_copy) == before


def test_a_profile_with_a_comment_is_not_written(store_copy: Path) -> None:
    install(store_copy, FIXTURES / "XA.toml")
    before = snapshot(store_copy)
    assert_error(mc(store_copy, "set", "XA", "name", "Testland"), 1, "countries/XA.toml", "comment")
    assert snapshot(store_copy) == before


def test_a_write_in_a_real_process_reports_errors_the_same_way(store_copy: Path) -> None:
    from .helpers import cli

    before = snapshot(store_copy)
    assert_error(
        cli("--store", str(store_copy), "set", "UZ", "treaty.signed", "2004-02-30"),
        1,
        "treaty.signed",
    )
    assert_error(cli("--store", str(store_copy), "add-source", "UZ"), 2, "--title")
    assert snapshot(store_copy) == before


# --- the bundled store is never written -------------------------------------------------------------

WRITES = [
    ("add-source", "UZ", "--title", "T"),
    ("set", "UZ", "treaty.status", "signatory"),
    ("unset", "UZ", "treaty.note"),
    ("add-vote", "UZ", "63/42", "yes"),
    ("rm-vote", "UZ", "65/48"),
    ("add-meeting", "UZ", "11MSP"),
    ("rm-meeting", "UZ", "10MSP"),
    ("add-use", "UZ", "--year", "2001", "--where", "W"),
    ("rm-use", "UZ", "1"),
    ("new", "XK", "--name", "Kosovo"),
    ("edit", "UZ"),
]


@pytest.fixture(scope="module")
def bundled_snapshot() -> dict[str, str]:
    return snapshot(BUNDLED)


@pytest.mark.parametrize("args", WRITES, ids=[w[0] for w in WRITES])
def test_writing_the_bundled_store_says_to_run_init(args, bundled_snapshot, tmp_path: Path) -> None:
    editor = f"{_python()} -c pass"  # an editor that would change nothing, should one be run
    result = run(*args, env={"EDITOR": editor})
    assert_error(result, 1, "read-only", "minecli init")
    assert snapshot(BUNDLED) == bundled_snapshot


@pytest.mark.parametrize("how", ["--store", "MINECLI_STORE"])
def test_the_bundled_store_named_explicitly_is_read_only_too(how: str, bundled_snapshot) -> None:
    args = ("--store", str(BUNDLED)) if how == "--store" else ()
    env = {"MINECLI_STORE": str(BUNDLED)} if how == "MINECLI_STORE" else None
    result = run(*args, "set", "UZ", "treaty.status", "signatory", env=env)
    assert_error(result, 1, "read-only", "minecli init")
    assert snapshot(BUNDLED) == bundled_snapshot


def test_after_init_writes_go_to_the_user_store(isolate: Path, bundled_snapshot) -> None:
    assert run("init").code == 0
    result = run("set", "UZ", "treaty.status", "signatory")
    assert_written(result, "Set UZ treaty.status")
    user_store = isolate / "minecli" / "store"
    assert profile(user_store, "UZ")["treaty"]["status"] == "signatory"
    assert snapshot(BUNDLED) == bundled_snapshot


def _python() -> str:
    import sys

    return sys.executable
