"""Provenance of a write: which facts it changed, and which sources back them afterwards.

A fact's citations support its value. When a write changes the value, the old citations no
longer vouch for it: they are dropped (unless the writer keeps them on purpose), the sources
the writer names are cited instead, and a changed fact left citing nothing is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from minecli.edits.sources import add_source, cite, require_source, same_source_id
from minecli.errors import InvalidData, UsageError
from minecli.model import READINGS
from minecli.paths import fact_at, iter_facts

Profile = dict[str, Any]

# What a fact carries beside its value: the evidence, remarks on it, and when it was read.
NOT_VALUE = frozenset({"sources", READINGS, "note", "doubt", "as_of"})


@dataclass(frozen=True)
class Citing:
    """What a writer says supports a write: existing source ids, a new source to add (its
    fields: title, author, date, kind, url), and whether old citations stay."""

    ids: tuple[int, ...] = ()
    new: dict[str, Any] | None = None
    keep: bool = False

    def names_any(self) -> bool:
        return bool(self.ids) or self.new is not None


@dataclass
class Attribution:
    """What a write did to citations."""

    changed: list[str] = field(default_factory=list)  # facts whose value changed
    dropped: dict[str, list[int]] = field(default_factory=dict)  # fact -> citations dropped
    cited: list[str] = field(default_factory=list)  # facts the named sources were cited on
    cited_ids: list[int] = field(default_factory=list)  # the sources cited on them
    uncited: list[str] = field(default_factory=list)  # changed facts that now cite nothing
    new_id: int | None = None  # the source --cite-new added (or found already there)
    reused: bool = False  # the new source was already in the profile


def value_of(fact: dict[str, Any]) -> dict[str, Any]:
    """What a fact states, without the evidence and remarks around it."""
    return {k: v for k, v in fact.items() if k not in NOT_VALUE}


def changed_facts(before: Profile, after: Profile) -> list[str]:
    """The facts of ``after`` whose value is new or differs from ``before``. Keyed facts
    (treaty, votes.65/48, meetings.10MSP) are matched by path; use entries, numbered by
    position, by what they say."""
    old = dict(iter_facts(before))
    unmatched = [value_of(f) for p, f in old.items() if p.startswith("use.")]
    out = []
    for path, fact in iter_facts(after):
        value = value_of(fact)
        if path.startswith("use."):
            if value in unmatched:
                unmatched.remove(value)
            else:
                out.append(path)
        elif path not in old or value_of(old[path]) != value:
            out.append(path)
    return out


def attribute(
    before: Profile, after: Profile, citing: Citing, targets: Iterable[str] = ()
) -> Attribution:
    """Settle the citations of the facts a write changed (in ``after``, in place).

    Each changed fact whose citations the write left as they were loses them, unless
    ``citing.keep``. The sources ``citing`` names are cited by every changed fact and by the
    ``targets`` (the facts the command is about, changed or not: a source may confirm a value).
    """
    report = Attribution(changed=changed_facts(before, after))
    old = dict(iter_facts(before))
    for path in report.changed:
        fact = fact_at(after, path)
        held = fact.get("sources")
        if citing.keep or not held or path not in old:
            continue
        if held == old[path].get("sources"):  # the write did not choose them itself
            report.dropped[path] = list(held)
            del fact["sources"]
    ids = list(citing.ids)
    for source_id in ids:
        require_source(after, source_id)
    if citing.new is not None:
        found = same_source_id(after, citing.new)
        report.reused = found is not None
        report.new_id = found if found is not None else add_source(after, citing.new)
        ids.append(report.new_id)
    on = list(dict.fromkeys([*report.changed, *targets]))
    if ids and not on:
        raise UsageError("the write changes no fact, so no fact can cite --source/--cite-new")
    if ids:
        for path in on:
            for source_id in ids:
                cite(fact_at(after, path), source_id)
        report.cited, report.cited_ids = on, ids
    report.uncited = [p for p in report.changed if not fact_at(after, p).get("sources")]
    return report


def source_date(text: str | None, option: str) -> Any:
    """A source's date from an option: full or partial (InvalidData if it is no date)."""
    if text is None:
        return None
    from minecli.dates import parse_date_value

    try:
        return parse_date_value(text)
    except ValueError:
        raise InvalidData(
            f"{option} {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None


def citing(
    sources: list[int] | None,
    cite_new: str | None,
    keep: bool = False,
    *,
    date: str | None = None,
    kind: str | None = None,
    author: str | None = None,
    url: str | None = None,
    date_option: str = "--date",
) -> Citing:
    """What the provenance options of a write say; the options describing a new source need
    --cite-new."""
    described = {date_option: date, "--kind": kind, "--author": author, "--url": url}
    if cite_new is None:
        given = [name for name, value in described.items() if value is not None]
        if given:
            raise UsageError(
                f"{given[0]} describes the source --cite-new adds; give --cite-new TITLE"
            )
        return Citing(tuple(sources or ()), None, keep)
    if not cite_new.strip():
        raise UsageError("--cite-new needs the source's title")
    fields = {
        "title": cite_new,
        "author": author,
        "date": source_date(date, date_option),
        "kind": kind,
        "url": url,
    }
    return Citing(tuple(sources or ()), {k: v for k, v in fields.items() if v}, keep)


def updated_date(text: str | None) -> dt.date | None:
    """--updated as a date: a full one, not in the future (None: today)."""
    if text is None:
        return None
    from minecli.dates import full_date

    value = full_date(text)
    if value is None:
        raise UsageError(f"--updated needs a full date (YYYY-MM-DD), not {text!r}")
    if value > dt.date.today():
        raise UsageError(f"--updated {text} is in the future")
    return value
