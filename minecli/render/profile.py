"""A profile drawn for people: header, overview, CCW, use / production / transfer / stockpile,
narrative with its [n] markers, and the numbered citation list."""

from __future__ import annotations

from collections import Counter
from typing import Any

from minecli import query
from minecli.model import CCW_INSTRUMENTS, CCW_LABELS
from minecli.render.console import box_for, console_out, styled
from minecli.render.machine import cell

STATUS_LABELS = {
    "state_party": "State Party",
    "signatory": "Signatory (not ratified)",
    "not_party": "Not a State Party",
    "withdrawn": "Withdrawn",
}
PRODUCTION_LABELS = {
    "producer": "Producer",
    "past_producer": "Past producer",
    "not_producer": "Not a producer",
    "unknown": "Unknown",
}
TRANSFER_LABELS = {
    "exporter": "Exporter",
    "past_exporter": "Past exporter",
    "not_known_to_export": "Not known to have exported",
    "unknown": "Unknown",
}
STOCKPILE_LABELS = {
    "holds": "Holds a stockpile",
    "destroyed": "Stockpile destroyed",
    "none": "No stockpile",
    "unknown": "Unknown",
}


def cite(ids: Any) -> str:
    """Source ids as footnote markers, in order: [1][3]."""
    return "".join(f"[{i}]" for i in sorted(ids)) if isinstance(ids, list) else ""


def _esc(value: Any) -> str:
    from rich.markup import escape

    return escape(cell(value))


def _facts_table(console: Any) -> Any:
    from rich.table import Table

    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    return table


def _treaty_lines(profile: dict[str, Any]) -> list[tuple[str, str]]:
    treaty = profile.get("treaty", {})
    status = treaty.get("status", "")
    lines = [
        (
            "Mine Ban Treaty",
            styled(status, "status")
            + f"  {STATUS_LABELS.get(status, '')}"
            + f" {cite(treaty.get('sources'))}",
        )
    ]
    dated = (
        ("Signed", "signed"),
        ((treaty.get("consent_type") or "consent").capitalize(), "consent"),
        ("Entry into force", "entry_into_force"),
        ("Withdrawal notified", "withdrawal_notified"),
        ("Withdrawal effective", "withdrawal_effective"),
    )
    for label, key in dated:
        if treaty.get(key):
            lines.append((label, _esc(treaty[key])))
    if treaty.get("as_of"):
        lines.append(("Status as of", _esc(treaty["as_of"])))
    if treaty.get("note"):
        lines.append(("Note", _esc(treaty["note"])))
    if treaty.get("doubt"):
        lines.append(("Doubt", _esc(treaty["doubt"])))
    membership = profile.get("un_membership")
    if isinstance(membership, dict) and membership.get("admitted"):
        lines.append(
            ("UN member since", f"{_esc(membership['admitted'])} {cite(membership.get('sources'))}")
        )
    return lines


def _vote_lines(profile: dict[str, Any], resolutions: dict[str, Any]) -> list[tuple[str, str]]:
    record = query.voting_record(profile, resolutions)
    if not record:
        return [("Latest UNGA vote", "none recorded")]
    last = record[-1]
    counts = Counter(r["vote"] for r in record)
    summary = ", ".join(f"{counts[v]} {v}" for v in ("yes", "no", "abstain", "absent") if counts[v])
    latest = (
        f"{styled(last['vote'], 'vote')} on {_esc(last['resolution'])} ({_esc(last['date'])}) "
        f"{cite(last['sources'])}\nrecord since {_esc(record[0]['resolution'])}: {summary}"
    )
    # Every vote, grouped by answer, so the whole record reads at a glance.
    groups = []
    for vote in ("yes", "no", "abstain", "absent"):
        numbers = [r["resolution"] for r in record if r["vote"] == vote]
        if numbers:
            groups.append(f"{styled(vote, 'vote')}: {_esc(', '.join(numbers))}")
    return [("Latest UNGA vote", latest), ("UNGA votes", "\n".join(groups))]


def _meeting_line(profile: dict[str, Any], meetings: dict[str, Any]) -> tuple[str, str]:
    entries = profile.get("meetings", [])
    if not entries:
        return ("Treaty meetings", "no attendance recorded")
    attended = [m for m in entries if m.get("attended")]
    text = f"attended {len(attended)} of {len(entries)} recorded"
    if attended:
        names = ", ".join(
            f"{m['meeting']}" + (f" as {m['as'].replace('_', ' ')}" if m.get("as") else "")
            for m in attended
        )
        text += f": {names}"
    missed = [m["meeting"] for m in entries if not m.get("attended")]
    if missed:
        text += f"\nnot attended: {', '.join(missed)}"
    return ("Treaty meetings", _esc(text))


