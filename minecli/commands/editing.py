"""The write commands: add-source, set, unset, add-/rm-vote, add-/rm-meeting, add-/rm-use, new.

Each one names a profile, changes it inside a writer transaction (lock, fresh read, validate,
atomic write), says what it did on stderr, and with --dry-run prints the diff instead.
"""

from typing import Annotated, Any

import typer

from minecli import edits, writer
from minecli.app import App
from minecli.commands._common import (
    DryRunOption,
    active_store,
    complete_country,
    complete_resolution,
    report_changes,
    resolve_country,
)
from minecli.commands.votes import known_resolution
from minecli.countries import is_assignable, iso_table
from minecli.errors import InvalidData, MinecliError, NotFound, UsageError
from minecli.model import (
    ATTENDED_AS,
    SCHEMA_VERSION,
    SOURCE_KINDS,
    TREATY_STATUSES,
    VOTES,
    parse_date_value,
)
from minecli.render import Format, emit_message, emit_rows
from minecli.render.machine import cell
from minecli.store import Store

CountryArg = Annotated[
    str,
    typer.Argument(
        help="The state: code or name.", autocompletion=complete_country, show_default=False
    ),
]
SourceOption = Annotated[
    int | None,
    typer.Option(
        "--source", help="Id of the profile's source behind this fact.", show_default=False
    ),
]


def _edit_profile(ctx: typer.Context, country: str, change: Any, dry_run: bool) -> Any:
    """Resolve the state and run ``change(profile)`` on it in a transaction."""
    store = active_store(ctx)
    store.require_writable()
    code = resolve_country(store, country)
    result, changes = writer.apply(store, lambda tx: change(tx.profile(code)), dry_run=dry_run)
    report_changes(changes, dry_run)
    return code, result


def _check_source(profile: dict[str, Any], source: int | None) -> None:
    if source is not None and edits.find_source_id(profile, source) is None:
        raise NotFound(
            f"{profile['code']} has no source {source} (see: minecli sources {profile['code']})"
        )


