"""import-profile and report as a researcher runs them: real commands on a copy of the store."""

from __future__ import annotations

import html.parser
import json
import shutil
from pathlib import Path

import pytest

from .helpers import BUNDLED, REPO, assert_error, cli, in_terminal, run, sh
from .write_support import snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "monitor"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(BUNDLED, target)
    return target


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def test_dry_run_json_is_the_record_in_the_shape_of_show(store: Path) -> None:
    (store / "countries" / "KZ.toml").unlink()  # a state the store does not have yet
    result = run(
        "--store",
        str(store),
        "import-profile",
        fixture("not_party_kz.txt"),
        "--code",
        "KZ",
        "--dry-run",
        "--format",
        "json",
    )
    assert result.code == 0, result
    record = json.loads(result.out)
    assert record["code"] == "KZ" and record["treaty"]["status"] == "not_party"
    shown = json.loads(run("--store", str(BUNDLED), "show", "UZ", "--format", "json").out)
    assert set(record) <= set(shown) | {"production", "transfer", "stockpile", "use"}
    assert "Recognised treaty status: not_party" in result.err
    assert not (store / "countries" / "KZ.toml").exists(), "a dry run writes nothing"


def test_a_new_state_is_written_and_check_accepts_it(store: Path) -> None:
    (store / "countries" / "KZ.toml").unlink()
    result = run(
        "--store", str(store), "import-profile", fixture("not_party_kz.txt"), "--code", "KZ"
    )
    assert result.code == 0, result
    assert "Wrote 1 file(s): countries/KZ.toml" in result.err
    checked = run("--store", str(store), "check", "--errors-only", "--format", "json")
    assert checked.code == 0, checked


def test_a_state_the_store_has_needs_merge_or_replace_and_nothing_changes(store: Path) -> None:
    before = snapshot(store)
    result = run("--store", str(store), "import-profile", fixture("not_party_kz.txt"))
    assert result.code == 1
    assert result.out.startswith("--- a/countries/KZ.toml"), "the diff a merge would make"
    assert result.err.strip().splitlines()[-1].startswith("Error: KZ is already in the store")
    assert "Traceback" not in result.err
    assert snapshot(store) == before


def test_merge_adds_what_is_new_and_keeps_a_differing_vote_beside_the_record(store: Path) -> None:
    result = run("--store", str(store), "import-profile", fixture("not_party_kz.txt"), "--merge")
    assert result.code == 0, result
    assert "KZ: added" in result.err
    shown = json.loads(run("--store", str(store), "show", "KZ", "--format", "json").out)
    vote = next(v for v in shown["votes"] if v["resolution"] == "74/61")
    assert vote["vote"] == "yes" and vote["readings"][0]["vote"] == "abstain"
    again = run("--store", str(store), "import-profile", fixture("not_party_kz.txt"), "--merge")
    assert again.code == 0 and "KZ: nothing new; nothing was changed" in again.err


