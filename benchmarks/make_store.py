"""Generate a store to benchmark minecli against.

    python benchmarks/make_store.py OUT --scale bundled|archive

bundled: a copy of the bundled store (197 states). archive: the bundled states grown to the size
of a store that keeps the history of every annual report — ~30 years of votes and meetings,
hundreds of sources and long narratives per state, 30 MB of TOML or more. The added records are
synthetic (marked so in every title) and only for timing; they are never shipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minecli import codec, files  # noqa: E402
from minecli.writer import write_atomic  # noqa: E402

WORDS = [
    "mine",
    "ban",
    "treaty",
    "stockpile",
    "destruction",
    "clearance",
    "survey",
    "casualty",
    "report",
    "border",
    "ministry",
    "defense",
    "statement",
    "interview",
    "letter",
    "production",
    "transfer",
    "export",
    "anti-personnel",
    "victim",
    "assistance",
    "contamination",
    "deadline",
    "extension",
    "article",
    "compliance",
    "meeting",
    "delegation",
]


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def grow(profile: dict, resolutions: list[str], meetings: list[str], rng: random.Random) -> None:
    """Add synthetic history to one profile: votes, meetings, sources, narrative."""
    votes = {v["resolution"] for v in profile.get("votes", [])}
    for number in resolutions:
        if number not in votes:
            profile.setdefault("votes", []).append(
                {"resolution": number, "vote": rng.choice(["yes", "yes", "abstain", "absent"])}
            )
    held = {m["meeting"] for m in profile.get("meetings", [])}
    for meeting in meetings:
        if meeting not in held:
            profile.setdefault("meetings", []).append(
                {"meeting": meeting, "attended": rng.random() < 0.6}
            )
    sources = profile.setdefault("sources", [])
    next_id = max((s["id"] for s in sources), default=0) + 1
    for i in range(300):
        year = 1997 + i % 29
        sources.append(
            {
                "id": next_id + i,
                "title": f"Synthetic benchmark source {i}: {paragraph(rng, 12)}",
                "author": "minecli benchmark generator",
                "date": dt.date(year, 1 + i % 12, 1 + i % 28),
                "kind": "report",
                "note": paragraph(rng, 25),
            }
        )
    ids = [s["id"] for s in sources]
    sections = profile.setdefault("sections", [])
    for year in range(1999, 2027):
        text = "\n\n".join(paragraph(rng, 110) + f"[{rng.choice(ids)}]" for _ in range(3))
        sections.append({"title": f"Synthetic report {year}", "text": text})


def _load(path: Path) -> dict:
    """A store file parsed, as minecli reads it."""
    return files.parse(files.read_text(path, path.name), path.name)


def make(out: Path, scale: str) -> Path:
    source = ROOT / "data" / "store"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    if scale == "bundled":
        return out
    rng = random.Random(1997)
    res_doc = _load(out / "resolutions.toml")
    known = {r["session"] for r in res_doc["resolutions"]}
    for session in range(51, 81):
        if session not in known:
            res_doc["resolutions"].append(
                {
                    "number": f"{session}/900",
                    "session": session,
                    "date": dt.date(session + 1945, 12, 5),
                    "title": "Synthetic benchmark resolution",
                    "recorded": True,
                }
            )
    res_doc["resolutions"].sort(key=lambda r: (r["session"], r["number"]))
    write_atomic(out / "resolutions.toml", codec.dumps(res_doc))
    resolutions = [r["number"] for r in res_doc["resolutions"] if r.get("recorded", True)]
    meetings = [m["id"] for m in _load(out / "meetings.toml")["meetings"]]
    for path in sorted((out / "countries").glob("*.toml")):
        profile = _load(path)
        grow(profile, resolutions, meetings, rng)
        write_atomic(path, codec.dump_profile(profile))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", choices=["bundled", "archive"], default="bundled")
    args = parser.parse_args()
    out = make(args.out, args.scale)
    size = sum(p.stat().st_size for p in out.rglob("*.toml"))
    print(f"{out}: {size / 1e6:.1f} MB of TOML", file=sys.stderr)


if __name__ == "__main__":
    main()