def add_source(
    ctx: typer.Context,
    country: CountryArg,
    title: Annotated[
        str, typer.Option(help="Title or description of the source.", show_default=False)
    ],
    date: Annotated[
        str | None,
        typer.Option(help="Date: YYYY-MM-DD, or partial YYYY-MM / YYYY.", show_default=False),
    ] = None,
    author: Annotated[
        str | None, typer.Option(help="Person or organisation.", show_default=False)
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(SOURCE_KINDS)}.", show_default=False)
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where to find it.", show_default=False)] = None,
    note: Annotated[
        str | None, typer.Option(help="A note on the source.", show_default=False)
    ] = None,
    cites: Annotated[
        list[str] | None,
        typer.Option(
            "--cites",
            help="A fact this source supports, as a path: votes.65/48, treaty, "
            "ccw.protocol_v, meetings.10MSP, use.1, stockpile (repeatable).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a numbered source to a profile and print its new id on stdout.

    Examples: id=$(minecli add-source UZ --title "Letter to the Monitor" --date 2001-07-31
    --kind letter --cites production); minecli add-source UZ --title "Interview" --date 2004-05
    """
    if kind is not None and kind not in SOURCE_KINDS:
        raise InvalidData(f"--kind must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
    when = None
    if date is not None:
        try:
            when = parse_date_value(date)
        except ValueError:
            raise InvalidData(
                f"--date {date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
            ) from None
    fields = {
        "title": title,
        "author": author,
        "date": when,
        "kind": kind,
        "url": url,
        "note": note,
    }

    def change(profile: dict[str, Any]) -> int:
        facts = [edits.fact_at(profile, path) for path in cites or []]
        new_id = edits.add_source(profile, fields)
        for fact in facts:
            edits.cite(fact, new_id)
        return new_id

    code, new_id = _edit_profile(ctx, country, change, dry_run)
    emit_message(
        f"{'Would add' if dry_run else 'Added'} source [{new_id}] to {code}"
        + (f", cited by {', '.join(cites)}" if cites else "")
    )
    if not dry_run:
        emit_rows([{"id": new_id}], Format.ids, columns=("id",), id_key="id")


def set_field(
    ctx: typer.Context,
    country: CountryArg,
    path: Annotated[
        str,
        typer.Argument(
            help="The field: treaty.status, treaty.signed, "
            "ccw.protocol_v, votes.65/48, stockpile.size, name...",
            show_default=False,
        ),
    ],
    value: Annotated[
        str, typer.Argument(help="The new value, checked against the schema.", show_default=False)
    ],
    dry_run: DryRunOption = False,
) -> None:
    """Set one field of a profile, typed and validated by the schema.

    Examples: minecli set UZ treaty.status signatory; minecli set UZ treaty.signed 1997-12-03;
    minecli set UZ ccw.protocol_v true; minecli set UZ votes.65/48 abstain
    """

    def change(profile: dict[str, Any]) -> Any:
        table, key, check = edits.scalar_target(profile, path)
        table[key] = edits.typed_value(value, check, path)
        return table[key]

    code, new = _edit_profile(ctx, country, change, dry_run)
    emit_message(f"{'Would set' if dry_run else 'Set'} {code} {path} = {cell(new)}")


def unset_field(
    ctx: typer.Context,
    country: CountryArg,
    path: Annotated[
        str, typer.Argument(help="The field to remove, e.g. treaty.signed.", show_default=False)
    ],
    dry_run: DryRunOption = False,
) -> None:
    """Remove one optional field of a profile (a required one cannot be removed).

    Example: minecli unset UZ stockpile.size
    """

    def change(profile: dict[str, Any]) -> None:
        table, key, _ = edits.scalar_target(profile, path)
        if key not in table:
            raise NotFound(f"{profile['code']} has no {path} to remove")
        del table[key]

    code, _ = _edit_profile(ctx, country, change, dry_run)
    emit_message(f"{'Would remove' if dry_run else 'Removed'} {code} {path}")


def add_vote(
    ctx: typer.Context,
    country: CountryArg,
    resolution: Annotated[
        str,
        typer.Argument(
            help="Resolution number, e.g. 80/45.",
            autocompletion=complete_resolution,
            show_default=False,
        ),
    ],
    vote: Annotated[str, typer.Argument(help="yes, no, abstain or absent.", show_default=False)],
    source: SourceOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record a state's vote on a resolution the store knows.

    Example: minecli add-vote UZ 65/48 abstain --source 3
    """
    if vote not in VOTES:
        raise InvalidData(f"vote must be one of {', '.join(VOTES)}, not {vote!r}")
    number = known_resolution(active_store(ctx), resolution)

    def change(profile: dict[str, Any]) -> None:
        held = next((v for v in profile.get("votes", []) if v.get("resolution") == number), None)
        if held is not None:
            raise MinecliError(
                f"{profile['code']} already has a vote on {number} ({held['vote']}); "
                f"change it with: minecli set {profile['code']} votes.{number} {vote}"
            )
        _check_source(profile, source)
        edits.set_vote(profile, number, vote, source)
        edits.order_votes(profile, list(active_store(ctx).resolutions()))

    code, _ = _edit_profile(ctx, country, change, dry_run)
    emit_message(f"{'Would record' if dry_run else 'Recorded'} {code} {vote} on {number}")


def rm_vote(
    ctx: typer.Context,
    country: CountryArg,
    resolution: Annotated[
        str,
        typer.Argument(
            help="Resolution number.", show_default=False, autocompletion=complete_resolution
        ),
    ],
    dry_run: DryRunOption = False,
) -> None:
    """Remove a state's vote on a resolution.

    Example: minecli rm-vote UZ 65/48
    """
    _remove(ctx, country, "votes", resolution, dry_run)


def add_meeting(
    ctx: typer.Context,
    country: CountryArg,
    meeting: Annotated[
        str, typer.Argument(help="Meeting id from meetings.toml, e.g. 22MSP.", show_default=False)
    ],
    attended: Annotated[
        bool, typer.Option("--attended/--not-attended", help="Whether the state attended.")
    ] = True,
    as_: Annotated[
        str | None,
        typer.Option("--as", help=f"In what role: {', '.join(ATTENDED_AS)}.", show_default=False),
    ] = None,
    source: SourceOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record whether a state attended a treaty meeting, and in what role.

    Examples: minecli add-meeting UZ 22MSP --attended --as observer;
    minecli add-meeting UZ 11MSP --not-attended --source 3
    """
    store = active_store(ctx)
    if meeting not in store.meetings():
        raise NotFound(
            f"unknown meeting {meeting!r}; the ids are in meetings.toml (e.g. 10MSP, 2RC)"
        )
    if as_ is not None and as_ not in ATTENDED_AS:
        raise InvalidData(f"--as must be one of {', '.join(ATTENDED_AS)}, not {as_!r}")
    if as_ is not None and not attended:
        raise UsageError("--as describes attendance; it cannot go with --not-attended")

    def change(profile: dict[str, Any]) -> None:
        if any(m.get("meeting") == meeting for m in profile.get("meetings", [])):
            raise MinecliError(
                f"{profile['code']} already has an entry for {meeting}; "
                f"remove it first with: minecli rm-meeting {profile['code']} {meeting}"
            )
        _check_source(profile, source)
        entry: dict[str, Any] = {"meeting": meeting, "attended": attended}
        if as_:
            entry["as"] = as_
        if source is not None:
            entry["sources"] = [source]
        profile.setdefault("meetings", []).append(entry)
        rank = {m: i for i, m in enumerate(store.meetings())}
        profile["meetings"].sort(key=lambda m: rank.get(m.get("meeting"), len(rank)))

    code, _ = _edit_profile(ctx, country, change, dry_run)
    emit_message(
        f"{'Would record' if dry_run else 'Recorded'} {code} "
        f"{'attended' if attended else 'did not attend'} {meeting}"
    )


def rm_meeting(
    ctx: typer.Context,
    country: CountryArg,
    meeting: Annotated[str, typer.Argument(help="Meeting id.", show_default=False)],
    dry_run: DryRunOption = False,
) -> None:
    """Remove a state's entry for a meeting.

    Example: minecli rm-meeting UZ 10MSP
    """
    _remove(ctx, country, "meetings", meeting, dry_run)


def add_use(
    ctx: typer.Context,
    country: CountryArg,
    where: Annotated[str, typer.Option(help="Where mines were used.", show_default=False)],
    year: Annotated[int | None, typer.Option(help="The year of use.", show_default=False)] = None,
    date: Annotated[
        str | None, typer.Option(help="The date of use, full or partial.", show_default=False)
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="What was reported.", show_default=False)
    ] = None,
    source: SourceOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record a report of antipersonnel mine use; prints the new entry's number.

    Example: minecli add-use UZ --year 2000 --where "Border with Tajikistan" --source 3
    """
    if (year is None) == (date is None):
        raise UsageError("give either --year or --date")
    entry: dict[str, Any] = {"year": year} if year is not None else {}
    if date is not None:
        try:
            entry["date"] = parse_date_value(date)
        except ValueError:
            raise InvalidData(
                f"--date {date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
            ) from None
    entry["where"] = where
    if summary:
        entry["summary"] = summary

    def change(profile: dict[str, Any]) -> int:
        _check_source(profile, source)
        if source is not None:
            entry["sources"] = [source]
        profile.setdefault("use", []).append(entry)
        return len(profile["use"])

    code, number = _edit_profile(ctx, country, change, dry_run)
    emit_message(f"{'Would add' if dry_run else 'Added'} use.{number} to {code}")
    if not dry_run:
        emit_rows([{"path": f"use.{number}"}], Format.ids, columns=("path",), id_key="path")


def rm_use(
    ctx: typer.Context,
    country: CountryArg,
    number: Annotated[
        int, typer.Argument(help="The use entry's number (see: minecli show).", show_default=False)
    ],
    dry_run: DryRunOption = False,
) -> None:
    """Remove a report of use by its number.

    Example: minecli rm-use UZ 3
    """
    _remove(ctx, country, "use", str(number), dry_run)


def _remove(ctx: typer.Context, country: str, part: str, label: str, dry_run: bool) -> None:
    def change(profile: dict[str, Any]) -> None:
        target = edits.fact_at(profile, f"{part}.{label}")
        profile[part] = [e for e in profile[part] if e is not target]
        if not profile[part]:
            del profile[part]

    code, _ = _edit_profile(ctx, country, change, dry_run)
    emit_message(f"{'Would remove' if dry_run else 'Removed'} {code} {part}.{label}")


def new(
    ctx: typer.Context,
    code: Annotated[
        str,
        typer.Argument(
            help="ISO 3166-1 alpha-2 code (or a user-assigned X* code such as XK).",
            show_default=False,
        ),
    ],
    name: Annotated[str, typer.Option(help="The state's short name.", show_default=False)],
    official_name: Annotated[
        str | None, typer.Option(help="Formal name.", show_default=False)
    ] = None,
    status: Annotated[
        str, typer.Option(help=f"Treaty status: {', '.join(TREATY_STATUSES)}.")
    ] = "not_party",
    dry_run: DryRunOption = False,
) -> None:
    """Create a profile for a state the store does not have yet.

    Example: minecli new XK --name Kosovo
    """
    store: Store = active_store(ctx)
    upper = code.strip().upper()
    if not is_assignable(upper):
        raise NotFound(
            f"{code!r} is not an ISO 3166-1 alpha-2 code (user-assigned X* codes are allowed)"
        )
    if status not in TREATY_STATUSES:
        raise InvalidData(f"--status must be one of {', '.join(TREATY_STATUSES)}, not {status!r}")
    store.require_writable()
    iso = iso_table().get(upper)
    profile: dict[str, Any] = {"schema": SCHEMA_VERSION, "code": upper, "name": name}
    if official_name or (iso and iso.official_name):
        profile["official_name"] = official_name or iso.official_name  # type: ignore[union-attr]
    profile["treaty"] = {"status": status}
    _, changes = writer.apply(store, lambda tx: tx.new_profile(upper, profile), dry_run=dry_run)
    report_changes(changes, dry_run)
    emit_message(f"{'Would create' if dry_run else 'Created'} countries/{upper}.toml ({name})")


app = App()
app.command("add-source")(add_source)
app.command("set")(set_field)
app.command("unset")(unset_field)
app.command("add-vote")(add_vote)
app.command("rm-vote")(rm_vote)
app.command("add-meeting")(add_meeting)
app.command("rm-meeting")(rm_meeting)
app.command("add-use")(add_use)
app.command("rm-use")(rm_use)
app.command("new")(new)
