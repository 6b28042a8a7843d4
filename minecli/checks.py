"""`minecli check`: a registry of small checks over a store's records, each returning findings.

The checks read nothing: they run on a Snapshot the store has already loaded. Errors are things
that are wrong (a broken file, a citation to a missing source, a vote on a resolution the store
does not know, an impossible date). Warnings are things a researcher should know but that are not
wrong in themselves: a source nothing cites, a tally that differs from the one announced, a fact
recorded with a doubt, a fact that sources disagree on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minecli.dates import is_before
from minecli.files import MEETINGS, RESOLUTIONS, problems, profile_label
from minecli.model import tally_text, treaty_problems
from minecli.paths import cited_by, iter_facts
from minecli.query.disputes import (
    dispute_text,
    disputed_facts,
    other_readings,
    own_value,
    reading_value,
)
from minecli.query.votes import count_votes

if TYPE_CHECKING:
    from minecli.store import Snapshot

ERROR, WARNING = "error", "warning"
CHECK_COLUMNS = ("severity", "check", "file", "where", "message")


@dataclass(frozen=True)
class Finding:
    severity: str
    check: str
    file: str
    where: str
    message: str

    def row(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in CHECK_COLUMNS}


@dataclass
class Context:
    """What the profile checks may look at beyond the profile itself."""

    resolutions: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    # whether resolutions.toml and meetings.toml could be read (if not, that is one error, and
    # the votes and meetings citing them are not each reported)
    has_resolutions: bool = True
    has_meetings: bool = True


Profile = dict[str, Any]
ProfileCheck = Callable[[str, Profile, Context], Iterable[Finding]]
PROFILE_CHECKS: dict[str, ProfileCheck] = {}


# Every check by name, with what it looks for: `check --list`, `--only NAME`, `--skip NAME`.
# The profile checks are described by the first paragraph of their docstring.
CHECKS: dict[str, str] = {
    "syntax": "a file that cannot be read as TOML (or is not a plain file), named with its line",
    "schema": "a key or value the schema does not allow (docs/schema.md)",
}
STORE_CHECKS = {
    "tallies": "a stored tally that differs from the announced one or from the profiles' votes",
}


def profile_check(func: ProfileCheck) -> ProfileCheck:
    """Register a check run on every valid profile, under its function's name."""
    PROFILE_CHECKS[func.__name__] = func
    # the docstring's first paragraph, whole (a description is never cut)
    line = " ".join((func.__doc__ or "").strip().split("\n\n")[0].split()).rstrip(".")
    CHECKS[func.__name__] = line[:1].lower() + line[1:]
    return func


def _found(severity: str, check: str, code: str, where: str, message: str) -> Finding:
    return Finding(severity, check, profile_label(code), where, message)


