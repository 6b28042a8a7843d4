"""--store may stand before or after the command, as people type it."""

import json
from pathlib import Path

from .helpers import cli, run


def test_store_after_the_command(small_store: Path) -> None:
    before = run("--store", str(small_store), "list", "--format", "ids")
    after = run("list", "--format", "ids", "--store", str(small_store))
    assert before.code == after.code == 0
    assert after.out == before.out and len(after.out.split()) == 6


def test_store_with_equals_sign_after_the_command(small_store: Path) -> None:
    result = cli("store", "--format", "json", f"--store={small_store}")
    assert result.code == 0
    row = json.loads(result.out)[0]
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
