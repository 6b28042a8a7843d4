"""The record a Monitor profile's blocks make (minecli.importers.monitor cuts the blocks):
sources from the footnotes and the edition, the overview's facts, the narrative as sections,
and the facts its sentences state plainly, each citing the sources its sentence cites."""

from __future__ import annotations

import re
from typing import Any

from minecli import prose

EDITION_AUTHOR = "Landmine and Cluster Munition Monitor"
WORDS_NOT_TYPES = {
    "CCW",
    "UNGA",
    "UN",
    "MBT",
    "NGO",
    "ICBL",
    "USA",
    "EU",
    "MOD",
    "II",
    "III",
    "IV",
    "V",
}
TYPE_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,}(?:-[0-9A-Z]+)*\b")
PROTOCOLS = (
    ("amended_protocol_ii", r"amended protocol ii"),
    ("protocol_v", r"protocol v\b"),
    ("protocol_ii", r"(?:original|1980) protocol ii|(?<!amended )protocol ii\b"),
)


def build(
    code: str,
    names: dict[str, str],
    updated: Any,
    overview: dict[str, str],
    body: list[str],
    notes: list[str],
    meetings: dict[str, str],
) -> Any:
    from minecli.importers.monitor import Footnote, Parsed, kind_of

    name = names[code]
    footnotes = []
    renumber: dict[int, int] = {}
    for text in notes:
        m = re.match(r"\[(\d+)\]\s*(.*)$", text)
        assert m is not None
        new = len(footnotes) + 1
        renumber.setdefault(int(m.group(1)), new)
        footnotes.append(Footnote(int(m.group(1)), m.group(2), _source(new, m.group(2), kind_of)))
    edition_id = len(footnotes) + 1
    edition: dict[str, Any] = {
        "id": edition_id,
        "title": f"{name}: Mine Ban Policy (country profile)",
        "author": EDITION_AUTHOR,
        "kind": "report",
    }
    if updated:
        edition["date"] = updated
        edition["note"] = f"Profile last updated {prose.date_text(updated)}."
    record: dict[str, Any] = {"schema": 1, "code": code, "name": name}
    if updated:
        record["updated"] = updated
    parsed = Parsed(record, footnotes)
    cite = [edition_id]
    _overview(record, overview, cite, parsed, meetings)
    sections = _sections(body, renumber, parsed, edition_id, len(footnotes))
    for section in sections:
        for paragraph in section["text"].split("\n\n"):
            for sentence in prose.sentences(paragraph):
                known = [n for n in prose.markers(sentence) if 1 <= n <= len(footnotes)]
                _facts(record, sentence, known or cite, parsed)
    if sections:
        record["sections"] = sections
    record["sources"] = [f.source for f in footnotes] + [edition]
    return parsed


def _source(number: int, text: str, kind_of: Any) -> dict[str, Any]:
    """A footnote as a source: what comes before its date is the title, its date, a URL, and
    what follows the date (a remark such as "Other officials have also made this claim.")
    as its note. Several sources in one footnote stay together, dated by the first."""
    source: dict[str, Any] = {"id": number, "title": text.rstrip(". ") or "(untitled)"}
    m = prose.DATE_RE.search(text)
    head = text if m is None else text[: m.start()]
    url = re.search(r"https?://[^\s,;]+[^\s,;.)]", text)
    if url:
        source["url"] = url.group(0)
    if m is not None and (date := prose._date_of(m)) is not None:
        tail = text[m.end() :]
        source["title"] = head.rstrip(" ,;(").strip() or source["title"]
        source["date"] = date
        if url:
            tail = tail.replace(url.group(0), "")
        tail = re.sub(r"^[\s,;.)]+", "", tail).strip()
        if tail and not re.match(r"^(?:and|or)\b", tail):
            source["note"] = tail
        elif tail:  # a second source in the same footnote: kept in the title, whole
            source["title"] = text.rstrip(". ")
    who = re.search(r"\b(?:from|by)\s+(.+)$", head.rstrip(" ,;("))
    if who and len(who.group(1)) > 3:
        source["author"] = who.group(1).strip(" ,")
    source["kind"] = kind_of(text)
    return source


