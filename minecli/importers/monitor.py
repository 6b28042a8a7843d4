"""A Landmine Monitor country profile (the layout of the Monitor's "Mine Ban Policy" pages) read
into a profile record.

The text is cut into blocks at blank lines: the "Last Updated" line, the overview (a label on
its own line and its value on the next, or ``Label: value``), the narrative (paragraphs under
short headings) and the footnotes (``[n] ...``). Each footnote becomes a numbered source; the
profile itself becomes one more source (the edition), which every fact read from a sentence
citing nothing cites. Facts are taken only where the text states them plainly (minecli.prose);
everything else stays in the narrative, so nothing is dropped. Nothing here touches the store.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from typing import Any

from minecli import prose
from minecli.errors import InvalidData

MAX_CHARS = 2_000_000
LABELS = {
    "status": ("mine ban treaty status", "treaty status", "status"),
    "votes": (
        "pro-mine ban unga voting record",
        "unga voting record",
        "un general assembly voting record",
        "voting record",
    ),
    "meetings": ("participation in mine ban treaty meetings", "meeting participation"),
    "signed": ("signature", "signed", "date of signature"),
    "ratification": ("ratification", "date of ratification"),
    "accession": ("accession", "date of accession"),
    "succession": ("succession",),
    "consent": ("consent to be bound",),
    "entry_into_force": ("entry into force", "date of entry into force"),
    "withdrawal_notified": ("withdrawal notified", "notice of withdrawal"),
    "withdrawal_effective": ("withdrawal effective", "withdrawal takes effect"),
}
SKIPPED_TITLES = ("mine ban policy", "mine ban policy overview", "overview")
KINDS = (
    (r"letter|e-?mail|response|questionnaire", "letter"),
    (r"interview|meeting with|conversation", "interview"),
    (r"statement|remarks|speech|presentation", "statement"),
    (r"report|article 7|profile", "report"),
)
MEDIA = r"\b(?:press|news|newspaper|agence|reuters|bbc|times|post|radio|television)\b"
CONFUSABLES = str.maketrans("АВЕКМНОРСТХаеорсух", "ABEKMHOPCTXaeopcyx")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


@dataclass
class Footnote:
    number: int
    text: str  # as written, for matching an existing source
    source: dict[str, Any]


@dataclass
class Parsed:
    """What a profile's text gave: the record (sources numbered as the footnotes), and what was
    recognised and what was left as prose, for the reader."""

    record: dict[str, Any]
    footnotes: list[Footnote]
    recognised: list[str] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)


def decode(data: bytes, where: str) -> str:
    """File bytes as the text of a profile: UTF-8 (a BOM dropped), HTML reduced to its text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(f"not UTF-8 text (byte {exc.start})", file=where) from None
    return prepared(text, where)


def prepared(text: str, where: str) -> str:
    """A file's text as the text of a profile: refused if binary or far too long, HTML
    reduced to its text."""
    if "\0" in text[:8192]:
        raise InvalidData("a binary file, not the text of a profile", file=where)
    if len(text) > MAX_CHARS:
        raise InvalidData(f"{len(text):,} characters: too long for one profile", file=where)
    if re.search(r"<(?:html|body|p|div|h[1-6])\b", text[:20000], re.IGNORECASE):
        text = _html_text(text)
    return text


BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "dt", "dd"}
)


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "title"):
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(" ".join(data.split(" ")))


def _html_text(text: str) -> str:
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _markdown_text(text: str) -> str:
    """Markdown (as `report --format markdown` writes it) as the plain layout."""
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"\[\^(\d+)\]:?", r"[\1]", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    return re.sub(r"\\([\\*_`<>#])", r"\1", text)


