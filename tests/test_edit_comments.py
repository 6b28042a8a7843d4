"""`minecli edit` and comments: later writes refuse a file with comments, so edit warns of them
at save time and offers to turn each into the `note` of its table.

The editor is a small script (tests/test_edit.py does the same) that replaces the nth
occurrence of a text in the draft; a second list of replacements, when given, is its work on
the second call (a person fixing what they were told about).
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from minecli.tomltext import first_comment_line

from .helpers import assert_error, cli, run
from .write_support import profile, profile_path, snapshot, text

EDITOR_SCRIPT = r"""
import json, sys
from pathlib import Path

spec, draft = Path(sys.argv[1]), Path(sys.argv[-1])
counter = spec.with_suffix(".calls")
calls = int(counter.read_text()) + 1 if counter.exists() else 1
counter.write_text(str(calls))
rounds = json.loads(spec.read_text(encoding="utf-8"))
text = draft.read_text(encoding="utf-8")
for old, new, nth in rounds[min(calls, len(rounds)) - 1]:
    at = -1
    for _ in range(nth):
        at = text.index(old, at + 1)
    text = text[:at] + new + text[at + len(old):]
draft.write_text(text, encoding="utf-8")
"""

TREATY = ("[treaty]\n", "[treaty]\n# checked against the 2011 Monitor\n", 1)
TRAILING = ('status = "not_party"\n', 'status = "not_party" # as read in 2026\n', 1)
TOP = ("schema = 1\n", "# a top-level remark\nschema = 1\n", 1)
KEEP = ("--keep-sources", "--updated", "2026-02-03")
pytestmark = pytest.mark.usefixtures("drafts")  # drafts in a folder of the test's own


@pytest.fixture
def editor(tmp_path: Path):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")

    def command(*rounds: list[tuple[str, str, int]]) -> str:
        spec = tmp_path / "spec.json"
        spec.write_text(json.dumps(rounds), encoding="utf-8")
        return shlex.join([sys.executable, str(script), str(spec)])

    command.calls = lambda: int((tmp_path / "spec.calls").read_text())  # type: ignore[attr-defined]
    return command


def edit(store: Path, editor_cmd: str, answers: str | None, *extra: str):
    env = {"EDITOR": editor_cmd, "VISUAL": None}
    return run("--store", str(store), "edit", "UZ", *extra, input=answers, env=env)


def set_name(store: Path):
    return run("--store", str(store), "set", "UZ", "name", "Uzbekistan (renamed)", *KEEP)


def test_yes_turns_the_comments_into_notes(store_copy: Path, editor) -> None:
    old_note = profile(store_copy, "UZ")["treaty"]["note"]
    result = edit(store_copy, editor([TREATY, TRAILING]), "y\n", *KEEP)
    assert result.code == 0, result
    assert "countries/UZ.toml:14: holds 2 comment(s); later writes" in result.err
    assert "Turn the 2 comment(s) into notes? [Y/n]" in result.err
    assert "line 14 → treaty.note, line 15 → treaty.note" in result.err
    assert "Saved countries/UZ.toml" in result.err
    saved = text(store_copy, "UZ")
    assert "#" not in saved
    note = profile(store_copy, "UZ")["treaty"]["note"]
    assert note == f"{old_note} checked against the 2011 Monitor; as read in 2026"
    assert set_name(store_copy).code == 0
    assert profile(store_copy, "UZ")["name"] == "Uzbekistan (renamed)"


def test_no_answer_means_yes(store_copy: Path, editor) -> None:
    assert edit(store_copy, editor([TREATY]), None, *KEEP).code == 0
    assert first_comment_line(text(store_copy, "UZ")) is None


def test_no_keeps_the_text_and_later_writes_say_how_to_fix_it(store_copy: Path, editor) -> None:
    result = edit(store_copy, editor([TREATY]), "n\n", *KEEP)
    assert result.code == 0, result
    assert "Warning: countries/UZ.toml keeps its comments" in result.err
    assert "minecli edit UZ" in result.err
    assert "# checked against the 2011 Monitor\n" in text(store_copy, "UZ")
    before = snapshot(store_copy)
    assert_error(set_name(store_copy), 1, "countries/UZ.toml:14:", "run `minecli edit UZ`")
    assert snapshot(store_copy) == before
    # the fix it names: edit, change nothing, say yes
    noop = shlex.join([sys.executable, "-c", "pass"])
    fixed = edit(store_copy, noop, "y\n", *KEEP)
    assert fixed.code == 0, fixed
    assert "Saved countries/UZ.toml" in fixed.err
    assert first_comment_line(text(store_copy, "UZ")) is None
    assert set_name(store_copy).code == 0


def test_no_on_an_unchanged_commented_file_is_no_change(store_copy: Path, editor) -> None:
    assert edit(store_copy, editor([TREATY]), "n\n", *KEEP).code == 0
    before = snapshot(store_copy)
    result = edit(store_copy, shlex.join([sys.executable, "-c", "pass"]), "n\n")
    assert result.code == 0 and "No change to UZ" in result.err
    assert snapshot(store_copy) == before


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (TOP, "line 1 (the top level)"),
        (("[production]\n", "[production]\n# none made\n", 1), "line 378 (production)"),
    ],
    ids=["top-level", "production"],
)
def test_a_comment_no_note_can_hold_is_said_and_can_be_edited_again(
    store_copy: Path, editor, change, where: str
) -> None:
    # the person answers yes, is told the line, edits again and takes the comment out
    undo = (change[1], change[0], 1)
    result = edit(store_copy, editor([change, TREATY], [undo]), "y\ny\ny\n", *KEEP)
    assert result.code == 0, result
    assert f"no note can hold the comment(s) on {where}" in result.err
    assert result.err.count("Edit again?") == 1
    assert editor.calls() == 2
    assert first_comment_line(text(store_copy, "UZ")) is None
    assert "checked against the 2011 Monitor" in profile(store_copy, "UZ")["treaty"]["note"]


def test_declining_to_edit_again_saves_the_text_as_written(store_copy: Path, editor) -> None:
    result = edit(store_copy, editor([TOP, TREATY]), "y\nn\n", *KEEP)
    assert result.code == 0, result
    assert "keeps its comments" in result.err and "Saved countries/UZ.toml" in result.err
    saved = text(store_copy, "UZ")
    assert saved.startswith("# a top-level remark\n") and "# checked against" in saved


def test_the_end_of_input_does_not_edit_again_forever(store_copy: Path, editor) -> None:
    result = edit(store_copy, editor([TOP]), "", *KEEP)
    assert result.code == 0, result
    assert editor.calls() == 1
    assert text(store_copy, "UZ").startswith("# a top-level remark\n")


def test_a_hash_in_a_string_is_no_comment(store_copy: Path, editor) -> None:
    changes = [
        ('name = "Uzbekistan"', 'name = "Uzbekistan #1"', 1),
        ('status = "not_party"\n', 'status = "not_party"\ndoubt = """\n# not a comment\n"""\n', 1),
        ("[production]\n", "[production]\norigin = 'x # y'\n", 1),
    ]
    result = edit(store_copy, editor(changes), "", *KEEP)
    assert result.code == 0, result
    assert "comment" not in result.err and "Turn the" not in result.err
    assert profile(store_copy, "UZ")["treaty"]["doubt"] == "# not a comment\n"


