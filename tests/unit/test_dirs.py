"""minecli.dirs names the folders platformdirs names, without importing it on Linux."""

from __future__ import annotations

import subprocess
import sys

import platformdirs
import pytest

from minecli import dirs

CASES = [
    {"XDG_DATA_HOME": "/x/data", "XDG_CACHE_HOME": "/x/cache", "HOME": "/home/ana"},
    {"XDG_DATA_HOME": "", "XDG_CACHE_HOME": "", "HOME": "/home/ana"},
    {"XDG_DATA_HOME": "relative/data", "XDG_CACHE_HOME": "rel", "HOME": "/home/ana/"},
    {"XDG_DATA_HOME": None, "XDG_CACHE_HOME": None, "HOME": "/"},
    {"XDG_DATA_HOME": "/with space/ü", "XDG_CACHE_HOME": None, "HOME": "/root"},
    {"XDG_DATA_HOME": None, "XDG_CACHE_HOME": None, "HOME": "not/absolute"},
]


@pytest.mark.parametrize("env", CASES)
def test_same_folders_as_platformdirs(env: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert dirs.user_dir("data") == platformdirs.user_data_dir("minecli", appauthor=False)
    assert dirs.user_dir("cache") == platformdirs.user_cache_dir("minecli", appauthor=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux rule only")
def test_no_platformdirs_import_on_linux() -> None:
    code = "import sys, minecli.dirs as d; d.user_dir('data'); d.user_dir('cache'); "
    code += "print('platformdirs' in sys.modules, 'pathlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
