"""What the prose of a Landmine Monitor profile says, in the words its editions use.

Dates as the Monitor writes them ("31 July 2001", "May 2004"), the overview's treaty status, its
UN General Assembly voting line, its line on meeting participation, and the sentences of the
narrative that state a vote, a treaty status or attendance plainly. The importer
(minecli.importers.monitor), the report (minecli.query.report) and `check` (the prose check) all
read and write these phrases from here, so that what one writes the others understand.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
_MONTH = "|".join(MONTHS)
# "31 July 2001", "July 31, 2001", "July 2001", "May 2004" (a day, if any, before or after)
DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+)?(?P<month>{_MONTH})(?:\s+(?P<d2>\d{{1,2}}),)?\s+(?P<year>(?:19|20)\d\d)\b"
)
MARKER_RE = re.compile(r"\[(\d+)\]")
RESOLUTION = r"(\d{2}/\d{1,3}[A-Z]{0,2})"

# The verbs of the voting line and of narrative sentences, and the vote each states.
VOTE_PHRASES = (
    (r"voted in favou?r of|voted for|supported", "yes"),
    (r"voted against|opposed", "no"),
    (r"abstained (?:from voting )?on|abstained in the vote on", "abstain"),
    (
        r"(?:was|were) absent (?:from|for)(?: the vote on)?|did not vote on|"
        r"did not take part in the vote on",
        "absent",
    ),
)
VOTE_WORDS = {
    "yes": "Voted in favor of",
    "no": "Voted against",
    "abstain": "Abstained on",
    "absent": "Was absent from the vote on",  # VOTE_PHRASES reads each of these back
}
STATUS_WORDS = {
    "not_party": "Not a State Party",
    "state_party": "State Party",
    "signatory": "Signatory",
    "withdrawn": "Withdrawn",
}
NEVER_ATTENDED = "Has never attended a Mine Ban Treaty meeting"


def parse_date(text: str) -> dt.date | str | None:
    """The first date in ``text`` as a record keeps it: a date to the day, else "YYYY-MM"."""
    m = DATE_RE.search(text)
    return None if m is None else _date_of(m)


def _date_of(m: re.Match[str]) -> dt.date | str | None:
    year, month = int(m["year"]), MONTHS.index(m["month"]) + 1
    day = m["d1"] or m["d2"]
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(day))
    except ValueError:
        return None


def date_text(value: Any) -> str:
    """A record's date as the Monitor writes it: ``31 July 2001``, ``May 2004``, ``2004``."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    text = str(value)
    if len(text) == 7:
        return f"{MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    return text


def status_of(text: str) -> str | None:
    """The treaty status an overview line or a sentence states, if it states one."""
    low = " ".join(text.casefold().split())
    if re.search(r"\bwithdr[ae]w|\bwithdrawn\b|former state party", low):
        return "withdrawn"
    if re.search(
        r"not (?:a )?state party|has not (?:joined|acceded|signed)|non-signatory|neither signed",
        low,
    ):
        return "not_party"
    if re.search(r"\bsignatory\b|signed but (?:has )?not ratified", low):
        return "signatory"
    if re.search(r"\bstate party\b|\b(?:ratified|acceded to)\b", low):
        return "state_party"
    return None


def votes_stated(text: str) -> list[tuple[str, str]]:
    """(resolution, vote) of every vote ``text`` states: "Abstained on Resolution 65/48",
    "it abstained on General Assembly resolution 65/48"."""
    found = []
    for phrase, vote in VOTE_PHRASES:
        pattern = rf"(?:{phrase})\s+(?:the\s+)?(?:UNGA\s+|UN General Assembly\s+|General Assembly\s+)?resolution\s+{RESOLUTION}"
        found += [(m.group(1), vote) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return found


def never_attended(text: str) -> bool:
    """Whether ``text`` says the state took part in no treaty meeting at all."""
    low = text.casefold()
    return bool(
        re.search(
            r"(?:has )?never attended (?:a|any)|stayed away from every|did not attend any|"
            r"has not attended any|took part in no",
            low,
        )
    )


def markers(text: str) -> list[int]:
    """The footnote numbers cited in ``text``, in order, once each."""
    return list(dict.fromkeys(int(n) for n in MARKER_RE.findall(text)))


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut into sentences, each keeping the markers that follow its full stop."""
    parts = re.split(r"(?<=[.!?])((?:\[\d+\])*)\s+(?=[A-Z\"'(])", paragraph.strip())
    out: list[str] = []
    for i in range(0, len(parts), 2):
        out.append(parts[i] + (parts[i + 1] if i + 1 < len(parts) else ""))
    return [s for s in out if s.strip()]


# A status the text may state, and the record's statuses it agrees with ("has not joined" holds
# of a signatory too).
AGREES = {
    "not_party": ("not_party", "signatory"),
    "signatory": ("signatory",),
    "state_party": ("state_party",),
    "withdrawn": ("withdrawn",),
}


def _sources(ids: Any) -> str:
    return "".join(f"[{i}]" for i in ids) if ids else "no source"


def disagreements(profile: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, what) for each sentence of a profile's narrative that states a vote, a treaty
    status or attendance otherwise than the record, naming both sides and their sources."""
    votes = {v.get("resolution"): v for v in profile.get("votes", []) if isinstance(v, dict)}
    treaty = profile.get("treaty", {})
    attended = [m for m in profile.get("meetings", []) if isinstance(m, dict) and m.get("attended")]
    found = []
    for n, section in enumerate(profile.get("sections", []), start=1):
        where = f"sections.{n}"
        for paragraph in str(section.get("text", "")).split("\n\n"):
            for sentence in sentences(paragraph):
                said = f'"{sentence if len(sentence) <= 90 else sentence[:89] + "…"}" ({_sources(markers(sentence))})'
                for resolution, vote in votes_stated(sentence):
                    fact = votes.get(resolution)
                    if fact is not None and fact.get("vote") != vote:
                        found.append(
                            (
                                where,
                                f"the text says {vote} on {resolution}: {said}; the record has {fact.get('vote')} ({_sources(fact.get('sources'))})",
                            )
                        )
                if re.search(r"mine ban treaty|state party|states parties", sentence, re.I):
                    status = status_of(sentence)
                    have = treaty.get("status")
                    if status and have and have not in AGREES[status]:
                        found.append(
                            (
                                where,
                                f"the text says {status}: {said}; the record has {have} ({_sources(treaty.get('sources'))})",
                            )
                        )
                if never_attended(sentence) and attended:
                    m = attended[0]
                    found.append(
                        (
                            where,
                            f"the text says it attended no meeting: {said}; the record has {m.get('meeting')} attended ({_sources(m.get('sources'))})",
                        )
                    )
    return found
