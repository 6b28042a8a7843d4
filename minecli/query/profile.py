"""One profile's dated events (the timeline) and its numbered citation list."""

from __future__ import annotations

from typing import Any

from minecli import labels
from minecli.dates import date_key
from minecli.model import CCW_INSTRUMENTS
from minecli.paths import cited_by
from minecli.query.disputes import other_readings, reading_text, source_titles
from minecli.query.votes import Profile, Resolutions, voting_record

Meetings = dict[str, dict[str, Any]]
TIMELINE_COLUMNS = ("code", "date", "kind", "event", "disputed", "sources")
SOURCE_COLUMNS = ("code", "id", "title", "author", "date", "kind", "url", "note", "cited_by")
# Kinds of source whose date says when a standing record was read (a depositary's status page,
# a dataset at some commit), not when anything happened: no event of the timeline.
READ_DATED_KINDS = ("record", "dataset")


def timeline(profile: Profile, resolutions: Resolutions, meetings: Meetings) -> list[dict]:
    """Dated events in order: UN admission, treaty actions, CCW, votes, meetings, use, and the
    sources dated when they were written (a letter, a report; not a record's reading date)."""
    code = profile["code"]
    titles = source_titles(profile)
    events: list[dict] = []

    def add(
        date: Any,
        kind: str,
        event: str,
        sources: list[int] | None = None,
        disputed: list[dict] | None = None,
    ) -> None:
        if date is None:
            return
        if disputed:  # a disputed fact says so in its own words, and carries the readings
            event += " (disputed: " + "; or ".join(reading_text(r) for r in disputed) + ")"
        events.append(
            {
                "code": code,
                "date": date,
                "kind": kind,
                "event": event,
                "disputed": disputed or [],
                "sources": sources or [],
            }
        )

    membership = profile.get("un_membership")
    if isinstance(membership, dict):
        found = other_readings(membership, titles)
        add(
            membership.get("admitted"),
            "un",
            "Admitted to the United Nations",
            membership.get("sources"),
            found,
        )
    treaty = profile.get("treaty", {})
    cites = treaty.get("sources", [])
    treaty_readings = other_readings(treaty, titles)

    def treaty_event(key: str, text: str) -> None:
        found = [r for r in treaty_readings if key in r]
        add(treaty.get(key), "treaty", text, cites, found)

    treaty_event("signed", "Signed the Mine Ban Treaty")
    verb = labels.CONSENT_VERBS.get(treaty.get("consent_type", ""), "Consented to be bound by")
    treaty_event("consent", f"{verb} the Mine Ban Treaty")
    treaty_event("entry_into_force", "Mine Ban Treaty entered into force")
    treaty_event("withdrawal_notified", "Notified withdrawal from the treaty")
    treaty_event("withdrawal_effective", "Withdrawal took effect")
    for instrument in CCW_INSTRUMENTS:
        entry = profile.get("ccw", {}).get(instrument) or {}
        if entry.get("party") is True:
            text = f"Joined: {labels.CCW[instrument]}"
            add(
                entry.get("since"), "ccw", text, entry.get("sources"), other_readings(entry, titles)
            )
    for row in voting_record(profile, resolutions):
        if row["vote"] == "absent":
            text = f"Absent from the vote on resolution {row['resolution']}"
        else:
            text = f"Voted {row['vote']} on resolution {row['resolution']}"
        add(row["date"], "vote", text, row["sources"], row["disputed"])
    for entry in profile.get("meetings", []):
        meeting = meetings.get(entry["meeting"], {})
        name = meeting.get("name", entry["meeting"])
        if entry.get("attended"):
            role = f" as {labels.ROLE.get(entry['as'], entry['as'])}" if entry.get("as") else ""
            text = f"Attended {name}{role}"
        else:
            text = f"Did not attend {name}"
        add(
            meeting.get("start"),
            "meeting",
            text,
            entry.get("sources"),
            other_readings(entry, titles),
        )
    for entry in profile.get("use", []):
        when = entry.get("date", entry.get("year"))
        text = f"Used antipersonnel mines: {entry['where']}"
        add(str(when) if isinstance(when, int) else when, "use", text, entry.get("sources"))
    for source in profile.get("sources", []):
        if source.get("date") is not None and source.get("kind") not in READ_DATED_KINDS:
            add(source["date"], "source", f"[{source['id']}] {source['title']}", [source["id"]])
    return sorted(events, key=lambda e: date_key(e["date"]))


def citations(profile: Profile) -> list[dict]:
    """The numbered source list, in id order, with the paths that cite each source."""
    cited = cited_by(profile)
    rows = []
    for source in sorted(profile.get("sources", []), key=lambda s: s["id"]):
        rows.append(
            {
                "code": profile["code"],
                **{k: source.get(k) for k in SOURCE_COLUMNS[1:-1]},
                "cited_by": cited.get(source["id"], []),
            }
        )
    return rows


def merged_timeline(timelines: list[list[dict]]) -> list[dict]:
    """Several states' timelines as one chronology: by date, states in the order given where
    their events share a date."""
    return sorted((e for events in timelines for e in events), key=lambda e: date_key(e["date"]))


def by_year(events: list[dict]) -> list[tuple[str, list[dict]]]:
    """Events (in date order) grouped under the year each happened in."""
    groups: list[tuple[str, list[dict]]] = []
    for event in events:
        year = str(event["date"])[:4]
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(event)
    return groups


def cited_by_groups(paths: list[str]) -> list[tuple[str, list[str]]]:
    """Citing paths grouped by the part of the profile they are in, in first-seen order:
    ``treaty``, ``votes.53/77N``, ``votes.65/48`` -> [("treaty", []), ("votes", ["53/77N",
    "65/48"])]. Another reading of a fact is named as such (``53/77N reading 1``); a part cited
    itself and through its parts or readings gives two groups: ("treaty", []) and ("treaty",
    ["reading 1"])."""
    groups: dict[tuple[str, bool], list[str]] = {}
    for path in paths:
        head, _, rest = path.partition(".")
        items = groups.setdefault((head, bool(rest)), [])
        if rest:
            fact, _, reading = f".{rest}".partition(".readings.")
            item = " ".join(filter(None, (fact[1:], f"reading {reading}" if reading else "")))
            if item not in items:
                items.append(item)
    return [(head, items) for (head, _), items in groups.items()]


def cited_by_text(paths: list[str]) -> str:
    """The citing paths in words: "treaty; votes 53/77N, 65/48; sections 1, 2"."""
    return "; ".join(
        f"{head} {', '.join(items)}" if items else head for head, items in cited_by_groups(paths)
    )
