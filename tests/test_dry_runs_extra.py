"""--dry-run on the two write commands that are not transactions: init and edit."""

import json
import os
import stat
import sys
from pathlib import Path

from .helpers import run


def test_init_dry_run_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "team-store"
    result = run("--store", str(target), "init", "--dry-run")
    assert result.code == 0 and result.out == ""
    assert "would create a store with 197 profiles" in result.err
    assert not target.exists()


def test_init_dry_run_says_it_would_refuse(tmp_path: Path) -> None:
    target = tmp_path / "team-store"
    assert run("--store", str(target), "init").code == 0
    result = run("--store", str(target), "init", "-n")
    assert result.code == 0 and "would refuse" in result.err


def _editor(tmp_path: Path, new_name: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text(encoding='utf-8')\n"
        f"p.write_text(t.replace('name = \"Kazakhstan\"', 'name = {json.dumps(new_name)}', 1),"
        " encoding='utf-8')\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{sys.executable} {script}"


def test_edit_dry_run_prints_the_diff_and_saves_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("--store", str(store), "init").code == 0
    path = store / "countries" / "KZ.toml"
    before = path.read_bytes()
    env = {"EDITOR": _editor(tmp_path, "Qazaqstan"), "VISUAL": None}
    result = run("--store", str(store), "edit", "KZ", "--dry-run", env=env)
    assert result.code == 0, result
    assert '-name = "Kazakhstan"' in result.out and '+name = "Qazaqstan"' in result.out
    assert path.read_bytes() == before
    draft = result.err.rsplit("your text is in ", 1)[1].strip()
    assert 'name = "Qazaqstan"' in Path(draft).read_text(encoding="utf-8")
    os.unlink(draft)
    saved = run("--store", str(store), "edit", "KZ", env=env)
    assert saved.code == 0 and 'name = "Qazaqstan"' in path.read_text(encoding="utf-8")
