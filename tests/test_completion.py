"""Shell completion of country codes and resolution numbers from the active store.

Typer's bash protocol (typer/_completion_classes.py, BashComplete): the program runs with
_MINECLI_COMPLETE=complete_bash, COMP_WORDS (the command line) and COMP_CWORD (the index of the
word being completed) and prints one candidate per line. zsh uses _MINECLI_COMPLETE=complete_zsh
and _TYPER_COMPLETE_ARGS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SIX, cli, run


def bash_env(line: str) -> dict[str, str]:
    words = line.split(" ")
    return {
        "_MINECLI_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }


def complete(line: str, *, env: dict[str, str] | None = None) -> list[str]:
    """Candidates from the app in-process (Typer's completion hook runs before any command)."""
    result = run(env={**bash_env(line), **(env or {})})
    assert result.code == 0 and "Traceback" not in result.err, result
    return [line for line in result.lines if line]


def test_country_code_in_a_real_process() -> None:
    result = cli(env=bash_env("minecli show U"), entry="script")
    assert result.code == 0 and result.err == "", result
    assert "UZ" in result.lines
    assert all(c.startswith("U") for c in result.lines)


def test_resolution_number_in_a_real_process() -> None:
    result = cli(env=bash_env("minecli votes --resolution 65/"), entry="script")
    assert result.code == 0 and result.err == "", result
    assert "65/48" in result.lines
    assert all(n.startswith("65/") for n in result.lines)


def test_zsh_protocol() -> None:
    result = cli(
        env={"_MINECLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "minecli show U"},
        entry="script",
    )
    assert result.code == 0 and '"UZ"' in result.out


def test_codes_come_from_the_active_store(small_store: Path) -> None:
    assert complete("minecli show ", env={"MINECLI_STORE": str(small_store)}) == list(SIX)
    assert complete(f"minecli --store {small_store} show T") == ["TJ", "TM"]


@pytest.mark.parametrize(
    "line",
    ["minecli timeline K", "minecli sources K", "minecli votes K", "minecli search x --in K"],
)
def test_other_country_arguments(small_store: Path, line: str) -> None:
    assert complete(line, env={"MINECLI_STORE": str(small_store)}) == ["KG", "KZ"]


def test_resolution_numbers_everywhere() -> None:
    assert {"63/42", "65/48"} <= set(complete("minecli resolutions 6"))
    assert "65/48" in complete("minecli votes -r 65")
    assert "51/45S" in complete("minecli votes -r 51")


def test_completion_with_a_missing_store_offers_nothing(tmp_path: Path) -> None:
    assert complete(f"minecli --store {tmp_path / 'nowhere'} show U") == []


def test_lower_case_prefix_completes(small_store: Path) -> None:
    """Typed in lower case, codes are offered in lower case (the shell keeps only candidates
    that start with the typed text; `show uz` works like `show UZ`)."""
    assert complete("minecli show u", env={"MINECLI_STORE": str(small_store)}) == ["uz"]
    assert complete("minecli show k", env={"MINECLI_STORE": str(small_store)}) == ["kg", "kz"]
    assert "uz" in complete("minecli show u")


@pytest.mark.parametrize(
    ("command", "offered"),
    [
        ("timeline", ["table", "json", "jsonl", "csv", "tsv"]),
        ("list", ["table", "json", "jsonl", "csv", "tsv", "ids"]),
        ("export", ["json", "jsonl", "csv", "sqlite", "csl-json", "bibtex", "ris"]),
        ("sources", ["table", "json", "jsonl", "csv", "tsv", "ids", "csl-json", "bibtex", "ris"]),
    ],
)
def test_format_completion_offers_only_the_formats_of_the_command(
    command: str, offered: list[str]
) -> None:
    assert complete(f"minecli {command} --format ") == offered


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("minecli votes -r 65/48 --vote a", ["abstain", "absent"]),
        ("minecli list --status s", ["state_party", "signatory"]),
        ("minecli add-meeting UZ 11MSP --as o", ["observer"]),
        ("minecli add-source UZ --title T --kind re", ["report", "record"]),
    ],
)
def test_closed_sets_complete(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_help_names_only_the_formats_a_command_offers() -> None:
    timeline = " ".join(run("timeline", "--help").out.split())
    listing = " ".join(run("list", "--help").out.split())
    assert "ids" not in timeline and "jsonl" in timeline
    assert "ids, one per line" in listing


# --- closed sets, fact paths, meetings, names, --store after the command ----------------------


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("minecli list --vote 65/48=", ["65/48=yes", "65/48=no", "65/48=abstain", "65/48=absent"]),
        ("minecli list --vote 65/48=ab", ["65/48=abstain", "65/48=absent"]),
        ("minecli list --vote 65/4", ["65/48="]),
        ("minecli new XK --name Kosovo --status w", ["withdrawn"]),
        ("minecli add-vote UZ 65/48 a", ["abstain", "absent"]),
        ("minecli check --only cit", ["citations"]),
        ("minecli set UZ treaty.status s", ["state_party", "signatory"]),
        ("minecli set UZ treaty.consent_type ", ["ratification", "accession", "succession"]),
        ("minecli set UZ votes.65/48 ", ["yes", "no", "abstain", "absent"]),
        ("minecli set UZ ccw.protocol_v ", ["true", "false", "unknown"]),
        ("minecli set UZ production.status past", ["past_producer"]),
        ("minecli set UZ stockpile.status ", ["holds", "destroyed", "none", "unknown"]),
        ("minecli set UZ meetings.10MSP.as ", ["state_party", "observer"]),
        ("minecli set UZ meetings.10MSP.attended ", ["true", "false"]),
        ("minecli set UZ treaty.signed ", []),
    ],
)
def test_every_closed_set_completes(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_vote_completion_offers_every_resolution_then_an_equals_sign() -> None:
    offered = complete("minecli list --vote 65/")
    assert offered == ["65/48="]
    everything = complete("minecli list --vote ")
    assert "80/35=" in everything and all(o.endswith("=") for o in everything)


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        (
            "minecli set UZ treaty.",
            [
                "treaty.status",
                "treaty.signed",
                "treaty.consent",
                "treaty.consent_type",
                "treaty.entry_into_force",
                "treaty.withdrawal_notified",
                "treaty.withdrawal_effective",
                "treaty.as_of",
                "treaty.note",
                "treaty.doubt",
            ],
        ),
        (
            "minecli set UZ ccw.",
            ["ccw.convention", "ccw.protocol_ii", "ccw.amended_protocol_ii", "ccw.protocol_v"],
        ),
        (
            "minecli set UZ ccw.protocol_v.",
            [f"ccw.protocol_v.{k}" for k in ("party", "since", "note", "doubt")],
        ),
        (
            "minecli set UZ votes.65/48.",
            ["votes.65/48.vote", "votes.65/48.note", "votes.65/48.doubt"],
        ),
        ("minecli set UZ st", ["stockpile."]),
        ("minecli set UZ stockpile.s", ["stockpile.status", "stockpile.size", "stockpile.summary"]),
        ("minecli unset UZ stockpile.si", ["stockpile.size"]),
        ("minecli set UZ n", ["name"]),
        ("minecli set UZ sources.", []),
    ],
)
def test_fact_paths_complete_a_level_at_a_time(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_the_top_level_of_a_field_path() -> None:
    offered = complete("minecli set UZ ")
    assert offered[:2] == ["name", "official_name"]
    assert {"treaty.", "ccw.", "votes.", "meetings.", "use.", "stockpile."} <= set(offered)
    assert "sources." not in offered and "sections." not in offered


def test_votes_and_meetings_paths_come_from_the_store(small_store: Path) -> None:
    env = {"MINECLI_STORE": str(small_store)}
    votes = complete("minecli set UZ votes.", env=env)
    assert "votes.65/48" in votes and "votes.81/40" in votes, "81/40 is only in the test store"
    assert all(v.startswith("votes.") for v in votes)
    assert complete("minecli unset UZ votes.65/4", env=env) == ["votes.65/48"]
    assert "meetings.10MSP" in complete("minecli set UZ meetings.", env=env)


def test_use_entries_are_the_states_own(small_store: Path) -> None:
    import tomllib

    with (small_store / "countries" / "UZ.toml").open("rb") as handle:
        uses = len(tomllib.load(handle).get("use", []))
    assert uses > 1
    offered = complete(f"minecli --store {small_store} set uz use.")
    assert offered == [f"use.{i}" for i in range(1, uses + 1)]


@pytest.mark.parametrize("command", ["add-meeting", "rm-meeting"])
def test_meeting_ids(command: str) -> None:
    offered = complete(f"minecli {command} UZ 1")
    assert "10MSP" in offered and "11MSP" in offered
    assert all(o.startswith("1") for o in offered)
    assert "1RC" in complete(f"minecli {command} UZ 1R")


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("minecli show uzb", ["uzbekistan"]),
        ("minecli show Uzb", ["Uzbekistan"]),
        ("minecli show bosn", ["bosnia-and-herzegovina"]),
        ("minecli show cote", ["cote-d-ivoire"]),
        ("minecli votes turkm", ["turkmenistan"]),
        ("minecli set Uzb", ["Uzbekistan"]),
        ("minecli set bosn", []),  # a write takes the exact name, which has spaces
    ],
)
def test_names_complete_as_well_as_codes(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_a_completed_name_is_taken_back(small_store: Path) -> None:
    result = run("show", "bosnia-and-herzegovina", "--format", "ids")
    assert (result.code, result.lines) == (0, ["BA"])
    result = run("--store", str(small_store), "show", "uzbekistan", "--format", "ids")
    assert (result.code, result.lines) == (0, ["UZ"])


def test_store_after_the_command_completes_paths(small_store: Path) -> None:
    """Nothing is offered, so the shell completes file names (bash `-o default`, zsh `_files`)."""
    assert complete("minecli show UZ --store ") == []
    assert complete("minecli --store ") == []
    assert complete(f"minecli show --store {small_store} T") == ["TJ", "TM"]
    zsh = cli(
        env={
            "_MINECLI_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "minecli show UZ --store ",
        },
        entry="script",
    )
    assert zsh.out.strip() == "_files"


def test_the_hidden_store_option_stays_hidden() -> None:
    assert "--store" not in run("show", "--help").out
    assert "--store" in complete("minecli --")
    assert "--store" not in complete("minecli show UZ --")


@pytest.mark.parametrize(
    ("words", "cword", "offered"),
    [
        ("minecli list --vote 65/48 =", 4, ["yes", "no", "abstain", "absent"]),
        ("minecli list --vote 65/48 = ab", 5, ["abstain", "absent"]),
        ("minecli list --vote 65/4", 3, ["65/48="]),
    ],
)
def test_bash_breaks_words_at_the_equals_sign(words: str, cword: int, offered: list[str]) -> None:
    """Bash splits `65/48=ab` into `65/48`, `=`, `ab` (COMP_WORDBREAKS) and keeps `65/48=` on
    the line: the words are joined for parsing, and only what follows the `=` is offered."""
    env = {"_MINECLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = cli(env=env, entry="script")
    assert result.code == 0 and result.err == "", result
    assert result.lines == offered


def test_rm_use_offers_the_states_own_entries(small_store: Path) -> None:
    import tomllib

    with (small_store / "countries" / "UZ.toml").open("rb") as handle:
        uses = len(tomllib.load(handle).get("use", []))
    assert uses > 1
    offered = complete(f"minecli --store {small_store} rm-use UZ ")
    assert offered == [str(i) for i in range(1, uses + 1)]
    assert complete(f"minecli --store {small_store} rm-use AF ") == []  # AF has none
