"""Sources as items a reference manager imports: CSL-JSON (Zotero, pandoc --citeproc), BibTeX
and RIS. Each source of each profile is one item with a stable key, ``UZ-1`` (the state and the
source's id, which never changes), its kind mapped to the format's type, partial dates kept as
far as they are known, its URL and its note."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from minecli.exporters import Dataset

CSL_TYPES = {
    "letter": "personal_communication",
    "interview": "interview",
    "report": "report",
    "dataset": "dataset",
    "statement": "speech",
    "media": "article-newspaper",
    "other": "document",
}
BIBTEX_TYPES = {"report": "techreport", "media": "article"}
RIS_TYPES = {
    "letter": "PCOMM",
    "interview": "PCOMM",
    "report": "RPRT",
    "dataset": "DATA",
    "statement": "GEN",
    "media": "NEWS",
    "other": "GEN",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def key(code: str, source: dict[str, Any]) -> str:
    return f"{code}-{source['id']}"


def date_parts(value: Any) -> list[int] | None:
    """A full or partial date as [year, month, day], as far as it is known."""
    if isinstance(value, dt.date):
        return [value.year, value.month, value.day]
    if isinstance(value, str) and value[:4].isdigit():
        return [int(p) for p in value.split("-")]
    return None


def csl_type(source: dict[str, Any]) -> str:
    kind = source.get("kind", "other")
    if kind == "record":  # a public record: a page when it has an address, else the treaty text
        return "webpage" if source.get("url") else "treaty"
    return CSL_TYPES.get(kind, "document")


def csl_item(code: str, source: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": key(code, source),
        "type": csl_type(source),
        "title": source["title"],
    }
    if source.get("author"):
        item["author"] = [{"literal": source["author"]}]  # institutions as often as people
    if parts := date_parts(source.get("date")):
        item["issued"] = {"date-parts": [parts]}
    if source.get("url"):
        item["URL"] = source["url"]
    if source.get("note"):
        item["note"] = source["note"]
    return item


def _bibtex_text(text: str) -> str:
    """Text a BibTeX field holds as it is: the characters TeX treats specially escaped."""
    out = []
    for ch in text:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch == "\\":
            out.append("\\textbackslash{}")
        elif ch == "~":
            out.append("\\textasciitilde{}")
        elif ch == "^":
            out.append("\\textasciicircum{}")
        else:
            out.append(ch)
    return "".join(out)


def bibtex_entry(code: str, source: dict[str, Any]) -> str:
    kind = source.get("kind", "other")
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_text(source["title"]) + "}")]
    if source.get("author"):
        fields.append(("author", "{" + _bibtex_text(source["author"]) + "}"))  # one name, whole
        if kind == "report":
            fields.append(("institution", "{" + _bibtex_text(source["author"]) + "}"))
    if parts := date_parts(source.get("date")):
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", MONTHS[parts[1] - 1]))
        fields.append(
            ("date", "{" + "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "}")
        )
    if source.get("url"):
        fields.append(("url", "{" + source["url"] + "}"))
    if kind in ("letter", "interview", "statement", "dataset", "record"):
        fields.append(("howpublished", "{" + kind.capitalize() + "}"))
    if source.get("note"):
        fields.append(("note", "{" + _bibtex_text(source["note"]) + "}"))
    if kind == "media" and source.get("author"):
        fields.append(("journal", "{" + _bibtex_text(source["author"]) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{BIBTEX_TYPES.get(kind, 'misc')}{{{key(code, source)},\n{body}\n}}\n"


def ris_record(code: str, source: dict[str, Any]) -> str:
    kind = source.get("kind", "other")
    ty = (
        ("ELEC" if source.get("url") else "GOVDOC")
        if kind == "record"
        else RIS_TYPES.get(kind, "GEN")
    )
    lines = [("TY", ty), ("ID", key(code, source)), ("TI", source["title"])]
    if source.get("author"):
        lines.append(("AU", source["author"]))
    if parts := date_parts(source.get("date")):
        lines.append(("PY", str(parts[0])))
        lines.append(
            (
                "DA",
                "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
                + "/" * (3 - len(parts))
                + "/",
            )
        )
    if source.get("url"):
        lines.append(("UR", source["url"]))
    if source.get("note"):
        lines.append(("N1", source["note"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}".rstrip() + "\n" for tag, value in lines)


def items(profiles: Iterable[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for profile in profiles:
        for source in profile.get("sources", []):
            yield profile["code"], source


def write_csl(out: TextIO, data: Dataset) -> None:
    """A CSL-JSON array, an item at a time."""
    lead = "["
    for code, source in items(data.profiles):
        out.write(lead + "\n  " + json.dumps(csl_item(code, source), ensure_ascii=False))
        lead = ","
    out.write("[]\n" if lead == "[" else "\n]\n")


def write_bibtex(out: TextIO, data: Dataset) -> None:
    for n, (code, source) in enumerate(items(data.profiles)):
        out.write(("\n" if n else "") + bibtex_entry(code, source))


def write_ris(out: TextIO, data: Dataset) -> None:
    for code, source in items(data.profiles):
        out.write(ris_record(code, source) + "\n")
