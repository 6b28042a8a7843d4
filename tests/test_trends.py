"""stats, votes --changes and regions, checked against counts done here, independently, on the
bundled store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from minecli import regions
from minecli.query import stats, trends
from minecli.render.charts import bars
from minecli.store import Store

from .helpers import BUNDLED, REPO, assert_error, in_terminal, run

STORE = Store(BUNDLED, "bundled")


def csv_rows(*args: str) -> list[dict]:
    """A command's CSV output as rows."""
    return list(csv.DictReader(io.StringIO(run(*args).out)))


PROFILES = list(STORE.stream())


def test_forty_instruments_by_16_september_1998() -> None:
    """The 40th ratification (on 16 September 1998) started the clock for entry into force."""
    assert stats.parties_on(PROFILES, dt.date(1998, 9, 16)) == 40
    assert stats.parties_on(PROFILES, dt.date(1998, 9, 15)) == 38


def test_the_series_is_an_independent_count_of_the_dates() -> None:
    rows = {r["year"]: r for r in stats.series(PROFILES, "consent", until=2026)}
    for year in (1997, 1999, 2010, 2024, 2025, 2026):
        end = dt.date(year, 12, 31)
        counted = 0
        for p in PROFILES:
            t = p["treaty"]
            joined = isinstance(t.get("consent"), dt.date) and t["consent"] <= end
            left = (
                isinstance(t.get("withdrawal_effective"), dt.date)
                and t["withdrawal_effective"] <= end
            )
            counted += joined and not left
        assert rows[year]["states_parties"] == counted, year
    withdrawn = {
        p["code"]: p["treaty"]["withdrawal_effective"]
        for p in PROFILES
        if p["treaty"]["status"] == "withdrawn"
    }
    assert sorted(withdrawn) == ["EE", "FI", "LT", "LV", "PL"]
    assert rows[2025]["withdrew"] == sum(d.year == 2025 for d in withdrawn.values()) == 3
    assert rows[2026]["withdrew"] == 2
    mh = next(p for p in PROFILES if p["code"] == "MH")["treaty"]["consent"]
    assert mh.year == 2025 and rows[2025]["joined"] >= 1
    assert rows[2025]["states_parties"] == rows[2024]["states_parties"] + rows[2025]["joined"] - 3


def test_by_force_counts_from_entry_into_force() -> None:
    force = {r["year"]: r["states_parties"] for r in stats.series(PROFILES, "force", until=1999)}
    assert force[1998] == 0, "the treaty entered into force on 1 March 1999"
    assert force[1999] == sum(
        isinstance(p["treaty"].get("entry_into_force"), dt.date)
        and p["treaty"]["entry_into_force"].year <= 1999
        for p in PROFILES
    )


def test_the_counts_by_status_and_by_region() -> None:
    counts = stats.by_status(PROFILES)
    assert sum(counts.values()) == 197 and counts["withdrawn"] == 5
    rows = {r["region"]: r for r in stats.by_region(PROFILES, lambda c: regions.of(c)["region"])}
    assert {k: r["total"] for k, r in rows.items()} == {
        "Africa": 54,
        "Americas": 35,
        "Asia": 48,
        "Europe": 44,
        "Oceania": 16,
    }
    assert rows["Europe"]["withdrawn"] == 5


def test_the_regions_table_is_data_raw_s() -> None:
    raw = {
        r["iso2"]: r
        for r in csv.DictReader((REPO / "data" / "raw" / "regions.csv").open(encoding="utf-8"))
    }
    assert set(raw) == set(regions.table()) == {p["code"] for p in PROFILES}
    for code, row in regions.table().items():
        assert all(row[k] == raw[code][k] for k in regions.LEVELS), code
    assert (
        len(regions.members("WEOG"))
        == 29
        == len(regions.members("western european and others group"))
    )
    assert "UZ" in regions.members("Central Asia") and "UZ" in regions.members("asia")
    assert regions.of("VA")["un_group"] is None


def test_russia_moves_from_abstain_to_no_on_78_45() -> None:
    rows = trends.changes(
        [p for p in PROFILES if p["code"] == "RU"], trends.pairs(STORE.resolutions())
    )
    assert {
        "from_resolution": "77/63",
        "to_resolution": "78/45",
        "was": "abstain",
        "now": "no",
    }.items() <= next(r for r in rows if r["to_resolution"] == "78/45").items()


