"""import-votes: a General Assembly roll call from a CSV file into a writable store.

Two layouts: the UN Digital Library's voting data (alpha-3 ms_code, ms_vote Y/N/A/X, one
resolution or the multi-resolution download) and a plain code,vote file (alpha-2, alpha-3 or
names). Every row is checked first: one bad row and nothing changes.

Stores are copies of data/store (or made with `minecli --store DIR init`). "Unchanged" is checked
byte for byte over every file of the store; the only file a write may add is `.minecli.lock`,
the store's write lock, which is left out of the comparison.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .helpers import BUNDLED, REPO, assert_error, cli, run
from .write_support import LOCK
from .write_support import snapshot as digest

RAW = REPO / "data" / "raw"
SAMPLE = RAW / "undl_layout_sample_65-48.csv"

UNDL_VOTES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}


# --- helpers ---------------------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def votes_of(store: Path, code: str) -> dict[str, dict[str, Any]]:
    return {v["resolution"]: v for v in load(store / "countries" / f"{code}.toml").get("votes", [])}


def resolution(store: Path, number: str) -> dict[str, Any] | None:
    return {r["number"]: r for r in load(store / "resolutions.toml")["resolutions"]}.get(number)


def sample_rows() -> tuple[list[str], list[dict[str, str]]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def retarget(
    rows: list[dict[str, str]], number: str, date: str, title: str
) -> list[dict[str, str]]:
    """The sample's rows as the roll call of another resolution."""
    session = number.split("/")[0]
    return [
        {
            **r,
            "resolution": f"A/RES/{number}",
            "date": date,
            "session": session,
            "title": f"{title} : resolution / adopted by the General Assembly",
        }
        for r in rows
    ]


