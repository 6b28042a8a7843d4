"""export --format csv|sqlite|csl-json|bibtex|ris, and sources in the citation formats: opened
with the tools researchers use (sqlite3, the csv module, a BibTeX parser, Datasette)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from minecli.exporters.citations import CSL_TYPES, csl_item, date_parts
from minecli.store import Store

from .helpers import BUNDLED, assert_error, cli, run

STORE = Store(BUNDLED, "bundled")
CSL_ALL_TYPES = {*CSL_TYPES.values(), "webpage", "treaty"}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "m.db"
    result = cli("--store", str(BUNDLED), "export", "--format", "sqlite", "--out", str(target))
    assert result.code == 0 and "Exported 197 profile(s)" in result.err, result
    return target


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def test_every_vote_on_65_48_joins_its_country_and_its_citations(database: Path) -> None:
    uz = STORE.read_profile("UZ")
    votes = {
        p["code"]: v["vote"]
        for p in STORE.profiles()
        for v in p.get("votes", [])
        if v["resolution"] == "65/48"
    }
    rows = query(
        database,
        "SELECT v.code, c.name, v.vote, count(ci.source) FROM votes v JOIN countries c USING (code)"
        " LEFT JOIN citations ci ON ci.code = v.code AND ci.fact = 'votes.' || v.resolution"
        " WHERE v.resolution = '65/48' GROUP BY v.code ORDER BY v.code",
    )
    assert {code: vote for code, _, vote, _ in rows} == votes
    assert all(cited >= 1 for *_, cited in rows), "every vote cites a source"
    assert ("UZ", uz["name"], "abstain", 1) in rows
    cited = query(
        database,
        "SELECT s.title FROM citations ci JOIN sources s ON s.code = ci.code AND s.id = ci.source"
        " WHERE ci.code = 'UZ' AND ci.fact = 'votes.65/48'",
    )
    assert cited == [(next(s["title"] for s in uz["sources"] if s["id"] == 6),)]


def test_counts_keys_indexes_and_full_text(database: Path) -> None:
    profiles = list(STORE.profiles())
    assert query(database, "SELECT count(*) FROM countries") == [(len(profiles),)]
    assert query(database, "SELECT count(*) FROM sources") == [
        (sum(len(p["sources"]) for p in profiles),)
    ]
    assert query(database, "SELECT count(*) FROM resolutions") == [(len(STORE.resolutions()),)]
    keys = query(database, "PRAGMA foreign_key_list(votes)")
    assert {(k[2], k[3], k[4]) for k in keys} == {
        ("countries", "code", "code"),
        ("resolutions", "resolution", "number"),
    }
    assert query(database, "PRAGMA foreign_key_check") == [], "every key refers to a row"
    indexes = {row[1] for row in query(database, "PRAGMA index_list(votes)")}
    assert {"votes_resolution", "votes_vote", "votes_year", "votes_code"} <= indexes
    found = query(
        database,
        "SELECT n.code FROM narratives_fts f JOIN narratives n ON n.rowid = f.rowid WHERE narratives_fts MATCH 'OZM'",
    )
    assert found == [("UZ",)]
    assert query(database, "SELECT date FROM resolutions WHERE number = '65/48'") == [
        ("2010-12-08",)
    ]


def test_the_datasette_metadata_describes_every_table(database: Path) -> None:
    meta = json.loads(database.with_name("m.metadata.json").read_text())
    assert meta["title"] and meta["license"] and meta["source"]
    tables = meta["databases"]["m"]["tables"]
    names = {
        row[0]
        for row in query(
            database,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'",
        )
    }
    assert names <= set(tables)
    for name in names:
        columns = {row[1] for row in query(database, f"PRAGMA table_info({name})")}
        assert columns == set(tables[name]["columns"]), name
        assert tables[name]["description"] and tables[name]["source"] and tables[name]["license"]


def test_datasette_serves_a_roll_call_and_a_full_text_query(database: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    meta = json.loads(database.with_name("m.metadata.json").read_text())
    site = datasette_app.Datasette([str(database)], metadata=meta)

    async def ask() -> tuple:
        roll = await site.client.get(
            "/m/votes.json?resolution=65/48&vote=abstain&_shape=array&_size=max"
        )
        text = await site.client.get("/m/narratives.json?_search=stockpile&_shape=array")
        home = await site.client.get("/")
        return roll, text, home

    roll, text, home = asyncio.run(ask())
    assert roll.status_code == 200 and "UZ" in {r["code"] for r in roll.json()}
    assert text.status_code == 200 and [r["code"] for r in text.json()] == ["UZ"]
    assert "Mine Ban Treaty: country profiles" in home.text


def test_a_csv_folder_has_a_file_per_table_matching_the_database(
    tmp_path: Path, database: Path
) -> None:
    folder = tmp_path / "tables"
    assert cli("--store", str(BUNDLED), "export", "--format", "csv", "--out", str(folder)).code == 0
    for path in folder.glob("*.csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        assert len(rows) == query(database, f"SELECT count(*) FROM {path.stem}")[0][0], path.name
    assert len(list(folder.glob("*.csv"))) == 11


def test_one_table_to_stdout_and_the_options_that_need_each_other(tmp_path: Path) -> None:
    votes = run("--store", str(BUNDLED), "export", "UZ", "--format", "csv", "--table", "votes")
    rows = list(csv.DictReader(io.StringIO(votes.out)))
    assert rows[0] == {
        "code": "UZ",
        "resolution": "51/45S",
        "year": "1996",
        "vote": "yes",
        "disputed": "false",
        "sources": "6",
    }
    assert assert_error(run("export", "--format", "sqlite"), 2, "--out")
    assert assert_error(run("export", "--format", "json", "--table", "votes"), 2, "--table")


def test_bibtex_parses_back_with_a_real_parser() -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    text = run("--store", str(BUNDLED), "export", "UZ", "KZ", "--format", "bibtex").out
    entries = bibtexparser.loads(text).entries
    expected = [
        (p["code"], s)
        for p in (STORE.read_profile("KZ"), STORE.read_profile("UZ"))
        for s in p["sources"]
    ]
    assert sorted(e["ID"] for e in entries) == sorted(f"{c}-{s['id']}" for c, s in expected)
    by_key = {e["ID"]: e for e in entries}
    letter = by_key["UZ-1"]
    assert (
        letter["ENTRYTYPE"] == "misc"
        and letter["year"] == "2001"
        and letter["date"] == "2001-07-31"
    )
    assert letter["title"].startswith("Letter to the Landmine Monitor")
    assert by_key["UZ-3"]["ENTRYTYPE"] == "techreport"
    assert by_key["UZ-4"]["url"].startswith("https://treaties.un.org/")


def test_csl_json_items_have_the_schema_s_required_fields() -> None:
    items = json.loads(run("--store", str(BUNDLED), "sources", "UZ", "--format", "csl-json").out)
    assert [i["id"] for i in items] == [
        f"UZ-{s['id']}" for s in STORE.read_profile("UZ")["sources"]
    ]
    for item in items:
        assert isinstance(item["id"], str) and item["type"] in CSL_ALL_TYPES
        for part in item.get("issued", {}).get("date-parts", []):
            assert 1 <= len(part) <= 3 and all(isinstance(n, int) for n in part)
    assert items[1]["issued"] == {"date-parts": [[2004, 5]]}, "a partial date as date-parts"
    assert date_parts("2004") == [2004]
    assert csl_item("XA", {"id": 1, "title": "T", "kind": "record"})["type"] == "treaty"


def test_ris_records_are_complete() -> None:
    text = run("--store", str(BUNDLED), "sources", "UZ", "--format", "ris").out
    records = [r for r in text.split("ER  -\n") if r.strip()]
    assert len(records) == len(STORE.read_profile("UZ")["sources"])
    assert all(r.lstrip().startswith("TY  - ") and "\nTI  - " in r for r in records)
    assert "DA  - 2004/05//" in text
    assert_error(run("sources", "UZ", "--format", "ris", "--limit", "2"), 2, "do not apply to ris")


def test_the_readme_sql_recipe(database: Path) -> None:
    """The README's sqlite-utils query, run through sqlite3 (the same engine)."""
    rows = query(
        database,
        "select c.name, v.vote from votes v join countries c using (code)"
        " where v.resolution = '80/35' and v.vote != 'yes'",
    )
    assert ("Uzbekistan", "abstain") in rows and all(vote != "yes" for _, vote in rows)
