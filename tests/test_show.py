"""show: one state's profile, its JSON record and schema contract, and naming countries."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli.errors import MinecliError
from minecli.schema import PROFILE, PROFILE_PARTS, validate_profile
from minecli.store import Store

from .helpers import BUNDLED, assert_error, cli, run

UZ_TOML = BUNDLED / "countries" / "UZ.toml"
PARTIAL = re.compile(r"^\d{4}(-\d{2})?$")

# The public contract of a profile's JSON (docs/schema.md): keys and what their values may be.
TOP = {
    "schema",
    "code",
    "name",
    "official_name",
    "updated",
    "treaty",
    "ccw",
    "votes",
    "meetings",
    "production",
    "transfer",
    "stockpile",
    "use",
    "sections",
    "sources",
}
TREATY_KEYS = {
    "status",
    "signed",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
    "as_of",
    "note",
    "sources",
}
TREATY_DATES = TREATY_KEYS - {"status", "consent_type", "note", "sources"}
CCW = ("convention", "protocol_ii", "amended_protocol_ii", "protocol_v")
VOTE_KEYS = {"resolution", "vote", "note", "sources"}
MEETING_KEYS = {"meeting", "attended", "as", "note", "sources"}
STOCKPILE_KEYS = {"status", "types", "holders", "size", "origin", "summary", "sources"}
USE_KEYS = {"year", "date", "where", "summary", "sources"}
SECTION_KEYS = {"title", "text"}
SOURCE_KEYS = {"id", "title", "author", "date", "kind", "url", "note", "ref"}


def isoify(value: Any) -> Any:
    """A TOML value as minecli's JSON gives it: dates as ISO text."""
    if isinstance(value, dict):
        return {k: isoify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [isoify(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def full_date(text: Any) -> dt.date:
    assert isinstance(text, str), text
    return dt.date.fromisoformat(text)


def date_or_partial(text: Any) -> None:
    assert isinstance(text, str), text
    if not PARTIAL.match(text):
        full_date(text)


def ids(value: Any) -> None:
    assert isinstance(value, list) and all(type(i) is int for i in value), value


def allowed(part: str, documented: set[str]) -> set[str]:
    """Documented keys, plus keys minecli's own schema has learnt since docs/schema.md."""
    return documented | set(PROFILE_PARTS.get(part, ("", {}))[1])


def check_profile_contract(doc: dict[str, Any], extra: frozenset[str] = frozenset()) -> None:
    """The JSON record of a profile against the documented schema (dates as ISO text).

    Top-level keys must be documented (or known to minecli's schema) unless listed in `extra`:
    the schema keeps unknown keys, but the bundled profiles should not carry any by accident.
    """
    assert set(doc) <= TOP | set(PROFILE) | set(PROFILE_PARTS) | extra, set(doc) - TOP
    assert {"code", "name", "treaty"} <= set(doc)
    assert re.fullmatch(r"[A-Z]{2}", doc["code"])
    assert isinstance(doc["name"], str) and doc["name"]
    if "official_name" in doc:
        assert isinstance(doc["official_name"], str)
    if "updated" in doc:
        date_or_partial(doc["updated"])

    treaty = doc["treaty"]
    assert set(treaty) <= allowed("treaty", TREATY_KEYS), set(treaty) - TREATY_KEYS
    assert treaty["status"] in ("state_party", "signatory", "not_party", "withdrawn")
    for key in TREATY_DATES & set(treaty):
        full_date(treaty[key])
    if "consent_type" in treaty:
        assert treaty["consent_type"] in ("ratification", "accession", "succession")
    if "sources" in treaty:
        ids(treaty["sources"])

    for name, entry in doc.get("ccw", {}).items():
        assert name in CCW, name
        assert entry["party"] in (True, False, "unknown"), entry
        if "since" in entry:
            full_date(entry["since"])

    for vote in doc.get("votes", []):
        assert set(vote) <= allowed("votes", VOTE_KEYS)
        assert re.fullmatch(r"\d{1,3}/\d{1,3}[A-Z]{0,2}", vote["resolution"])
        assert vote["vote"] in ("yes", "no", "abstain", "absent")
        ids(vote.get("sources", []))
    for meeting in doc.get("meetings", []):
        assert set(meeting) <= allowed("meetings", MEETING_KEYS)
        assert isinstance(meeting["meeting"], str) and isinstance(meeting["attended"], bool)
        if "as" in meeting:
            assert meeting["as"] in ("state_party", "observer")
    for part, statuses in (
        ("production", ("producer", "past_producer", "not_producer", "unknown")),
        ("transfer", ("exporter", "past_exporter", "not_known_to_export", "unknown")),
        ("stockpile", ("holds", "destroyed", "none", "unknown")),
    ):
        if part in doc:
            assert doc[part]["status"] in statuses
    if "stockpile" in doc:
        stock = doc["stockpile"]
        assert set(stock) <= allowed("stockpile", STOCKPILE_KEYS)
        for key in ("types", "holders"):
            if key in stock:
                assert all(isinstance(x, str) for x in stock[key])
        if "size" in stock:
            assert type(stock["size"]) is int and stock["size"] >= 0
    for use in doc.get("use", []):
        assert set(use) <= allowed("use", USE_KEYS)
        assert isinstance(use["where"], str)
        assert "year" in use or "date" in use
        if "year" in use:
            assert type(use["year"]) is int
        if "date" in use:
            date_or_partial(use["date"])
    for section in doc.get("sections", []):
        assert set(section) == SECTION_KEYS
        assert all(isinstance(section[k], str) and section[k] for k in SECTION_KEYS)
    seen = []
    for source in doc.get("sources", []):
        assert set(source) <= allowed("sources", SOURCE_KEYS), set(source) - SOURCE_KEYS
        assert type(source["id"]) is int and isinstance(source["title"], str)
        if "date" in source:
            date_or_partial(source["date"])
        if "kind" in source:
            assert source["kind"] in (
                "letter",
                "interview",
                "statement",
                "report",
                "media",
                "dataset",
                "record",
                "other",
            )
        seen.append(source["id"])
    assert len(seen) == len(set(seen)), "source ids are unique"


# --- the record -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uz_json() -> dict[str, Any]:
    # Module scope runs before the per-test isolation: name the store rather than rely on the
    # default (a developer's own user store would win over the bundled one).
    result = run("--store", str(BUNDLED), "show", "UZ", "--format", "json")
    assert result.code == 0 and result.err == ""
    return result.json()


def test_show_json_is_the_toml_record(uz_json: dict[str, Any]) -> None:
    with UZ_TOML.open("rb") as handle:
        record = tomllib.load(handle)
    assert validate_profile(record, "UZ") == []
    assert uz_json == isoify(record)
    assert list(uz_json) == list(record), "keys keep the file's order"


def test_show_json_follows_the_schema(uz_json: dict[str, Any]) -> None:
    check_profile_contract(uz_json)
    # UZ is the hand-written profile: it has every part of the schema.
    assert {
        "official_name",
        "updated",
        "ccw",
        "votes",
        "meetings",
        "production",
        "transfer",
        "stockpile",
        "use",
        "sections",
        "sources",
    } <= set(uz_json)
    assert set(uz_json["ccw"]) == set(CCW)


@pytest.mark.parametrize("code", ["AF", "KG", "KZ", "TJ", "TM"])
def test_reference_profiles_follow_the_schema(code: str) -> None:
    check_profile_contract(run("show", code, "-f", "json").json())


def test_uz_facts(uz_json: dict[str, Any]) -> None:
    assert uz_json["code"] == "UZ"
    assert uz_json["name"] == "Uzbekistan"
    assert uz_json["official_name"] == "Republic of Uzbekistan"
    assert uz_json["treaty"]["status"] == "not_party"
    assert "signed" not in uz_json["treaty"] and "consent" not in uz_json["treaty"]
    ccw = uz_json["ccw"]
    assert ccw["convention"]["party"] is True and ccw["convention"]["since"] == "1997-09-29"
    assert ccw["protocol_ii"]["party"] is True
    assert ccw["amended_protocol_ii"]["party"] is False
    assert ccw["protocol_v"]["party"] is False
    votes = {v["resolution"]: v["vote"] for v in uz_json["votes"]}
    assert votes["65/48"] == "abstain"
    assert votes["63/42"] == "abstain" and votes["75/52"] == "absent"
    assert uz_json["stockpile"]["types"] == ["OZM-72", "POMZ", "PMN"]
    assert [u["year"] for u in uz_json["use"]] == [1998, 1999, 2000]
    assert [s["id"] for s in uz_json["sources"]] == list(range(1, len(uz_json["sources"]) + 1))


def test_tm_signed_and_ratified() -> None:
    treaty = run("show", "TM", "-f", "json").json()["treaty"]
    assert treaty["status"] == "state_party"
    assert treaty["signed"] == "1997-12-03"
    assert treaty["consent"] == "1998-01-19"
    assert treaty["consent_type"] == "ratification"


def test_every_citation_marker_names_a_source(uz_json: dict[str, Any]) -> None:
    known = {s["id"] for s in uz_json["sources"]}
    for section in uz_json["sections"]:
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", section["text"])}
        assert markers and markers <= known, section["title"]


def test_show_table_for_people() -> None:
    result = run("show", "UZ")
    assert result.code == 0 and result.err == ""
    out = result.out
    assert out.startswith("Uzbekistan (UZ)")
    for text in (
        "Republic of Uzbekistan",
        "Not a State Party",
        "Convention on Conventional Weapons (CCW)",
        "Amended Protocol II (1996)",
        "1997-09-29",
        "OZM-72, POMZ, PMN",
        "Border with Afghanistan",
        "Mine ban policy",
        "Sources",
    ):
        assert text in out, text
    # The abstention on 65/48 is told in the narrative, with its citation marker.
    assert "abstained on General Assembly resolution 65/48" in " ".join(out.split())
    # Every source is listed with its number.
    sources = run("show", "UZ", "-f", "json").json()["sources"]
    for source in sources:
        assert f"[{source['id']}]" in out


def test_show_several_states() -> None:
    both = run("show", "UZ", "TM", "--format", "json").json()
    assert [p["code"] for p in both] == ["UZ", "TM"], "an array, in the order asked"
    jsonl = run("show", "TM", "UZ", "-f", "jsonl").lines
    assert [json.loads(line)["code"] for line in jsonl] == ["TM", "UZ"]
    table = run("show", "UZ", "TM").out
    assert table.index("Uzbekistan (UZ)") < table.index("Turkmenistan (TM)")


def test_show_dash_reads_codes_and_names_from_stdin(small_store: Path) -> None:
    result = run(
        "--store",
        str(small_store),
        "show",
        "-",
        "--format",
        "jsonl",
        input="UZ\n\n  kz  \nTurkmenistan\n",
    )
    assert result.code == 0, result
    assert [json.loads(line)["code"] for line in result.lines] == ["UZ", "KZ", "TM"]
    one = run("show", "-", "--format", "json", input="UZ\n")
    assert isinstance(one.json(), list), "stdin input always gives an array"


# --- naming countries -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uz_table() -> str:
    return run("--store", str(BUNDLED), "show", "UZ").out  # named store: see uz_json


@pytest.mark.parametrize(
    "name",
    [
        "uz",
        "UZB",
        "uzb",
        "Uzbekistan",
        "uzbekistan",
        "UZBEKISTAN",
        "  Uzbekistan ",
        "Republic of Uzbekistan",
        "Uzbek",
        "Uzbékistan",
        "republic-of-uzbekistan",
    ],
)
def test_names_codes_and_alpha3_give_the_same_profile(small_store: Path, name: str) -> None:
    """Names are matched against every profile; the six-state store keeps that fast."""
    result = run("--store", str(small_store), "show", name)
    assert result.code == 0 and result.err == ""
    assert result.out == run("--store", str(small_store), "show", "UZ").out
    assert "Uzbekistan (UZ)" in result.out


def test_names_in_a_real_process() -> None:
    """The same in the bundled store of every state, through `minecli` itself (one process)."""
    result = cli("show", "UZ", "uz", "UZB", "uzbekistan", "--format", "ids")
    assert result.code == 0 and result.lines == ["UZ"] * 4


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["uz", "uzb", "uzbekistan"]).flatmap(
        lambda w: st.tuples(*[st.sampled_from([c.lower(), c.upper()]) for c in w])
    ),
    st.sampled_from(["", " ", "\t", "  "]),
)
def test_any_casing_names_uzbekistan(small_store: Path, letters: tuple[str, ...], pad: str) -> None:
    store = Store(small_store, "--store")
    assert store.resolve_country(pad + "".join(letters) + pad) == "UZ"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30))
