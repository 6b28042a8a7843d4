"""The user's data and cache folders for minecli, as platformdirs names them, as plain text.

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
