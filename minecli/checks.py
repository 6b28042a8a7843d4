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

from minecli.dates import date_key, is_before
from minecli.files import MEETINGS, RESOLUTIONS, problems, profile_label
from minecli.findings import ERROR, WARNING, Finding
from minecli.model import tally_text, treaty_problems
from minecli.paths import cited_by, entry_label, iter_facts
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
def prose(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A sentence of the narrative that states a vote, a treaty status or meeting attendance
    otherwise than the record (warning, naming both and their sources)."""
    from minecli.prose import disagreements

    for where, message in disagreements(p):
        yield _found(WARNING, "prose", code, where, message)


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
                where = f"{part}.{entry_label(part, entry, i)}.{key}"
                yield _found(ERROR, "content", code, where, "is empty")
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
    yield from _treaty_content(code, p.get("treaty") or {}, today)


# A consent takes effect on the first day of the sixth month after it (Article 17).
_IN_FORCE_WITHIN = dt.timedelta(days=184)


def _treaty_content(code: str, treaty: dict[str, Any], today: dt.date) -> Iterator[Finding]:
    status = treaty.get("status")
    if status == "signatory" and not treaty.get("signed"):
        yield _found(
            WARNING, "content", code, "treaty.signed", "a signatory with no signature date"
        )
    consent = treaty.get("consent")
    pending = isinstance(consent, dt.date) and consent + _IN_FORCE_WITHIN >= today
    if status == "state_party" and not treaty.get("entry_into_force") and not pending:
        message = "a State Party with no entry-into-force date"
        yield _found(WARNING, "content", code, "treaty.entry_into_force", message)
    if treaty.get("withdrawal_notified") and not treaty.get("withdrawal_effective"):
        message = "a withdrawal notified with no date it takes effect"
        yield _found(WARNING, "content", code, "treaty.withdrawal_effective", message)


def _last_day(value: Any) -> tuple[int, int, int]:
    """The latest day a full or partial date can be, as a sort key."""
    year, month, day = date_key(value)
    return (year, month or 12, day or 31)


# The acts that change a treaty status (entry into force and a withdrawal's effect follow from
# them by the treaty's terms, so a source between the two can report them).
_TREATY_ACTS = ("signed", "consent", "withdrawal_notified")


def _changed_on(where: str, fact: dict[str, Any], context: Context) -> tuple[str, Any] | None:
    """When a fact last came to be what it is (the key saying so, and the date), if known."""
    part, _, label = where.partition(".")
    if part == "treaty":
        dated = [(fact[k], k) for k in _TREATY_ACTS if fact.get(k)]
        return max(dated, key=lambda d: date_key(d[0]))[::-1] if dated else None
    if part == "ccw":
        return ("since", fact["since"]) if fact.get("since") else None
    if part == "un_membership":
        return ("admitted", fact.get("admitted"))
    if part == "use":
        when = fact.get("date") or fact.get("year")
        return ("date" if fact.get("date") else "year", str(when)) if when else None
    if part == "votes":
        dates = {r.get("number"): r.get("date") for r in context.resolutions}
        return ("the vote", dates[label]) if dates.get(label) else None
    if part == "meetings":
        starts = {m.get("id"): m.get("start") for m in context.meetings}
        return ("the meeting", starts[label]) if starts.get(label) else None
    return None


@profile_check
def currency(code: str, p: Profile, context: Context) -> Iterator[Finding]:
    """A fact that came to be after every source it cites was dated (warning): those sources
    cannot tell of it, so it needs a newer one."""
    dated = {s.get("id"): s.get("date") for s in p.get("sources", []) if isinstance(s, dict)}
    for where, fact in iter_facts(p):
        ids = [i for i in fact.get("sources") or [] if i in dated]
        if not ids or any(not dated[i] for i in ids):
            continue  # nothing to judge by: no citation, or an undated source
        changed = _changed_on(where, fact, context)
        if changed is None or date_key(changed[1]) == (0, 0, 0):
            continue
        key, when = changed
        if all(_last_day(dated[i]) < date_key(when) for i in ids):
            newest = max(ids, key=lambda i: _last_day(dated[i]))
            message = (
                f"{key} {when} came after its sources: the newest, [{newest}], is dated "
                f"{dated[newest]}"
            )
            yield _found(WARNING, "currency", code, where, message)


def _record_disputes(label: str, part: str, key: str, records: list[dict]) -> Iterator[Finding]:
    for record in records:
        found = other_readings(record, {})
        if found:
            where = f"{part}.{record.get(key)}"
            yield Finding(WARNING, "disagreements", label, where, dispute_text(record, found))


def store_findings(profiles: list[Profile], context: Context) -> Iterator[Finding]:
    """Checks of resolutions.toml and meetings.toml against all the profiles (of which only
    their votes are read)."""
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
    return list(iter_checks(snapshot, only, skip))


def iter_checks(
    snapshot: Snapshot, only: Iterable[str] | None = None, skip: Iterable[str] = ()
) -> Iterator[Finding]:
    """run_checks, one profile's findings at a time: each profile's come while it is the one
    the snapshot holds (store.Profiles), so placing them reads it no second time."""
    selected = set(only if only else check_names()) - set(skip)
    return (f for f in _run(snapshot, selected) if f.check in selected)


def _run(snapshot: Snapshot, selected: set[str]) -> Iterator[Finding]:
    findings = [
        Finding(ERROR, "syntax", exc.file or "", "", exc.detail, exc.line, exc.column)
        for exc in snapshot.unreadable
    ]
    context = Context(
        _store_file(RESOLUTIONS, snapshot.resolutions, "resolutions", findings),
        _store_file(MEETINGS, snapshot.meetings, "meetings", findings),
        has_resolutions=snapshot.resolutions is not None,
        has_meetings=snapshot.meetings is not None,
    )
    yield from findings
    valid: list[Profile] = []
    for code in sorted(snapshot.profiles):  # one profile at a time (store.Profiles)
        profile = snapshot.profiles[code]
        found = list(schema(code, profile, context))
        yield from found
        if found:  # the other checks assume the schema's shapes; a broken profile stops here
            continue
        valid.append({"code": code, "votes": profile.get("votes", [])})
        for name, check in PROFILE_CHECKS.items():
            if name in selected:
                yield from check(code, profile, context)
    if snapshot.whole:
        yield from store_findings(valid, context)
