"""States: the one-line summary of a state, and lists filtered by status, votes and CCW."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from minecli.model import TREATY_SUMMARY
from minecli.query.votes import Profile, Resolutions, latest_vote, resolution_rank, vote_on

LIST_COLUMNS = (
    "code",
    "name",
    *TREATY_SUMMARY,
    "ccw",
    "latest_resolution",
    "latest_vote",
    "region",
    "un_group",
)


def ccw_party(profile: Profile, instrument: str = "convention") -> bool | str | None:
    """Whether the state is party to the CCW (or one protocol): True, False, "unknown" or None."""
    entry = profile.get("ccw", {}).get(instrument)
    return entry.get("party") if isinstance(entry, dict) else None


def summary_row(
    profile: Profile, resolutions: Resolutions, rank: dict[str, int] | None = None
) -> dict:
    """The one-line view of a state used by `list` and the CSV form of `show`."""
    from minecli.regions import of

    treaty: dict[str, Any] = profile.get("treaty", {})
    latest = latest_vote(profile, resolutions, rank)
    where = of(profile["code"])
    return {
        "code": profile["code"],
        "name": profile["name"],
        **{k: treaty.get(k) for k in TREATY_SUMMARY},
        "ccw": ccw_party(profile),
        "latest_resolution": latest["resolution"] if latest else None,
        "latest_vote": latest["vote"] if latest else None,
        "region": where["subregion"],
        "un_group": where["un_group"],
    }


def state_rows(
    profiles: Iterable[Profile],
    resolutions: Resolutions,
    *,
    status: Sequence[str] = (),
    votes: Sequence[tuple[str, str]] = (),
    ccw: bool | None = None,
) -> list[dict]:
    """Summary rows of the states that pass every filter, by code."""
    rank = resolution_rank(resolutions)
    rows = []
    for p in profiles:
        if status and p.get("treaty", {}).get("status") not in status:
            continue
        if any((vote_on(p, res) or {}).get("vote") != v for res, v in votes):
            continue
        if ccw is not None and ccw_party(p) is not ccw:  # "unknown" passes neither filter
            continue
        rows.append(summary_row(p, resolutions, rank))
    return sorted(rows, key=lambda r: r["code"])
