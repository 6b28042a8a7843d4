"""View models: what a person is shown of a record, built from the records and the labels, with
no drawing in them. The profile view (`show`) is drawn by render.profile; a report, a compare view
or a chart can reuse the same pieces.

Text comes as spans, ``(text, style)``, where a style names what the text is (``vote.abstain``,
``status.not_party``, ``party.yes``, ``dim``) and the drawing layer decides how that looks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from minecli import labels
from minecli.model import CCW_INSTRUMENTS, VOTES
from minecli.query.disputes import disputed_facts, own_value, reading_text
from minecli.query.profile import citations, cited_by_text
from minecli.query.votes import coverage_text, voting_record
from minecli.render.machine import cell

Span = tuple[str, "str | None"]
Line = list[Span]
# A URL in running text; a comma, full stop, semicolon or bracket right after it is not part of it.
URL_RE = re.compile(r"https?://\S+?(?=[,.;)]*(?:\s|$))")


@dataclass
class Row:
    """A labelled fact: its label, and one or more lines of text."""

    label: str
    lines: list[Line]


@dataclass
class CcwRow:
    instrument: str
    party: Span
    since: str
    cites: str


@dataclass
class Section:
    title: str
    paragraphs: list[str]


@dataclass
class ProfileView:
    """Everything `show` draws of one profile, in order."""

    title: str
    subtitle: str
    overview: list[Row] = field(default_factory=list)
    ccw: list[CcwRow] = field(default_factory=list)
    activities: list[Row] = field(default_factory=list)  # use, production, transfer, stockpile
    sections: list[Section] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)  # label is the marker: [1]


def markers(ids: Any) -> str:
    """Source ids as footnote markers, in order: [1][3]."""
    return "".join(f"[{i}]" for i in sorted(ids)) if isinstance(ids, list) else ""


def line_text(line: Line) -> str:
    """A line of spans as plain text."""
    return "".join(content for content, _ in line)


def link_spans(text: str, kind: str | None = None) -> Line:
    """Text as spans, each URL in it a ``link`` span (drawn as a hyperlink to itself)."""
    spans: Line = []
    at = 0
    for match in URL_RE.finditer(text):
        if match.start() > at:
            spans.append((text[at : match.start()], kind))
        spans.append((match.group(), "link"))
        at = match.end()
    if at < len(text):
        spans.append((text[at:], kind))
    return spans


def reading_marked(reading: dict[str, Any]) -> str:
    """Another reading of a fact, for people: its value and its sources' markers, ``absent
    [9][15]`` (or who gives it, when no source in the profile does)."""
    shown = " ".join(
        cell(v) for k, v in reading.items() if k not in ("sources", "by", "note", "url")
    )
    if reading.get("sources"):
        return f"{shown} {markers(reading['sources'])}"
    return f"{shown} ({'; '.join(reading['by'])})" if reading.get("by") else shown


def with_markers(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for a table people read: ``sources`` as markers (``[6][7]``, where programs get
    ``6;7``) and each other reading in ``disputed`` as reading_marked gives it."""
    out = []
    for row in rows:
        row = dict(row)
        if isinstance(row.get("sources"), list):
            row["sources"] = markers(row["sources"])
        if isinstance(row.get("disputed"), list):
            row["disputed"] = "; ".join(reading_marked(r) for r in row["disputed"])
        out.append(row)
    return out


def _plain(*lines: str) -> list[Line]:
    return [[(line, None)] for line in lines]


def treaty_rows(profile: dict[str, Any]) -> list[Row]:
    """Status, dates, note and doubt of the treaty record, and UN membership."""
    treaty = profile.get("treaty", {})
    status = treaty.get("status", "")
    head: Line = [
        (status, f"status.{status}"),
        (f"  {labels.STATUS.get(status, '')} {markers(treaty.get('sources'))}", None),
    ]
    rows = [Row("Mine Ban Treaty", [head])]
    dated = (
        ("Signed", "signed"),
        (labels.consent_label(treaty.get("consent_type")), "consent"),
        ("Entry into force", "entry_into_force"),
        ("Withdrawal notified", "withdrawal_notified"),
        ("Withdrawal effective", "withdrawal_effective"),
        ("Status as of", "as_of"),
        ("Note", "note"),
        ("Doubt", "doubt"),
    )
    rows += [Row(label, _plain(cell(treaty[key]))) for label, key in dated if treaty.get(key)]
    membership = profile.get("un_membership")
    if isinstance(membership, dict) and membership.get("admitted"):
        text = f"{cell(membership['admitted'])} {markers(membership.get('sources'))}"
        rows.append(Row("UN member since", _plain(text)))
    return rows


def vote_rows(profile: dict[str, Any], resolutions: dict[str, Any]) -> list[Row]:
    """The latest vote, a count of the record, and every vote grouped by answer."""
    record = voting_record(profile, resolutions)
    covered = coverage_text(resolutions)
    if not record:
        return [Row("Latest recorded vote", _plain("none recorded", covered))]
    last = record[-1]
    counts = Counter(r["vote"] for r in record)
    summary = ", ".join(f"{counts[v]} {v}" for v in VOTES if counts[v])
    mark = " (disputed)" if last["disputed"] else ""
    latest: list[Line] = [
        [
            (last["vote"], f"vote.{last['vote']}"),
            (
                f" on {last['resolution']} ({cell(last['date'])}) {markers(last['sources'])}"
                + mark,
                None,
            ),
        ],
        [(f"record since {record[0]['resolution']}: {summary}", None)],
        [(covered, "dim")],
    ]
    groups: list[Line] = []
    for vote in VOTES:
        numbers = [
            r["resolution"] + (" (disputed)" if r["disputed"] else "")
            for r in record
            if r["vote"] == vote
        ]
        if numbers:
            groups.append([(vote, f"vote.{vote}"), (f": {', '.join(numbers)}", None)])
    return [Row("Latest recorded vote", latest), Row("UNGA votes", groups)]


