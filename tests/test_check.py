"""`minecli check`: errors (exit 1) for what is wrong, warnings (exit 0) for what to know.

Each test breaks one thing in a copy of the six-state store and asserts the finding: its
severity, check, file, where and message, in the JSON rows scripts and CI read.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from minecli import codec

from .helpers import BUNDLED, assert_error, cli, run
from .write_support import profile, profile_path, snapshot

COLUMNS = ["severity", "check", "file", "where", "message", "line", "column"]


def check(store: Path | None, *args: str):
    base = ("--store", str(store)) if store is not None else ()
    return run(*base, "check", *args)


def findings(store: Path | None, *args: str) -> tuple[int, list[dict]]:
    result = check(store, *args, "--format", "json")
    assert "Traceback" not in result.err
    rows = result.json()
    assert isinstance(rows, list)
    for row in rows:
        assert list(row) == COLUMNS
        assert row["severity"] in ("error", "warning")
    return result.code, rows


def errors(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["severity"] == "error"]


def rewrite(store: Path, code: str, change) -> None:
    """Change a profile as a dict and write it back (canonically, as minecli would)."""
    path = profile_path(store, code)
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(codec.dump_profile(doc), encoding="utf-8")


def only_error(rows: list[dict]) -> dict:
    found = errors(rows)
    assert len(found) == 1, found
    return found[0]


# --- a healthy store ----------------------------------------------------------------------------


def test_the_bundled_store_passes() -> None:
    result = check(None)
    assert result.code == 0, result.err[-2000:]
    assert result.err.splitlines()[-1].startswith("check: ")
    assert " 0 error(s)" in result.err


def test_the_bundled_store_as_json_rows() -> None:
    code, rows = findings(None)
    assert code == 0
    assert errors(rows) == []
    assert rows, "the bundled store carries doubts, reported as warnings"
    for row in rows:
        assert all(isinstance(row[k], str) for k in COLUMNS[:5])
        assert row["file"].endswith(".toml")
        # every finding of the bundled store names the line of its table, a key's first column
        assert isinstance(row["line"], int) and row["line"] > 1
        assert row["column"] == 1


def test_the_small_store_has_no_errors(small_store: Path) -> None:
    code, rows = findings(small_store, "--errors-only")
    assert (code, rows) == (0, [])


def test_check_changes_nothing(store_copy: Path) -> None:
    rewrite(store_copy, "KZ", lambda d: d["treaty"].update(sources=[99]))
    before = snapshot(store_copy)
    assert check(store_copy).code == 1
    assert snapshot(store_copy) == before


# --- (a) broken TOML ---------------------------------------------------------------------------


def test_broken_toml_names_the_file_and_line(store_copy: Path) -> None:
    path = profile_path(store_copy, "TJ")
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + "this is = = not toml [\n", encoding="utf-8")
    code, rows = findings(store_copy)
    assert code == 1
    row = only_error(rows)
    assert row["file"] == "countries/TJ.toml" and row["check"] == "syntax"
    assert f"line {line}" in row["message"]
    # the table for people says the same
    table = check(store_copy)
    assert table.code == 1 and "countries/TJ.toml" in table.out and f"line {line}" in table.out
    # and every other profile still reads
    shown = run("--store", str(store_copy), "show", "UZ", "--format", "json")
    assert shown.code == 0 and shown.json()["code"] == "UZ"
    assert code == 1


def test_a_broken_resolutions_file_is_an_error_too(store_copy: Path) -> None:
    path = store_copy / "resolutions.toml"
    path.write_text(path.read_text(encoding="utf-8") + "[[resolutions]\n", encoding="utf-8")
    code, rows = findings(store_copy)
    assert code == 1
    assert any(r["file"] == "resolutions.toml" and r["check"] == "syntax" for r in errors(rows))


# --- (b), (c) citations ------------------------------------------------------------------------


def test_a_marker_with_no_such_source(store_copy: Path) -> None:
    rewrite(
        store_copy,
        "KZ",
        lambda d: d.setdefault("sections", []).append(
            {
                "title": "Policy",
                "text": "Kazakhstan says mines guard its borders.[4] And more.[42]\n",
            }
        ),
    )
    code, rows = findings(store_copy)
    assert code == 1
    row = only_error(rows)
    assert row["file"] == "countries/KZ.toml" and row["check"] == "citations"
    assert row["where"].startswith("sections")
    assert "[42]" in row["message"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["treaty"]["sources"].append(99), "treaty"),
        (lambda d: d["votes"][0].setdefault("sources", []).append(99), "votes.51/45S"),
        (lambda d: d["ccw"]["protocol_v"]["sources"].append(99), "ccw.protocol_v"),
        (lambda d: d["un_membership"]["sources"].append(99), "un_membership"),
    ],
    ids=["treaty", "vote", "ccw", "un_membership"],
)
def test_a_fact_citing_a_missing_source(store_copy: Path, change, where: str) -> None:
    rewrite(store_copy, "KZ", change)
    code, rows = findings(store_copy)
    assert code == 1
    row = only_error(rows)
    assert (row["file"], row["check"], row["where"]) == ("countries/KZ.toml", "citations", where)
    assert "[99]" in row["message"]


# --- (d), (e) duplicates and references ---------------------------------------------------------


def test_a_duplicate_vote(store_copy: Path) -> None:
    rewrite(
        store_copy,
        "KZ",
        lambda d: d["votes"].append({"resolution": "65/48", "vote": "yes", "sources": [3]}),
    )
    code, rows = findings(store_copy)
    assert code == 1
    row = only_error(rows)
    assert (row["check"], row["where"]) == ("duplicates", "votes.65/48")
    assert "2 times" in row["message"]


def test_a_duplicate_meeting(store_copy: Path) -> None:
    rewrite(
        store_copy,
        "UZ",
        lambda d: d["meetings"].append({"meeting": "10MSP", "attended": True, "sources": [3]}),
    )
    code, rows = findings(store_copy)
    assert code == 1
    assert only_error(rows)["where"] == "meetings.10MSP"


def test_a_vote_on_an_unknown_resolution_and_an_unknown_meeting(store_copy: Path) -> None:
    def change(d):
        d["votes"].append({"resolution": "99/99", "vote": "yes", "sources": [3]})
        d["meetings"] = [{"meeting": "99MSP", "attended": False, "sources": [3]}]

    rewrite(store_copy, "KZ", change)
    code, rows = findings(store_copy)
    assert code == 1
    found = {(r["check"], r["where"]) for r in errors(rows)}
    assert ("references", "votes.99/99") in found
    assert ("references", "meetings.99MSP") in found
    messages = " ".join(r["message"] for r in errors(rows))
    assert "resolutions.toml" in messages and "meetings.toml" in messages


def test_a_vote_on_a_resolution_marked_not_recorded(store_copy: Path) -> None:
    """No roll call of 81/40 is recorded, but one state's vote known from another source may be."""
    result = run("--store", str(store_copy), "add-vote", "KZ", "81/40", "yes")
    assert result.code == 0
    code, rows = findings(store_copy)
    assert code == 0 and errors(rows) == []
    roll = run("--store", str(store_copy), "votes", "-r", "81/40", "-f", "ids")
    assert roll.out == "KZ\n" and "not recorded" in roll.err