def test_the_2025_abstentions_of_the_withdrawing_states_and_ukraine() -> None:
    result = run(
        "--store",
        str(BUNDLED),
        "votes",
        "--changes",
        "--from",
        "79/34",
        "--to",
        "80/35",
        "--format",
        "json",
    )
    rows = json.loads(result.out)
    abstained = sorted(r["code"] for r in rows if r["now"] == "abstain" and r["was"] == "yes")
    assert abstained == ["EE", "FI", "LT", "LV", "PL", "UA"]
    independent = sorted(
        p["code"]
        for p in PROFILES
        if {v["resolution"]: v["vote"] for v in p.get("votes", [])}.get("79/34") == "yes"
        and {v["resolution"]: v["vote"] for v in p.get("votes", [])}.get("80/35") == "abstain"
    )
    assert abstained == independent
    assert all(r["direction"] == "away" for r in rows if r["now"] == "abstain")


def test_changes_options_go_together() -> None:
    assert_error(
        run("--store", str(BUNDLED), "votes", "--changes", "--from", "79/34"), 2, "--from and --to"
    )


def test_stats_as_data_and_as_a_chart() -> None:
    rows = csv_rows("--store", str(BUNDLED), "stats", "--format", "csv")
    assert rows[0]["year"] == "1997" and int(rows[-1]["states_parties"]) == 161
    chart = run("--store", str(BUNDLED), "stats").out.splitlines()
    assert chart[0].startswith("States Parties at the end of each year (counted from consent")
    assert all(len(line) <= 80 for line in chart), "fits 80 columns when piped"
    assert "█" not in "\n".join(chart) and any(line.startswith("1998 #") for line in chart)
    assert any(line.startswith("Now: State Party 161") for line in chart)
    region = run("--store", str(BUNDLED), "stats", "--region", "WEOG", "--format", "json").out
    assert json.loads(region)[-1]["states_parties"] < 161
    assert_error(
        run("--store", str(BUNDLED), "stats", "--region", "Atlantis"), 2, "no region 'Atlantis'"
    )


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_chart_uses_the_terminal_s_width(width: int) -> None:
    _, lines = in_terminal(width, "--store", str(BUNDLED), "stats")
    bars_ = [line for line in lines if line[:4].isdigit() and "█" in line]
    assert len(bars_) >= 29 and all(len(line) <= width for line in lines)
    assert max(len(line) for line in bars_) >= width - 2, "the longest bar reaches the edge"


def test_bars_scale_to_the_largest_value() -> None:
    lines = bars([{"y": "a", "n": 10}, {"y": "b", "n": 5}, {"y": "c", "n": 0}], "y", "n", width=30)
    assert lines[0] == "a " + "#" * 24 + " 10" and len(lines[0]) <= 30
    assert lines[1].startswith("b " + "#" * 12) and lines[2].rstrip().endswith(" 0")


def test_list_takes_a_region() -> None:
    out = run(
        "--store", str(BUNDLED), "list", "--region", "Central Asia", "--format", "ids"
    ).out.split()
    assert out == sorted(regions.members("Central Asia")) == ["KG", "KZ", "TJ", "TM", "UZ"]
    grulac = run(
        "--store", str(BUNDLED), "list", "--region", "grulac", "--format", "ids"
    ).out.split()
    assert len(grulac) == 33


def independent_votes(code: str) -> list[str]:
    order = {n: i for i, n in enumerate(trends.resolution_order(STORE.resolutions()))}
    p = next(p for p in PROFILES if p["code"] == code)
    return [v["vote"] for v in sorted(p["votes"], key=lambda v: order[v["resolution"]])]


def test_patterns_are_the_groups_a_count_by_hand_gives() -> None:
    rows = {
        r["code"]: r
        for r in json.loads(
            run("--store", str(BUNDLED), "votes", "--pattern", "--format", "json").out
        )
    }
    not_party = [p["code"] for p in PROFILES if p["treaty"]["status"] in ("not_party", "signatory")]
    for code in not_party:
        votes = independent_votes(code)
        if set(votes) == {"yes"}:
            assert rows[code]["pattern"] == "always_yes", code
        elif set(votes) == {"abstain"}:
            assert rows[code]["pattern"] == "always_abstain", code
        elif votes[-1] == "yes" and "yes" in votes:
            assert rows[code]["pattern"] == "moved_to_yes", code
        elif "yes" in votes:
            assert rows[code]["pattern"] == "moved_from_yes", code
    assert rows["CU"]["pattern"] == "always_abstain"
    assert (rows["RU"]["pattern"], rows["RU"]["since"]) == ("moved_from_yes", 1998)
    assert set(rows) <= set(not_party), "states not party by default"


