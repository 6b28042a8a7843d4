"""The shape of the code: the core imports neither Typer nor Rich, command modules stay thin, no
module grows past a sitting's read, and the tree follows one formatter and lint policy."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "minecli"
# Everything but the command line (cli, app, commands/) and the drawing layer (render/).
CORE = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if p.relative_to(PACKAGE).parts[0]
    not in ("commands", "render", "cli.py", "app.py", "__main__.py")
)
FORBIDDEN = ("typer", "rich", "click")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_core_is_the_modules_it_should_be() -> None:
    names = {module_name(p) for p in CORE}
    expected = {
        "minecli.model",
        "minecli.store",
        "minecli.cache",
        "minecli.files",
        "minecli.paths",
        "minecli.writer",
        "minecli.checks",
        "minecli.query.votes",
        "minecli.edits.entries",
        "minecli.importers",
        "minecli.exporters",
    }
    assert expected <= names


@pytest.mark.parametrize("path", CORE, ids=[module_name(p) for p in CORE])
def test_core_module_imports_neither_typer_nor_rich(path: Path) -> None:
    bad = {name for name in imported(path) if name.split(".")[0] in FORBIDDEN}
    assert bad == set(), f"{module_name(path)} imports {sorted(bad)}"


def test_importing_the_whole_core_loads_no_cli_or_drawing_library() -> None:
    """The same, at run time: import every core module in a fresh interpreter."""
    names = [module_name(p) for p in CORE]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_render_layer_does_not_read_the_store() -> None:
    for path in (PACKAGE / "render").rglob("*.py"):
        bad = {
            n for n in imported(path) if n in ("minecli.store", "minecli.writer", "minecli.cache")
        }
        assert bad == set(), f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "commands").glob("*.py")), ids=lambda p: p.name)
def test_command_modules_are_thin(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 160


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_is_over_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_every_registered_command_is_a_function_of_its_module() -> None:
    import importlib

    from minecli.cli import COMMANDS

    for name, (module, function) in COMMANDS.items():
        assert callable(getattr(importlib.import_module(f"minecli.commands.{module}"), function)), (
            name
        )


RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


@pytest.mark.skipif(RUFF is None, reason="ruff is installed by the test extras")
def test_the_tree_is_formatted_and_lint_clean() -> None:
    targets = [
        str(ROOT / d) for d in ("minecli", "tests", "benchmarks", "tools") if (ROOT / d).is_dir()
    ]
    formatted = subprocess.run(
        [RUFF, "format", "--check", *targets], capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    linted = subprocess.run([RUFF, "check", *targets], capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_no_formatter_exemptions() -> None:
    marker = "fmt: " + "skip"
    offenders = [
        str(p.relative_to(ROOT))
        for d in ("minecli", "tests", "benchmarks", "tools")
        for p in (ROOT / d).rglob("*.py")
        if marker in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_benchmark_scripts_run_on_todays_code(tmp_path: Path) -> None:
    """benchmarks/ is outside the package; this keeps it from falling behind a reshaping."""
    script = (
        "import sys; sys.path.insert(0, '.')\n"
        "import benchmarks.run\n"
        "from benchmarks.make_store import make\n"
        f"out = make(__import__('pathlib').Path({str(tmp_path / 's')!r}), 'bundled')\n"
        "print(len(list((out / 'countries').glob('*.toml'))))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "197"


@pytest.mark.parametrize("scale", ["archive", "archive5"])
def test_generated_stores_pass_check(tmp_path: Path, scale: str) -> None:
    """make_store.py's stores are valid: check finds no error (a vote before UN admission,
    a tally that is not the count, a citation of a missing source)."""
    script = (
        "import sys; sys.path.insert(0, '.')\n"
        "from benchmarks.make_store import make\n"
        f"make(__import__('pathlib').Path({str(tmp_path / 's')!r}), {scale!r}, ('CH', 'UZ', 'SS'))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    check = subprocess.run(
        [sys.executable, "-m", "minecli", "--store", str(tmp_path / "s"), "check", "-f", "csv"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert not [line for line in check.stdout.splitlines() if line.startswith("error,")]