# --- (f) impossible dates ----------------------------------------------------------------------


def _party(consent, entry, consent_type="accession"):
    def change(d):
        d["treaty"].update(
            status="state_party", consent=consent, consent_type=consent_type, entry_into_force=entry
        )

    return change


def test_entry_into_force_before_consent(store_copy: Path) -> None:
    rewrite(store_copy, "KZ", _party(dt.date(2000, 1, 10), dt.date(1999, 7, 1)))
    code, rows = findings(store_copy)
    assert code == 1
    row = only_error(rows)
    assert (row["check"], row["where"]) == ("dates", "treaty.entry_into_force")
    assert "1999-07-01" in row["message"] and "2000-01-10" in row["message"]


def test_entry_into_force_before_consent_is_fine_for_a_succession(store_copy: Path) -> None:
    rewrite(store_copy, "KZ", _party(dt.date(2000, 1, 10), dt.date(1999, 7, 1), "succession"))
    code, rows = findings(store_copy, "--errors-only")
    assert (code, rows) == (0, [])


@pytest.mark.parametrize(
    ("treaty", "where"),
    [
        (
            {
                "status": "signatory",
                "signed": dt.date(1998, 1, 1),
                "consent": dt.date(1997, 12, 3),
                "consent_type": "ratification",
            },
            "treaty.consent",
        ),
        ({"status": "state_party", "consent_type": "ratification"}, "treaty.consent"),
        (
            {
                "status": "withdrawn",
                "consent": dt.date(1999, 1, 1),
                "consent_type": "ratification",
                "entry_into_force": dt.date(1999, 7, 1),
                "withdrawal_notified": dt.date(2025, 6, 1),
            },
            "treaty.withdrawal_effective",
        ),
        (
            {
                "status": "withdrawn",
                "consent": dt.date(1999, 1, 1),
                "consent_type": "ratification",
                "entry_into_force": dt.date(1999, 7, 1),
                "withdrawal_notified": dt.date(2025, 6, 1),
                "withdrawal_effective": dt.date(2025, 1, 1),
            },
            "treaty.withdrawal_effective",
        ),
    ],
    ids=[
        "consent-before-signature",
        "party-without-consent",
        "withdrawn-without-date",
        "effective-before-notice",
    ],
)
def test_other_impossible_treaty_dates(store_copy: Path, treaty: dict, where: str) -> None:
    rewrite(store_copy, "KZ", lambda d: d.update(treaty={**treaty, "sources": [1]}))
    code, rows = findings(store_copy)
    assert code == 1
    assert only_error(rows)["where"] == where


