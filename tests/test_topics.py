"""`minecli help TOPIC`: short pages whose facts agree with README.md and docs/schema.md."""

from __future__ import annotations

import re

import pytest

from minecli.cli import COMMANDS
from minecli.model import CCW_INSTRUMENTS, TREATY_STATUSES, VOTES
from minecli.render import console, pager
from minecli.topics import TOPICS

from .helpers import REPO, assert_error, cli, run

README = (REPO / "README.md").read_text(encoding="utf-8")
SCHEMA = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")


def page(topic: str) -> str:
    result = run("help", topic)
    assert result.code == 0 and result.err == "", result
    return result.out


def test_help_lists_the_topics() -> None:
    result = run("help")
    assert result.code == 0 and result.err == ""
    listed = [line.split()[0] for line in result.lines if line.startswith("  ")]
    assert listed == ["exit-codes", "formats", "fact-paths", "store", "terminal"] == list(TOPICS)


def test_help_is_a_command() -> None:
    assert "help" in COMMANDS
    assert re.search(r"^  help +Short pages", run("--help").out, re.M)


@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_topic_is_a_short_page(topic: str) -> None:
    text = page(topic)
    lines = text.splitlines()
    assert 10 <= len(lines) <= 60, f"{topic}: {len(lines)} lines"
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    assert text.endswith("\n") and not text.endswith("\n\n")


def readme_exit_rule() -> str:
    """The README's "Exit status:" rule, as one line."""
    rule = re.search(r"^- Exit status: (.*?)(?=^- )", README, re.S | re.M)
    assert rule, "README documents the exit statuses"
    return " ".join(rule.group(1).split())


def section(text: str, code: int) -> str:
    """What the page says of one status, as one line."""
    found = re.search(rf"^  {code}  (.*?)(?=^  \d  |^\S)", text, re.S | re.M)
    assert found, code
    return " ".join(found.group(1).split())


def test_exit_codes_match_the_readme() -> None:
    rule = readme_exit_rule()
    text = page("exit-codes")
    documented = {int(c) for c in re.findall(r"`(\d)`", rule)}
    assert documented == {0, 1, 2}
    assert {int(m) for m in re.findall(r"^  (\d)  ", text, re.M)} == documented
    usage = rule[rule.index("`2`") : rule.index("The system refusing")]
    for words in ("resolution", "field", "broken TOML file", "already exists", "full disk"):
        assert words in rule and words in section(text, 1), words
    assert "read-only file system" in rule and "read-only file system" in section(text, 1)
    for words in ("unknown command or option", "missing argument", "--format xml", "UTF-8"):
        assert words in usage and words in section(text, 2), words
    assert "Success" in section(text, 0) and "`0` success" in rule


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("show", "XX"), 1),
        (("list", "--status", "maybe"), 2),
        (("shwo", "UZ"), 2),
        (("list", "--format", "xml"), 2),
        (("votes", "--resolution", "99/99"), 1),
    ],
)
def test_the_statuses_are_the_ones_the_page_gives(args: tuple[str, ...], status: int) -> None:
    assert_error(run(*args), status)


def test_formats_name_every_format() -> None:
    text = page("formats")
    for fmt in ("table", "json", "jsonl", "csv", "tsv", "ids"):
        assert re.search(rf"^  {fmt} ", text, re.M), fmt
    assert "(stdin line 3)" in text and "CRLF" in text and "#" in text


def test_fact_paths_agree_with_the_schema() -> None:
    text = page("fact-paths")
    for instrument in CCW_INSTRUMENTS:
        assert instrument in text and instrument in SCHEMA
    for status in TREATY_STATUSES:
        assert status in text and f"`{status}`" in SCHEMA
    for vote in VOTES:
        assert vote in text and f"`{vote}`" in SCHEMA
    for path in ("treaty.status", "ccw.protocol_v", "votes.65/48", "meetings.10MSP", "use.2"):
        assert path in text and path in SCHEMA + README, path


def test_store_agrees_with_the_readme() -> None:
    text = page("store")
    for needle in ("countries/<CODE>.toml", "resolutions.toml", "meetings.toml"):
        assert needle in text
    order = ["--store", "MINECLI_STORE", "user store", "bundled store"]
    positions = [text.index(n) for n in order]
    assert positions == sorted(positions)
    readme = README[README.index("The store in use is") :]
    assert [readme.index(n) for n in order] == sorted(readme.index(n) for n in order)
    assert "~/.local/share/minecli/store" in text and "~/.local/share/minecli/store" in README


def test_terminal_agrees_with_the_pager_and_the_colours() -> None:
    text = " ".join(page("terminal").split())
    assert f"else {pager.DEFAULT} (with LESS={pager.DEFAULT_LESS}" in text
    assert pager.pager_command({"MINECLI_PAGER": "more", "PAGER": "most"}) == ["more"]
    assert "$MINECLI_PAGER, else $PAGER" in text
    for vote, colour in console.VOTE_STYLES.items():
        if vote != "absent":
            assert f"{vote} {colour}" in text
    labels = {"state_party": "State Party", "signatory": "Signatory", "withdrawn": "Withdrawn"}
    for status, label in labels.items():
        assert f"{label} {console.STATUS_STYLES[status]}" in text
    assert f"error {console.STYLES['severity.error']}" in text
    assert f"warning {console.STYLES['severity.warning']}" in text
    assert "--no-pager" in README and "MINECLI_PAGER" in README and "--color" in README


def test_a_command_name_prints_its_help() -> None:
    assert run("help", "set").out == run("set", "--help").out


@pytest.mark.parametrize(
    ("topic", "line"),
    [
        ("fromats", "Error: no help topic 'fromats'; did you mean 'formats'?"),
        ("exit", "Error: no help topic 'exit'; did you mean 'exit-codes'?"),
        (
            "nonsense",
            "Error: no help topic 'nonsense'; the topics are: exit-codes, formats, fact-paths, "
            "store, terminal",
        ),
    ],
)
def test_an_unknown_topic(topic: str, line: str) -> None:
    assert assert_error(run("help", topic), 2) == line


def test_topics_complete() -> None:
    from .test_completion import complete

    assert complete("minecli help f") == ["formats", "fact-paths"]
    assert "exit-codes" in complete("minecli help ")


def test_in_a_real_process() -> None:
    result = cli("help", "exit-codes", entry="script")
    assert result.code == 0 and result.out.startswith("Exit statuses\n")