def write_csv(path: Path, fields: list[str], rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


SIX_ALPHA3 = {"AFG": "AF", "KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "TKM": "TM", "UZB": "UZ"}


def six_rows() -> list[dict[str, str]]:
    """The sample's rows of the six states of the small test store (conftest's store_copy)."""
    return [r for r in sample_rows()[1] if r["ms_code"] in SIX_ALPHA3]


def imp(store: Path, *args: str):
    return run("--store", str(store), "import-votes", *map(str, args))


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip fsync in this (in-process) test: writing all 193 profiles otherwise spends over a
    second waiting for the disk, and durability is not what these tests are about."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@pytest.fixture
def full_store(tmp_path: Path) -> Path:
    """A writable copy of the bundled store (all 197 states)."""
    return Path(shutil.copytree(BUNDLED, tmp_path / "full-store"))


@pytest.fixture
def store(store_copy: Path) -> Path:
    """A writable six-state store (AF KG KZ TJ TM UZ, with the bundled resolutions and
    meetings): enough for the files that name only these states, and quicker to write."""
    return store_copy


@pytest.fixture
def new_undl(tmp_path: Path) -> Path:
    """A UN Digital Library file for 80/99, made from the 65/48 sample; Uzbekistan votes N."""
    fields, rows = sample_rows()
    rows = retarget(rows, "80/99", "2025-12-01", "Implementation of the Convention (test)")
    for r in rows:
        if r["ms_code"] == "UZB":
            r["ms_vote"] = "N"
    return write_csv(tmp_path / "undl-80-99.csv", fields, rows)


# --- the 65/48 sample: the store already holds it -------------------------------------------------


def test_sample_on_an_initialised_store(tmp_path: Path, no_fsync: None) -> None:
    target = tmp_path / "team-store"
    made = run("--store", str(target), "init")
    assert made.code == 0, made
    before_votes = {
        p.stem: votes_of(target, p.stem).get("65/48", {}).get("vote")
        for p in (target / "countries").glob("*.toml")
    }
    n = len(sample_rows()[1])
    assert n == 192

    first = imp(target, SAMPLE)
    assert first.code == 0, first
    assert first.out == ""
    assert (
        f"65/48: 0 added, 0 changed, {n} unchanged; tally 165 yes, 0 no, 17 abstain, 10 absent"
    ) in first.err
    after_votes = {
        p.stem: votes_of(target, p.stem).get("65/48", {}).get("vote")
        for p in (target / "countries").glob("*.toml")
    }
    assert after_votes == before_votes, "no vote changed"
    assert resolution(target, "65/48")["tally"] == {
        "yes": 165,
        "no": 0,
        "abstain": 17,
        "absent": 10,
    }
    # the votes now also cite the UN Digital Library; the other votes are untouched
    profile = load(target / "countries" / "UZ.toml")
    vote = {v["resolution"]: v for v in profile["votes"]}["65/48"]
    titles = {s["id"]: s["title"] for s in profile["sources"]}
    assert any("65/48" in titles[i] and "Digital Library" in titles[i] for i in vote["sources"])
    assert [v for v in profile["votes"] if v["resolution"] != "65/48"] == [
        v for v in load(BUNDLED / "countries" / "UZ.toml")["votes"] if v["resolution"] != "65/48"
    ]

    snapshot = digest(target)
    second = imp(target, SAMPLE)
    assert second.code == 0, second
    assert "0 added, 0 changed" in second.err and "nothing changed" in second.err
    assert digest(target) == snapshot, "a second import leaves every file byte-identical"
    assert run("--store", str(target), "check", "--errors-only").code == 0


# --- a resolution new to the store ---------------------------------------------------------------


def test_new_resolution_from_the_un_digital_library(
    full_store: Path, new_undl: Path, no_fsync: None
) -> None:
    store = full_store
    result = imp(store, new_undl)
    assert result.code == 0, result
    assert (
        "80/99: 192 added, 0 changed, 0 unchanged; tally 165 yes, 1 no, 16 abstain, 10 absent"
        in result.err
    )
    entry = resolution(store, "80/99")
    assert entry is not None
    assert entry["session"] == 80
    assert str(entry["date"]) == "2025-12-01"
    assert entry["title"] == "Implementation of the Convention (test)"
    assert entry["recorded"] is True
    assert entry["tally"] == {"yes": 165, "no": 1, "abstain": 16, "absent": 10}

    rows = run("--store", str(store), "votes", "--resolution", "80/99", "--format", "json").json()
    got = {r["code"]: r["vote"] for r in rows}
    # alpha-3 -> alpha-2, Y/N/A/X -> yes/no/abstain/absent: the same roll call as 65/48, but UZ
    bundled = run(
        "--store", str(BUNDLED), "votes", "--resolution", "65/48", "--format", "json"
    ).json()
    want = {r["code"]: r["vote"] for r in bundled} | {"UZ": "no"}
    assert got == want
    assert (got["AF"], got["DZ"], got["RS"], got["ME"], got["IT"], got["US"]) == (
        "yes",
        "yes",
        "yes",
        "yes",
        "absent",
        "abstain",
    )
    # each sample row by its own alpha-3 code
    _, sample = sample_rows()
    by_alpha3 = {
        "AFG": "AF",
        "ALB": "AL",
        "DZA": "DZ",
        "SRB": "RS",
        "MNE": "ME",
        "ITA": "IT",
        "KIR": "KI",
        "USA": "US",
        "UZB": "UZ",
    }
    for row in sample:
        if row["ms_code"] in by_alpha3 and row["ms_code"] != "UZB":
            assert got[by_alpha3[row["ms_code"]]] == UNDL_VOTES[row["ms_vote"]], row["ms_code"]
    # the new resolution is listed, in session order, and the store stays valid
    listed = [
        r["resolution"] for r in run("--store", str(store), "resolutions", "-f", "json").json()
    ]
    assert listed[-1] == "80/99"
    assert run("--store", str(store), "check", "--errors-only").code == 0


def test_second_undl_resolution_cites_its_own_source(store_copy: Path, tmp_path: Path) -> None:
    fields, _ = sample_rows()
    first = write_csv(tmp_path / "65-48.csv", fields, six_rows())
    second = write_csv(
        tmp_path / "80-99.csv",
        fields,
        retarget(six_rows(), "80/99", "2025-12-01", "Implementation (test)"),
    )
    assert imp(store_copy, first).code == 0
    assert imp(store_copy, second).code == 0
    profile = load(store_copy / "countries" / "UZ.toml")
    titles = {s["id"]: s["title"] for s in profile["sources"]}
    vote = {v["resolution"]: v for v in profile["votes"]}["80/99"]
    assert [titles[i] for i in vote["sources"] if "65/48" in titles[i]] == []
    assert any("80/99" in titles[i] for i in vote["sources"])


# --- the multi-resolution download ------------------------------------------------------------


@pytest.fixture
def download(tmp_path: Path) -> Path:
    """Two resolutions in one file, as the full download has them (six states' rows each)."""
    fields, _ = sample_rows()
    other = retarget(six_rows(), "80/99", "2025-12-01", "Implementation of the Convention (test)")
    for r in other:
        r["ms_vote"] = {"UZB": "N", "KAZ": "X", "KGZ": "A"}.get(r["ms_code"], "Y")
    return write_csv(tmp_path / "undl-all.csv", fields, six_rows() + other)


@pytest.mark.parametrize("named", ["80/99", "A/RES/80/99"])
def test_multi_resolution_download_takes_the_named_one(
    store_copy: Path, download: Path, named: str
) -> None:
    store = store_copy
    res_before = resolution(store, "65/48")
    uz_before = votes_of(store, "UZ")["65/48"]
    result = imp(store, download, "--resolution", named)
    assert result.code == 0, result
    assert result.err.startswith("80/99: 6 added, 0 changed, 0 unchanged")
    got = {c: votes_of(store, c)["80/99"]["vote"] for c in SIX_ALPHA3.values()}
    assert got == {
        "AF": "yes",
        "KZ": "absent",
        "KG": "abstain",
        "TJ": "yes",
        "TM": "yes",
        "UZ": "no",
    }
    assert resolution(store, "80/99")["tally"] == {"yes": 3, "no": 1, "abstain": 1, "absent": 1}
    assert resolution(store, "65/48") == res_before, "the other resolution's rows are left alone"
    assert votes_of(store, "UZ")["65/48"] == uz_before


def test_multi_resolution_download_needs_resolution(store_copy: Path, download: Path) -> None:
    before = digest(store_copy)
    result = imp(store_copy, download)
    assert_error(result, 2, "2 resolutions", "--resolution")
    assert digest(store_copy) == before


def test_resolution_not_in_the_download(store_copy: Path, download: Path) -> None:
    before = digest(store_copy)
    assert_error(imp(store_copy, download, "-r", "79/1"), 1, "79/1")
    assert digest(store_copy) == before


# --- plain code,vote files ---------------------------------------------------------------------

PLAIN = "code,vote\nUZ,yes\nKAZ,no\nKyrgyzstan,abstain\ntj,yes\nTurkmenistan,absent\n"


def test_plain_file_with_codes_alpha3_and_names(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(PLAIN, encoding="utf-8")
    result = imp(
        store,
        path,
        "-r",
        "80/98",
        "--date",
        "2025-12-02",
        "--title",
        "Plain test",
        "--source",
        "Roll call typed from A/80/PV.50",
    )
    assert result.code == 0, result
    assert (
        "80/98: 5 added, 0 changed, 0 unchanged; tally 2 yes, 1 no, 1 abstain, 1 absent"
        in result.err
    )
    want = {"UZ": "yes", "KZ": "no", "KG": "abstain", "TJ": "yes", "TM": "absent"}
    for code, vote in want.items():
        entry = votes_of(store, code)["80/98"]
        assert entry["vote"] == vote, code
        titles = {
            s["id"]: s["title"] for s in load(store / "countries" / f"{code}.toml")["sources"]
        }
        assert [titles[i] for i in entry["sources"]] == ["Roll call typed from A/80/PV.50"]
    entry = resolution(store, "80/98")
    assert (entry["session"], str(entry["date"]), entry["title"]) == (
        80,
        "2025-12-02",
        "Plain test",
    )
    assert "80/98" not in votes_of(store, "AF")


@pytest.mark.parametrize("missing", ["--date", "--title", "both"])
def test_plain_file_for_a_new_resolution_needs_date_and_title(
    store: Path, tmp_path: Path, missing: str
) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(PLAIN, encoding="utf-8")
    args = {"--date": "2025-12-02", "--title": "Plain test"}
    given = [x for k, v in args.items() if missing not in (k, "both") for x in (k, v)]
    before = digest(store)
    result = imp(store, path, "-r", "80/98", *given)
    assert_error(result, 2, "80/98", "--date", "--title")
    assert digest(store) == before


def test_plain_file_needs_resolution(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(PLAIN, encoding="utf-8")
    before = digest(store)
    assert_error(imp(store, path), 2, "--resolution")
    assert digest(store) == before


def test_plain_file_for_a_known_resolution(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "fix.csv"
    path.write_text("code,vote\nUzbekistan,yes\n", encoding="utf-8")
    result = imp(store, path, "--resolution", "65/48")
    assert result.code == 0, result
    assert "65/48: 0 added, 1 changed, 0 unchanged" in result.err
    assert votes_of(store, "UZ")["65/48"]["vote"] == "yes"
    assert votes_of(store, "KZ") == votes_of(BUNDLED, "KZ")


def test_partial_plain_file_keeps_the_tally_true(full_store: Path, tmp_path: Path) -> None:
    store = full_store
    path = tmp_path / "fix.csv"
    path.write_text("code,vote\nUZ,yes\n", encoding="utf-8")
    assert imp(store, path, "-r", "65/48").code == 0
    findings = run("--store", str(store), "check", "--format", "json").json()
    assert [f for f in findings if f["check"] == "tallies"] == []


# --- bad files: exit 1, one Error: line naming the lines and values, nothing changed ---------------


def _undl_with(edit) -> str:
    fields, rows = sample_rows()
    rows = edit(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _set(rows, index, **values):
    rows[index] = {**rows[index], **values}
    return rows


BAD = {
    "plain-bad-vote": ("code,vote\nUZ,yes\nKZ,maybe\nKG,abstain\n", ["line 3", "'maybe'"]),
    "plain-two-bad-votes": (
        "code,vote\nUZ,maybe\nKZ,never\n",
        ["line 2", "'maybe'", "line 3", "'never'"],
    ),
    "plain-unknown-name": ("code,vote\nUZ,yes\nNarnia,no\n", ["line 3", "Narnia"]),
    "plain-unknown-alpha3": ("code,vote\nUZ,yes\nXQZ,no\n", ["line 3", "XQZ"]),
    "plain-state-twice": (
        "code,vote\nUZ,yes\nKZ,no\nuzbekistan,abstain\n",
        ["line 4", "UZ", "twice"],
    ),
    "neither-layout": ("state,ballot\nUZ,yes\n", ["code,vote", "ms_code"]),
    "undl-unknown-alpha3": (
        lambda: _undl_with(lambda r: _set(r, 1, ms_code="XXX")),
        ["line 3", "XXX"],
    ),
    "undl-bad-vote": (lambda: _undl_with(lambda r: _set(r, 2, ms_vote="Q")), ["line 4", "'Q'"]),
    "undl-state-twice": (lambda: _undl_with(lambda r: [*r, r[1]]), ["line 194", "ALB", "twice"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file_changes_nothing(store: Path, tmp_path: Path, case: str) -> None:
    content, needles = BAD[case]
    path = tmp_path / f"{case}.csv"
    path.write_text(content() if callable(content) else content, encoding="utf-8")
    before = digest(store)
    args = [] if case.startswith("undl") else ["-r", "65/48"]
    result = imp(store, path, *args)
    line = assert_error(result, 1, *needles)
    assert str(path) in line or path.name in line
    assert digest(store) == before, "the store is byte-for-byte unchanged"


def test_bad_file_in_a_real_process(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,vote\nUZ,yes\nKZ,perhaps\n", encoding="utf-8")
    before = digest(store)
    result = cli("--store", str(store), "import-votes", str(path), "-r", "65/48")
    assert_error(result, 1, "line 3", "'perhaps'")
    assert digest(store) == before


def test_state_without_a_profile(store: Path) -> None:
    """A six-state store: the sample names states it has no profile for; nothing is imported."""
    before = digest(store)
    assert_error(imp(store, SAMPLE), 1, "no profile", "nothing imported")
    assert digest(store) == before


# --- --dry-run ---------------------------------------------------------------------------------


def test_dry_run_prints_the_diff_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(PLAIN, encoding="utf-8")
    before = digest(store)
    result = imp(
        store, path, "-r", "80/98", "--date", "2025-12-02", "--title", "Plain test", "--dry-run"
    )
    assert result.code == 0, result
    out = result.out
    assert out.startswith("--- a/countries/")
    for label in (
        "countries/KG.toml",
        "countries/KZ.toml",
        "countries/TJ.toml",
        "countries/TM.toml",
        "countries/UZ.toml",
        "resolutions.toml",
    ):
        assert f"--- a/{label}\n+++ b/{label}\n" in out, label
    assert '+number = "80/98"' in out and '+resolution = "80/98"' in out
    assert '+title = "Plain test"' in out
    assert all(line[:1] in " +-@" for line in out.splitlines()), "a unified diff, nothing else"
    assert "Dry run: 6 file(s) would change; nothing was written" in result.err
    assert digest(store) == before
    assert resolution(store, "80/98") is None


def test_dry_run_of_the_sample(full_store: Path) -> None:
    store = full_store
    before = digest(store)
    result = imp(store, SAMPLE, "-n")
    assert result.code == 0, result
    assert "+++ b/countries/UZ.toml" in result.out
    assert "Digital Library" in result.out
    assert digest(store) == before


# --- the bundled store is read-only ------------------------------------------------------------


@pytest.mark.parametrize("via", ["runner", "process"])
def test_writing_to_the_bundled_store_fails(tmp_path: Path, via: str) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("code,vote\nUZ,yes\n", encoding="utf-8")
    before = digest(BUNDLED)
    args = ("import-votes", str(path), "-r", "65/48")
    result = run(*args) if via == "runner" else cli(*args)
    line = assert_error(result, 1, "minecli init")
    assert "read-only" in line or "bundled" in line
    assert digest(BUNDLED) == before
    assert not (BUNDLED / LOCK).exists()


def test_impossible_date_is_a_usage_error(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(PLAIN, encoding="utf-8")
    before = digest(store)
    result = cli(
        "--store",
        str(store),
        "import-votes",
        str(path),
        "-r",
        "80/98",
        "--date",
        "2025-13-01",
        "--title",
        "Plain test",
    )
    assert_error(result, 2, "2025-13-01")
    assert digest(store) == before


# --- files keep their permissions ------------------------------------------------------------


def test_rewritten_files_keep_their_mode(store: Path, tmp_path: Path) -> None:
    for p in [*store.glob("*.toml"), *(store / "countries").glob("*.toml")]:
        p.chmod(0o640)
    path = tmp_path / "fix.csv"
    path.write_text("code,vote\nUZ,yes\n", encoding="utf-8")
    assert imp(store, path, "-r", "65/48").code == 0
    assert (store / "countries" / "UZ.toml").stat().st_mode & 0o777 == 0o640
    assert (store / "resolutions.toml").stat().st_mode & 0o777 == 0o640