def test_a_vote_before_the_state_joined_the_un(store_copy: Path) -> None:
    rewrite(store_copy, "KZ", lambda d: d["un_membership"].update(admitted=dt.date(2000, 1, 1)))
    code, rows = findings(store_copy)
    assert code == 1
    dated = [r for r in errors(rows) if r["check"] == "dates"]
    # 51/45S (1996), 52/38A and 52/38H (1997), 53/77N (1998), 54/54B (1999)
    assert [r["where"] for r in dated] == [
        "votes.51/45S",
        "votes.52/38A",
        "votes.52/38H",
        "votes.53/77N",
        "votes.54/54B",
    ]
    assert all("2000-01-01" in r["message"] for r in dated)


# --- (g) warnings only ----------------------------------------------------------------------------


def test_a_source_nothing_cites_is_a_warning(store_copy: Path) -> None:
    result = run("--store", str(store_copy), "add-source", "KZ", "--title", "Uncited")
    assert result.out == "12\n"
    code, rows = findings(store_copy)
    assert code == 0
    kz = [r for r in rows if r["file"] == "countries/KZ.toml"]
    text = (store_copy / "countries" / "KZ.toml").read_text(encoding="utf-8").splitlines()
    assert text[kz[0]["line"] - 1] == "[[sources]]"
    assert text[kz[0]["line"]] == "id = 12"
    assert kz == [
        {
            "severity": "warning",
            "check": "citations",
            "file": "countries/KZ.toml",
            "where": "sources.12",
            "message": kz[0]["message"],
            "line": kz[0]["line"],
            "column": 1,
        }
    ]
    assert check(store_copy).code == 0
    assert findings(store_copy, "--errors-only") == (0, [])


