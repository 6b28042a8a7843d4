"""Fixtures for every test: isolation from the user's own store and environment, and stores.

Every test is isolated from the person running it: an autouse fixture points XDG_DATA_HOME (and
HOME) at a fresh temporary folder, so `minecli init` and the user store live there, and removes
MINECLI_STORE and the colour / width variables a terminal may have set. Subprocesses started with
the helpers in tests/helpers.py inherit that patched environment.

Stores:
  BUNDLED           data/store, read in place by the default store selection (never written)
  small_store       a session copy of the six hand-checked states (AF KG KZ TJ TM UZ) plus
                    resolutions.toml and meetings.toml: a fixed, small store whose totals tests may
                    assert on, whatever the bundled data grows to
  store_copy        a fresh, writable copy of small_store for one test
  broken_store      a session copy of small_store with garbage appended to countries/TJ.toml
  testland_store    the six states plus tests/fixtures/XA.toml, a fictional state that uses the
                    parts of the schema the bundled profiles do not (withdrawal, CCW "unknown"...)

An audit hook fails any test whose process opens or lists a path under ../shared.

The real-process matrix of tests/test_formats.py (every read command in every format, ~50
processes) is started in the background when the session begins and its tests are moved to the
end of the run, so those processes use the spare CPU while the in-process tests run.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from .helpers import BROKEN_LINE, FIXTURES, SCRUBBED, SHARED, copy_store, start_matrix

MATRIX_MARK = "real_process_matrix"

# Hypothesis keeps nothing in the checkout (.hypothesis/): no example database, and its other
# caches go to a temporary folder removed at the end of the session.
settings.register_profile("minecli", database=None)
# CI explores the same examples on every run, so that a run's outcome is the code's, not the
# dice's; people running the tests explore new examples each time (and pin what they find).
settings.register_profile("minecli-ci", database=None, derandomize=True)
settings.load_profile("minecli-ci" if os.environ.get("CI") else "minecli")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="minecli-tests-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HYPOTHESIS_HOME, ignore_errors=True)


# --- guard: nothing in the test process reads ../shared -------------------------------------

_shared_reads: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event in ("open", "os.listdir", "os.scandir") and args:
        target = args[0]
        if isinstance(target, (str, bytes, os.PathLike)):
            try:
                text = os.fsdecode(target)
            except Exception:  # pragma: no cover - odd path objects are not ours to judge
                return
            if str(SHARED) in os.path.abspath(text):
                _shared_reads.append(text)


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _no_shared_reads():
    before = len(_shared_reads)
    yield
    assert _shared_reads[before:] == [], f"the test read {SHARED}: {_shared_reads[before:]}"


# --- isolation --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index cache for the session: tests never touch the user's, and stores are indexed once."""
    return tmp_path_factory.mktemp("minecli-cache")


@pytest.fixture(autouse=True)
def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _session_cache: Path) -> Path:
    """A private user-data folder and a clean environment for every test."""
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(_session_cache))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_session_cache / "xdg"))
    home = tmp_path / "home"
    data = home / ".local" / "share"
    data.mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("HOME", str(home))  # platforms that ignore XDG still land in tmp
    for name in SCRUBBED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    return data


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixed six-state store (read-only by convention: copy it with store_copy to change it)."""
    return copy_store(tmp_path_factory.mktemp("small") / "store")


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable six-state store for one test."""
    return copy_store(tmp_path / "store")


@pytest.fixture(scope="session")
def testland_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six states and the fictional XA (Testland) from tests/fixtures/XA.toml."""
    root = copy_store(tmp_path_factory.mktemp("testland") / "store")
    (root / "countries" / "XA.toml").write_bytes((FIXTURES / "XA.toml").read_bytes())
    return root


@pytest.fixture(scope="session")
def broken_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """(store, line of the garbage): the six states with garbage appended to countries/TJ.toml."""
    root = copy_store(tmp_path_factory.mktemp("broken") / "store")
    tj = root / "countries" / "TJ.toml"
    text = tj.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    tj.write_text(text + BROKEN_LINE + "\n", encoding="utf-8")
    return root, text.count("\n") + 1


# --- the real-process matrix, run in the background ----------------------------------------------


_WANTED = pytest.StashKey[set]()  # the (command, format) pairs of the selected matrix tests


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MATRIX_MARK}: reads the background real-process matrix")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Matrix tests last (a stable sort keeps everything else in order)."""
    items.sort(key=lambda item: item.get_closest_marker(MATRIX_MARK) is not None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """After -k / -m deselection: note which matrix entries will be checked."""
    session.config.stash[_WANTED] = {
        (item.callspec.params["name"], item.callspec.params["fmt"])
        for item in session.items
        if item.get_closest_marker(MATRIX_MARK)
    }


@pytest.fixture(scope="session", autouse=True)
def _background_matrix(
    request: pytest.FixtureRequest, small_store: Path, tmp_path_factory: pytest.TempPathFactory
):
    """Start the selected matrix entries' processes as soon as the session starts."""
    wanted = request.config.stash.get(_WANTED, set())
    if not wanted:
        yield None
        return
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        yield start_matrix(pool, small_store, tmp_path_factory.mktemp("matrix-home"), wanted)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def process_outputs(_background_matrix):
    """{(command, format): (entry point, Result)} of the real-process matrix."""
    assert _background_matrix is not None
    return {key: (entry, future.result()) for key, (entry, future) in _background_matrix.items()}


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where `edit` puts its drafts in a test (tempfile's folder, for this test only)."""
    import tempfile

    folder = tmp_path / "drafts"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
