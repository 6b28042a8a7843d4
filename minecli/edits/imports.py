"""Applying what importers read: a roll call, rows of treaty status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minecli.edits.entries import order_votes, set_vote
from minecli.edits.sources import cite, ensure_source
from minecli.errors import UsageError
from minecli.model import STATUS_FIELDS, resolution_key, tally
from minecli.query.votes import vote_on

if TYPE_CHECKING:
    from minecli.importers import RollCall, StatusRow

Profile = dict[str, Any]


@dataclass
class Outcome:
    """What an import did: counts by kind ("added", "changed", "unchanged") and warnings."""

    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("added", "changed", "unchanged"), 0)
    )
    warnings: list[str] = field(default_factory=list)
    tally: dict[str, int] | None = None


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
    doc["resolutions"].append(entry)
    doc["resolutions"].sort(key=resolution_key)
    return entry


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
        outcome.counts[set_vote(profile, roll.number, vote, source_id)] += 1
        order_votes(profile, order)
    everyone = [*profiles.values(), *(p for p in others if p["code"] not in profiles)]
    entry["tally"] = tally(e["vote"] for p in everyone if (e := vote_on(p, roll.number)))
    outcome.tally = entry["tally"]
    own = tally(roll.votes.values())
    if roll.totals and any(roll.totals[k] != own[k] for k in roll.totals):
        printed = "-".join(str(roll.totals[k]) for k in ("yes", "no", "abstain"))
        outcome.warnings.append(f"the file's total columns say {printed}; its rows count otherwise")
    return outcome


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
    """Put a row's treaty status and dates into a profile (a blank date removes the profile's);
    when they change, the status is dated ``when`` and cites the depositary. Returns "changed"
    or "unchanged" and adds a warning when a recorded doubt may no longer hold."""
    treaty = profile.setdefault("treaty", {})
    before = {k: treaty.get(k) for k in STATUS_FIELDS}
    for key in STATUS_FIELDS:
        if key in row.treaty:
            treaty[key] = row.treaty[key]
        else:
            treaty.pop(key, None)
    if before == {k: treaty.get(k) for k in STATUS_FIELDS}:
        return "unchanged"
    treaty["as_of"] = when
    if treaty.get("doubt"):
        outcome.warnings.append(f"{row.code} treaty.doubt may no longer hold: {treaty['doubt']}")
    cite(treaty, ensure_source(profile, status_source(when, row.urls[0] if row.urls else None)))
    return "changed"
