"""Time minecli against the interpreter's start-up and against jq, sqlite-utils and sqlite3.

    python benchmarks/run.py [--runs 11] [--scales bundled,archive,archive5] [--markdown]

Builds each store (benchmarks/make_store.py) in a temporary folder, with a JSON file and an
indexed SQLite database of the same votes for the other tools, and runs every command in turn,
interleaved, so that a slow moment of the machine hits all of them alike. Prints the median wall
time of each, its ratio to `python -c pass` in the same environment, the target where there is
one, and the peak memory of the command itself: measured by GNU time (/usr/bin/time) around
the command, so that it is the command's own high-water mark, not that of this script at fork.
"minecli (Typer path)" rows set MINECLI_NO_FAST=1: what a question costs the first time.
Timing is a report, never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.make_store import make  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent  # the venv's scripts, found even when it is not on PATH
FLOOR = "python -c pass"
Case = tuple[str, list[str], "float | None", dict[str, str]]


def tool(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def peak_kib(argv: list[str], env: dict[str, str]) -> int | None:
    """The command's own peak resident memory, from GNU time; None without it."""
    gnu_time = "/usr/bin/time"
    if not os.path.exists(gnu_time):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        subprocess.run(
            [gnu_time, "-f", "%M", "-o", out.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        text = Path(out.name).read_text().strip().splitlines()
    return int(text[-1]) if text and text[-1].isdigit() else None


def vote_rows(store: Path) -> list[dict[str, str | None]]:
    from minecli.store import Store

    rows = []
    for profile in Store(store, "--store").iter_profiles(brief=True):
        if isinstance(profile, Exception):
            continue
        for vote in profile.get("votes", []):
            rows.append(
                {
                    "resolution": vote["resolution"],
                    "code": profile["code"],
                    "name": profile["name"],
                    "vote": vote["vote"],
                    "note": vote.get("note"),
                }
            )
    return rows


def others(store: Path, work: Path, label: str) -> list[Case]:
    """The same roll call asked of jq (a JSON file), sqlite-utils and sqlite3 (a database)."""
    rows = vote_rows(store)
    data, db = work / f"{label}-votes.json", work / f"{label}-votes.db"
    data.write_text(json.dumps(rows), encoding="utf-8")
    with sqlite3.connect(db) as con:
        con.execute("create table votes (resolution, code, name, vote, note)")
        con.executemany("insert into votes values (:resolution, :code, :name, :vote, :note)", rows)
        con.execute("create index votes_resolution on votes (resolution)")
    query = "select * from votes where resolution = '65/48' order by name"
    cases: list[Case] = []
    jq = tool("jq")
    if jq:
        program = '.[] | select(.resolution == "65/48") | [.resolution, .code, .name, .vote] | @csv'
        cases.append(
            (f"{label}: jq over a JSON file (roll call)", [jq, "-r", program, str(data)], None, {})
        )
    utils = tool("sqlite-utils")
    if utils:
        cases.append(
            (
                f"{label}: sqlite-utils query (roll call)",
                [utils, "query", str(db), query, "--csv"],
                None,
                {},
            )
        )
    cli = tool("sqlite3")
    if cli:
        cases.append((f"{label}: sqlite3 CLI (roll call)", [cli, "-csv", str(db), query], None, {}))
    return cases


def minecli_cases(store: Path, label: str) -> list[Case]:
    fast = 2.5 if label == "bundled" else None
    base = [PY, "-m", "minecli", "--store", str(store)]
    asked: list[tuple[str, list[str], float | None]] = [
        ("show UZ --format json", ["show", "UZ", "--format", "json"], fast),
        (
            "votes --resolution 65/48 --format csv",
            ["votes", "--resolution", "65/48", "--format", "csv"],
            fast,
        ),
        (
            "list --status not_party --format ids",
            ["list", "--status", "not_party", "--format", "ids"],
            fast,
        ),
        ("search OZM --format json", ["search", "OZM", "--format", "json"], fast),
        ("resolutions --format csv", ["resolutions", "--format", "csv"], fast),
        ("list (piped table)", ["list"], None),
        ("check --format json", ["check", "--format", "json"], None),
    ]
    cases: list[Case] = [
        (f"{label}: minecli {name}", [*base, *args], target, {}) for name, args, target in asked
    ]
    slow = asked[6:] if label != "archive5" else []  # check: 40 s a run at 5x archive
    for name, args, _ in asked[:4] + slow:
        cases.append(
            (
                f"{label}: minecli (Typer path) {name}",
                [*base, *args],
                None,
                {"MINECLI_NO_FAST": "1"},
            )
        )
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--scales", default="bundled,archive,archive5")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    import compileall  # an installed minecli has its bytecode compiled by pip; so does this

    compileall.compile_dir(HERE.parent / "minecli", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="minecli-bench-"))
    env = {**os.environ, "NO_COLOR": "1", "MINECLI_CACHE_DIR": str(work / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MINECLI_STORE", None)
    cases: list[Case] = [
        (FLOOR, [PY, "-c", "pass"], None, {}),
        ("python -c 'import typer'", [PY, "-c", "import typer"], None, {}),
    ]
    notes = []
    for label in args.scales.split(","):
        store = make(work / label, label)
        size = sum(p.stat().st_size for p in store.rglob("*.toml")) / 1e6
        start = time.perf_counter()
        cold = [PY, "-m", "minecli", "--store", str(store), "list", "--format", "ids"]
        wall(cold, env)
        notes.append(
            f"{label}: {size:.1f} MB of TOML; cold index {time.perf_counter() - start:.2f} s"
        )
        cases += minecli_cases(store, label) + others(store, work, label)
        time.sleep(2.1)  # past the racy window of the files just written
    for _, argv, _, extra in cases:  # warm the caches, the kept answers and the OS
        wall(argv, {**env, **extra})
        wall(argv, {**env, **extra})
    times: dict[str, list[float]] = {name: [] for name, *_ in cases}
    for _ in range(args.runs):
        for name, argv, _, extra in cases:
            times[name].append(wall(argv, {**env, **extra}))
    peaks = {
        name: max(peak_kib(argv, {**env, **extra}) or 0 for _ in range(3))
        for name, argv, _, extra in cases
    }
    cache_bytes = sum(p.stat().st_size for p in (work / "cache").rglob("*") if p.is_file())
    floor = statistics.median(times[FLOOR])
    header = ("command", "median", "× python", "target", "", "peak RSS")
    rows = []
    for name, _, target, _ in cases:
        median = statistics.median(times[name])
        ratio = median / floor
        verdict = "" if target is None else ("ok" if ratio <= target else "OVER")
        peak = f"{peaks[name] / 1024:.0f} MiB" if peaks[name] else "?"
        rows.append(
            (
                name,
                f"{median * 1000:.0f} ms",
                f"{ratio:.2f}",
                f"≤ {target}" if target else "",
                verdict,
                peak,
            )
        )
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)))
    print()
    for note in notes:
        print(note)
    print(f"cache folder after the run: {cache_bytes / 1e6:.1f} MB")
    print(
        f"{args.runs} runs each, medians; Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