def _overview(
    record: dict[str, Any],
    overview: dict[str, str],
    cite: list[int],
    parsed: Any,
    meetings: dict[str, str],
) -> None:
    treaty: dict[str, Any] = {}
    if "status" in overview and (status := prose.status_of(overview["status"])):
        treaty["status"] = status
        parsed.recognised.append(f"treaty status: {status}")
    for key in ("signed", "entry_into_force", "withdrawal_notified", "withdrawal_effective"):
        if key in overview and (date := prose.parse_date(overview[key])) is not None:
            treaty[key] = date
            parsed.recognised.append(f"treaty {key.replace('_', ' ')}: {date}")
    for kind in ("ratification", "accession", "succession", "consent"):
        if kind in overview and (date := prose.parse_date(overview[kind])) is not None:
            treaty["consent"] = date
            if kind != "consent":
                treaty["consent_type"] = kind
            parsed.recognised.append(f"treaty {kind}: {date}")
    if treaty:
        treaty.setdefault("status", "state_party" if "consent" in treaty else "not_party")
        record["treaty"] = {**treaty, "sources": list(cite)}
    for resolution, vote in prose.votes_stated(overview.get("votes", "")):
        record.setdefault("votes", []).append(
            {"resolution": resolution, "vote": vote, "sources": list(cite)}
        )
        parsed.recognised.append(f"vote on {resolution}: {vote}")
    if "votes" in overview and "votes" not in record:
        parsed.prose.append(f"voting record: {overview['votes']}")
    line = overview.get("meetings", "")
    if line and prose.never_attended(line):
        parsed.recognised.append("meetings: never attended any")
    elif line:
        for entry in _meetings(line, meetings, cite):
            record.setdefault("meetings", []).append(entry)
            parsed.recognised.append(f"meeting {entry['meeting']}: attended {entry['attended']}")
        if "meetings" not in record:
            parsed.prose.append(f"meeting participation: {line}")


def _meetings(line: str, meetings: dict[str, str], cite: list[int]) -> list[dict[str, Any]]:
    """The meetings a participation line names, by id in brackets or by name."""
    entries = []
    low = line.casefold()
    for mid, name in meetings.items():
        plain = re.sub(r"\bthe\s+", "", name.casefold())
        at = low.find(f"({mid.casefold()})")
        if at < 0:
            hit = re.search(rf"(?<![\w-]){re.escape(plain)}\b", re.sub(r"\bthe\s+", "", low))
            at = hit.start() if hit else -1
        if at < 0:
            continue
        entry: dict[str, Any] = {"meeting": mid, "attended": "not attend" not in low[:at]}
        if "observer" in low and entry["attended"]:
            entry["as"] = "observer"
        entries.append({**entry, "sources": list(cite)})
    return entries


def _sections(
    body: list[str], renumber: dict[int, int], parsed: Any, edition: int, notes: int
) -> list[dict[str, Any]]:
    """The narrative: paragraphs under their headings (before any, under "Mine ban policy"),
    markers renumbered as the footnotes were; a paragraph citing no footnote cites the
    edition, whose own words it is."""
    from minecli.importers.monitor import _heading

    sections: list[dict[str, Any]] = []
    title, paragraphs, orphans = "Mine ban policy", [], []
    for block in body:
        if _heading(block):
            if paragraphs:
                sections.append({"title": title, "text": "\n\n".join(paragraphs) + "\n"})
            elif title != "Mine ban policy" or sections:
                orphans.append(title)  # a heading with nothing under it: kept as a line of text
            title, paragraphs = block, []
            continue
        text = prose.MARKER_RE.sub(
            lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", block
        )
        if not any(1 <= n <= notes for n in prose.markers(text)):
            text += f"[{edition}]"
        paragraphs += [f"{o}[{edition}]" for o in orphans] + [text]
        orphans = []
    if not paragraphs and title != "Mine ban policy":
        paragraphs = [f"{o}[{edition}]" for o in [*orphans, title]]
        title = sections[-1]["title"] if sections else "Mine ban policy"
        if sections:
            sections[-1]["text"] += "\n" + "\n\n".join(paragraphs) + "\n"
            paragraphs = []
    if paragraphs:
        sections.append({"title": title, "text": "\n\n".join(paragraphs) + "\n"})
    parsed.prose.extend(f"section: {s['title']}" for s in sections)
    return sections