def test_agreement_is_the_share_of_identical_votes_cast() -> None:
    by = {p["code"]: p for p in PROFILES}
    share, common = trends.agreement(by["UZ"], by["KZ"])
    uz = {v["resolution"]: v["vote"] for v in by["UZ"]["votes"] if v["vote"] != "absent"}
    kz = {v["resolution"]: v["vote"] for v in by["KZ"]["votes"] if v["vote"] != "absent"}
    both = set(uz) & set(kz)
    assert common == len(both) and share == sum(uz[n] == kz[n] for n in both) / len(both)
    ranked = csv_rows("--store", str(BUNDLED), "agree", "--with", "US", "--format", "csv")
    assert all(r["other"] == "US" for r in ranked) and len(ranked) == 196
    shares = [float(r["agreement"]) for r in ranked if r["agreement"]]
    assert shares == sorted(shares, reverse=True)
    matrix = run("--store", str(BUNDLED), "agree", "UZ", "KZ").out.splitlines()
    assert (
        matrix[0].split() == ["Code", "UZ", "KZ"]
        and f"{round(share * 100)}% ({common})" in matrix[1]
    )
    assert_error(run("--store", str(BUNDLED), "agree", "UZ"), 2, "at least two states")


def test_the_resolutions_chart_shows_every_vote_of_every_roll_call() -> None:
    lines = run("--store", str(BUNDLED), "resolutions", "--chart").out.splitlines()
    assert lines[0].startswith("Votes on each resolution") and all(
        len(line) <= 80 for line in lines
    )
    row = next(line for line in lines if " 78/45 " in line)
    assert "x" in row, "Russia's one vote against 78/45 is drawn"
    counted = {
        r["resolution"]: r
        for r in json.loads(run("--store", str(BUNDLED), "resolutions", "--format", "json").out)
    }
    assert counted["78/45"]["no"] >= 1
    assert "= yes  x no  ~ abstain  . absent" in lines[-1]
    _, colour = in_terminal(100, "--store", str(BUNDLED), "resolutions", "--chart")
    assert all(len(line) <= 100 for line in colour)


def test_compare_puts_the_states_side_by_side_with_their_markers() -> None:
    rows = csv_rows("--store", str(BUNDLED), "compare", "UZ", "KZ", "TJ", "--format", "csv")
    by_field = {r["field"]: r for r in rows}
    by = {p["code"]: p for p in PROFILES}
    for code in ("UZ", "KZ", "TJ"):
        vote = next(v for v in by[code]["votes"] if v["resolution"] == "65/48")
        marks = "".join(f"[{i}]" for i in vote["sources"])
        assert by_field["Vote 2010 65/48"][code] == f"{vote['vote']} {marks}"
    assert by_field["Treaty status"]["differs"] == "true"  # TJ is a State Party
    assert by_field["Vote 1996 51/45S"]["differs"] == "false", "same vote, other sources"
    table = run("--store", str(BUNDLED), "compare", "UZ", "KZ").out
    assert "Treaty status " in table and "Vote 1997 52/38A *" in table
    assert_error(run("--store", str(BUNDLED), "compare", "UZ"), 2, "2 to 8 states")
    region = json.loads(
        run("--store", str(BUNDLED), "compare", "--region", "Central Asia", "--format", "json").out
    )
    assert set(region[0]) == {"field", "KG", "KZ", "TJ", "TM", "UZ", "differs"}


def test_the_region_is_part_of_each_row_of_list() -> None:
    rows = {
        r["code"]: r
        for r in json.loads(run("--store", str(BUNDLED), "list", "--format", "json").out)
    }
    assert (rows["UZ"]["region"], rows["UZ"]["un_group"]) == ("Central Asia", "Asia-Pacific Group")
    assert (rows["FR"]["region"], rows["FR"]["un_group"]) == (
        "Western Europe",
        "Western European and Others Group (WEOG)",
    )
    assert rows["VA"]["un_group"] is None
    args = (
        "--store",
        str(BUNDLED),
        "list",
        "--region",
        "Central Asia",
        "--fields",
        "code,un_group",
    )
    assert "Asia-Pacific Group" in run(*args).out, "a pipe gets the raw value"
    _, table = in_terminal(80, *args)
    assert any("Asia-Pacific" in line for line in table)
    assert not any("Asia-Pacific Group" in line for line in table), "short names for people"


