"""Regions: the UN M49 regions, sub-regions and intermediate regions, and the UN regional groups,
of each state (minecli/regions.csv, the columns of data/raw/regions.csv that minecli uses; see
data/raw/README.md for where they come from and their doubts).

A region is named as the UN names it ("Western Asia", "Sub-Saharan Africa", "Western European
and Others Group (WEOG)"), in any case, or by a group's abbreviation ("WEOG", "GRULAC"); the
name "Asia" is the M49 region, the group is "Asia-Pacific Group".
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from minecli.errors import UsageError

LEVELS = ("m49_region", "m49_subregion", "m49_intermediate_region", "un_regional_group")


@cache
def table() -> dict[str, dict[str, str]]:
    """Each state's regions by code."""
    with Path(__file__).with_name("regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["iso2"]: row for row in csv.DictReader(handle)}


def _keys(name: str) -> set[str]:
    """What a region may be typed as: its name, and an abbreviation in brackets on its own."""
    keys = {name.casefold()}
    if m := re.search(r"\(([A-Z]+)\)$", name):
        keys |= {m.group(1).casefold(), name[: m.start()].strip().casefold()}
    return keys


@cache
def names() -> dict[str, tuple[str, str]]:
    """Every region a reader may name, by the forms it may be typed in: (level, name)."""
    out: dict[str, tuple[str, str]] = {}
    for level in LEVELS:
        for row in table().values():
            if row[level]:
                for key in _keys(row[level]):
                    out.setdefault(key, (level, row[level]))
    return out


def region_names() -> list[str]:
    """The regions' names as the UN writes them, for completion and help."""
    return sorted({name for _, name in names().values()})


def members(name: str) -> set[str]:
    """The codes of the states in a region (UsageError for a name that is none)."""
    found = names().get(" ".join(name.split()).casefold())
    if found is None:
        close = [n for n in region_names() if name.casefold() in n.casefold()][:3]
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no region {name!r}{hint}")
    level, full = found
    return {code for code, row in table().items() if row[level] == full}


def of(code: str) -> dict[str, str | None]:
    """A state's region, sub-region and UN regional group (None where it has none)."""
    row = table().get(code, {})
    finest = row.get("m49_intermediate_region") or row.get("m49_subregion")
    return {
        "region": row.get("m49_region") or None,
        "subregion": finest or None,
        "un_group": row.get("un_regional_group") or None,
    }
