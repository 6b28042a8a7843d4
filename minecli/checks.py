"""`minecli check`: a registry of small checks over a store, each returning findings.

Errors are things that are wrong (a broken file, a citation to a missing source, a vote on a
resolution the store does not know, an impossible date). Warnings are things a researcher should
know but that are not wrong in themselves: a source nothing cites, a tally that differs from the
one announced, a fact recorded with a doubt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from minecli import codec
from minecli.errors import InvalidData
from minecli.model import (
    CCW_INSTRUMENTS,
    date_key,
    validate_meetings,
    validate_profile,
    validate_resolutions,
)
from minecli.query import count_votes, fact_paths
from minecli.store import COUNTRIES, MEETINGS, RESOLUTIONS, Store

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
class Loaded:
    """The parts of a store the checks look at; files that failed to parse are left out."""

    profiles: dict[str, dict[str, Any]]
    resolutions: list[dict[str, Any]]
    meetings: list[dict[str, Any]]


ProfileCheck = Callable[[str, dict[str, Any], Loaded], Iterable[Finding]]
PROFILE_CHECKS: list[ProfileCheck] = []


def profile_check(func: ProfileCheck) -> ProfileCheck:
    PROFILE_CHECKS.append(func)
    return func


def _f(severity: str, check: str, code: str, where: str, message: str) -> Finding:
    return Finding(severity, check, f"{COUNTRIES}/{code}.toml", where, message)


@profile_check
def schema(code: str, p: dict[str, Any], loaded: Loaded) -> Iterator[Finding]:
    for problem in validate_profile(p, code):
        yield _f(ERROR, "schema", code, problem.path, problem.message)


@profile_check
def citations(code: str, p: dict[str, Any], loaded: Loaded) -> Iterator[Finding]:
    ids = {s.get("id") for s in p.get("sources", []) if isinstance(s, dict)}
    cited = fact_paths(p)
    for source_id, paths in sorted(cited.items()):
        if source_id not in ids:
            for path in paths:
                yield _f(
                    ERROR,
                    "citations",
                    code,
                    path,
                    f"cites source [{source_id}], which the profile does not have",
                )
    for source_id in sorted(i for i in ids if isinstance(i, int) and i not in cited):
        yield _f(
            WARNING, "citations", code, f"sources.{source_id}", "no fact or text cites this source"
        )


@profile_check
def duplicates(code: str, p: dict[str, Any], loaded: Loaded) -> Iterator[Finding]:
    for key, field in (("votes", "resolution"), ("meetings", "meeting")):
        counts = Counter(e.get(field) for e in p.get(key, []) if isinstance(e, dict))
        for value, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
            if n > 1:
                yield _f(ERROR, "duplicates", code, f"{key}.{value}", f"recorded {n} times")


@profile_check
def references(code: str, p: dict[str, Any], loaded: Loaded) -> Iterator[Finding]:
    resolutions = {r.get("number") for r in loaded.resolutions}
    meetings = {m.get("id") for m in loaded.meetings}
    for entry in p.get("votes", []):
        if entry.get("resolution") not in resolutions:
            yield _f(
                ERROR,
                "references",
                code,
                f"votes.{entry.get('resolution')}",
                "resolution not in resolutions.toml",
            )
    for entry in p.get("meetings", []):
        if entry.get("meeting") not in meetings:
            yield _f(
                ERROR,
                "references",
                code,
                f"meetings.{entry.get('meeting')}",
                "meeting not in meetings.toml",
            )


def _before(a: Any, b: Any) -> bool:
    return a is not None and b is not None and date_key(a) < date_key(b)


@profile_check
def dates(code: str, p: dict[str, Any], loaded: Loaded) -> Iterator[Finding]:
    t = p.get("treaty", {})
    pairs = (
        ("entry_into_force", "consent", "entry into force {a} is before consent {b}"),
        ("consent", "signed", "consent {a} is before signature {b}"),
        ("withdrawal_notified", "consent", "withdrawal notice {a} is before consent {b}"),
        (
            "withdrawal_effective",
            "withdrawal_notified",
            "withdrawal took effect {a}, before notice {b}",
        ),
    )
    for later, earlier, message in pairs:
        # A succession takes effect from independence, before the notice is deposited.
        if later == "entry_into_force" and t.get("consent_type") == "succession":
            continue
        if _before(t.get(later), t.get(earlier)):
            yield _f(
                ERROR, "dates", code, f"treaty.{later}", message.format(a=t[later], b=t[earlier])
            )
    status = t.get("status")
    if status in ("state_party", "withdrawn") and not t.get("consent"):
        yield _f(ERROR, "dates", code, "treaty.consent", f"status {status} without a consent date")
    if status == "withdrawn" and not t.get("withdrawal_effective"):
        yield _f(ERROR, "dates", code, "treaty.withdrawal_effective", "withdrawn without the date")
    joined = p.get("un_membership", {}).get("admitted")
    when = {r.get("number"): r.get("date") for r in loaded.resolutions}
    for entry in p.get("votes", []):
        voted = when.get(entry.get("resolution"))
        if _before(voted, joined):
            yield _f(
                ERROR,
                "dates",
                code,
                f"votes.{entry.get('resolution')}",
                f"a vote on {voted}, before the state joined the UN on {joined}",
            )


@profile_check
def doubts(code: str, p: dict[str, Any], loaded: Loaded) -> Iterator[Finding]:
    parts: list[tuple[str, Any]] = [("treaty", p.get("treaty", {}))]
    parts += [(f"ccw.{i}", p.get("ccw", {}).get(i)) for i in CCW_INSTRUMENTS]
    parts += [(f"votes.{v.get('resolution')}", v) for v in p.get("votes", [])]
    parts += [(f"meetings.{m.get('meeting')}", m) for m in p.get("meetings", [])]
    for where, fact in parts:
        if isinstance(fact, dict) and fact.get("doubt"):
            yield _f(WARNING, "doubts", code, where, fact["doubt"])


def store_findings(loaded: Loaded) -> Iterator[Finding]:
    """Checks of resolutions.toml and meetings.toml against all the profiles."""
    profiles = list(loaded.profiles.values())
    for r in loaded.resolutions:
        number = r.get("number")
        where = f"resolutions.{number}"
        if r.get("doubt"):
            yield Finding(WARNING, "doubts", RESOLUTIONS, where, r["doubt"])
        tally, announced = r.get("tally"), r.get("announced")
        if (
            tally
            and announced
            and any(tally.get(k) != announced.get(k) for k in ("yes", "no", "abstain"))
        ):
            yield Finding(
                WARNING,
                "tallies",
                RESOLUTIONS,
                where,
                f"announced {_t(announced)} but the roll call counts {_t(tally)}",
            )
        if tally and r.get("recorded", True):
            counted = count_votes(profiles, number)
            if any(counted[k] != tally.get(k, counted[k]) for k in counted):
                yield Finding(
                    WARNING,
                    "tallies",
                    RESOLUTIONS,
                    where,
                    f"the profiles count {_t(counted)}; the stored tally is {_t(tally)}",
                )
    for m in loaded.meetings:
        if m.get("doubt"):
            yield Finding(WARNING, "doubts", MEETINGS, f"meetings.{m.get('id')}", m["doubt"])


def _t(t: dict[str, Any]) -> str:
    return "-".join(str(t.get(k, "?")) for k in ("yes", "no", "abstain"))


def run_checks(store: Store, codes: list[str] | None = None) -> list[Finding]:
    """Every finding for the store (or only the named profiles), in file order."""
    findings: list[Finding] = []
    docs: dict[str, list[dict[str, Any]]] = {}
    for name, key, validate in (
        (RESOLUTIONS, "resolutions", validate_resolutions),
        (MEETINGS, "meetings", validate_meetings),
    ):
        docs[key] = []
        path = store.root / name
        if not path.exists():
            continue
        try:
            doc = codec.read(path, name)
        except InvalidData as exc:
            findings.append(Finding(ERROR, "syntax", name, "", str(exc).split(": ", 1)[-1]))
            continue
        findings.extend(Finding(ERROR, "schema", name, p.path, p.message) for p in validate(doc))
        docs[key] = [x for x in doc.get(key, []) if isinstance(x, dict)]
    # The whole store comes from the index (valid profiles, parsed once and cached); a profile
    # it could not take, and any profile named, is read from its file to report every problem.
    from_index: dict[str, Any] = {}
    if codes is None:
        index = store.index()
        from_index = dict(zip(index.codes(), index.profiles(), strict=False))
    all_codes = sorted(from_index) if codes is None else store.codes()
    wanted = codes or all_codes
    profiles: dict[str, dict[str, Any]] = {}
    for code in wanted:
        cached = from_index.get(code)
        if isinstance(cached, dict):
            profiles[code] = cached
            continue
        label = f"{COUNTRIES}/{code}.toml"
        try:
            profiles[code] = codec.read(store.profile_path(code), label)
        except InvalidData as exc:
            findings.append(Finding(ERROR, "syntax", label, "", str(exc).split(": ", 1)[-1]))
    loaded = Loaded(profiles, docs["resolutions"], docs["meetings"])
    for code in wanted:
        if code not in profiles:
            continue
        found = list(schema(code, profiles[code], loaded))
        findings.extend(found)
        if found:  # the other checks assume the schema's shapes; a broken profile stops here
            del profiles[code]
            continue
        for check in PROFILE_CHECKS[1:]:
            findings.extend(check(code, profiles[code], loaded))
    if codes is None:
        findings.extend(store_findings(loaded))
    return findings
