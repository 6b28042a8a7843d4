"""What a write accepts, `check` accepts (issue 11, in part): a write that would leave an error
for `check` to find is refused before it is made, with one Error line and no change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import BUNDLED, assert_error, run

REFUSED = [
    (("add-vote", "SS", "63/42", "yes"), "before the state joined the UN on 2011-07-14"),
    (("add-vote", "ME", "51/45S", "abstain"), "before the state joined the UN on 2006-06-28"),
    (("set", "TV", "votes.51/45S", "yes"), "no votes entry"),
]
ACCEPTED = [
    ("set", "UZ", "votes.65/48", "yes"),
    ("rm-vote", "SS", "66/29"),
    ("add-vote", "SS", "66/29", "yes", "--source", "3"),
    ("add-source", "UZ", "--title", "A report", "--cites", "votes.80/35"),
    ("add-meeting", "UZ", "22MSP", "--attended", "--as", "observer"),
    ("add-use", "UZ", "--year", "2001", "--where", "Border with Tajikistan", "--source", "3"),
    ("set", "UZ", "treaty.status", "signatory"),
    ("set", "UZ", "treaty.signed", "1997-12-03"),
    ("new", "XK", "--name", "Kosovo"),
]


@pytest.fixture
def full(tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(BUNDLED, target)
    return target


def files(store: Path) -> dict[str, bytes]:
    return {p.relative_to(store).as_posix(): p.read_bytes() for p in store.rglob("*.toml")}


@pytest.mark.parametrize(("args", "why"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_a_write_check_would_reject_is_refused(full: Path, args, why: str) -> None:
    before = files(full)
    assert_error(run("--store", str(full), *args), 1, why)
    assert files(full) == before


def test_every_accepted_write_leaves_a_store_check_accepts(full: Path) -> None:
    for args in ACCEPTED:
        result = run("--store", str(full), *args)
        assert result.code == 0, (args, result)
        check = run("--store", str(full), "check", "--errors-only")
        assert check.code == 0, (args, check.out)


LETTER = (
    "--title",
    "Letter to the Landmine Monitor from Ambassador Shavkat Khamrakulov, Embassy of Uzbekistan "
    "to the United States",
    "--author",
    "Shavkat Khamrakulov, Embassy of Uzbekistan to the United States",
    "--date",
    "2001-07-31",
)


def test_add_source_warns_of_a_copy_and_reuse_cites_the_existing_one(full: Path) -> None:
    result = run("--store", str(full), "add-source", "UZ", *LETTER, "--kind", "letter")
    assert result.code == 0 and result.out == "16\n"
    assert "Warning: UZ already has source [1] with the same title, author and date" in result.err
    before = files(full)
    reused = run(
        "--store", str(full), "add-source", "UZ", *LETTER, "--reuse", "--cites", "votes.80/35"
    )
    assert reused.code == 0 and reused.out == "1\n", reused
    assert "Reused source [1] of UZ, cited by votes.80/35" in reused.err
    after = files(full)
    assert [k for k in after if after[k] != before[k]] == ["countries/UZ.toml"]
    vote = run("--store", str(full), "votes", "UZ", "-f", "json").json()[-1]
    assert vote["resolution"] == "80/35" and vote["sources"] == [14, 1]
    other = run("--store", str(full), "add-source", "UZ", "--title", "Another", "--reuse")
    assert other.code == 0 and other.out == "17\n" and "Warning" not in other.err


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("set", "UZ", "treaty.signed", "2030-01-01"), "2030-01-01 is in the future"),
        (
            ("add-use", "UZ", "--year", "3000", "--where", "Somewhere", "--source", "3"),
            "3000 is in the future",
        ),
        (("set", "UZ", "name", " "), "name: is empty"),
    ],
)
def test_content_errors_are_refused_by_writes(full: Path, args, why: str) -> None:
    before = files(full)
    assert_error(run("--store", str(full), *args), 1, why)
    assert files(full) == before
