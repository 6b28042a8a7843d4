"""States side by side (`compare`): one row per fact, one column per state, each value with the
markers of its sources, and whether the states differ on it."""

from __future__ import annotations

import re
from typing import Any

from minecli.model import CCW_INSTRUMENTS, resolution_order
from minecli.query.votes import vote_on
from minecli.render.machine import cell

TREATY_FIELDS = (
    ("status", "Treaty status"),
    ("signed", "Signed"),
    ("consent", "Consent"),
    ("entry_into_force", "Entry into force"),
    ("withdrawal_effective", "Withdrawal effective"),
)
CCW_LABELS = {
    "convention": "CCW",
    "protocol_ii": "CCW Protocol II",
    "amended_protocol_ii": "CCW Amended Protocol II",
    "protocol_v": "CCW Protocol V",
}


def _marks(fact: Any) -> str:
    ids = fact.get("sources") if isinstance(fact, dict) else None
    return "".join(f"[{i}]" for i in ids) if isinstance(ids, list) and ids else ""


def _with(value: Any, fact: Any) -> str:
    text = cell(value)
    marks = _marks(fact)
    return f"{text} {marks}".strip() if text else ""


def grid(profiles: list[dict[str, Any]], resolutions: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the comparison: field, a value per state code, and ``differs``."""
    rows: list[dict[str, Any]] = []

    def add(field: str, values: dict[str, str]) -> None:
        plain = {re.sub(r"(?:\s*\[\d+\])+$", "", v) for v in values.values()}  # sources aside
        rows.append({"field": field, **values, "differs": len(plain) > 1})

    add("Name", {p["code"]: p.get("name", "") for p in profiles})
    for key, label in TREATY_FIELDS:
        values = {p["code"]: _with(p.get("treaty", {}).get(key), p.get("treaty")) for p in profiles}
        if any(values.values()):
            add(label, values)
    for instrument in CCW_INSTRUMENTS:
        values = {}
        for p in profiles:
            fact = p.get("ccw", {}).get(instrument)
            values[p["code"]] = _with(fact.get("party"), fact) if isinstance(fact, dict) else ""
        if any(values.values()):
            add(CCW_LABELS[instrument], values)
    for number in resolution_order(resolutions):
        values = {}
        for p in profiles:
            entry = vote_on(p, number)
            values[p["code"]] = _with(entry["vote"], entry) if entry else ""
        if any(values.values()):
            year = getattr(resolutions[number].get("date"), "year", "")
            add(f"Vote {year} {number}".replace("  ", " "), values)
    add(
        "Meetings attended",
        {
            p["code"]: str(sum(1 for m in p.get("meetings", []) if m.get("attended")))
            for p in profiles
        },
    )
    for part, label in (
        ("stockpile", "Stockpile"),
        ("production", "Production"),
        ("transfer", "Transfer"),
    ):
        values = {p["code"]: _with(p.get(part, {}).get("status"), p.get(part)) for p in profiles}
        if any(values.values()):
            add(label, values)
    values = {
        p["code"]: "; ".join(
            f"{u.get('year') or u.get('date') or '?'} {u.get('where', '')}".strip()
            for u in p.get("use", [])
        )
        for p in profiles
    }
    if any(values.values()):
        add("Use", values)
    return rows