def test_replace_puts_the_imported_profile_in_place(store: Path) -> None:
    result = run("--store", str(store), "import-profile", fixture("withdrawn_fi.txt"), "--replace")
    assert result.code == 0, result
    shown = json.loads(run("--store", str(store), "show", "FI", "--format", "json").out)
    assert shown["treaty"]["status"] == "withdrawn"
    assert [s["title"] for s in shown["sections"]] == ["Withdrawal"]
    assert shown["last_source_id"] >= 14, "ids of the replaced profile are never reused"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03", "binary"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"<html><body><h1>Cats</h1><p>Hello</p></body></html>", "not a Landmine Monitor profile"),
        (b"x" * 5_000_000, "too long"),
    ],
)
def test_bad_input_is_one_error_line_and_no_change(
    store: Path, tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    before = snapshot(store)
    assert_error(cli("--store", str(store), "import-profile", str(path)), 1, needle)
    assert snapshot(store) == before


def test_another_treatys_profile_and_contradictory_options(store: Path) -> None:
    assert_error(
        run("--store", str(store), "import-profile", fixture("other_treaty.txt")),
        1,
        "not a Landmine Monitor",
    )
    both = run(
        "--store", str(store), "import-profile", fixture("withdrawn_fi.txt"), "--merge", "--replace"
    )
    assert_error(both, 2, "--merge and --replace")


def test_stdin_and_a_real_pipe_from_report(store: Path) -> None:
    piped = sh(
        f"minecli --store {store} report UZ | minecli --store {store} import-profile - --merge"
    )
    assert piped.code == 0, piped
    assert "UZ: nothing new; nothing was changed" in piped.err


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_report_formats_and_out(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"uz.{fmt}"
    result = cli("--store", str(store), "report", "UZ", "--format", fmt, "--out", str(out))
    assert result.code == 0 and result.out == "", result
    text = out.read_text(encoding="utf-8")
    assert "Last Updated: 3 February 2026" in text
    assert "Abstained on Resolution 80/35 in December 2025" in text
    assert "Has never attended a Mine Ban Treaty meeting" in text
    back = run("--store", str(store), "import-profile", str(out), "--merge")
    assert back.code == 0 and "nothing new" in back.err, back


def test_report_text_numbers_footnotes_by_first_citation() -> None:
    text = run("--store", str(BUNDLED), "report", "UZ").out
    assert text.startswith("Uzbekistan: Mine Ban Policy\n\nLast Updated: 3 February 2026\n")
    footnotes = [line for line in text.splitlines() if line.startswith("[")]
    assert [f[:3] for f in footnotes] == ["[1]", "[2]", "[3]"]
    assert footnotes[0].startswith("[1] Uzbekistan: Mine Ban Policy (country profile)")
    assert text.index("[1]") < text.index("[2]") < text.index("[3]")


class Checker(html.parser.HTMLParser):
    """Tags opened and closed in order, and every link inside the page."""

    VOID = frozenset({"meta", "br", "img", "link", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        for key in ("href", "src"):
            if key in values:
                self.links.append(values[key])
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.errors.append(tag)


def test_the_html_report_is_one_well_formed_self_contained_page() -> None:
    page = run("--store", str(BUNDLED), "report", "UZ", "--format", "html").out
    assert page.startswith("<!DOCTYPE html>")
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.open == [], "every tag closed, in order"
    assert checker.links and all(link.startswith("#fn-") for link in checker.links)
    assert {link[1:] for link in checker.links} <= checker.ids, "every marker links a footnote"


def test_markdown_footnotes_are_links() -> None:
    text = run("--store", str(BUNDLED), "report", "UZ", "--format", "markdown").out
    assert "[^1]" in text and "\n[^1]: Uzbekistan: Mine Ban Policy" in text


def test_check_names_a_sentence_that_contradicts_the_record(store: Path) -> None:
    path = store / "countries" / "UZ.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("In December 2010 it abstained on", "In December 2010 it voted in favor of"),
        encoding="utf-8",
    )
    result = run("--store", str(store), "check", "--only", "prose", "--format", "json")
    assert result.code == 0, result
    findings = json.loads(result.out)
    assert len(findings) == 1 and findings[0]["check"] == "prose"
    assert findings[0]["severity"] == "warning" and findings[0]["file"] == "countries/UZ.toml"
    assert "the text says yes on 65/48" in findings[0]["message"]
    assert "the record has abstain ([6])" in findings[0]["message"]


@pytest.mark.parametrize("width", [40, 80, 120])
def test_report_on_a_terminal_wraps_between_words(width: int) -> None:
    _, lines = in_terminal(width, "--store", str(BUNDLED), "report", "UZ")
    piped = run("--store", str(BUNDLED), "report", "UZ").out
    assert all(len(line) <= width or len(line.split()) == 1 for line in lines), (
        "only a URL overflows"
    )
    assert " ".join(" ".join(lines).split()) == " ".join(piped.split()), "every word, whole"
    assert max(len(line) for line in piped.splitlines()) > 120, "a pipe keeps a paragraph a line"


def test_the_readme_worked_example(store: Path) -> None:
    """The README's example, step by step, on a copy of the store (the example file ships)."""
    example = str(REPO / "docs" / "examples" / "kz-2019.txt")
    dry = run("--store", str(BUNDLED), "import-profile", example, "--dry-run", "--format", "json")
    vote = next(v for v in json.loads(dry.out)["votes"] if v["resolution"] == "74/61")
    assert (vote["vote"], vote["readings"][0]["vote"]) == ("yes", "abstain")
    refused = run("--store", str(store), "import-profile", example)
    assert refused.code == 1 and refused.out.startswith("--- a/countries/KZ.toml")
    merged = run("--store", str(store), "import-profile", example, "--merge")
    assert merged.code == 0 and "Wrote 1 file(s): countries/KZ.toml" in merged.err
    assert "votes.74/61: another reading (vote abstain)" in merged.err
    again = sh(
        f"minecli --store {store} report KZ | minecli --store {store} import-profile - --merge"
    )
    assert again.code == 0 and "KZ: nothing new; nothing was changed" in again.err
    shown = run("--store", str(store), "show", "KZ").out
    assert "votes.74/61: yes" in shown and "or abstain" in shown, "side by side"


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (.ci/run installs Debian's)")
def test_a_real_headless_browser_shows_the_html_report(tmp_path: Path) -> None:
    import subprocess

    page = tmp_path / "uz.html"
    assert (
        cli("--store", str(BUNDLED), "report", "UZ", "--format", "html", "--out", str(page)).code
        == 0
    )
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [BROWSER, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    assert "<h1>Uzbekistan: Mine Ban Policy</h1>" in dom
    assert 'id="fn-3"' in dom and 'href="#fn-3"' in dom
    shot = tmp_path / "uz.png"
    subprocess.run(
        [BROWSER, *flags, "--window-size=900,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
