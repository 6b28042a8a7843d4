"""The bundled store ships inside the installed package (pyproject's force-include of data/store
as minecli/_bundled), so a non-editable install finds it next to its code.

One wheel is built per session (pip wheel --no-build-isolation: hatchling must be importable
here; the test is skipped with the reason if it is not) and installed with pip into a target
folder. minecli is then run from that folder alone (PYTHONPATH=T), from another working
directory, with HOME, the XDG folders and the cache private and MINECLI_STORE unset.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .helpers import REPO, proc_env

PROFILES = 197


@pytest.fixture(scope="session")
def wheel_install(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the target folder it is installed into), built once per session."""
    env = proc_env({"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"})
    probe = subprocess.run(
        [sys.executable, "-c", "import hatchling.build, hatchling.builders.wheel"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if importlib.util.find_spec("hatchling") is None or probe.returncode != 0:
        pytest.skip(
            "hatchling, the build backend, is not importable in this environment, so the "
            "wheel cannot be built without build isolation (installing it is not this "
            "test's job; `pip install -e '.[test]'` does not bring it)"
        )
    root = tmp_path_factory.mktemp("install")
    dist, target = root / "dist", root / "target"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    wheels = sorted(dist.glob("minecli-*.whl"))
    assert len(wheels) == 1, wheels
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheels[0]),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return wheels[0], target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """python ARGS with only the installed copy of minecli importable, from ``cwd``."""
    home = cwd / "home"
    env = proc_env(
        {
            "PYTHONPATH": str(target),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "MINECLI_CACHE_DIR": str(home / "minecli-cache"),
            "MINECLI_STORE": None,
            "MINECLI_NO_CACHE": None,
            "PYTHONSAFEPATH": "1",  # not even the working directory ahead of the target
        }
    )
    return subprocess.run(
        [sys.executable, *args],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working directory that is neither the checkout nor the target."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_wheel_holds_the_bundled_store(wheel_install: tuple[Path, Path]) -> None:
    wheel, _ = wheel_install
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for name in (
        "minecli/_bundled/countries/UZ.toml",
        "minecli/_bundled/resolutions.toml",
        "minecli/_bundled/meetings.toml",
        "minecli/iso3166.csv",
        "minecli/__main__.py",
    ):
        assert name in names, f"{name} is not in {wheel.name}"
    profiles = [
        n for n in names if n.startswith("minecli/_bundled/countries/") and n.endswith(".toml")
    ]
    assert len(profiles) == PROFILES
    assert not any(n.startswith(("data/", "tests/")) for n in names)


def test_installed_minecli_is_imported_from_the_target(
    wheel_install: tuple[Path, Path], elsewhere: Path
) -> None:
    _, target = wheel_install
    probe = run_installed(
        target,
        elsewhere,
        "-c",
        "import minecli, minecli.store as s; print(minecli.__file__); print(s.bundled_root())",
    )
    assert probe.returncode == 0, probe.stderr
    module, bundled = probe.stdout.splitlines()
    assert Path(module).resolve().is_relative_to(target.resolve()), module
    assert not Path(module).resolve().is_relative_to(REPO.resolve()), module
    assert Path(bundled).resolve() == (target / "minecli" / "_bundled").resolve()


def test_installed_show_uz(wheel_install: tuple[Path, Path], elsewhere: Path) -> None:
    _, target = wheel_install
    result = run_installed(target, elsewhere, "-m", "minecli", "show", "UZ")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Uzbekistan" in result.stdout
    shown = run_installed(
        target, elsewhere, "-m", "minecli", "show", "uzbekistan", "--format", "json"
    )
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert (doc["code"], doc["name"]) == ("UZ", "Uzbekistan")


def test_installed_store_is_the_bundled_one(
    wheel_install: tuple[Path, Path], elsewhere: Path
) -> None:
    _, target = wheel_install
    result = run_installed(target, elsewhere, "-m", "minecli", "store", "--format", "json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    if isinstance(info, list):
        assert len(info) == 1, info
        info = info[0]
    path = Path(info["path"]).resolve()
    assert path.is_relative_to((target / "minecli" / "_bundled").resolve()), path
    assert not path.is_relative_to(REPO.resolve()), path
    assert info["origin"] == "bundled"
    assert info["writable"] is False
    assert info["profiles"] == PROFILES
    listed = run_installed(target, elsewhere, "-m", "minecli", "list", "--format", "ids")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.split()) == PROFILES