def test_a_roll_call_of_one_region() -> None:
    out = run(
        "--store",
        str(BUNDLED),
        "votes",
        "-r",
        "80/35",
        "--region",
        "Eastern European Group",
        "--vote",
        "abstain",
        "--format",
        "ids",
    )
    assert sorted(out.out.split()) == sorted(  # a roll call is in the order of names
        c
        for c in regions.members("Eastern European Group")
        if {
            v["resolution"]: v["vote"]
            for v in next(p for p in PROFILES if p["code"] == c).get("votes", [])
        }.get("80/35")
        == "abstain"
    )


def test_list_by_group_puts_each_group_together() -> None:
    rows = csv_rows("--store", str(BUNDLED), "list", "--by", "un_group", "--format", "csv")
    assert next(iter(rows[0])) == "un_group", "the group comes first"
    groups = [r["un_group"] for r in rows]
    assert groups == sorted(groups, key=lambda g: (g == "", g)), "each group together, none last"
    assert groups.count("Eastern European Group") == 23 and groups.count("") == 3


def test_the_regions_series_add_up_to_the_whole() -> None:
    whole = {r["year"]: r["states_parties"] for r in stats.series(PROFILES, until=2026)}
    yearly = stats.series_by_region(PROFILES, lambda c: regions.of(c)["region"], until=2026)
    for row in yearly:
        assert sum(v for k, v in row.items() if k != "year") == whole[row["year"]]
    table = run("--store", str(BUNDLED), "stats", "--by", "region").out
    assert "Year  Africa  Americas  Asia  Europe  Oceania" in table


def test_patterns_of_every_state() -> None:
    rows = json.loads(
        run("--store", str(BUNDLED), "votes", "--pattern", "--all-states", "--format", "json").out
    )
    assert any(r["code"] == "FR" for r in rows), "States Parties too"
    assert {r["code"] for r in rows} >= {
        r["code"]
        for r in json.loads(
            run("--store", str(BUNDLED), "votes", "--pattern", "--format", "json").out
        )
    }


def test_the_agreement_matrix_is_coloured_at_a_terminal() -> None:
    raw, lines = in_terminal(80, "--store", str(BUNDLED), "agree", "UZ", "US", "KZ")
    assert "\x1b[" in raw and "93% (28)" in "\n".join(lines)
    green = "\x1b[32m93% (28)"
    assert green in raw, "three in four or more: green"
    plain = run("--store", str(BUNDLED), "agree", "UZ", "US", "KZ").out
    assert "\x1b[" not in plain


def test_compare_highlights_what_differs_at_a_terminal() -> None:
    raw, _ = in_terminal(100, "--store", str(BUNDLED), "compare", "UZ", "KZ")
    assert "\x1b[1;33mVote 1997 52/38A *" in raw


def test_a_roll_call_grouped_by_region() -> None:
    rows = csv_rows(
        "--store",
        str(BUNDLED),
        "votes",
        "-r",
        "80/35",
        "--by",
        "un_group",
        "--format",
        "csv",
    )
    assert next(iter(rows[0])) == "un_group"
    groups = [r["un_group"] for r in rows]
    assert groups == sorted(groups, key=lambda g: (g == "", g))
    voted = {
        p["code"] for p in PROFILES if any(v["resolution"] == "80/35" for v in p.get("votes", []))
    }
    eastern = {r["code"] for r in rows if r["un_group"] == "Eastern European Group"}
    assert eastern == regions.members("Eastern European Group") & voted and len(eastern) > 10
    assert_error(
        run("--store", str(BUNDLED), "votes", "-r", "80/35", "--by", "planet"), 2, "planet"
    )


def test_each_region_s_series_as_data() -> None:
    rows = csv_rows(
        "--store",
        str(BUNDLED),
        "stats",
        "--by",
        "region",
        "--series",
        "--until",
        "2026",
        "--format",
        "csv",
    )
    assert list(rows[0]) == ["year", "Africa", "Americas", "Asia", "Europe", "Oceania"]
    whole = {r["year"]: r["states_parties"] for r in stats.series(PROFILES, until=2026)}
    assert all(
        sum(int(v) for k, v in r.items() if k != "year") == whole[int(r["year"])] for r in rows
    )
    assert_error(
        run("--store", str(BUNDLED), "stats", "--series"), 2, "--series goes with --by region"
    )


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_resolutions_chart_fits_the_terminal(width: int) -> None:
    _, lines = in_terminal(width, "--store", str(BUNDLED), "resolutions", "--chart", height=80)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert any("absent" in line for line in lines[-3:]), "the legend, whole words"
