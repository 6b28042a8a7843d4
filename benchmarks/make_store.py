"""Generate a store to benchmark minecli against.

    python benchmarks/make_store.py OUT --scale bundled|archive|archive5

bundled: a copy of the bundled store (197 states). archive: the bundled states grown to the size
of a store that keeps the history of every annual report — ~30 years of votes and meetings,
hundreds of sources and long narratives per state, about 48 MB of TOML. archive5: five times
the sources and narrative of archive (about 250 MB). The added records are synthetic (marked so
in every title) and only for timing; they are never shipped. Every store made passes
`minecli check` without an error: no vote before a state joined the UN, every synthetic fact
cites a synthetic source, every synthetic source is cited, and the tallies are recounted.
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
from minecli.edits.imports import recount  # noqa: E402
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


SCALES = {"bundled": 0, "archive": 1, "archive5": 5}


def grow(
    profile: dict,
    resolutions: dict[str, dt.date],
    meetings: list[str],
    rng: random.Random,
    factor: int = 1,
) -> None:
    """Add synthetic history to one profile: votes (from the day it joined the UN), meetings,
    sources and narrative, each synthetic fact citing a synthetic source."""
    sources = profile.setdefault("sources", [])
    next_id = max([s["id"] for s in sources] + [profile.get("last_source_id", 0)]) + 1
    admitted = profile.get("un_membership", {}).get("admitted")
    votes = {v["resolution"] for v in profile.get("votes", [])}
    for number, date in resolutions.items():
        if number not in votes and (admitted is None or date >= admitted):
            profile.setdefault("votes", []).append(
                {
                    "resolution": number,
                    "vote": rng.choice(["yes", "yes", "abstain", "absent"]),
                    "sources": [next_id + rng.randrange(300 * factor)],
                }
            )
    held = {m["meeting"] for m in profile.get("meetings", [])}
    for meeting in meetings:
        if meeting not in held:
            profile.setdefault("meetings", []).append(
                {
                    "meeting": meeting,
                    "attended": rng.random() < 0.6,
                    "sources": [next_id + rng.randrange(300 * factor)],
                }
            )
    for i in range(300 * factor):
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
    if "last_source_id" in profile:
        profile["last_source_id"] = next_id + 300 * factor - 1
    synthetic = iter(range(next_id, next_id + 300 * factor))
    sections = profile.setdefault("sections", [])
    for year in range(1999, 2027):
        paragraphs = []
        for _ in range(3 * factor):  # 84 paragraphs a factor, four markers each: all cited
            markers = "".join(f"[{n}]" for n in (next(synthetic, None) for _ in range(4)) if n)
            paragraphs.append(paragraph(rng, 110) + markers)
        sections.append({"title": f"Synthetic report {year}", "text": "\n\n".join(paragraphs)})


def _load(path: Path) -> dict:
    """A store file parsed, as minecli reads it."""
    return files.parse(files.read_text(path, path.name), path.name)


def make(out: Path, scale: str, codes: tuple[str, ...] | None = None) -> Path:
    """Make the store at ``out`` (of every bundled state, or only of ``codes``)."""
    source = ROOT / "data" / "store"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    if codes is not None:
        for path in (out / "countries").glob("*.toml"):
            if path.stem not in codes:
                path.unlink()
    if scale == "bundled":
        return out
    rng = random.Random(1997)
    factor = SCALES[scale]
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
    resolutions = {
        r["number"]: r["date"] for r in res_doc["resolutions"] if r.get("recorded", True)
    }
    meetings = [m["id"] for m in _load(out / "meetings.toml")["meetings"]]
    grown = []
    for path in sorted((out / "countries").glob("*.toml")):
        profile = _load(path)
        grow(profile, resolutions, meetings, rng, factor)
        write_atomic(path, codec.dump_profile(profile))
        grown.append({"code": profile["code"], "votes": profile.get("votes", [])})
    recount(res_doc, set(resolutions), grown)
    write_atomic(out / "resolutions.toml", codec.dumps(res_doc))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", choices=list(SCALES), default="bundled")
    args = parser.parse_args()
    out = make(args.out, args.scale)
    size = sum(p.stat().st_size for p in out.rglob("*.toml"))
    print(f"{out}: {size / 1e6:.1f} MB of TOML", file=sys.stderr)


if __name__ == "__main__":
    main()
