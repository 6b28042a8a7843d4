"""store and init: which store is in use, and making your own copy of the bundled one."""

import typer

from minecli.app import format_option
from minecli.commands._common import DryRunOption, active_store
from minecli.commands._rows import shapes
from minecli.files import COUNTRIES
from minecli.query.rows import Shape
from minecli.render import ROWS_AND_IDS, TABLE, emit_ids, emit_message, emit_records, emit_rows

STORE_COLUMNS = ("path", "origin", "writable", "profiles")


@shapes(STORE_COLUMNS)
def store(ctx: typer.Context, fmt: format_option(ROWS_AND_IDS) = TABLE, *, shape: Shape) -> None:
    """Print the active store, why it was chosen and whether minecli may write to it.

    The store is, first match wins: --store PATH, $MINECLI_STORE, your user store (made by
    `minecli init`), else the bundled read-only store. --format json is one object.

    Example:
      minecli store --format json
    """
    active = active_store(ctx)
    folder = active.root / COUNTRIES
    count = len(list(folder.glob("*.toml"))) if folder.is_dir() else 0
    row = {
        "path": str(active.root),
        "origin": active.origin,
        "writable": active.writable,
        "profiles": count,
    }
    if fmt in ("json", "jsonl"):
        emit_records([row], fmt, single=True, shape=shape)
        return
    emit_rows([row], fmt, columns=STORE_COLUMNS, id_key="path", title="Active store", shape=shape)


def init(ctx: typer.Context, dry_run: DryRunOption = False) -> None:
    """Create your own store as a copy of the bundled data; never overwrites anything.

    The copy goes to --store PATH or $MINECLI_STORE if given, else to your user data folder,
    where minecli then finds it by itself. Prints the new store's path.

    Examples:
      minecli init
      minecli --store ./monitor-store init
      minecli init --dry-run
    """
    from minecli.store import bundled_root, user_root
    from minecli.writer import create_store

    active = active_store(ctx)
    target = active.root if active.writable else user_root()
    if dry_run:
        count = len(list((bundled_root() / COUNTRIES).glob("*.toml")))
        taken = target.exists() and any(target.iterdir())
        state = "exists already; init would refuse" if taken else "is free"
        emit_message(f"Dry run: would create a store with {count} profiles at {target} ({state})")
        return
    count = create_store(target)
    emit_message(f"Created a store with {count} profiles at {target}")
    emit_ids([str(target)])