def _ccw_table(profile: dict[str, Any], console: Any) -> Any:
    from rich.table import Table

    table = Table(box=box_for(console), title="CCW and its protocols", title_justify="left")
    for name in ("Instrument", "Party", "Since", "Sources"):
        table.add_column(name, overflow="fold")
    for instrument in CCW_INSTRUMENTS:
        entry = profile.get("ccw", {}).get(instrument)
        if not isinstance(entry, dict):
            continue
        party = entry.get("party")
        mark = {True: "[green]yes[/]", False: "[yellow]no[/]"}.get(party, "unknown")  # type: ignore[arg-type]
        table.add_row(
            CCW_LABELS[instrument], mark, _esc(entry.get("since")), cite(entry.get("sources"))
        )
    return table


def _ppts_lines(profile: dict[str, Any]) -> list[tuple[str, str]]:
    lines = []
    for key, label, labels in (
        ("production", "Production", PRODUCTION_LABELS),
        ("transfer", "Transfer", TRANSFER_LABELS),
        ("stockpile", "Stockpile", STOCKPILE_LABELS),
    ):
        part = profile.get(key)
        if not part:
            continue
        text = labels.get(part.get("status"), _esc(part.get("status")))
        if key == "stockpile":
            if part.get("size") is not None:
                text += f", {part['size']:,} mines"
            else:
                text += ", size unknown"
            for sub, sub_label in (
                ("origin", "origin"),
                ("types", "types"),
                ("holders", "held by"),
            ):
                if part.get(sub):
                    value = part[sub]
                    shown = ", ".join(value) if isinstance(value, list) else value
                    text += f"\n{sub_label}: {_esc(shown)}"
        if part.get("summary"):
            text += f"\n{_esc(part['summary'])}"
        lines.append((label, f"{text} {cite(part.get('sources'))}"))
    for event in profile.get("use", []):
        when = event.get("date", event.get("year"))
        lines.append(
            ("Use", f"{_esc(when)}: {_esc(event.get('where'))} {cite(event.get('sources'))}")
        )
    return lines


def _sources_table(profile: dict[str, Any], console: Any) -> Any:
    from rich.table import Table

    table = Table(
        box=None, show_header=False, title="Sources", title_justify="left", pad_edge=False
    )
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for row in query.citations(profile):
        bits = [row["title"]]
        for key in ("author", "date", "kind"):
            if row.get(key):
                bits.append(cell(row[key]))
        text = _esc(". ".join(bits) + ".")
        if row.get("url"):
            text += f"\n[dim]{_esc(row['url'])}[/]"
        if row.get("note"):
            text += f"\n{_esc(row['note'])}"
        table.add_row(f"[{row['id']}]", text)
    return table


def print_profile(
    profile: dict[str, Any], resolutions: dict[str, Any], meetings: dict[str, Any]
) -> None:
    """Draw one profile on stdout."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    with console_out() as console:
        title = f"{profile['name']} ({profile['code']})"
        subtitle = " · ".join(
            cell(v)
            for v in (
                profile.get("official_name"),
                f"updated {cell(profile.get('updated'))}" if profile.get("updated") else None,
            )
            if v
        )
        overview = _facts_table(console)
        for label, text in [
            *_treaty_lines(profile),
            *_vote_lines(profile, resolutions),
            _meeting_line(profile, meetings),
        ]:
            overview.add_row(label, text)
        box = box_for(console, "panel")
        head = Text(title, style="bold")
        if subtitle:
            head.append(f"  {subtitle}", style="dim")
        if box is None:
            console.print(head)
            console.print(overview)
        else:
            console.print(Panel(overview, title=head, title_align="left", box=box))
        console.print()
        console.print(_ccw_table(profile, console))
        console.print()
        ppts = _ppts_lines(profile)
        if ppts:
            table = _facts_table(console)
            for label, text in ppts:
                table.add_row(label, text)
            console.print(Text("Use, production, transfer and stockpile", style="bold"))
            console.print(table)
            console.print()
        for section in profile.get("sections", []):
            console.print(Text(section.get("title", ""), style="bold underline"))
            paragraphs = [p.strip() for p in section.get("text", "").split("\n\n") if p.strip()]
            console.print(Group(*(Text(" ".join(p.split()) + "\n") for p in paragraphs)))
        console.print(_sources_table(profile, console))
