"""Writes never lose data: keys minecli does not know survive every write command, output is
canonical and deterministic, a file holding a comment is refused and left untouched, and
--dry-run (-n) shows the exact diff a write would make while changing nothing.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from minecli import codec, files
from minecli.schema import validate_profile

from .helpers import BUNDLED, FIXTURES, SIX, assert_error, run
from .write_support import (
    EDIT_FIXTURES,
    XE,
    changed_lines,
    file_diff,
    get_path,
    hunks,
    install,
    profile,
    profile_path,
    snapshot,
    text,
)


def mc(store: Path, *args: str):
    return run("--store", str(store), *args)


def assert_canonical(doc_text: str) -> None:
    """What minecli wrote is its own canonical form: writing it again changes no byte."""
    assert codec.dump_profile(files.parse(doc_text, "x")) == doc_text


# Every write command, on the fictional XE (tests/fixtures/edit/XE.toml), whose tables carry keys
# minecli does not know. None of these removes an entry that holds an unknown key.
XE_WRITES = [
    (
        "add-source",
        "XE",
        "--title",
        "New report",
        "--date",
        "2011-10",
        "--cites",
        "treaty",
        "--cites",
        "votes.65/48",
        "--cites",
        "use.1",
        "--cites",
        "ccw.convention",
        "--cites",
        "meetings.10MSP",
        "--cites",
        "production",
        "--cites",
        "stockpile",
    ),
    ("set", "XE", "treaty.status", "signatory"),
    ("set", "XE", "treaty.signed", "1997-12-03"),
    ("set", "XE", "votes.65/48", "no"),
    ("set", "XE", "votes.65/48.note", "Explained in plenary"),
    ("set", "XE", "ccw.convention", "false"),
    ("set", "XE", "meetings.10MSP.as", "state_party"),
    ("set", "XE", "stockpile.size", "2000"),
    ("set", "XE", "use.1.year", "1997"),
    ("set", "XE", "name", "Editland Republic"),
    ("unset", "XE", "treaty.note"),
    ("unset", "XE", "stockpile.size"),
    ("unset", "XE", "ccw.convention.since"),
    ("add-vote", "XE", "66/29", "yes", "--source", "1"),
    ("rm-vote", "XE", "51/45S"),
    ("add-meeting", "XE", "11MSP", "--attended", "--as", "observer", "--source", "2"),
    ("rm-meeting", "XE", "12MSP"),
    ("add-use", "XE", "--year", "2001", "--where", "Western border"),
    ("rm-use", "XE", "2"),
]
WRITE_IDS = [" ".join(w[:3]) for w in XE_WRITES]

# Where XE keeps keys minecli does not know (get_path syntax).
XE_UNKNOWN = [
    "motto",
    "research",
    "treaty|reviewed_by",
    "treaty|extra",
    "ccw|convention|checked",
    "ccw|protocol_iv",
    "votes|65/48|explained",
    "votes|65/48|speaker",
    "meetings|10MSP|delegation",
    "production|confidence",
    "stockpile|estimate_high",
    "use|0|casualties",
    "sections|0|lang",
    "sources|1|archive",
]


@pytest.fixture
def xe_store(store_copy: Path) -> Path:
    install(store_copy, XE)
    return store_copy


def test_the_xe_fixture_is_valid_canonical_and_full_of_unknown_keys() -> None:
    doc_text = XE.read_text(encoding="utf-8")
    doc = files.parse(doc_text, "XE")
    assert validate_profile(doc, "XE") == []
    assert_canonical(doc_text)
    for path in XE_UNKNOWN:
        assert get_path(doc, path) is not None


# --- unknown keys -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", XE_WRITES, ids=WRITE_IDS)
def test_unknown_keys_survive_every_write_command(xe_store: Path, args) -> None:
    before = profile(xe_store, "XE")
    result = mc(xe_store, *args)
    assert result.code == 0, result
    after_text = text(xe_store, "XE")
    after = tomllib.loads(after_text)
    for path in XE_UNKNOWN:
        assert get_path(after, path) == get_path(before, path), path
    assert validate_profile(after, "XE") == []
    assert_canonical(after_text)


def test_a_hand_written_file_loses_nothing_but_its_layout(store_copy: Path) -> None:
    """Dotted keys, inline tables, literal strings, odd key order: the values all survive."""
    install(store_copy, EDIT_FIXTURES / "XH.toml")
    before = profile(store_copy, "XH")
    result = mc(store_copy, "set", "XH", "treaty.status", "not_party", "--keep-sources")
    assert result.code == 0, result
    after_text = text(store_copy, "XH")
    after = tomllib.loads(after_text)
    before["treaty"]["status"] = "not_party"
    before["updated"] = dt.date.today()
    assert after == before
    assert_canonical(after_text)


# --- canonical, deterministic output --------------------------------------------------------------


@pytest.mark.parametrize("code", SIX)
def test_the_store_is_already_in_canonical_form(code: str) -> None:
    """So the first write to a bundled profile shows only the change, not a reformatting."""
    assert_canonical((BUNDLED / "countries" / f"{code}.toml").read_text(encoding="utf-8"))


def same_day(store: Path, code: str) -> tuple[str, ...]:
    """--updated with the date the profile already has: a write then changes only its fact."""
    held = profile(store, code).get("updated")
    return ("--updated", held.isoformat()) if isinstance(held, dt.date) else ()


@pytest.mark.parametrize(
    ("args", "removed", "added"),
    [
        (("treaty.status", "signatory"), ['status = "not_party"'], ['status = "signatory"']),
        (("votes.65/48", "yes"), ['vote = "abstain"'], ['vote = "yes"']),
        (("ccw.protocol_v", "true"), ["party = false"], ["party = true"]),
        (
            ("name", "Uzbekistan (Republic of)"),
            ['name = "Uzbekistan"'],
            ['name = "Uzbekistan (Republic of)"'],
        ),
        (("stockpile.size", "5000"), [], ["size = 5000"]),
        (("treaty.signed", "1997-12-03"), [], ["signed = 1997-12-03"]),
        (("use.2.year", "2001"), ["year = 1999"], ["year = 2001"]),
    ],
)
def test_a_set_changes_one_line(store_copy: Path, args, removed, added) -> None:
    before = text(store_copy, "UZ")
    keep = ("--keep-sources", *same_day(store_copy, "UZ"))
    assert mc(store_copy, "set", "UZ", *args, *keep).code == 0
    diff = file_diff(before, text(store_copy, "UZ"), "countries/UZ.toml")
    assert hunks(diff) == 1, diff
    assert changed_lines(diff) == (removed, added)


def test_the_same_change_gives_the_same_bytes(tmp_path: Path) -> None:
    from .helpers import copy_store

    a, b = copy_store(tmp_path / "a"), copy_store(tmp_path / "b")
    for store in (a, b):
        assert mc(store, "set", "UZ", "treaty.status", "signatory").code == 0
        assert mc(store, "add-source", "UZ", "--title", "T", "--cites", "treaty").code == 0
    assert text(a, "UZ") == text(b, "UZ")


def test_undoing_a_change_gives_back_the_original_bytes(store_copy: Path) -> None:
    original = text(store_copy, "UZ")
    keep = ("--keep-sources", *same_day(store_copy, "UZ"))
    assert mc(store_copy, "set", "UZ", "treaty.status", "signatory", *keep).code == 0
    assert text(store_copy, "UZ") != original
    assert mc(store_copy, "set", "UZ", "treaty.status", "not_party", *keep).code == 0
    assert text(store_copy, "UZ") == original


def test_a_write_that_changes_nothing_leaves_the_file_alone(store_copy: Path) -> None:
    path = profile_path(store_copy, "UZ")
    before, inode = snapshot(store_copy), path.stat().st_ino
    result = mc(store_copy, "set", "UZ", "treaty.status", "not_party")
    assert result.code == 0
    assert "Wrote" not in result.err
    assert snapshot(store_copy) == before
    assert path.stat().st_ino == inode  # not even replaced by an identical copy


@pytest.mark.parametrize("code", ["UZ", "XE"])
def test_add_source_only_adds_lines(xe_store: Path, code: str) -> None:
    before = text(xe_store, code)
    result = mc(
        xe_store,
        "add-source",
        code,
        "--title",
        "Another report",
        "--date",
        "2012",
        "--kind",
        "report",
        "--cites",
        "treaty",
        "--cites",
        "votes.65/48",
        *same_day(xe_store, code),
    )
    assert result.code == 0, result
    diff = file_diff(before, text(xe_store, code), f"countries/{code}.toml")
    removed, added = changed_lines(diff)
    # nothing goes but a partial date of the last update, which can only be written anew
    assert [line for line in removed if not line.startswith("updated = ")] == []
    assert 'title = "Another report"' in added


def test_add_source_only_adds_lines_on_a_new_profile(store_copy: Path) -> None:
    assert mc(store_copy, "new", "XK", "--name", "Kosovo").code == 0
    assert mc(store_copy, "add-source", "XK", "--title", "UNMIK report").out == "1\n"
    before = text(store_copy, "XK")
    long_title = (
        "Report of the Secretary-General on the United Nations Interim Administration "
        "Mission in Kosovo, S/2008/692"
    )
    assert mc(store_copy, "add-source", "XK", "--title", long_title).code == 0
    removed, _ = changed_lines(file_diff(before, text(store_copy, "XK"), "countries/XK.toml"))
    assert removed == []


def test_a_crlf_in_a_text_survives_an_unrelated_write(store_copy: Path) -> None:
    path = profile_path(store_copy, "UZ")
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith('note = "Officials'))
    lines[at] = (
        'note = "Pasted from a Windows document:\\r\\nsecond line"'  # escaped: TOML keeps it
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    note = "Pasted from a Windows document:\r\nsecond line"
    assert profile(store_copy, "UZ")["treaty"]["note"] == note
    assert mc(store_copy, "set", "UZ", "treaty.status", "signatory").code == 0
    assert profile(store_copy, "UZ")["treaty"]["note"] == note


# --- comments -----------------------------------------------------------------------------------


@pytest.fixture
def xa_store(store_copy: Path) -> Path:
    """The six states and tests/fixtures/XA.toml, a valid profile whose first lines are comments."""
    install(store_copy, FIXTURES / "XA.toml")
    return store_copy


XA_WRITES = [
    w if w[1] != "XE" else (w[0], "XA", *w[2:])
    for w in [
        ("add-source", "XE", "--title", "T", "--cites", "treaty"),
        ("set", "XE", "treaty.status", "signatory"),
        ("unset", "XE", "treaty.note"),
        ("add-vote", "XE", "66/29", "yes"),
        ("rm-vote", "XE", "65/48"),
        ("add-meeting", "XE", "11MSP"),
        ("rm-meeting", "XE", "10MSP"),
        ("add-use", "XE", "--year", "2001", "--where", "W"),
    ]
]


@pytest.mark.parametrize("dry", [False, True], ids=["write", "dry-run"])
@pytest.mark.parametrize("args", XA_WRITES, ids=[w[0] for w in XA_WRITES])
def test_a_file_with_a_comment_is_refused_and_untouched(xa_store: Path, args, dry: bool) -> None:
    before = snapshot(xa_store)
    result = mc(xa_store, *args, *(["--dry-run"] if dry else []))
    line = assert_error(result, 1, "countries/XA.toml:1:", "comment")
    assert "note" in line and "again" in line  # it says how to proceed
    assert snapshot(xa_store) == before


def test_an_end_of_line_comment_is_found_and_named_by_line(store_copy: Path) -> None:
    path = profile_path(store_copy, "UZ")
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index('status = "not_party"') + 1
    lines[number - 1] += "  # checked against the UN Treaty Collection, Feb 2026"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(store_copy)
    assert_error(
        mc(store_copy, "add-source", "UZ", "--title", "T"),
        1,
        f"countries/UZ.toml:{number}:",
        "comment",
    )
    assert snapshot(store_copy) == before


def test_a_hash_inside_text_is_not_a_comment(store_copy: Path) -> None:
    """'#' in URLs, titles, multi-line text and literal strings: the file stays writable."""
    install(store_copy, EDIT_FIXTURES / "XH.toml")
    install(store_copy, XE)
    for code in ("XH", "XE"):
        result = mc(
            store_copy,
            "add-source",
            code,
            "--title",
            "Issue #4 # of 7",
            "--url",
            "https://example.org/#top",
            "--note",
            "line one\n# line two",
        )
        assert result.code == 0, result
        # and what minecli wrote (with '#' in a multi-line string) can be written again
        assert mc(store_copy, "set", code, "treaty.status", "not_party").code == 0
        assert tomllib.loads(text(store_copy, code))["sources"][-1]["title"] == "Issue #4 # of 7"


def test_comments_in_resolutions_and_meetings_do_not_block_profile_writes(store_copy: Path) -> None:
    for name in ("resolutions.toml", "meetings.toml"):
        path = store_copy / name
        path.write_text("# kept by hand\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    res, meet = (
        (store_copy / "resolutions.toml").read_bytes(),
        (store_copy / "meetings.toml").read_bytes(),
    )
    assert mc(store_copy, "add-vote", "UZ", "81/40", "abstain").code == 0
    assert mc(store_copy, "add-meeting", "UZ", "11MSP", "--not-attended").code == 0
    assert (store_copy / "resolutions.toml").read_bytes() == res
    assert (store_copy / "meetings.toml").read_bytes() == meet


def test_a_comment_after_text_ending_in_a_quote_is_refused(store_copy: Path) -> None:
    path = profile_path(store_copy, "XA")
    path.write_text(
        'schema = 1\ncode = "XA"\nname = "Testland"\n\n[treaty]\nstatus = "not_party"\n\n'
        '[[sections]]\ntitle = "Policy"\ntext = """\nThe minister said "no.""""\n'
        "# TODO: check this quote against the 2004 interview\n",
        encoding="utf-8",
    )
    before = snapshot(store_copy)
    result = mc(store_copy, "set", "XA", "treaty.status", "signatory")
    assert "# TODO" in path.read_text(encoding="utf-8")
    assert_error(result, 1, "countries/XA.toml:12:", "comment")
    assert snapshot(store_copy) == before


# --- dry run ------------------------------------------------------------------------------------

DRY = [
    ("add-source", "UZ", "--title", "T", "--date", "2004-05", "--cites", "votes.65/48"),
    ("set", "UZ", "treaty.status", "signatory"),
    ("set", "UZ", "treaty.signed", "1997-12-03"),
    ("unset", "UZ", "stockpile.origin"),
    ("add-vote", "UZ", "81/40", "abstain", "--source", "6"),
    ("rm-vote", "UZ", "65/48"),
    ("add-meeting", "UZ", "11MSP", "--attended", "--as", "observer"),
    ("rm-meeting", "UZ", "10MSP"),
    ("add-use", "UZ", "--date", "2001-05", "--where", "W"),
    ("rm-use", "UZ", "2"),
    ("new", "XK", "--name", "Kosovo"),
]


@pytest.mark.parametrize("flag", ["--dry-run", "-n"])
@pytest.mark.parametrize("args", DRY, ids=[" ".join(d[:2]) for d in DRY])
def test_dry_run_prints_the_diff_the_write_makes_and_changes_nothing(
    store_copy: Path, args, flag: str
) -> None:
    code = "XK" if args[0] == "new" else "UZ"
    label = f"countries/{code}.toml"
    path = profile_path(store_copy, code)
    before_text = path.read_text(encoding="utf-8") if path.exists() else None
    before = snapshot(store_copy)
    texts = {
        p.relative_to(store_copy).as_posix(): p.read_text(encoding="utf-8")
        for p in store_copy.rglob("*.toml")
    }

    dry = mc(store_copy, *args, flag)
    assert dry.code == 0, dry
    assert snapshot(store_copy) == before
    assert "nothing was written" in dry.err
    header = "--- /dev/null" if before_text is None else f"--- a/{label}"
    assert dry.lines[:2] == [header, f"+++ b/{label}"]
    assert dry.lines[2].startswith("@@ ")

    real = mc(store_copy, *args)
    assert real.code == 0, real
    # the dry run showed exactly what the write then did, and printed nothing else (a vote
    # removed also recounts its resolution's tally in resolutions.toml)
    after = snapshot(store_copy)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert label in changed and set(changed) <= {label, "resolutions.toml"}
    expected = "".join(
        file_diff(
            texts.get(k),
            (store_copy / k).read_text(encoding="utf-8"),
            k,
        )
        for k in changed
    )
    assert dry.out == expected


def test_dry_run_of_add_source_prints_no_id(store_copy: Path) -> None:
    result = mc(store_copy, "add-source", "UZ", "--title", "T", "-n")
    assert result.code == 0
    assert not any(line.strip().isdigit() for line in result.lines)
    assert "Would add source [16] to UZ" in result.err


def test_dry_run_of_a_bad_write_is_an_error_too(store_copy: Path) -> None:
    before = snapshot(store_copy)
    assert_error(mc(store_copy, "set", "UZ", "treaty.status", "member", "-n"), 1, "treaty.status")
    assert snapshot(store_copy) == before


def test_a_full_date_is_written_unquoted_and_a_partial_one_quoted(store_copy: Path) -> None:
    assert mc(store_copy, "set", "UZ", "updated", "2026-02").code == 0
    assert 'updated = "2026-02"' in text(store_copy, "UZ").splitlines()
    assert mc(store_copy, "set", "UZ", "updated", "2026-02-14").code == 0
    assert "updated = 2026-02-14" in text(store_copy, "UZ").splitlines()
    assert profile(store_copy, "UZ")["updated"] == dt.date(2026, 2, 14)
