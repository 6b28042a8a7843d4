"""Applying what importers read: a roll call, rows of treaty status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from minecli.edits.entries import order_votes, set_vote
from minecli.edits.sources import cite, ensure_source
from minecli.errors import UsageError
from minecli.model import STATUS_FIELDS, resolution_key, tally
from minecli.query.votes import vote_on

if TYPE_CHECKING:
    from minecli.importers import RollCall, StatusRow

Profile = dict[str, Any]


DERIVED_ABSENT = (
    "Named in none of the roll call's lists: recorded as absent (derived, not printed)."
)


def with_unlisted_absent(roll: RollCall, admitted: Mapping[str, dt.date | None]) -> RollCall:
    """For a layout that lists only those who voted: every state that was a UN member on the
    day (``admitted`` on or before it) and is named nowhere is absent, marked as derived."""
    if roll.unlisted != "absent" or roll.date is None:
        return roll
    when = roll.date
    extra = {
        c: "absent"
        for c, day in admitted.items()
        if c not in roll.votes and day is not None and day <= when
    }
    return replace(roll, votes={**roll.votes, **extra}, derived=frozenset(extra))


@dataclass
class Outcome:
    """What an import did: counts by kind ("added", "changed", "unchanged") and warnings."""

    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("added", "changed", "unchanged"), 0)
    )
    warnings: list[str] = field(default_factory=list)
    tally: dict[str, int] | None = None


UNDL_RECORD = "https://digitallibrary.un.org/record/4060887"


def roll_call_source(roll: RollCall, file_name: str, description: str | None) -> dict[str, Any]:
    """The source each imported vote cites: the UN record the layout comes from, or the file
    (as the person describes it)."""
    if roll.layout == "undl-csv":
        return {
            "title": f"UN Digital Library, General Assembly voting data: A/RES/{roll.number}",
            "author": "United Nations Dag Hammarskjöld Library",
            "kind": "dataset",
            "url": roll.link or UNDL_RECORD,
        }
    if roll.layout == "unxml-json":
        title = f"UN machine-readable General Assembly resolutions: A/RES/{roll.number}"
        if roll.meeting:
            title += f", adopted at {roll.meeting}"
        return {"title": title, "author": "United Nations, General Assembly", "kind": "record"}
    return {
        "title": description or f"Roll call of resolution {roll.number} ({file_name})",
        "kind": "dataset",
    }


def resolution_entry(
    doc: dict[str, Any], roll: RollCall, date: dt.date | None, title: str | None
) -> dict[str, Any]:
    """The resolution's entry in resolutions.toml, created from what the file (or the person)
    says of it when the store does not know it yet."""
    for entry in doc["resolutions"]:
        if entry["number"] == roll.number:
            if entry.get("recorded") is False:
                entry["recorded"] = True
                entry.pop("note", None)  # it said the roll call was missing; no longer true
            _describe(entry, roll)
            return entry  # type: ignore[no-any-return]
    when = roll.date or date
    name = roll.title or title
    if when is None or not name:
        raise UsageError(
            f"resolution {roll.number} is not in the store yet; give its full --date YYYY-MM-DD and --title"
        )
    entry = {
        "number": roll.number,
        "session": roll.session or int(roll.number.split("/")[0]),
        "date": when,
        "title": name,
        "recorded": True,
    }
    if roll.link:
        entry["url"] = roll.link
    entry["source"] = roll.described_as
    _describe(entry, roll)
    doc["resolutions"].append(entry)
    doc["resolutions"].sort(key=resolution_key)
    return entry


def _describe(entry: dict[str, Any], roll: RollCall) -> None:
    """What the file says of the resolution beyond its votes: meeting, report, sponsors, and the
    tally it printed (kept apart from the counted one)."""
    for key in ("meeting", "report", "sponsors", "announced"):
        value = getattr(roll, key)
        if value:
            entry[key] = value


def apply_roll_call(
    doc: dict[str, Any],
    profiles: Mapping[str, Profile],
    others: Iterable[Profile],
    roll: RollCall,
    cited: dict[str, Any],
    *,
    date: dt.date | None = None,
    title: str | None = None,
) -> Outcome:
    """Record a roll call: each voter's vote (citing ``cited``, added once per profile) in
    ``profiles``, the resolution in ``doc`` (resolutions.toml), and its tally counted over these
    profiles and ``others`` (the rest of the store)."""
    entry = resolution_entry(doc, roll, date, title)
    order = [r["number"] for r in doc["resolutions"]]
    outcome = Outcome()
    for code, vote in roll.votes.items():
        profile = profiles[code]
        source_id = ensure_source(profile, cited)
        kind = set_vote(profile, roll.number, vote, source_id)
        if code in roll.derived and kind != "unchanged":
            vote_on(profile, roll.number)["note"] = DERIVED_ABSENT  # type: ignore[index]
        outcome.counts[kind] += 1
        order_votes(profile, order)
    everyone = [*profiles.values(), *(p for p in others if p["code"] not in profiles)]
    recount(doc, {roll.number}, everyone)
    outcome.tally = entry["tally"]
    own = tally(roll.votes.values())
    if roll.totals and any(roll.totals[k] != own[k] for k in roll.totals):
        printed = "-".join(str(roll.totals[k]) for k in ("yes", "no", "abstain"))
        outcome.warnings.append(f"the file's total columns say {printed}; its rows count otherwise")
    return outcome


def recount(doc: dict[str, Any], numbers: set[str], everyone: Iterable[Profile]) -> list[str]:
    """Count again, over ``everyone`` (the whole store, changed profiles included), the tally of
    each of these resolutions that has one (a recorded roll call), in resolutions.toml's ``doc``
    in place; returns the numbers whose tally changed."""
    people = list(everyone)
    changed = []
    for entry in doc.get("resolutions", []):
        number = entry.get("number")
        if number not in numbers or not entry.get("recorded", True):
            continue
        counted = tally(e["vote"] for p in people if (e := vote_on(p, number)))
        if entry.get("tally") != counted:
            entry["tally"] = counted
            changed.append(number)
    return changed


def status_source(when: dt.date, url: str | None) -> dict[str, Any]:
    """The source a status import cites: the depositary's page as read on ``when``."""
    return {
        "title": f"Status of the Mine Ban Treaty, UN Treaty Collection (XXVI-5), as at {when.isoformat()}",
        "author": "United Nations Treaty Collection",
        "date": when,
        "kind": "record",
        "url": url,
    }


def apply_status_row(profile: Profile, row: StatusRow, when: dt.date, outcome: Outcome) -> str:
    """Put a row's treaty status and dates into a profile (a blank date removes the profile's).
    Changed or not, the status is now known as of ``when`` and cites the depositary as read
    then; a changed status no longer cites what backed the old one. Returns "changed" or
    "unchanged" and adds a warning when a recorded doubt may no longer hold."""
    treaty = profile.setdefault("treaty", {})
    before = {k: treaty.get(k) for k in STATUS_FIELDS}
    for key in STATUS_FIELDS:
        if key in row.treaty:
            treaty[key] = row.treaty[key]
        else:
            treaty.pop(key, None)
    changed = before != {k: treaty.get(k) for k in STATUS_FIELDS}
    treaty["as_of"] = when
    if changed:
        treaty.pop("sources", None)
        if treaty.get("doubt"):
            outcome.warnings.append(
                f"{row.code} treaty.doubt may no longer hold: {treaty['doubt']}"
            )
    cite(treaty, ensure_source(profile, status_source(when, row.urls[0] if row.urls else None)))
    return "changed" if changed else "unchanged"
