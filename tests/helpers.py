"""Helpers for the minecli tests: ways to run minecli, parsers for its formats, assertions.

  run(*args, input=None, env=None)   in-process through Typer's CliRunner -> Result(code, out, err)
  cli(*args, input=None, env=None, entry="module"|"script")   a real minecli process -> Result
  sh(command, input=None, env=None)  a bash command line with real pipes -> Result
  in_terminal(width, *args)          a real minecli process with stdout on a pty -> (raw, lines)

Subprocesses get the current environment, which the autouse fixture in conftest.py has isolated
(private XDG_DATA_HOME, no MINECLI_STORE, no colour or width variables).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from typer.testing import CliRunner

from minecli.cli import app

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BUNDLED = REPO / "data" / "store"
SHARED = REPO.parent / "shared"  # a sibling folder the project must never read at test time
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"

SIX = ("AF", "KG", "KZ", "TJ", "TM", "UZ")  # the states whose facts these tests know
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "ids")
MACHINE = ("json", "jsonl", "csv", "tsv")

# Environment a developer's terminal may carry that changes minecli's output or store.
SCRUBBED = (
    "MINECLI_STORE",
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "CLICOLOR",
    "COLUMNS",
    "LINES",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "_MINECLI_COMPLETE",
    "_TYPER_COMPLETE_ARGS",
    "COMP_WORDS",
    "COMP_CWORD",
)

# Every read command, for the format tests (tests/test_formats.py) and the real-process matrix.
# name -> (arguments after `--store STORE`, id key or None when --format ids is refused,
#          keys every format must carry: the documented column names)
COMMANDS: dict[str, tuple[tuple[str, ...], str | None, tuple[str, ...]]] = {
    "show": (("show", "UZ"), "code", ()),  # JSON is the profile itself; see test_show.py
    "votes-resolution": (
        ("votes", "--resolution", "65/48"),
        "code",
        ("resolution", "code", "name", "vote", "note"),
    ),
    "votes-state": (
        ("votes", "UZ"),
        "resolution",
        ("code", "resolution", "session", "date", "vote", "note", "sources"),
    ),
    "resolutions": (
        ("resolutions",),
        "resolution",
        (
            "resolution",
            "session",
            "date",
            "yes",
            "no",
            "abstain",
            "absent",
            "announced_yes",
            "announced_no",
            "announced_abstain",
            "recorded",
            "title",
        ),
    ),
    "list": (
        ("list",),
        "code",
        (
            "code",
            "name",
            "status",
            "signed",
            "consent",
            "consent_type",
            "entry_into_force",
            "withdrawal_effective",
            "ccw",
            "latest_resolution",
            "latest_vote",
        ),
    ),
    "timeline": (("timeline", "UZ"), None, ("code", "date", "kind", "event", "sources")),
    "sources": (
        ("sources", "UZ"),
        "id",
        ("code", "id", "title", "author", "date", "kind", "url", "note", "cited_by"),
    ),
    "search": (("search", "OZM"), "code", ("code", "name", "field", "snippet")),
    "store": (("store",), "path", ("path", "origin", "writable", "profiles")),
}
MATRIX = [(name, fmt) for name in COMMANDS for fmt in FORMATS]

VENV_BIN = Path(sys.executable).parent
SCRIPT = VENV_BIN / "minecli"

ESC = "\x1b"
BOX_CHARS = re.compile("[\u2500-\u257f]")  # box drawing block: ─ │ ╭ ╮ ╰ ╯ ...
SGR = re.compile(r"\x1b\[([0-9;]*)m")


class Result(NamedTuple):
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


def proc_env(env: dict[str, str | None] | None = None) -> dict[str, str]:
    """The current (isolated) environment for a subprocess, plus overrides; None deletes.

    The SCRUBBED variables are dropped even if set, so a session fixture (which runs before the
    per-test isolation) cannot leak a developer's MINECLI_STORE or FORCE_COLOR into minecli.
    """
    out = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    out["PATH"] = f"{VENV_BIN}{os.pathsep}{out.get('PATH', '')}"
    for key, value in (env or {}).items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


# --- ways to run minecli ----------------------------------------------------------------------

_runner = CliRunner()


def run(*args: str, input: str | None = None, env: dict[str, str | None] | None = None) -> Result:
    """minecli in-process. Unexpected exceptions propagate (they would be tracebacks for users).

    The SCRUBBED variables are removed for the call (env may set them again), so that even a
    module- or session-scoped fixture, which runs before the per-test isolation, sees no
    MINECLI_STORE, COLUMNS or FORCE_COLOR from the developer's shell.
    """
    env = {**{name: None for name in SCRUBBED}, **(env or {})}
    result = _runner.invoke(
        app, list(args), input=input, env=env, catch_exceptions=False, prog_name="minecli"
    )
    return Result(result.exit_code, result.stdout, result.stderr)


def cli(
    *args: str,
    input: str | None = None,
    env: dict[str, str | None] | None = None,
    entry: str = "module",
    cwd: Path | None = None,
) -> Result:
    """A real minecli process, stdout and stderr piped: `python -m minecli` or the script."""
    argv = [sys.executable, "-m", "minecli"] if entry == "module" else [str(SCRIPT)]
    proc = subprocess.run(
        [*argv, *args],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=proc_env(env),
        cwd=cwd or TESTS,
        timeout=60,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def sh(command: str, input: str | None = None, env: dict[str, str | None] | None = None) -> Result:
    """A bash command line with real pipes; `minecli` on PATH is this checkout's script."""
    proc = subprocess.run(
        ["bash", "-c", command],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=proc_env(env),
        cwd=TESTS,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def start_matrix(
    pool: ThreadPoolExecutor, store: Path, home: Path, wanted: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, Future]]:
    """Start the wanted (command, format) pairs of MATRIX as real processes on the pool,
    alternating `python -m minecli` and the script. The environment is fixed now, in the calling
    thread, so later monkeypatching by tests cannot leak into these processes."""
    env = proc_env({"XDG_DATA_HOME": str(home / "data"), "HOME": str(home)})
    jobs = {}
    for i, (name, fmt) in enumerate(MATRIX):
        if (name, fmt) not in wanted:
            continue
        entry = "module" if i % 2 == 0 else "script"
        argv = [sys.executable, "-m", "minecli"] if entry == "module" else [str(SCRIPT)]
        argv += ["--store", str(store), *COMMANDS[name][0], "--format", fmt]
        jobs[name, fmt] = (entry, pool.submit(_run_argv, argv, env))
    return jobs


