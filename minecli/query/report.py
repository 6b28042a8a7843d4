"""A profile as the Landmine Monitor lays it out (`report`): "Last Updated", the overview written
from the data in the Monitor's words, the narrative, and footnotes numbered in the order of first
citation. minecli.render.report writes it as text, Markdown or HTML; minecli.importers.monitor
reads it back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minecli import prose
from minecli.query.votes import resolution_rank

DOCUMENT_TITLE = "Mine Ban Policy"
OVERVIEW_TITLE = "Mine ban policy overview"
STATUS_LABEL = "Mine Ban Treaty status"
VOTES_LABEL = "Pro-mine ban UNGA voting record"
MEETINGS_LABEL = "Participation in Mine Ban Treaty meetings"
DATE_LABELS = (
    ("signed", "Signature"),
    ("consent", None),  # labelled by its consent type
    ("entry_into_force", "Entry into force"),
    ("withdrawal_notified", "Withdrawal notified"),
    ("withdrawal_effective", "Withdrawal effective"),
)


@dataclass
class Report:
    name: str
    updated: str | None
    overview: list[tuple[str, str]]  # (label, value), in order
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # title, paragraphs
    footnotes: list[tuple[int, str]] = field(default_factory=list)  # number, text


def footnote_text(source: dict[str, Any]) -> str:
    """A source as a footnote: title, author (unless the title names it), date, URL, then its
    note; the importer reads the date as the end of the title."""
    text = source.get("title", "")
    author = source.get("author")
    if author and author.casefold() not in text.casefold():
        text += f", {author}"
    if source.get("date") and prose.date_text(source["date"]) not in text:  # (said once)
        text += f", {prose.date_text(source['date'])}"
    if source.get("url"):
        text += f", {source['url']}"
    text += "."
    if source.get("note"):
        text += f" {source['note']}"
    return text


def voting_line(profile: dict[str, Any], resolutions: dict[str, Any]) -> str:
    """The overview's voting line: the latest vote, and since when it has been cast."""
    rank = resolution_rank(resolutions)
    votes = sorted(
        (v for v in profile.get("votes", []) if v.get("resolution") in rank),
        key=lambda v: rank[v["resolution"]],
    )
    if not votes:
        return "No vote on the resolutions is recorded"
    latest = votes[-1]
    line = f"{prose.VOTE_WORDS[latest['vote']]} Resolution {latest['resolution']}"
    when = resolutions[latest["resolution"]].get("date")
    if when:
        line += f" in {prose.date_text(str(when)[:7])}"
    run = 1
    while run < len(votes) and votes[-run - 1]["vote"] == latest["vote"]:
        run += 1
    first = resolutions[votes[-run]["resolution"]].get("date")
    if run > 1 and first:
        since = str(first)[:4]
        line += f", as it has on every such resolution since {since}"
    return line


def meetings_line(profile: dict[str, Any], meetings: dict[str, Any]) -> str:
    """The overview's line on meetings: never, or the latest attended and how many."""
    order = {mid: i for i, mid in enumerate(meetings)}
    entries = [m for m in profile.get("meetings", []) if m.get("meeting") in order]
    attended = sorted((m for m in entries if m.get("attended")), key=lambda m: order[m["meeting"]])
    if not attended:
        return prose.NEVER_ATTENDED
    last = attended[-1]
    meeting = meetings[last["meeting"]]
    line = f"Attended the {meeting.get('name', last['meeting'])} ({last['meeting']})"
    if last.get("as") == "observer":
        line += " as an observer"
    if meeting.get("start"):
        line += f" in {prose.date_text(str(meeting['start'])[:7])}"
    return line + f"; attended {len(attended)} of {len(entries)} recorded meetings"


def report(
    profile: dict[str, Any], resolutions: dict[str, Any], meetings: dict[str, Any]
) -> Report:
    """The Monitor-layout view of a profile."""
    treaty = profile.get("treaty", {})
    overview = [(STATUS_LABEL, prose.STATUS_WORDS.get(treaty.get("status"), "Unknown"))]
    for key, label in DATE_LABELS:
        if treaty.get(key):
            label = label or (treaty.get("consent_type") or "consent to be bound").capitalize()
            overview.append((label, prose.date_text(treaty[key])))
    overview.append((VOTES_LABEL, voting_line(profile, resolutions)))
    overview.append((MEETINGS_LABEL, meetings_line(profile, meetings)))
    updated = profile.get("updated")
    view = Report(profile["name"], prose.date_text(updated) if updated else None, overview)
    numbers: dict[int, int] = {}
    by_id = {s.get("id"): s for s in profile.get("sources", [])}

    def renumber(m: Any) -> str:
        old = int(m.group(1))
        if old not in by_id:
            return m.group(0)
        if old not in numbers:
            numbers[old] = len(numbers) + 1
        return f"[{numbers[old]}]"

    for section in profile.get("sections", []):
        paragraphs = [
            " ".join(p.split()) for p in section.get("text", "").split("\n\n") if p.strip()
        ]
        view.sections.append(
            (section.get("title", ""), [prose.MARKER_RE.sub(renumber, p) for p in paragraphs])
        )
    view.footnotes = [(new, footnote_text(by_id[old])) for old, new in numbers.items()]
    return view