def test_a_doubt_is_a_warning(store_copy: Path) -> None:
    rewrite(store_copy, "KZ", lambda d: d["treaty"].update(doubt="Is the date right?"))
    code, rows = findings(store_copy)
    assert code == 0
    assert {
        "severity": "warning",
        "check": "doubts",
        "file": "countries/KZ.toml",
        "where": "treaty",
        "message": "Is the date right?",
        "line": 13,
        "column": 1,
    } in rows


# --- choosing profiles ----------------------------------------------------------------------------


def test_check_only_the_named_profiles(store_copy: Path) -> None:
    rewrite(store_copy, "TJ", lambda d: d["treaty"]["sources"].append(99))
    rewrite(store_copy, "KZ", lambda d: d["treaty"].update(doubt="Check me"))
    assert check(store_copy).code == 1
    result = check(store_copy, "UZ", "KZ", "--format", "json")
    assert result.code == 0, result
    files = {r["file"] for r in result.json()}
    assert files == {"countries/KZ.toml", "countries/UZ.toml"}  # UZ: its disputed 53/77N vote
    assert "2 profile(s)" in result.err
    code, rows = findings(store_copy, "tajikistan")
    assert code == 1 and {r["file"] for r in rows} == {"countries/TJ.toml"}


def test_check_of_an_unknown_state_is_an_error(store_copy: Path) -> None:
    assert_error(check(store_copy, "ZZ"), 1, "ZZ")


def test_check_in_a_real_process(store_copy: Path) -> None:
    rewrite(store_copy, "KZ", lambda d: d["votes"].append({"resolution": "99/99", "vote": "no"}))
    result = cli("--store", str(store_copy), "check", "--format", "json")
    assert result.code == 1
    assert any(r["where"] == "votes.99/99" for r in result.json())
    assert result.err.splitlines()[-1].startswith("check: 6 profile(s), 1 error(s)")


# --- a mistyped table: found, not a crash -----------------------------------------------------------


@pytest.mark.parametrize("line", ['treaty = "not_party"', 'votes = "yes"', "meetings = 5"])
def test_a_mistyped_table_is_a_schema_error_not_a_crash(store_copy: Path, line: str) -> None:
    path = profile_path(store_copy, "XA")
    path.write_text(f'schema = 1\ncode = "XA"\nname = "Testland"\n{line}\n', encoding="utf-8")
    result = check(store_copy, "--format", "json")
    assert result.code == 1
    rows = result.json()
    assert any(r["file"] == "countries/XA.toml" and r["check"] == "schema" for r in rows)


@pytest.mark.parametrize("line", ["use = 3", "sources = 3"])
def test_a_mistyped_list_is_reported_not_a_crash(store_copy: Path, line: str) -> None:
    path = profile_path(store_copy, "XA")
    path.write_text(f'schema = 1\ncode = "XA"\nname = "Testland"\n{line}\n', encoding="utf-8")
    assert_error(run("--store", str(store_copy), "show", "XA"), 1, "countries/XA.toml")
    listed = run("--store", str(store_copy), "list", "--format", "ids")
    assert listed.code == 0 and "UZ" in listed.lines


def test_a_write_to_a_mistyped_table_is_an_error_not_a_crash(store_copy: Path) -> None:
    path = profile_path(store_copy, "XA")
    path.write_text(
        'schema = 1\ncode = "XA"\nname = "Testland"\ntreaty = "not_party"\n', encoding="utf-8"
    )
    before = snapshot(store_copy)
    assert_error(run("--store", str(store_copy), "set", "XA", "treaty.status", "signatory"), 1)
    assert snapshot(store_copy) == before


def test_profile_fixture_sanity(store_copy: Path) -> None:
    """The facts these tests change are where they expect them."""
    kz = profile(store_copy, "KZ")
    assert kz["votes"][0]["resolution"] == "51/45S"
    assert [s["id"] for s in kz["sources"]] == list(range(1, 12))
    assert kz["un_membership"]["admitted"] == dt.date(1992, 3, 2)
    assert (BUNDLED / "countries" / "KZ.toml").read_bytes() == profile_path(
        store_copy, "KZ"
    ).read_bytes()