def schema(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """Every schema problem of a profile (run first; the other checks need a valid profile)."""
    for problem in problems(profile_label(code), p):
        yield _found(ERROR, "schema", code, problem.path, problem.message)


@profile_check
def citations(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A citation of a source the profile lacks (error); a source nothing cites (warning)."""
    ids = {s.get("id") for s in p.get("sources", []) if isinstance(s, dict)}
    cited = cited_by(p)
    for source_id, paths in sorted(cited.items()):
        if source_id not in ids:
            for path in paths:
                message = f"cites source [{source_id}], which the profile does not have"
                yield _found(ERROR, "citations", code, path, message)
    for source_id in sorted(i for i in ids if isinstance(i, int) and i not in cited):
        yield _found(
            WARNING, "citations", code, f"sources.{source_id}", "no fact or text cites this source"
        )


@profile_check
def duplicates(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A vote or a meeting recorded twice in one profile."""
    for key, field in (("votes", "resolution"), ("meetings", "meeting")):
        counts = Counter(e.get(field) for e in p.get(key, []) if isinstance(e, dict))
        for value, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
            if n > 1:
                yield _found(ERROR, "duplicates", code, f"{key}.{value}", f"recorded {n} times")


@profile_check
def references(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A vote or meeting on a resolution or meeting the store does not list."""
    known = {
        "votes": ({r.get("number") for r in context.resolutions}, "resolution", RESOLUTIONS),
        "meetings": ({m.get("id") for m in context.meetings}, "meeting", MEETINGS),
    }
    if not context.has_resolutions:
        del known["votes"]
    if not context.has_meetings:
        del known["meetings"]
    for part, (ids, key, file) in known.items():
        for entry in p.get(part, []):
            if entry.get(key) not in ids:
                yield _found(
                    ERROR, "references", code, f"{part}.{entry.get(key)}", f"{key} not in {file}"
                )


@profile_check
def dates(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """Impossible dates: a date a status needs, dates out of order, a vote before UN entry."""
    for problem in treaty_problems(p.get("treaty", {})):
        yield _found(ERROR, "dates", code, problem.path, problem.message)
    joined = p.get("un_membership", {}).get("admitted")
    when = {r.get("number"): r.get("date") for r in context.resolutions}
    for entry in p.get("votes", []):
        voted = when.get(entry.get("resolution"))
        if is_before(voted, joined):
            message = f"a vote on {voted}, before the state joined the UN on {joined}"
            yield _found(ERROR, "dates", code, f"votes.{entry.get('resolution')}", message)


@profile_check
def doubts(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A fact recorded with a doubt (warning)."""
    for where, fact in iter_facts(p):
        if fact.get("doubt"):
            yield _found(WARNING, "doubts", code, where, fact["doubt"])


@profile_check
def disagreements(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A fact that sources disagree on (warning): not wrong, but a reader must know."""
    for where, fact, found in disputed_facts(p):
        yield _found(WARNING, "disagreements", code, where, dispute_text(fact, found))
        for reading in found:
            if own_value(fact, [reading]) == reading_value(reading):
                message = f"a reading repeats the fact's own value ({reading_value(reading)})"
                yield _found(WARNING, "disagreements", code, where, message)


# Texts that must say something, where they are required.
_REQUIRED_TEXTS = (("name", None), ("title", "sources"), ("where", "use"), ("title", "sections"))


@profile_check
def content(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """Empty required text and dates in the future (errors); names with stray spaces, a CCW
    party with no date, a signatory with no signature date, a fact citing nothing (warnings)."""
    today = dt.date.today()
    if not str(p.get("name", "")).strip():
        yield _found(ERROR, "content", code, "name", "is empty")
    for key, part in _REQUIRED_TEXTS[1:]:
        for i, entry in enumerate(p.get(part, []), start=1):
            if isinstance(entry, dict) and key in entry and not str(entry[key]).strip():
                yield _found(ERROR, "content", code, f"{part}.{i}.{key}", "is empty")
    for key in ("name", "official_name"):
        value = p.get(key)
        if isinstance(value, str) and value.strip() and value != value.strip():
            yield _found(WARNING, "content", code, key, f"has spaces around it: {value!r}")
    for where, fact in iter_facts(p):
        for key, value in fact.items():
            if isinstance(value, dt.date) and value > today:
                yield _found(ERROR, "content", code, f"{where}.{key}", f"{value} is in the future")
        year = fact.get("year")
        if isinstance(year, int) and not isinstance(year, bool) and year > today.year:
            yield _found(ERROR, "content", code, f"{where}.year", f"{year} is in the future")
        if not fact.get("sources"):
            yield _found(WARNING, "content", code, where, "cites no source")
    for instrument, entry in (p.get("ccw") or {}).items():
        if isinstance(entry, dict) and entry.get("party") is True and not entry.get("since"):
            yield _found(WARNING, "content", code, f"ccw.{instrument}", "party, with no date")
    treaty = p.get("treaty") or {}
    if treaty.get("status") == "signatory" and not treaty.get("signed"):
        yield _found(
            WARNING, "content", code, "treaty.signed", "a signatory with no signature date"
        )


def _record_disputes(label: str, part: str, key: str, records: list[dict]) -> Iterator[Finding]:
    for record in records:
        found = other_readings(record, {})
        if found:
            where = f"{part}.{record.get(key)}"
            yield Finding(WARNING, "disagreements", label, where, dispute_text(record, found))


def store_findings(profiles: list[Profile], context: Context) -> Iterator[Finding]:
    """Checks of resolutions.toml and meetings.toml against all the profiles."""
    for r in context.resolutions:
        number = r.get("number")
        where = f"resolutions.{number}"
        if r.get("doubt"):
            yield Finding(WARNING, "doubts", RESOLUTIONS, where, r["doubt"])
        counted, announced = r.get("tally"), r.get("announced")
        if (
            counted
            and announced
            and any(counted.get(k) != announced.get(k) for k in ("yes", "no", "abstain"))
        ):
            message = (
                f"announced {tally_text(announced)} but the roll call counts {tally_text(counted)}"
            )
            yield Finding(WARNING, "tallies", RESOLUTIONS, where, message)
        if counted and r.get("recorded", True):
            recount = count_votes(profiles, number)
            if any(recount[k] != counted.get(k, recount[k]) for k in recount):
                message = f"the profiles count {tally_text(recount)}; the stored tally is {tally_text(counted)}"
                yield Finding(WARNING, "tallies", RESOLUTIONS, where, message)
    for m in context.meetings:
        if m.get("doubt"):
            yield Finding(WARNING, "doubts", MEETINGS, f"meetings.{m.get('id')}", m["doubt"])
    yield from _record_disputes(RESOLUTIONS, "resolutions", "number", context.resolutions)
    yield from _record_disputes(MEETINGS, "meetings", "id", context.meetings)


def _store_file(
    label: str, doc: dict[str, Any] | None, key: str, findings: list[Finding]
) -> list[dict[str, Any]]:
    """The entries of resolutions.toml or meetings.toml, after reporting its schema problems."""
    if doc is None:
        return []
    findings.extend(
        Finding(ERROR, "schema", label, p.path, p.message) for p in problems(label, doc)
    )
    return [x for x in doc.get(key, []) if isinstance(x, dict)]


def check_names() -> dict[str, str]:
    """Every check's name and what it looks for, in the order they run."""
    return {**CHECKS, **STORE_CHECKS}


def run_checks(
    snapshot: Snapshot, only: Iterable[str] | None = None, skip: Iterable[str] = ()
) -> list[Finding]:
    """Every finding for the snapshot, in file order; ``only`` and ``skip`` name the checks to
    run (check_names). A profile the schema refuses is not checked further, reported or not."""
    selected = set(only if only else check_names()) - set(skip)
    findings = _run(snapshot, selected)
    return [f for f in findings if f.check in selected]


def _run(snapshot: Snapshot, selected: set[str]) -> list[Finding]:
    findings = [
        Finding(ERROR, "syntax", exc.file or "", "", exc.detail) for exc in snapshot.unreadable
    ]
    context = Context(
        _store_file(RESOLUTIONS, snapshot.resolutions, "resolutions", findings),
        _store_file(MEETINGS, snapshot.meetings, "meetings", findings),
        has_resolutions=snapshot.resolutions is not None,
        has_meetings=snapshot.meetings is not None,
    )
    valid: list[Profile] = []
    for code, profile in sorted(snapshot.profiles.items()):
        found = list(schema(code, profile, context))
        findings.extend(found)
        if found:  # the other checks assume the schema's shapes; a broken profile stops here
            continue
        valid.append(profile)
        for name, check in PROFILE_CHECKS.items():
            if name in selected:
                findings.extend(check(code, profile, context))
    if snapshot.whole:
        findings.extend(store_findings(valid, context))
    return findings