def _run_argv(argv: list[str], env: dict[str, str]) -> Result:
    proc = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=TESTS,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


# --- assertions -------------------------------------------------------------------------------


def kill_at(marker: Path, proc: subprocess.Popen) -> None:
    """Wait (up to ~30 s) for a frozen writer to reach its point (it creates ``marker``), then
    SIGKILL it; the process is reaped whatever happens."""
    try:
        for _ in range(1200):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.025)
        assert marker.exists(), proc.communicate(timeout=5)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate(timeout=60)


def assert_error(result: Result, code: int, *needles: str) -> str:
    """A failed command: the exit code, nothing on stdout, one `Error:` line on stderr."""
    assert result.code == code, result
    assert result.out == "", f"stdout of a failing command must be empty: {result.out!r}"
    assert "Traceback" not in result.err
    lines = result.err_lines
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert lines[0].startswith("Error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def colour_codes(text: str) -> list[str]:
    """The SGR parameters in text that set a colour (foreground or background)."""
    found = []
    for params in SGR.findall(text):
        parts = [p for p in params.split(";") if p]
        for p in parts:
            n = int(p)
            if 30 <= n <= 39 or 40 <= n <= 49 or 90 <= n <= 97 or 100 <= n <= 107:
                found.append(params)
                break
    return found


def rows_of(fmt: str, text: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(keys, rows) parsed from a machine format; CSV/TSV values stay text."""
    import csv
    import io

    if fmt == "json":
        rows = json.loads(text)
        assert isinstance(rows, list)
        keys = list(rows[0]) if rows else []
        return keys, rows
    if fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
        keys = list(rows[0]) if rows else []
        return keys, rows
    if fmt == "csv":
        reader = csv.reader(io.StringIO(text, newline=""))
        table = list(reader)
        keys = table[0]
        return keys, [dict(zip(keys, r, strict=True)) for r in table[1:]]
    if fmt == "tsv":
        lines = text.split("\n")
        assert lines[-1] == "", "TSV ends with a newline"
        table = [line.split("\t") for line in lines[:-1]]
        keys = table[0]
        return keys, [dict(zip(keys, (unescape_tsv(c) for c in r), strict=True)) for r in table[1:]]
    raise ValueError(fmt)


def unescape_tsv(text: str) -> str:
    """Undo minecli's TSV escapes: \\t \\n \\r \\\\."""
    escapes = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    return re.sub(r"\\([tnr\\])", lambda m: escapes[m.group(1)], text)


def flat(value: Any) -> str:
    """A JSON value as the CSV/TSV cell the README promises: lists ';'-joined, booleans lower,
    another reading of a fact as its value and its sources' ids (``absent [15]``)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        shown = " ".join(
            flat(v) for k, v in value.items() if k not in ("sources", "by", "note", "url")
        )
        return shown + (f" [{', '.join(map(str, value['sources']))}]" if value["sources"] else "")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(flat(v) for v in value)
    return str(value)


# --- stores -----------------------------------------------------------------------------------


# Every bundled resolution has its roll call; the test stores add one that has none, for the
# tests of a vote known from another source (a fiction: no such resolution exists).
UNRECORDED = "81/40"
UNRECORDED_RESOLUTION = f"""
[[resolutions]]
number = "{UNRECORDED}"
session = 81
date = 2026-12-07
title = "A resolution whose roll call this store does not hold (a test fixture)"
recorded = false
note = "Test fixture: no state's vote is recorded and none is assumed."
"""


def copy_store(target: Path, codes: tuple[str, ...] = SIX) -> Path:
    """A store at target with the bundled resolutions (and UNRECORDED), meetings and these
    states' profiles."""
    (target / "countries").mkdir(parents=True)
    for name in ("resolutions.toml", "meetings.toml"):
        shutil.copy2(BUNDLED / name, target / name)
    with (target / "resolutions.toml").open("a", encoding="utf-8") as handle:
        handle.write(UNRECORDED_RESOLUTION)
    for code in codes:
        shutil.copy2(BUNDLED / "countries" / f"{code}.toml", target / "countries" / f"{code}.toml")
    return target


BROKEN_LINE = "this is = = not toml ["


CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
OSC8 = re.compile(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\")


def in_terminal(
    width: int,
    *args: str,
    height: int = 50,
    env: dict[str, str | None] | None = None,
    stderr_too: bool = False,
    status: int = 0,
) -> tuple[str, list[str]]:
    """minecli ARGS with stdout on a pty ``width`` columns by ``height`` rows (stderr piped,
    or on the pty too with ``stderr_too``; no pager unless ``env`` asks for one), expecting
    exit ``status``: what it wrote, and its lines as text (colour and hyperlinks taken out)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    settings = {"COLUMNS": None, "LINES": None, "TERM": "xterm-256color", "MINECLI_PAGER": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "minecli", *args],
        stdout=slave,
        stderr=slave if stderr_too else subprocess.PIPE,
        env=proc_env({**settings, **(env or {})}),
        cwd=REPO,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == status, proc.stderr.read() if proc.stderr else ""
    raw = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return raw, CSI.sub("", OSC8.sub("", raw)).split("\n")


def matches_golden(text: str, golden: Path, what: str) -> None:
    """Compare ``text`` (the output of ``what``) with a golden file, failing with the diff;
    with MINECLI_UPDATE_GOLDEN=1, rewrite the file instead (then review it with git diff)."""
    import difflib

    import pytest

    if os.environ.get("MINECLI_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {golden.name}; review it with git diff")
    assert golden.is_file(), f"no golden file {golden.name}: run with MINECLI_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        name = str(golden.relative_to(GOLDEN.parent))
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True), name, what
        )
        pytest.fail(
            f"`{what}` differs from {name}; if the change is intended, regenerate it with "
            f"MINECLI_UPDATE_GOLDEN=1 and review the diff.\n{''.join(diff)}"
        )