def test_a_comment_after_a_multiline_string_is_found(store_copy: Path, editor) -> None:
    change = ('status = "not_party"\n', 'status = "not_party"\ndoubt = """\n# no\n""" # yes\n', 1)
    result = edit(store_copy, editor([change]), "y\n", *KEEP)
    assert result.code == 0, result
    assert "holds 1 comment(s)" in result.err
    treaty = profile(store_copy, "UZ")["treaty"]
    assert treaty["doubt"] == "# no\n" and treaty["note"].endswith(" yes")


def test_comments_in_the_second_vote_and_a_reading_land_there(store_copy: Path, editor) -> None:
    changes = [
        ("[[votes]]\n", "[[votes]]\n# the second vote\n", 2),
        ("[[votes.readings]]\n", "[[votes.readings]]\n# one reading\n", 1),
    ]
    result = edit(store_copy, editor(changes), "y\n", *KEEP)
    assert result.code == 0, result
    assert "→ votes[1].note" in result.err and "→ votes[3].readings[0].note" in result.err
    votes = profile(store_copy, "UZ")["votes"]
    assert votes[1]["note"] == "the second vote"
    assert [v.get("note") for v in votes[:1] + votes[2:3]] == [None, None]
    assert votes[3]["readings"][0]["note"].endswith("to be right. one reading")


def test_dry_run_prints_the_diff_and_writes_nothing(store_copy: Path, editor) -> None:
    before = snapshot(store_copy)
    result = edit(store_copy, editor([TREATY]), "y\n", "--dry-run", *KEEP)
    assert result.code == 0, result
    assert "+note = " in result.out and "checked against the 2011 Monitor" in result.out
    assert "+#" not in result.out
    assert snapshot(store_copy) == before


def test_notes_and_changed_facts_settle_their_citations(store_copy: Path, editor) -> None:
    """A changed fact loses its citations (that rewrites the text), which a text with comments
    cannot survive; once its comments are notes, it can."""
    change = ('status = "not_party"', 'status = "signatory" # per the 2026 page', 1)
    refused = edit(store_copy, editor([change]), "n\n", "--updated", "2026-02-03")
    assert refused.code == 1 and "Traceback" not in refused.err
    assert refused.err_lines[-1].startswith("Error: ") and "--keep-sources" in refused.err
    result = edit(store_copy, editor([change]), "y\n", "--source", "4", "--updated", "2026-02-03")
    assert result.code == 0, result
    treaty = profile(store_copy, "UZ")["treaty"]
    assert treaty["status"] == "signatory" and treaty["sources"] == [4]
    assert treaty["note"].endswith(" per the 2026 page")


def test_a_real_process_with_the_answer_piped(store_copy: Path, editor) -> None:
    env = {"EDITOR": editor([TREATY, ("[[votes]]\n", "[[votes]]\n# second\n", 2)]), "VISUAL": None}
    result = cli("--store", str(store_copy), "edit", "UZ", *KEEP, input="y\n", env=env)
    assert result.code == 0, result
    assert "Turn the 2 comment(s) into notes? [Y/n]" in result.err
    assert "Traceback" not in result.err
    assert profile(store_copy, "UZ")["votes"][1]["note"] == "second"
    later = cli("--store", str(store_copy), "set", "UZ", "name", "X", *KEEP)
    assert later.code == 0, later
    assert profile_path(store_copy, "UZ").read_text(encoding="utf-8").count("#") == 0
