"""Real shell pipelines: the recipes of the README, run through bash with real pipes.

Loops that start one minecli per state use the fixed six-state store (MINECLI_STORE), so the
suite stays fast when the bundled store grows to every state.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import SIX, run, sh


def test_ids_piped_into_show_dash() -> None:
    """Full profiles of every not_party state, one JSON object per line (the ids are teed to
    stderr so the test sees what list gave show)."""
    result = sh(
        "set -o pipefail; minecli list --status not_party --format ids "
        "| tee /dev/stderr | minecli show - --format jsonl"
    )
    assert result.code == 0, result
    ids = result.err_lines  # nothing else may reach stderr
    assert "UZ" in ids and "TM" not in ids and ids == sorted(set(ids))
    profiles = [json.loads(line) for line in result.lines]
    assert [p["code"] for p in profiles] == ids, "one object per not_party state, in order"
    assert all(p["treaty"]["status"] == "not_party" for p in profiles)
    assert all(isinstance(p["votes"], list) for p in profiles), "whole records, not summaries"


needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="the recipe needs jq installed")


@needs_jq
def test_jq_recipe_for_abstentions() -> None:
    result = sh(
        "set -o pipefail; minecli votes --resolution 65/48 --format json "
        "| jq -r '.[] | select(.vote==\"abstain\") | .code'"
    )
    assert result.code == 0 and result.err == "", result
    assert "UZ" in result.lines and "TM" not in result.lines
    assert all(len(code) == 2 and code.isupper() for code in result.lines)
    # The bundled store holds every UN member: its abstentions are the roll call's 17.
    [tally] = run("resolutions", "65/48", "--format", "json").json()
    assert len(result.lines) == tally["abstain"] == 17


def test_cut_sort_uniq_recipe_on_tsv(small_store: Path) -> None:
    result = sh(
        "set -o pipefail; minecli votes --resolution 65/48 --format tsv "
        "| tail -n +2 | cut -f4 | sort | uniq -c",
        env={"MINECLI_STORE": str(small_store)},
    )
    assert result.code == 0, result
    counts = {line.split()[1]: int(line.split()[0]) for line in result.lines}
    assert counts == {"yes": 5, "abstain": 1}


def test_cut_on_csv(small_store: Path) -> None:
    result = sh(
        "set -o pipefail; minecli list --format csv | tail -n +2 | cut -d, -f1,3 | sort",
        env={"MINECLI_STORE": str(small_store)},
    )
    assert result.code == 0, result
    assert result.lines == [
        "AF,state_party",
        "KG,not_party",
        "KZ,not_party",
        "TJ,state_party",
        "TM,state_party",
        "UZ,not_party",
    ]


def test_search_recipe_states_once_each() -> None:
    result = sh(
        "set -o pipefail; minecli search 'border with' --format tsv "
        "| tail -n +2 | cut -f1 | sort -u"
    )
    assert result.code == 0, result
    assert "UZ" in result.lines
    assert len(result.lines) == len(set(result.lines))


@needs_jq
def test_while_read_loop(small_store: Path) -> None:
    script = (
        "set -o pipefail; minecli list --status not_party --format ids | "
        "while read -r c; do printf '%s\\t' \"$c\"; "
        'minecli show "$c" --format json | jq -r .treaty.status; done'
    )
    result = sh(script, env={"MINECLI_STORE": str(small_store)})
    assert result.code == 0 and result.err == "", result
    assert result.lines == ["KG\tnot_party", "KZ\tnot_party", "UZ\tnot_party"]


@needs_jq
def test_the_batch_form_of_the_loop(small_store: Path) -> None:
    script = (
        "set -o pipefail; minecli list --status not_party --format ids | "
        "minecli show - --format jsonl | jq -r '[.code, .treaty.status] | @tsv'"
    )
    result = sh(script, env={"MINECLI_STORE": str(small_store)})
    assert result.code == 0 and result.err == "", result
    assert result.lines == ["KG\tnot_party", "KZ\tnot_party", "UZ\tnot_party"]


def test_names_from_stdin(small_store: Path) -> None:
    result = sh(
        "printf 'uzbekistan\\n\\nTurkmenistan\\n' | minecli votes - -r 65/48 --format csv",
        env={"MINECLI_STORE": str(small_store)},
    )
    assert result.code == 0, result
    assert result.lines == [
        "resolution,code,name,vote,disputed,note,region,un_group",
        "65/48,TM,Turkmenistan,yes,,,Central Asia,Asia-Pacific Group",
        "65/48,UZ,Uzbekistan,abstain,,,Central Asia,Asia-Pacific Group",
    ]


def test_head_closes_the_pipe_quietly() -> None:
    result = sh("minecli list --format csv | head -1")
    assert result.code == 0
    assert result.lines == [
        (
            "code,name,status,signed,consent,consent_type,entry_into_force,"
            "withdrawal_effective,ccw,latest_resolution,latest_vote,region,un_group"
        )
    ]
    assert result.err == ""


# Output far larger than a pipe's buffer, so that minecli is still writing when head exits.
BIG_CSV = "minecli sources " + " ".join(["UZ"] * 60) + " --format csv | head -1"
BIG_TABLE = "minecli timeline " + " ".join(["UZ"] * 30) + " | head -1"


@pytest.mark.parametrize("command", [BIG_CSV, BIG_TABLE], ids=["csv", "table"])
def test_broken_pipe_prints_no_traceback(command: str) -> None:
    result = sh(command)
    assert len(result.lines) == 1
    assert result.err == "", "no traceback, no 'Exception ignored' message"


def test_broken_pipe_exit_status_is_success() -> None:
    """Exit 0 under pipefail (it was 1, the status for 'not found / invalid data')."""
    result = sh(f"set -o pipefail; {BIG_CSV}")
    assert result.code == 0 and result.err == ""


@pytest.mark.parametrize(
    "command", ["show UZ", "list", "timeline UZ", "votes UZ", "sources UZ", "timeline UZ KZ TJ"]
)
@pytest.mark.parametrize("colour", ["FORCE_COLOR=1 ", "CLICOLOR_FORCE=1 ", ""])
def test_a_closed_pipe_is_success_coloured_or_not(command: str, colour: str) -> None:
    """`FORCE_COLOR=1 minecli show UZ | head -1` exits 0 like the plain run (Rich's own
    handling of a closed pipe would exit 1)."""
    result = sh(f"set -o pipefail; {colour}minecli {command} | head -1")
    assert result.code == 0, result
    assert len(result.lines) == 1
    assert "Error" not in result.err and "Exception" not in result.err, result.err  # titles only


def test_failing_command_prints_nothing_on_stdout() -> None:
    result = sh('minecli show nowhere --format json | wc -c; echo "status=${PIPESTATUS[0]}"')
    assert result.lines == ["0", "status=1"]
    assert result.err.startswith("Error: unknown country 'nowhere'")


def test_bad_name_on_stdin_fails_before_any_output() -> None:
    result = sh("printf 'UZ\\nnowhere\\n' | minecli show - --format jsonl; echo \"status=$?\"")
    assert result.lines == ["status=1"], "no partial output before the error"
    assert result.err.count("\n") == 1 and result.err.startswith("Error: ")


def test_warnings_stay_off_stdout(broken_store) -> None:
    store, _ = broken_store
    result = sh(f"minecli --store '{store}' list --format ids 2>/dev/null")
    assert result.lines == [c for c in SIX if c != "TJ"]
