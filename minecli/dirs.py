"""Where minecli's folders are, as plain text: the user's data and cache folders (as
platformdirs names them), the bundled store, and the store a run uses.

On Linux the rule is short (an absolute $XDG_DATA_HOME / $XDG_CACHE_HOME, else ~/.local/share
and ~/.cache under an absolute $HOME), so it is followed here without importing platformdirs or
pathlib, which the fast path cannot afford. Anywhere else, or when $HOME is not an absolute
path, platformdirs answers. tests/unit/test_dirs.py holds the two to the same results.
"""

from __future__ import annotations

import os
import sys

APP = "minecli"
_DEFAULTS = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache")}


def user_dir(kind: str) -> str:
    """The user's ``data`` or ``cache`` folder for minecli (not made)."""
    variable, default = _DEFAULTS[kind]
    if sys.platform.startswith("linux"):
        chosen = os.environ.get(variable, "")
        if chosen.startswith("/"):
            return os.path.join(chosen, APP)
        home = os.environ.get("HOME", "")
        if home.startswith("/"):
            return os.path.join(home.rstrip("/") or "/", default, APP)
    import platformdirs

    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return find(APP, appauthor=False)


PACKAGE = os.path.dirname(os.path.abspath(__file__))


def bundled_store() -> str:
    """The store shipped with minecli: inside the installed package, or data/store in a checkout."""
    packaged = os.path.join(PACKAGE, "_bundled")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.realpath(PACKAGE)), "data", "store")


def user_store() -> str:
    """Where ``minecli init`` puts the user's own store."""
    return os.path.join(user_dir("data"), "store")


def locate_store(option: str | None) -> tuple[str, str]:
    """The store a run uses and why: --store, then $MINECLI_STORE, then the user store if made,
    else the bundled one. Relative paths are taken from the working folder."""
    if option is not None:
        return os.path.join(os.getcwd(), os.path.expanduser(option)), "--store"
    chosen = os.environ.get("MINECLI_STORE")
    if chosen:
        return os.path.join(os.getcwd(), os.path.expanduser(chosen)), "MINECLI_STORE"
    user = user_store()
    if os.path.isdir(os.path.join(user, "countries")):
        return user, "user store"
    return bundled_store(), "bundled"