def dispute_row(profile: dict[str, Any]) -> list[Row]:
    """Every fact that sources disagree on: the value the store counts, with its sources, and
    each other reading with who gives it."""
    lines: list[Line] = []
    for path, fact, found in disputed_facts(profile):
        own = own_value(fact, found)
        lines.append([(f"{path}: {own} {markers(fact.get('sources'))}".rstrip(), None)])
        for reading in found:
            note = f" ({reading['note']})" if reading.get("note") else ""
            lines.append([(f"  or {reading_text(reading)}{note}", "dim")])
    return [Row("Sources disagree", lines)] if lines else []


def meeting_row(profile: dict[str, Any]) -> Row:
    """Attendance at treaty meetings, in one row."""
    entries = profile.get("meetings", [])
    if not entries:
        return Row("Treaty meetings", _plain("no attendance recorded"))
    attended = [m for m in entries if m.get("attended")]
    text = f"attended {len(attended)} of {len(entries)} recorded"
    if attended:
        names = ", ".join(
            m["meeting"] + (f" as {labels.ROLE.get(m['as'], m['as'])}" if m.get("as") else "")
            for m in attended
        )
        text += f": {names}"
    lines = [text]
    missed = [m["meeting"] for m in entries if not m.get("attended")]
    if missed:
        lines.append(f"not attended: {', '.join(missed)}")
    return Row("Treaty meetings", _plain(*lines))


def ccw_rows(profile: dict[str, Any]) -> list[CcwRow]:
    """One row per CCW instrument the profile records."""
    rows = []
    for instrument in CCW_INSTRUMENTS:
        entry = profile.get("ccw", {}).get(instrument)
        if not isinstance(entry, dict):
            continue
        party = entry.get("party")
        mark: Span = {True: ("yes", "party.yes"), False: ("no", "party.no")}.get(
            party, ("unknown", None)
        )  # type: ignore[arg-type]
        rows.append(
            CcwRow(
                labels.CCW[instrument],
                mark,
                cell(entry.get("since")),
                markers(entry.get("sources")),
            )
        )
    return rows


def _stockpile_lines(part: dict[str, Any]) -> list[str]:
    size = part.get("size")
    lines = [", size unknown" if size is None else f", {size:,} mines"]
    for key, label in (("origin", "origin"), ("types", "types"), ("holders", "held by")):
        if part.get(key):
            value = part[key]
            lines.append(f"{label}: {', '.join(value) if isinstance(value, list) else value}")
    return lines


def activity_rows(profile: dict[str, Any]) -> list[Row]:
    """Production, transfer, stockpile and each reported use."""
    rows = []
    for key, label, names in (
        ("production", "Production", labels.PRODUCTION),
        ("transfer", "Transfer", labels.TRANSFER),
        ("stockpile", "Stockpile", labels.STOCKPILE),
    ):
        part = profile.get(key)
        if not part:
            continue
        lines = [names.get(part.get("status"), cell(part.get("status")))]
        if key == "stockpile":
            extra = _stockpile_lines(part)
            lines[0] += extra[0]
            lines += extra[1:]
        if part.get("summary"):
            lines.append(part["summary"])
        lines[-1] += f" {markers(part.get('sources'))}"
        rows.append(Row(label, _plain(*lines)))
    for event in profile.get("use", []):
        when = event.get("date", event.get("year"))
        text = f"{cell(when)}: {cell(event.get('where'))} {markers(event.get('sources'))}"
        rows.append(Row("Use", _plain(text)))
    return rows


def source_rows(
    profile: dict[str, Any], *, cited: bool = False, entries: list[dict[str, Any]] | None = None
) -> list[Row]:
    """The numbered sources (or those ``entries`` of query.profile.citations, in their
    order): title, author, date and kind; the URL; the note; with ``cited``, the facts that
    cite each one, grouped (``cited by: treaty; votes 53/77N, 65/48``)."""
    rows = []
    for row in citations(profile) if entries is None else entries:
        bits = [row["title"], *(cell(row[k]) for k in ("author", "date", "kind") if row.get(k))]
        lines: list[Line] = [[(". ".join(bits) + ".", None)]]
        if row.get("url"):
            lines.append([(row["url"], "link")])
        if row.get("note"):
            lines.append(link_spans(row["note"]))
        if cited:
            lines.append([(f"cited by: {cited_by_text(row['cited_by']) or 'nothing'}", "dim")])
        rows.append(Row(f"[{row['id']}]", lines))
    return rows


def profile_view(profile: dict[str, Any], resolutions: dict[str, Any]) -> ProfileView:
    """The whole view of one profile."""
    updated = f"updated {cell(profile['updated'])}" if profile.get("updated") else None
    official = profile.get("official_name")
    official = official if official and official != profile["name"] else None
    subtitle = " · ".join(cell(v) for v in (official, updated) if v)
    sections = []
    for section in profile.get("sections", []):
        paragraphs = [
            " ".join(p.split()) for p in section.get("text", "").split("\n\n") if p.strip()
        ]
        sections.append(Section(section.get("title", ""), paragraphs))
    return ProfileView(
        title=f"{profile['name']} ({profile['code']})",
        subtitle=subtitle,
        overview=[
            *treaty_rows(profile),
            *vote_rows(profile, resolutions),
            meeting_row(profile),
            *dispute_row(profile),
        ],
        ccw=ccw_rows(profile),
        activities=activity_rows(profile),
        sections=sections,
        sources=source_rows(profile),
    )
