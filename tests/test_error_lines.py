"""Messages about a store file name `file:line:column`, the place an editor jumps to: syntax
errors (the parser's place) and schema errors (the line of the key) alike, in the one-line
`Error:` of any command and in every row of `check`."""

from __future__ import annotations

from pathlib import Path

from .helpers import assert_error, cli, run


def break_line(store: Path, label: str, old: str, new: str) -> int:
    """Replace the first line equal to ``old``; its 1-based number."""
    path = store / label
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_a_schema_error_names_the_line_of_its_key(store_copy: Path) -> None:
    line = break_line(store_copy, "countries/UZ.toml", 'vote = "yes"', 'vote = "maybe"')
    result = cli("--store", str(store_copy), "show", "UZ")
    message = assert_error(result, 1)
    assert message.startswith(f"Error: countries/UZ.toml:{line}:1: votes[")
    assert message.endswith("got 'maybe'")


def test_a_missing_key_is_placed_at_its_table(store_copy: Path) -> None:
    line = break_line(store_copy, "countries/KZ.toml", 'status = "not_party"', "")
    result = run("--store", str(store_copy), "show", "KZ")
    assert_error(result, 1, f"countries/KZ.toml:{line - 1}:1: treaty.status: missing")


def test_a_write_refused_for_a_broken_file_names_the_line(store_copy: Path) -> None:
    line = break_line(store_copy, "countries/UZ.toml", 'vote = "yes"', "vote = 3")
    result = run(
        "--store", str(store_copy), "set", "UZ", "name", "Uzbekistan", "--updated", "2026-01-01"
    )
    assert_error(result, 1, f"countries/UZ.toml:{line}:1:", "minecli edit UZ")


def test_check_rows_carry_line_and_column(store_copy: Path) -> None:
    vote = break_line(store_copy, "countries/UZ.toml", 'vote = "yes"', '  vote = "maybe"')
    session = break_line(store_copy, "resolutions.toml", "session = 51", 'session = "51"')
    syntax = break_line(store_copy, "countries/TJ.toml", 'name = "Tajikistan"', "name = ")
    result = cli("--store", str(store_copy), "check", "--errors-only", "--format", "json")
    assert result.code == 1
    rows = {(r["file"], r["check"]): r for r in result.json()}
    uz = rows[("countries/UZ.toml", "schema")]
    assert (uz["line"], uz["column"]) == (vote, 3)
    res = rows[("resolutions.toml", "schema")]
    assert (res["where"], res["line"]) == ("resolutions[0].session", session)
    tj = rows[("countries/TJ.toml", "syntax")]
    assert (tj["line"], tj["column"]) == (syntax, 8)
    tsv = cli("--store", str(store_copy), "check", "--errors-only", "--format", "tsv")
    assert tsv.out.splitlines()[0].split("\t")[-2:] == ["line", "column"]


def test_the_check_table_names_the_place_in_one_column(store_copy: Path) -> None:
    vote = break_line(store_copy, "countries/UZ.toml", 'vote = "yes"', 'vote = "maybe"')
    for width in ("40", "80", "120"):
        result = cli("--store", str(store_copy), "check", "UZ", env={"COLUMNS": width})
        assert result.code == 1
        assert f"countries/UZ.toml:{vote}:1" in result.out, (width, result.out)


def test_edit_names_the_line_of_a_refused_value(store_copy: Path, tmp_path: Path) -> None:
    import shlex
    import sys

    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[-1])\n"
        "p.write_text(p.read_text().replace('status = \"not_party\"', 'status = \"member\"', 1))\n",
        encoding="utf-8",
    )
    lines = (store_copy / "countries" / "UZ.toml").read_text(encoding="utf-8").split("\n")
    line = lines.index('status = "not_party"') + 1
    env = {"EDITOR": shlex.join([sys.executable, str(script)]), "VISUAL": None}
    result = run("--store", str(store_copy), "edit", "UZ", input="n\n", env=env)
    assert result.code == 1
    assert f"Error: countries/UZ.toml:{line}:1: treaty.status: expected one of" in result.err
