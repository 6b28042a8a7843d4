"""votes: a resolution's roll call, or states' voting records across the resolutions."""

import difflib
from typing import Annotated, Any

import typer

from minecli import query
from minecli.app import App
from minecli.commands._common import (
    FormatOption,
    active_store,
    complete_country,
    complete_resolution,
    country_args,
    read_profiles,
)
from minecli.errors import NotFound, UsageError
from minecli.model import VOTES, resolution_number
from minecli.render import Format, emit_message, emit_rows
from minecli.store import Store


def known_resolution(store: Store, text: str) -> str:
    """A resolution the store knows, from ``65/48``, ``A/RES/65/48`` or ``51/45 s``."""
    number = resolution_number(text) or text.strip()
    known = store.resolutions()
    if number in known:
        return number
    close = difflib.get_close_matches(number, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise NotFound(f"unknown resolution {text!r}{hint} (see: minecli resolutions)")


def vote_choice(text: str | None) -> str | None:
    if text is None:
        return None
    if text not in VOTES:
        raise UsageError(f"--vote must be one of {', '.join(VOTES)}, not {text!r}")
    return text


def _tally_caption(counts: dict[str, int], res: dict[str, Any]) -> str:
    parts = [", ".join(f"{counts[v]} {v}" for v in VOTES) + " (counted in this store)"]
    if res.get("tally"):
        t = res["tally"]
        parts.append(f"roll call: {t['yes']}-{t['no']}-{t['abstain']}")
    if res.get("announced"):
        t = res["announced"]
        parts.append(f"announced by the UN: {t['yes']}-{t['no']}-{t['abstain']}")
    return "; ".join(parts)


def votes(
    ctx: typer.Context,
    countries: Annotated[
        list[str] | None,
        typer.Argument(
            help="States whose voting record to show (codes or names; - reads stdin). With "
            "--resolution, limits the roll call to these states.",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            "-r",
            help="A resolution number such as 65/48: show its roll call.",
            autocompletion=complete_resolution,
            show_default=False,
        ),
    ] = None,
    vote: Annotated[
        str | None,
        typer.Option(
            "--vote", help="Keep only this vote: yes, no, abstain or absent.", show_default=False
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """UN General Assembly votes on the resolutions supporting the Mine Ban Treaty.

    With --resolution, the roll call: every state's vote and the tally. With states, each
    state's voting record across all resolutions, oldest first.

    Examples: minecli votes --resolution 65/48; minecli votes -r 65/48 --vote abstain --format ids;
    minecli votes UZ
    """
    store = active_store(ctx)
    wanted = vote_choice(vote)
    if resolution is None and not countries:
        raise UsageError("name a resolution (--resolution 65/48) or at least one state")
    codes = list(country_args(store, countries)) if countries else None
    if resolution is not None:
        number = known_resolution(store, resolution)
        res = store.resolutions()[number]
        profiles = read_profiles(store, codes, digest=True)
        rows = query.roll_call(number, profiles, wanted)
        if not res.get("recorded", True):
            note = f" {res['note']}" if res.get("note") else ""
            emit_message(
                f"{number}: its roll call is not recorded in this store; only votes known "
                f"from other sources are listed.{note}"
            )
        counts = query.count_votes(profiles, number)
        title = f"Resolution {number} ({res.get('date') or res.get('session')}): roll call"
        emit_rows(
            rows,
            fmt,
            columns=query.ROLL_CALL_COLUMNS,
            id_key="code",
            title=title,
            caption=_tally_caption(counts, res),
        )
        return
    rows = []
    for code in codes or []:
        profile = store.read_profile(code)
        record = query.voting_record(profile, store.resolutions())
        rows.extend(r for r in record if wanted is None or r["vote"] == wanted)
    title = "Voting record: " + ", ".join(codes or [])
    emit_rows(rows, fmt, columns=query.RECORD_COLUMNS, id_key="resolution", title=title)


app = App()
app.command()(votes)