def _facts(record: dict[str, Any], sentence: str, cite: list[int], parsed: Any) -> None:
    """The facts one sentence states plainly, citing ``cite``; the first statement of a fact
    wins (the overview's come first)."""
    low = sentence.casefold()
    if re.search(r"convention on conventional weapons|\bccw\b", low):
        _ccw(record, low, cite, parsed)
    if "produc" in low and "ccw" not in low:
        status = None
        if re.search(
            r"(?:does|do) not produce|has never produced|not a producer|no longer produc", low
        ):
            status = "past_producer" if "no longer" in low else "not_producer"
        elif re.search(r"\b(?:produces|is a producer)\b", low):
            status = "producer"
        _once(record, "production", status, cite, parsed)
    if "export" in low:
        status = None
        if re.search(r"not known to have exported|no (?:known )?export|has never exported", low):
            status = "not_known_to_export"
        elif re.search(r"\bhas exported\b|\bexported\b.*\bin \d{4}", low):
            status = "past_exporter"
        _once(record, "transfer", status, cite, parsed)
    if "stock" in low or ("held by" in low and "stockpile" in record):
        _stockpile(record, sentence, low, cite, parsed)
    if re.search(r"\b(?:has|have) used\b|\blaid\b|\bused antipersonnel\b", low):
        _use(record, sentence, cite, parsed)


def _once(
    record: dict[str, Any], part: str, status: str | None, cite: list[int], parsed: Any
) -> None:
    if status and part not in record:
        record[part] = {"status": status, "sources": list(cite)}
        parsed.recognised.append(f"{part}: {status}")


def _ccw(record: dict[str, Any], low: str, cite: list[int], parsed: Any) -> None:
    positive, _, negative = low.partition(" but ")
    if re.search(r"\b(?:not|neither|nor|never)\b", positive) and not negative:
        positive, negative = "", positive
    ccw = record.setdefault("ccw", {})
    for part, party in ((positive, True), (negative, False)):
        if not part:
            continue
        if re.search(r"convention on conventional weapons|\bccw\b(?! (?:amended )?protocol)", part):
            ccw.setdefault("convention", {"party": party, "sources": list(cite)})
        for key, pattern in PROTOCOLS:
            if re.search(pattern, part):
                ccw.setdefault(key, {"party": party, "sources": list(cite)})
    if not ccw:
        del record["ccw"]
    else:
        parsed.recognised.append("CCW: " + ", ".join(f"{k} {v['party']}" for k, v in ccw.items()))


def _stockpile(
    record: dict[str, Any], sentence: str, low: str, cite: list[int], parsed: Any
) -> None:
    stock = record.get("stockpile")
    if stock is None:
        status = None
        if re.search(
            r"destroyed (?:its|the) (?:entire )?stock|completed (?:the )?destruction", low
        ):
            status = "destroyed"
        elif re.search(r"(?:does not|do not) (?:have|possess) a stock|no stockpile", low):
            status = "none"
        elif re.search(r"inherited a stock|holds? a stock|has a stock|stockpile of", low):
            status = "holds"
        if status is None:
            return
        stock = record["stockpile"] = {"status": status, "sources": list(cite)}
        parsed.recognised.append(f"stockpile: {status}")
        if m := re.search(r"inherited .*?\bfrom (?:the )?([A-Z][\w ]+)", sentence):
            stock["origin"] = f"Inherited from the {m.group(1).strip()}"
    if m := re.search(r"stockpile of ([\d,]+) (?:antipersonnel )?mines", low):
        stock.setdefault("size", int(m.group(1).replace(",", "")))
    if "mines" in low and "types" not in stock:
        kinds = [t for t in TYPE_RE.findall(sentence) if t not in WORDS_NOT_TYPES and len(t) >= 3]
        if kinds:
            stock["types"] = list(dict.fromkeys(kinds))
            parsed.recognised.append("stockpile types: " + ", ".join(stock["types"]))
    if (m := re.search(r"held by (?:both )?(.+?)(?:\.|\[|$)", sentence)) and "holders" not in stock:
        holders = [h.strip() for h in re.split(r",\s*|\s+and\s+", m.group(1)) if h.strip()]
        stock["holders"] = [re.sub(r"^the\s+", "", h) for h in holders]
    for source in cite:
        if source not in stock["sources"]:
            stock["sources"].append(source)


def _use(record: dict[str, Any], sentence: str, cite: list[int], parsed: Any) -> None:
    border = "border" in sentence.casefold()
    for m in re.finditer(
        r"(?:and\s+)?\b([A-Z][a-z]+(?: [A-Z][a-z]+)*) in ((?:19|20)\d\d)\b", sentence
    ):
        where = f"Border with {m.group(1)}" if border else m.group(1)
        record.setdefault("use", []).append(
            {"year": int(m.group(2)), "where": where, "sources": list(cite)}
        )
        parsed.recognised.append(f"use: {m.group(2)}, {where}")