def test_any_text_is_a_held_code_or_a_clean_error(small_store: Path, text: str) -> None:
    """Whatever a user types, the answer is a code the store holds or a minecli error."""
    store = Store(small_store, "--store")
    try:
        code = store.resolve_country(text)
    except MinecliError as exc:
        assert "\n" not in str(exc)
    else:
        assert store.has(code)


def test_misspelt_name_suggests_the_right_one() -> None:
    line = assert_error(run("show", "uzbekistn"), 1, "did you mean Uzbekistan?")
    assert line == "Error: unknown country 'uzbekistn'; did you mean Uzbekistan?"


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "UZ/../KZ",
        "./KZ.toml",
        "countries/UZ.toml",
        "UZ.toml",
        "",
    ],
)
def test_paths_are_not_countries(small_store: Path, name: str) -> None:
    result = run("--store", str(small_store), "show", name)
    assert_error(result, 1, "unknown country")


def test_path_traversal_opens_no_file() -> None:
    import sys

    opened: list[str] = []

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str) and "passwd" in args[0]:
            opened.append(args[0])

    sys.addaudithook(hook)  # stays installed, but only this test's calls can match
    assert run("show", "../../etc/passwd").code == 1
    assert opened == []


def test_traversal_in_a_real_process(small_store: Path) -> None:
    result = cli("--store", str(small_store), "show", "../../etc/passwd", entry="script")
    assert_error(result, 1, "unknown country '../../etc/passwd'")


def test_state_not_in_the_store(small_store: Path) -> None:
    """A real country without a profile is 'not found' (exit 1), by code, alpha-3 or name."""
    for name in ("FR", "fr", "France"):
        assert_error(run("--store", str(small_store), "show", name), 1, "no profile for", "FR")
    assert_error(run("--store", str(small_store), "show", "FRA"), 1, "FR")


def test_ambiguous_prefix_names_both(small_store: Path) -> None:
    line = assert_error(run("--store", str(small_store), "show", "K"), 2, "ambiguous")
    assert "KG" in line and "KZ" in line


def test_prefix_of_a_name_is_enough(small_store: Path) -> None:
    assert run("--store", str(small_store), "show", "Kyrg", "-f", "ids").out == "KG\n"


def test_one_bad_name_among_several_prints_nothing(small_store: Path) -> None:
    assert_error(
        run("--store", str(small_store), "show", "UZ", "nowhere", "--format", "json"),
        1,
        "unknown country 'nowhere'",
    )


def test_show_needs_a_country() -> None:
    assert_error(run("show"), 2, "Missing argument")
