"""The fast path (minecli.fastpath, minecli.entry) answers exactly as the Typer path does.

Each argument list runs three times in-process through minecli.entry.main: with the fast path
off (the Typer path alone), then twice with it on (the first run keeps its answer, the second
is served from it where the fast path understands the arguments). stdout, stderr and the exit
status must be identical, byte for byte. The store is a copy whose files are a day old, so
that no answer is held back as "racy" (see fastpath.RACY_NS).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli import argtable, entry, fastpath

from .helpers import REPO, copy_store, in_terminal, proc_env, sh

DAY_NS = 86_400 * 10**9
CODES = ("AF", "FI", "KZ", "RU", "TJ", "UZ")


def aged(store: Path) -> Path:
    old = time.time_ns() - DAY_NS
    for path in [store, *store.rglob("*")]:
        os.utime(path, ns=(old, old))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return aged(copy_store(tmp_path_factory.mktemp("fast") / "store", CODES))


@pytest.fixture(autouse=True)
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MINECLI_NO_FAST", raising=False)
    return tmp_path / "cache" / "answers"


def once(argv: list[str], fast: bool = True) -> tuple[bytes, bytes, object, bool]:
    """minecli ARGV in-process with piped (non-terminal) stdout and stderr."""
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr, os.environ.get("MINECLI_NO_FAST")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    if not fast:
        os.environ["MINECLI_NO_FAST"] = "1"
    status: object = 0
    try:
        entry.main(argv)
    except SystemExit as exc:
        status = 0 if exc.code is None else exc.code
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        results = out.getvalue(), err.getvalue()
        sys.stdout, sys.stderr = saved[0], saved[1]
        if saved[2] is None:
            os.environ.pop("MINECLI_NO_FAST", None)
    return results[0], results[1], status, entry.SERVED["fast"]


def same_three_ways(argv: list[str]) -> bool:
    """Typer alone, then fast twice: identical results. Whether the last was served fast."""
    plain = once(argv, fast=False)
    assert plain[3] is False
    first = once(argv)
    second = once(argv)
    assert first[:3] == plain[:3], argv
    assert second[:3] == plain[:3], argv
    return second[3]


CORPUS = [
    ["show", "UZ", "--format", "json"],
    ["show", "UZ", "KZ", "--format", "jsonl"],
    ["show", "uzbekistan", "-f", "json"],
    ["show", "UZ"],
    ["show", "XX", "--format", "json"],
    ["votes", "--resolution", "65/48", "--format", "csv"],
    ["votes", "-r", "65/48", "--vote", "abstain", "--format", "tsv"],
    ["votes", "UZ", "--format", "json", "--fields", "resolution,vote"],
    ["votes", "--resolution", "99/99", "--format", "csv"],
    ["list", "--format", "ids"],
    ["list", "--status", "not_party", "--format", "csv", "--no-headers"],
    ["list", "--vote", "65/48=abstain", "--no-ccw", "--format", "json"],
    ["list", "--sort", "name", "--reverse", "--limit", "3", "--format", "csv"],
    ["list", "--fields", "code,nonsense", "--format", "csv"],
    ["search", "OZM", "--format", "json"],
    ["search", "border", "--in", "UZ", "--format", "csv"],
    ["resolutions", "--format", "csv"],
    ["resolutions", "65/48", "--format", "json"],
    ["timeline", "UZ", "KZ", "--format", "csv"],
    ["sources", "UZ", "--format", "json"],
    ["check", "--format", "json"],
    ["check", "UZ", "--only", "schema"],
    ["store", "--format", "json"],
    ["-q", "list", "--format", "ids"],
    ["--color", "never", "list", "--format", "ids"],
    ["list", "--format", "ids", "--no-pager"],
    ["list", "--format", "xml"],
    ["list", "--help"],
    ["--version"],
    ["nosuch"],
    [],
]


@pytest.mark.parametrize("argv", CORPUS, ids=[" ".join(a) or "(none)" for a in CORPUS])
def test_the_corpus_is_answered_alike(store: Path, argv: list[str]) -> None:
    served = same_three_ways(["--store", str(store), *argv])
    first = once(["--store", str(store), *argv], fast=False)
    if fastpath.understood(["--store", str(store), *argv]) and first[2] == 0:
        assert served, f"{argv}: a success the fast path understands is served from then on"
    if first[2] not in (0, 1) or argv[:1] in (["--version"], ["nosuch"], []):
        assert not served


def _argv_strategy() -> st.SearchStrategy[list[str]]:
    values = st.sampled_from(["UZ", "kz", "65/48", "80/35", "name", "code,name", "3", "0", "x y"])
    words = st.sampled_from(["UZ", "KZ", "Tajikistan", "XX", "OZM", "border", "65/48", "--"])

    def one(command: str) -> st.SearchStrategy[list[str]]:
        table = argtable.COMMANDS[command]["options"]
        option = st.sampled_from(sorted(o for o in table if o != "--store")).flatmap(
            lambda name: (
                st.sampled_from(table[name][2]).map(lambda v: [name, v])
                if table[name][2]
                else values.map(lambda v: [name, v])
                if table[name][0]
                else st.just([name])
            )
        )
        return st.tuples(st.lists(option, max_size=3), st.lists(words, max_size=3)).map(
            lambda parts: [command, *parts[1], *(a for o in parts[0] for a in o)]
        )

    return st.sampled_from(sorted(set(argtable.COMMANDS) - {"check"})).flatmap(one)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=_argv_strategy())
def test_generated_argument_lists_are_answered_alike(store: Path, argv: list[str]) -> None:
    same_three_ways(["--store", str(store), *argv])


def test_the_table_is_the_typer_declarations() -> None:
    from tools.argtable import TARGET, build

    assert TARGET.read_text(encoding="utf-8") == build(), "python -m tools.argtable"


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["show", "UZ", "--format", "json"], ("show", None)),
        (["--store", "S", "votes", "-r", "65/48", "-f", "csv"], ("votes", "S")),
        (["list", "--store=T", "--format=ids"], ("list", "T")),
        (["list", "-q", "--ccw"], ("list", None)),
        (["show", "-"], None),
        (["show", "UZ", "--", "x"], None),
        (["show", "UZ", "--help"], None),
        (["show"], None),
        (["search"], None),
        (["search", "a", "b"], None),
        (["list", "extra"], None),
        (["list", "--format", "xml"], None),
        (["list", "--format"], None),
        (["list", "--reverse=yes"], None),
        (["list", "-fjson"], None),
        (["add-vote", "UZ", "65/48", "yes"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_what_the_fast_path_understands(argv: list[str], expected: object) -> None:
    assert fastpath.understood(argv) == expected


def test_an_edit_by_hand_is_seen_at_once(tmp_path: Path) -> None:
    store = aged(copy_store(tmp_path / "s", CODES))
    argv = ["--store", str(store), "show", "UZ", "--format", "json"]
    once(argv)
    assert once(argv)[3], "served"
    profile = store / "countries" / "UZ.toml"
    stat = profile.stat()
    text = profile.read_text(encoding="utf-8").replace("Uzbekistan", "Uzbekistam", 1)
    profile.write_text(text, encoding="utf-8")
    os.utime(profile, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    out, _, status, served = once(argv)
    assert not served and status == 0 and b"Uzbekistam" in out
    (store / "countries" / "KZ.toml").unlink()
    assert not once(["--store", str(store), "list", "--format", "ids"])[3]


def test_a_fresh_file_is_never_trusted(tmp_path: Path) -> None:
    store = copy_store(tmp_path / "s", CODES)  # files written just now
    argv = ["--store", str(store), "list", "--format", "ids"]
    once(argv)
    assert not once(argv)[3], "a file changed within 2 s of keeping the answer is re-read"


def test_other_code_never_sees_the_answer(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["--store", str(store), "resolutions", "--format", "ids"]
    once(argv)
    monkeypatch.setattr(fastpath, "code_stamp", lambda: "another version")
    assert not once(argv)[3]


def test_answers_another_user_could_write_are_not_used(store: Path, answers: Path) -> None:
    argv = ["--store", str(store), "resolutions", "--format", "ids"]
    once(argv)
    assert once(argv)[3]
    answers.chmod(0o777)
    assert not once(argv)[3] and not once(argv)[3]
    answers.chmod(0o700)
    assert once(argv)[3]


def test_a_damaged_answer_is_not_believed(store: Path, answers: Path) -> None:
    argv = ["--store", str(store), "list", "--format", "csv"]
    plain = once(argv, fast=False)
    once(argv)
    for kept in answers.iterdir():
        kept.write_bytes(kept.read_bytes()[:-7])
    assert once(argv)[:3] == plain[:3]
    assert once(argv)[3]


def test_no_cache_means_no_kept_answer(
    store: Path, answers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINECLI_NO_CACHE", "1")
    argv = ["--store", str(store), "list", "--format", "ids"]
    assert once(argv)[2] == 0 and not once(argv)[3]
    assert not answers.exists() or not list(answers.iterdir())


def test_the_answers_kept_are_bounded(answers: Path) -> None:
    answers.mkdir(parents=True)
    for n in range(fastpath.KEEP + 5):
        fastpath.keep(str(answers / f"a{n}"), b"q", 0, 0, b"", b"", b"")
    assert fastpath.KEEP // 2 <= len(list(answers.iterdir())) <= fastpath.KEEP


def test_real_processes_through_pipes(tmp_path: Path) -> None:
    store = aged(copy_store(tmp_path / "s", CODES))
    env = {"MINECLI_CACHE_DIR": str(tmp_path / "cache")}
    line = f"minecli --store {store} votes -r 65/48 --format csv"
    first, second = sh(line, env=env), sh(line, env=env)
    assert first == second and first.code == 0 and first.out.startswith("resolution,")
    head = sh(f"set -o pipefail; {line} | head -1", env=env)
    assert head.code == 0 and head.out.startswith("resolution,") and head.err == ""
    probe = (
        "import sys; from minecli import entry\n"
        "try: entry.main(sys.argv[1:])\nexcept SystemExit: pass\n"
        "print('minecli.cli' in sys.modules, 'typer' in sys.modules, file=sys.stderr)\n"
    )
    argv = [sys.executable, "-c", probe, "--store", str(store), "votes", "-r", "65/48", "-f", "csv"]
    runs = [
        subprocess.run(argv, capture_output=True, text=True, env=proc_env(env), cwd=REPO)
        for _ in range(2)
    ]
    assert runs[0].stderr.split() == ["True", "True"], "the first run is Typer's"
    done = runs[1]
    assert done.stderr.split() == ["False", "False"], "served without Typer"
    check = f"minecli --store {store} check --format csv"
    (store / "countries" / "UZ.toml").write_text("schema = 1\ncode = 'UZ'\n", encoding="utf-8")
    aged(store)
    results = [sh(check, env=env) for _ in range(2)]
    assert results[0] == results[1] and results[0].code == 1, "check keeps its status"


def test_a_terminal_is_never_answered_fast(store: Path, answers: Path) -> None:
    for _ in range(2):
        in_terminal(80, "--store", str(store), "list", "--format", "ids")
    assert not answers.exists() or not list(answers.iterdir())


@pytest.mark.parametrize("width", ["40", "80", "120"])
def test_root_help_lists_the_commands_as_click_would(width: str) -> None:
    """`minecli --help` takes the command list from the table: the same text as Click makes by
    loading each command, and no command module imported."""
    import typer.core

    from minecli import cli

    from .helpers import run

    ours = run("--help", env={"COLUMNS": width})
    original = cli.LazyGroup.format_commands
    try:
        cli.LazyGroup.format_commands = typer.core.TyperGroup.format_commands  # type: ignore[method-assign]
        clicks = run("--help", env={"COLUMNS": width})
    finally:
        cli.LazyGroup.format_commands = original  # type: ignore[method-assign]
    assert ours.code == 0 and ours.out == clicks.out and "  show " in ours.out
    probe = (
        "import sys; from minecli import entry\n"
        "try: entry.main(['--help'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('minecli.commands.')), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=proc_env({}), cwd=REPO
    )
    assert done.stderr.strip() == "[]", done.stderr
