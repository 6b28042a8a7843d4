"""Which store is used (--store, MINECLI_STORE, user store, bundled) and `minecli init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minecli.store import user_root

from .helpers import BUNDLED, SIX, assert_error, cli, run


def active(*args: str, env: dict[str, str | None] | None = None) -> dict:
    result = run(*args, "store", "--format", "json", env=env)
    assert result.code == 0, result
    row = result.json()
    assert isinstance(row, dict), "one store: one JSON object"
    return row


def test_bundled_by_default(isolate: Path) -> None:
    row = active()
    assert (Path(row["path"]).resolve(), row["origin"], row["writable"]) == (
        BUNDLED.resolve(),
        "bundled",
        False,
    )
    assert not user_root().exists()
    assert isolate in user_root().parents, "the user store of a test is under its tmp folder"


def test_minecli_store_variable(small_store: Path) -> None:
    row = active(env={"MINECLI_STORE": str(small_store)})
    assert (row["path"], row["origin"], row["writable"], row["profiles"]) == (
        str(small_store),
        "MINECLI_STORE",
        True,
        len(SIX),
    )


def test_minecli_store_is_read(store_copy: Path) -> None:
    (store_copy / "countries" / "KZ.toml").unlink()
    env = {"MINECLI_STORE": str(store_copy)}
    assert run("list", "-f", "ids", env=env).lines == [c for c in SIX if c != "KZ"]
    assert_error(run("show", "KZ", env=env), 1, "no profile for")


def test_empty_variable_is_ignored() -> None:
    assert active(env={"MINECLI_STORE": ""})["origin"] == "bundled"


def test_store_option_wins_over_the_variable(small_store: Path, store_copy: Path) -> None:
    row = active("--store", str(store_copy), env={"MINECLI_STORE": str(small_store)})
    assert (row["path"], row["origin"]) == (str(store_copy), "--store")


def test_variable_in_a_real_process(small_store: Path) -> None:
    result = cli(
        "store", "--format", "csv", env={"MINECLI_STORE": str(small_store)}, entry="script"
    )
    assert result.lines == [
        "path,origin,writable,profiles",
        f"{small_store},MINECLI_STORE,true,{len(SIX)}",
    ]


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for command in (("show", "UZ"), ("list",), ("votes", "-r", "65/48")):
        line = assert_error(run("--store", str(missing), *command), 1, f"no store at {missing}")
        assert "minecli init" in line
    row = active("--store", str(missing))
    assert (row["origin"], row["profiles"]) == ("--store", 0), "`store` says what it would use"


# --- init -------------------------------------------------------------------------------------


def test_init_makes_the_user_store_which_is_then_used() -> None:
    target = user_root()
    result = run("init")
    assert result.code == 0, result
    assert result.out == f"{target}\n", "the new path, alone, on stdout"
    assert result.err.startswith("Created a store with ")
    assert (target / "countries" / "UZ.toml").read_bytes() == (
        BUNDLED / "countries" / "UZ.toml"
    ).read_bytes()
    row = active()
    assert (row["path"], row["origin"], row["writable"]) == (str(target), "user store", True)
    assert (
        run("show", "UZ", "-f", "json").json()
        == run("--store", str(BUNDLED), "show", "UZ", "-f", "json").json()
    )


def test_user_store_is_really_read() -> None:
    assert run("init").code == 0
    uz = user_root() / "countries" / "UZ.toml"
    uz.write_text(
        uz.read_text(encoding="utf-8").replace(
            'name = "Uzbekistan"', 'name = "Uzbekistan (edited)"', 1
        ),
        encoding="utf-8",
    )
    assert run("show", "UZ", "-f", "json").json()["name"] == "Uzbekistan (edited)"


def test_variable_wins_over_the_user_store(small_store: Path) -> None:
    assert run("init").code == 0
    assert active(env={"MINECLI_STORE": str(small_store)})["origin"] == "MINECLI_STORE"


def test_init_twice_refuses_and_keeps_the_first_store() -> None:
    target = user_root()
    assert run("init").code == 0
    marker = target / "countries" / "UZ.toml"
    marker.write_text(marker.read_text(encoding="utf-8") + "# my own note\n", encoding="utf-8")
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    siblings = sorted(target.parent.iterdir())

    line = assert_error(run("init"), 1, str(target))
    assert "not overwriting" in line or "already exists" in line
    assert marker.read_text(encoding="utf-8").endswith("# my own note\n")
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert sorted(target.parent.iterdir()) == siblings, "no staging folder left behind"


@pytest.mark.parametrize("how", ["option", "variable"])
def test_init_into_a_chosen_folder(tmp_path: Path, how: str) -> None:
    target = tmp_path / "team-store"
    if how == "option":
        result = run("--store", str(target), "init")
    else:
        result = run("init", env={"MINECLI_STORE": str(target)})
    assert result.code == 0, result
    assert result.out == f"{target}\n"
    assert sorted(p.name for p in (target / "countries").glob("*.toml")) == sorted(
        p.name for p in (BUNDLED / "countries").glob("*.toml")
    )
    assert not user_root().exists(), "the user store is left alone"
    assert run("--store", str(target), "show", "TM", "-f", "json").json()["code"] == "TM"


def test_init_into_an_empty_folder_is_allowed(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert run("--store", str(target), "init").code == 0
    assert (target / "resolutions.toml").is_file()


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert_error(run("--store", str(target), "init"), 1, str(target))
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_init_in_a_real_process() -> None:
    """XDG_DATA_HOME (set by the isolation fixture) decides where the user store goes."""
    result = cli("init", entry="script")
    assert result.code == 0, result
    target = Path(result.out.strip())
    assert target == user_root()
    assert (target / "countries" / "UZ.toml").is_file()
    again = cli("init", entry="module")
    assert_error(again, 1, str(target))


# --- --store may stand before or after the command -----------------------------------------------


def test_store_after_the_command(small_store: Path) -> None:
    before = run("--store", str(small_store), "list", "--format", "ids")
    after = run("list", "--format", "ids", "--store", str(small_store))
    assert before.code == after.code == 0
    assert after.out == before.out and len(after.out.split()) == 6


def test_store_with_equals_sign_after_the_command(small_store: Path) -> None:
    result = cli("store", "--format", "json", f"--store={small_store}")
    assert result.code == 0
    row = json.loads(result.out)
    assert row["origin"] == "--store" and row["path"] == str(small_store)


def test_a_double_dash_protects_what_follows() -> None:
    from minecli.app import global_options_first

    assert global_options_first(["search", "--", "--store", "x"]) == [
        "search",
        "--",
        "--store",
        "x",
    ]
    assert global_options_first(["show", "UZ", "--store", "S", "-f", "json"]) == [
        "--store",
        "S",
        "show",
        "UZ",
        "-f",
        "json",
    ]


# --- init --dry-run -------------------------------------------------------------------------------


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
