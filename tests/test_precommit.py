"""The README's pre-commit recipe, run for real: git refuses a commit that adds an error to the
store, and the hook's output says which file, line and column are wrong."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import REPO, VENV_BIN, copy_store

README = (REPO / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def hook_recipe() -> str:
    """The README's command that writes the hook."""
    (line,) = [x for x in README.splitlines() if x.startswith("printf") and "pre-commit" in x]
    return line


def git(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("MINECLI_STORE", None)
    return subprocess.run(
        ["git", *args], cwd=store, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_hook_stops_a_broken_commit_and_says_where(tmp_path: Path) -> None:
    store = copy_store(tmp_path / "team-store")
    assert git(store, "init", "-q").returncode == 0
    subprocess.run(["sh", "-c", hook_recipe()], cwd=store, check=True)
    (store / ".git" / "hooks" / "pre-commit").chmod(0o755)
    git(store, "add", ".")
    clean = git(store, "commit", "-q", "-m", "the store")
    assert clean.returncode == 0, clean.stderr

    path = store / "countries" / "UZ.toml"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index('vote = "yes"') + 1
    lines[line - 1] = 'vote = "maybe"'
    path.write_text("\n".join(lines), encoding="utf-8")
    broken = git(store, "commit", "-q", "-am", "UZ: vote")
    assert broken.returncode != 0
    said = broken.stdout + broken.stderr
    assert f"countries/UZ.toml:{line}:1" in said
    assert "got 'maybe'" in said
    assert re.search(r"check: 6 profile\(s\), 1 error\(s\)", said)
    assert "Traceback" not in said
    log = git(store, "log", "--oneline")
    assert len(log.stdout.splitlines()) == 1  # the broken change was not committed