def blocks(text: str) -> list[str]:
    """The text's blocks (paragraphs, labels, footnotes), each on one line, quotes made plain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(QUOTES)
    if re.search(r"^# |\[\^\d+\]", text, re.MULTILINE):
        text = _markdown_text(text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if len(lines) > 1 and _label(lines[0]):  # a label with its value on the next line
            out.append(lines.pop(0))
        # footnotes may follow each other without a blank line
        current: list[str] = []
        for line in lines:
            if re.match(r"\[\d+\]\s", line) and current:
                out.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            out.append(" ".join(current))
    return [_plain_codes(b) for b in out]


def _plain_codes(text: str) -> str:
    """Latin letters for Cyrillic look-alikes inside a word that is otherwise Latin (PОМZ)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        latin = re.search(r"[A-Za-z]", word)
        return word.translate(CONFUSABLES) if latin else word

    return re.sub(r"[\w-]+", fix, text)


def _label(block: str) -> str | None:
    low = block.casefold().rstrip(":").strip()
    for key, names in LABELS.items():
        if low in names:
            return key
    return None


def _title(block: str) -> bool:
    """The document's own title lines ("Mine Ban Policy", "Uzbekistan: Mine Ban Policy")."""
    low = block.casefold()
    return low in SKIPPED_TITLES or low.endswith(": mine ban policy")


def _heading(block: str) -> bool:
    return (
        len(block) <= 80
        and not re.search(r"[.!?:;,]$|\[\d+\]|:\s", block)
        and not block[:1].isdigit()
        and block[:1].isupper()
    )


def parse(
    text: str,
    where: str,
    names: list[tuple[str, str]],
    meetings: dict[str, str],
    code: str | None = None,
) -> Parsed:
    """Read a profile's text. ``names`` are the store's (code, name) pairs, the name first
    and official names after, to find the state when ``code`` is not given; ``meetings`` the
    store's meeting names by id."""
    found = everything = blocks(text)
    if not found:
        raise InvalidData("the file is empty", file=where)
    updated = None
    for n, block in enumerate(found[:3]):
        if m := re.match(r"last updated:?\s*(.+)$", block, re.IGNORECASE):
            updated = prose.parse_date(m.group(1))
            found = found[n + 1 :]
            break
    overview: dict[str, str] = {}
    body: list[str] = []
    notes: list[str] = []
    i = 0
    while i < len(found):
        block = found[i]
        key = _label(block)
        inline = re.match(r"([^:]{3,60}):\s+(.+)$", block)
        if key and i + 1 < len(found) and not _label(found[i + 1]):
            overview[key] = found[i + 1]
            i += 2
            continue
        if inline and _label(inline.group(1)) and not body:
            overview[_label(inline.group(1)) or ""] = inline.group(2)
        elif re.match(r"\[\d+\]\s", block):
            notes.append(block)
        elif not body and _title(block):
            pass
        else:
            body.append(block)
        i += 1
    if not overview and not any(
        re.search(r"mine ban|antipersonnel|landmine", b, re.I) for b in body
    ):
        raise InvalidData(
            "not a Landmine Monitor profile: no treaty status, voting record or mention of the "
            "Mine Ban Treaty",
            file=where,
        )
    code = code or _state(" ".join(everything), names)
    if code is None:
        raise InvalidData(
            "no state named in the text that the store knows; give --code", file=where
        )
    display: dict[str, str] = {}
    for known, name in names:
        display.setdefault(known, name)
    if code not in display:
        raise InvalidData(f"the store has no state {code}", file=where)
    from minecli.importers.monitor_facts import build

    return build(code, display, updated, overview, body, notes, meetings)


def _state(text: str, names: list[tuple[str, str]]) -> str | None:
    """The code of the state the text names first (the longest name where two start there)."""
    best: tuple[int, int, str] | None = None
    for code, full in names:
        short = re.sub(r"\s*\(.*\)$", "", full)  # "Bolivia" for "Bolivia (Plurinational State of)"
        for name in {full, short}:
            m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
            if m and (best is None or (m.start(), -len(name)) < best[:2]):
                best = (m.start(), -len(name), code)
    return best[2] if best else None


def kind_of(text: str) -> str:
    low = text.casefold()
    for pattern, kind in KINDS:
        if re.match(rf"\W*(?:\w+\W+)?(?:{pattern})", low):
            return kind
    return "media" if re.search(MEDIA, low) else "other"
