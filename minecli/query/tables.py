"""The store as tidy tables, for spreadsheets, pandas, R, SQLite and Datasette: one row per
thing, one column per attribute, codes and ids to join on, dates as ISO text.

``TABLES`` names each table, its columns (with a description each, for Datasette's metadata),
its key and what it refers to. ``profile_rows`` gives one profile's rows of every per-state
table, so that an export streams the store a profile at a time; ``store_rows`` the rows of
resolutions.toml and meetings.toml. ``citations`` says which fact of which state cites which
source: the provenance per fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from minecli.model import CCW_INSTRUMENTS, STATUS_FIELDS, readings
from minecli.paths import cited_by


@dataclass(frozen=True)
class Table:
    description: str
    columns: dict[str, str]  # name -> description
    key: tuple[str, ...]
    refers: dict[str, tuple[str, str]]  # column -> (table, column)


def _t(
    description: str, key: tuple[str, ...], refers: dict[str, tuple[str, str]], **columns: str
) -> Table:
    return Table(description, columns, key, refers)


COUNTRY = {"code": ("countries", "code")}
TABLES: dict[str, Table] = {
    "countries": _t(
        "One row per state: its names and treaty status and dates",
        ("code",),
        {},
        code="ISO 3166-1 alpha-2 code",
        name="Name",
        official_name="Official name",
        updated="Date the profile was last updated",
        status="Mine Ban Treaty status: state_party, signatory, not_party or withdrawn",
        signed="Date of signature",
        consent="Date of consent to be bound",
        consent_type="ratification, accession or succession",
        entry_into_force="Date the treaty entered into force for the state",
        withdrawal_notified="Date a withdrawal was notified",
        withdrawal_effective="Date a withdrawal took effect",
        un_admitted="Date of admission to the United Nations",
    ),
    "ccw": _t(
        "The Convention on Conventional Weapons and its protocols, per state",
        ("code", "instrument"),
        COUNTRY,
        code="State",
        instrument="convention, protocol_ii, amended_protocol_ii or protocol_v",
        party="true, false or unknown",
        since="Date of consent to be bound",
    ),
    "resolutions": _t(
        "The UN General Assembly resolutions supporting the treaty",
        ("number",),
        {},
        number="Resolution number, e.g. 80/35",
        session="General Assembly session",
        date="Date adopted",
        title="Title",
        yes="Votes in favour (counted from the profiles)",
        no="Votes against",
        abstain="Abstentions",
    ),
    "votes": _t(
        "Each state's vote on each resolution",
        ("code", "resolution"),
        {**COUNTRY, "resolution": ("resolutions", "number")},
        code="State",
        resolution="Resolution number",
        year="Year the resolution was adopted",
        vote="yes, no, abstain or absent",
        disputed="true when another source gives another vote",
        sources="Ids of the sources cited, separated by ;",
    ),
    "meetings": _t(
        "Meetings of the Mine Ban Treaty",
        ("id",),
        {},
        id="Meeting id, e.g. 10MSP",
        name="Name",
        kind="msp, review_conference, intersessional or other",
        place="Place",
        start="First day",
        end="Last day",
    ),
    "attendance": _t(
        "Whether each state attended each meeting",
        ("code", "meeting"),
        {**COUNTRY, "meeting": ("meetings", "id")},
        code="State",
        meeting="Meeting id",
        attended="true or false",
        role="state_party or observer",
        sources="Ids of the sources cited",
    ),
    "use_events": _t(
        "Reports of antipersonnel mine use",
        ("code", "n"),
        COUNTRY,
        code="State",
        n="Number of the report in the profile",
        year="Year",
        date="Date (full or partial)",
        place="Where",
        summary="What happened",
        sources="Ids of the sources cited",
    ),
    "stockpile": _t(
        "What is known of each state's stockpile, production and transfer",
        ("code",),
        COUNTRY,
        code="State",
        status="holds, destroyed, none or unknown",
        size="Number of mines, if known",
        types="Mine types, separated by ;",
        holders="Who holds them, separated by ;",
        production="producer, past_producer, not_producer or unknown",
        transfer="exporter, past_exporter, not_known_to_export or unknown",
        sources="Ids of the sources cited",
    ),
    "sources": _t(
        "The numbered sources of each profile",
        ("code", "id"),
        COUNTRY,
        code="State",
        id="Source id within the profile",
        title="Title",
        author="Author",
        date="Date (full or partial)",
        kind="letter, interview, statement, report, media, dataset, record or other",
        url="URL",
        note="Note",
    ),
    "citations": _t(
        "Which fact of which state cites which source",
        ("code", "fact", "source"),
        COUNTRY,
        code="State",
        fact="Fact path, e.g. votes.65/48, treaty, sections.1",
        source="Source id (the sources table's id, with code)",
    ),
    "narratives": _t(
        "The narrative sections of each profile",
        ("code", "n"),
        COUNTRY,
        code="State",
        n="Number of the section",
        title="Heading",
        text="Text, with its [n] markers",
    ),
}
TREATY_COLUMNS = STATUS_FIELDS  # the treaty facts the countries table carries


def _ids(value: Any) -> str:
    return ";".join(str(i) for i in value) if isinstance(value, list) else ""


def profile_rows(profile: dict[str, Any], years: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """One profile's rows of every per-state table; ``years`` gives each resolution's year."""
    code = profile["code"]
    treaty = profile.get("treaty", {})
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    out["countries"].append(
        {
            "code": code,
            "name": profile.get("name"),
            "official_name": profile.get("official_name"),
            "updated": profile.get("updated"),
            **{k: treaty.get(k) for k in TREATY_COLUMNS},
            "un_admitted": profile.get("un_membership", {}).get("admitted"),
        }
    )
    ccw = profile.get("ccw", {})
    for instrument in CCW_INSTRUMENTS:
        if isinstance(ccw.get(instrument), dict):
            entry = ccw[instrument]
            out["ccw"].append(
                {
                    "code": code,
                    "instrument": instrument,
                    "party": entry.get("party"),
                    "since": entry.get("since"),
                }
            )
    for vote in profile.get("votes", []):
        out["votes"].append(
            {
                "code": code,
                "resolution": vote["resolution"],
                "year": years.get(vote["resolution"]),
                "vote": vote["vote"],
                "disputed": bool(readings(vote)),
                "sources": _ids(vote.get("sources")),
            }
        )
    for entry in profile.get("meetings", []):
        out["attendance"].append(
            {
                "code": code,
                "meeting": entry["meeting"],
                "attended": entry["attended"],
                "role": entry.get("as"),
                "sources": _ids(entry.get("sources")),
            }
        )
    for n, event in enumerate(profile.get("use", []), start=1):
        out["use_events"].append(
            {
                "code": code,
                "n": n,
                "year": event.get("year"),
                "date": event.get("date"),
                "place": event.get("where"),
                "summary": event.get("summary"),
                "sources": _ids(event.get("sources")),
            }
        )
    stock = profile.get("stockpile", {})
    if stock or "production" in profile or "transfer" in profile:
        out["stockpile"].append(
            {
                "code": code,
                "status": stock.get("status"),
                "size": stock.get("size"),
                "types": ";".join(stock.get("types", [])) or None,
                "holders": ";".join(stock.get("holders", [])) or None,
                "production": profile.get("production", {}).get("status"),
                "transfer": profile.get("transfer", {}).get("status"),
                "sources": _ids(stock.get("sources")),
            }
        )
    for source in profile.get("sources", []):
        out["sources"].append(
            {"code": code, **{k: source.get(k) for k in TABLES["sources"].columns if k != "code"}}
        )
    for source_id, paths in sorted(cited_by(profile).items()):
        out["citations"] += [{"code": code, "fact": path, "source": source_id} for path in paths]
    for n, section in enumerate(profile.get("sections", []), start=1):
        out["narratives"].append(
            {"code": code, "n": n, "title": section.get("title"), "text": section.get("text")}
        )
    return out


def store_rows(
    resolutions: list[dict[str, Any]], meetings: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The rows of the resolutions and meetings tables."""
    rows = []
    for r in resolutions:
        tally = r.get("tally") or {}
        rows.append(
            {
                "number": r["number"],
                "session": r.get("session"),
                "date": r.get("date"),
                "title": r.get("title"),
                **{k: tally.get(k) for k in ("yes", "no", "abstain")},
            }
        )
    keys = [k for k in TABLES["meetings"].columns]
    return {"resolutions": rows, "meetings": [{k: m.get(k) for k in keys} for m in meetings]}


def years_of(resolutions: list[dict[str, Any]]) -> dict[str, int]:
    return {r["number"]: r["date"].year for r in resolutions if hasattr(r.get("date"), "year")}
