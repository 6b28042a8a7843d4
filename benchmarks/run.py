"""Time minecli against the floor (what `import typer` costs) and against sqlite-utils.

    python benchmarks/run.py [--runs 21] [--skip-archive] [--markdown]

Builds a bundled-scale and an archive-scale store (benchmarks/make_store.py) in a temporary
folder, a SQLite database of the same votes for sqlite-utils (pip install sqlite-utils, or
`pip install -e '.[bench]'`), and runs every command in turn, interleaved so that a slow moment of
the machine hits all of them alike. Prints the median wall time of each, its ratio to the floor,
its target, and the peak memory of the slowest run. Timing is a report, never a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
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
SQLITE_CASE = "sqlite-utils query (same roll call, csv)"
MINECLI = [PY, "-m", "minecli"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one run; output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return elapsed, usage.ru_maxrss


def sqlite_db(store: Path, db: Path) -> bool:
    """The votes of a store in an indexed SQLite table, for sqlite-utils; False if not installed."""
    try:
        import sqlite_utils
    except ImportError:
        return False
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
    database = sqlite_utils.Database(db)
    database["votes"].insert_all(rows)
    database["votes"].create_index(["resolution"])
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--skip-archive", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    # An installed minecli has its bytecode compiled by pip; give a checkout the same footing.
    import compileall

    compileall.compile_dir(HERE.parent / "minecli", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="minecli-bench-"))
    os.environ["MINECLI_CACHE_DIR"] = str(work / "cache")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MINECLI_STORE", None)
    bundled = make(work / "bundled", "bundled")
    cases: list[tuple[str, list[str], float | None]] = [
        ("floor: python -c 'import typer'", [PY, "-c", "import typer"], None),
        (
            "show UZ --format json",
            [*MINECLI, "--store", str(bundled), "show", "UZ", "--format", "json"],
            1.25,
        ),
        ("show UZ (table)", [*MINECLI, "--store", str(bundled), "show", "UZ"], 2.0),
        (
            "votes --resolution 65/48 --format csv",
            [
                *MINECLI,
                "--store",
                str(bundled),
                "votes",
                "--resolution",
                "65/48",
                "--format",
                "csv",
            ],
            1.4,
        ),
        (
            "list --status not_party --format ids",
            [*MINECLI, "--store", str(bundled), "list", "--status", "not_party", "--format", "ids"],
            1.4,
        ),
        ("search OZM", [*MINECLI, "--store", str(bundled), "search", "OZM"], 1.6),
    ]
    db = work / "votes.db"
    if sqlite_db(bundled, db):
        sqlite = shutil.which("sqlite-utils") or "sqlite-utils"
        cases.append(
            (
                SQLITE_CASE,
                [
                    sqlite,
                    "query",
                    str(db),
                    "select resolution, code, name, vote, note from votes where resolution = "
                    "'65/48' order by name",
                    "--csv",
                ],
                None,
            )
        )
    else:
        print("sqlite-utils is not installed: pip install sqlite-utils", file=sys.stderr)
    cold = None
    if not args.skip_archive:
        archive = make(work / "archive", "archive")
        size = sum(p.stat().st_size for p in archive.rglob("*.toml")) / 1e6
        start = time.perf_counter()
        _, cold_rss = timed([*MINECLI, "--store", str(archive), "list", "--format", "ids"], env)
        cold = (time.perf_counter() - start, cold_rss, size)
        cases += [
            (
                "archive: votes --resolution 65/48 --format csv",
                [
                    *MINECLI,
                    "--store",
                    str(archive),
                    "votes",
                    "--resolution",
                    "65/48",
                    "--format",
                    "csv",
                ],
                2.5,
            ),
            (
                "archive: list --status not_party --format ids",
                [
                    *MINECLI,
                    "--store",
                    str(archive),
                    "list",
                    "--status",
                    "not_party",
                    "--format",
                    "ids",
                ],
                2.5,
            ),
            (
                "archive: show UZ --format json",
                [*MINECLI, "--store", str(archive), "show", "UZ", "--format", "json"],
                2.0,
            ),
        ]
    for _, argv, _ in cases:  # warm the caches and the OS
        timed(argv, env)
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    peak: dict[str, int] = {name: 0 for name, _, _ in cases}
    for _ in range(args.runs):
        for name, argv, _ in cases:
            seconds, rss = timed(argv, env)
            times[name].append(seconds)
            peak[name] = max(peak[name], rss)
    floor = statistics.median(times[cases[0][0]])
    sqlite_median = statistics.median(times[SQLITE_CASE]) if SQLITE_CASE in times else None
    rows = []
    for name, _, target in cases:
        median = statistics.median(times[name])
        ratio = median / floor
        verdict = "" if target is None else ("ok" if ratio <= target else "OVER")
        rows.append(
            (
                name,
                f"{median * 1000:.0f} ms",
                f"{ratio:.2f}",
                f"≤ {target}" if target else "",
                verdict,
                f"{peak[name] / 1024:.0f} MB",
            )
        )
    header = ("command", "median", "× floor", "target", "", "peak RSS")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)))
    roll_call = statistics.median(times["votes --resolution 65/48 --format csv"])
    if sqlite_median:
        print(
            f"\nroll call vs sqlite-utils: {roll_call / sqlite_median:.2f} (below 1 means minecli is faster)"
        )
    if cold:
        print(
            f"archive store: {cold[2]:.1f} MB of TOML; first (cold) query {cold[0]:.2f} s, peak {cold[1] / 1024:.0f} MB"
        )
    print(
        f"\n{args.runs} runs each, medians; Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
