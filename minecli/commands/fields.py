"""set, unset and new: one field of a profile, and a profile for a new state."""

from typing import Annotated

import typer

from minecli.app import choice
from minecli.commands._citing import UpdatedOption, cites
from minecli.commands._common import CountryArg, DryRunOption, active_store, did, write_profile
from minecli.commands._complete import complete_field, complete_value
from minecli.edits import entries, facts
from minecli.edits.provenance import Citing, updated_date
from minecli.errors import NotFound
from minecli.files import profile_label
from minecli.model import TREATY_STATUSES
from minecli.render import emit_changes, emit_message
from minecli.render.machine import cell

PathArg = Annotated[
    str,
    typer.Argument(
        help="The field: treaty.status, treaty.signed, ccw.protocol_v, votes.65/48, stockpile.size, name...",
        autocompletion=complete_field,
        show_default=False,
    ),
]


@cites()
def set_field(
    ctx: typer.Context,
    country: CountryArg,
    path: PathArg,
    value: Annotated[
        str,
        typer.Argument(
            help="The new value, checked against the schema.",
            autocompletion=complete_value,
            show_default=False,
        ),
    ],
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
    *,
    cited: Citing,
) -> None:
    """Set one field of a profile, typed and validated by the schema.

    When the value of a fact changes, the sources it cited are dropped (they backed the old
    value) unless --keep-sources; --source <ID> and --cite-new <TITLE> say what backs the new one.

    Examples:
      minecli set UZ treaty.status signatory --source 3
      minecli set UZ treaty.signed 1997-12-03
      minecli set UZ ccw.protocol_v true --cite-new "CCW status" --date 2026-11
      minecli set UZ votes.65/48 abstain
    """
    code, new = write_profile(
        ctx,
        country,
        lambda p: facts.set_field(p, path, value),
        dry_run,
        cited,
        lambda _: _fact(path),
        updated,
    )
    emit_message(f"{did(dry_run, 'Set', 'Would set')} {code} {path} = {cell(new)}")


def _fact(path: str) -> list[str]:
    from minecli.paths import fact_of_field

    fact = fact_of_field(path)
    return [fact] if fact else []


@cites()
def unset_field(
    ctx: typer.Context,
    country: CountryArg,
    path: PathArg,
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
    *,
    cited: Citing,
) -> None:
    """Remove one optional field of a profile (a required one cannot be removed). The fact
    changes, so its citations are dropped unless --keep-sources, as for set.

    Example:
      minecli unset UZ stockpile.size --source 12
    """
    code, _ = write_profile(
        ctx,
        country,
        lambda p: facts.unset_field(p, path),
        dry_run,
        cited,
        lambda _: _fact(path),
        updated,
    )
    emit_message(f"{did(dry_run, 'Removed', 'Would remove')} {code} {path}")


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
    status: Annotated[choice(TREATY_STATUSES), typer.Option(help="Treaty status.")] = "not_party",
    updated: UpdatedOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Create a profile for a state the store does not have yet.

    Example:
      minecli new XK --name Kosovo
    """
    from minecli import writer
    from minecli.countries import is_assignable, iso_table

    store = active_store(ctx)
    upper = code.strip().upper()
    if not is_assignable(upper):
        raise NotFound(
            f"{code!r} is not an ISO 3166-1 alpha-2 code (user-assigned X* codes are allowed)"
        )
    store.require_writable()
    iso = iso_table().get(upper)
    formal = official_name or (iso.official_name if iso else None)
    profile = entries.new_profile(upper, name, official_name=formal, status=status)
    when = updated_date(updated)
    _, changes = writer.apply(
        store, lambda tx: tx.new_profile(upper, profile), dry_run=dry_run, updated=when
    )
    emit_changes(changes, dry_run)
    emit_message(f"{did(dry_run, 'Created', 'Would create')} {profile_label(upper)} ({name})")
