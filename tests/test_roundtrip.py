"""Property tests: every valid profile survives load -> save -> load unchanged, and saving is
deterministic. Generated profiles hold any Unicode text (line breaks, quotes, backslashes, '#'),
full and partial dates, votes, meetings, sources, sections with [n] markers and keys minecli
does not know, at the top level and inside its tables.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minecli import codec, files
from minecli.edits import sources as source_edits
from minecli.model import (
    ATTENDED_AS,
    CCW_INSTRUMENTS,
    CONSENT_TYPES,
    PRODUCTION_STATUSES,
    SOURCE_KINDS,
    STOCKPILE_STATUSES,
    TRANSFER_STATUSES,
    TREATY_STATUSES,
    VOTES,
)
from minecli.schema import (
    CCW_ENTRY,
    MEETING,
    PROFILE,
    PROFILE_PARTS,
    SOURCE,
    STOCKPILE,
    TREATY,
    USE,
    VOTE,
    validate_profile,
)
from minecli.writer import first_comment_line

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any text at all, "\r\n" and other control characters included.
texts = st.text(max_size=16)
tricky = st.sampled_from(
    ['"', "'", '"""', "'''", "\\", "#", "\n", "\t", "[1]", "é", "\u2028", "\x7f", '""""']
)
rich_texts = st.lists(st.one_of(texts, tricky), max_size=4).map("".join)

full_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
partial_dates = st.one_of(
    st.integers(1900, 2100).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(1900, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
)
any_dates = st.one_of(full_dates, partial_dates)
source_ids = st.lists(st.integers(1, 60), max_size=3)

KNOWN = set(PROFILE) | set(PROFILE_PARTS)


def unknown_keys(known: dict | set) -> st.SearchStrategy[str]:
    return st.text(max_size=12).filter(lambda k: k not in known)


scalars = st.one_of(
    rich_texts,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=True),
    full_dates,
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
)
unknown_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=3,
)


def with_unknowns(base: st.SearchStrategy[dict], spec: dict) -> st.SearchStrategy[dict]:
    """A table from base, plus up to two keys the spec does not have."""
    extra = st.dictionaries(unknown_keys(spec), unknown_values, max_size=2)
    return st.builds(lambda b, e: {**e, **b}, base, extra)


def optional(**fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """A dict with any subset of these fields."""
    return st.fixed_dictionaries({}, optional=fields)


treaties = with_unknowns(
    st.builds(
        lambda status, rest: {"status": status, **rest},
        st.sampled_from(TREATY_STATUSES),
        optional(
            signed=full_dates,
            consent=full_dates,
            consent_type=st.sampled_from(CONSENT_TYPES),
            entry_into_force=full_dates,
            withdrawal_notified=full_dates,
            withdrawal_effective=full_dates,
            as_of=full_dates,
            note=rich_texts,
            doubt=rich_texts,
            sources=source_ids,
        ),
    ),
    TREATY,
)
ccw_entries = with_unknowns(
    st.builds(
        lambda party, rest: {"party": party, **rest},
        st.one_of(st.booleans(), st.just("unknown")),
        optional(since=full_dates, note=rich_texts, doubt=rich_texts, sources=source_ids),
    ),
    CCW_ENTRY,
)
ccws = st.dictionaries(st.sampled_from(CCW_INSTRUMENTS), ccw_entries, max_size=4)
resolutions = st.builds(
    "{}/{}{}".format,
    st.integers(10, 999),
    st.integers(1, 999),
    st.sampled_from(["", "A", "S", "AB"]),
)
votes = st.lists(
    with_unknowns(
        st.builds(
            lambda r, v, rest: {"resolution": r, "vote": v, **rest},
            resolutions,
            st.sampled_from(VOTES),
            optional(note=rich_texts, sources=source_ids),
        ),
        VOTE,
    ),
    max_size=4,
)
meetings = st.lists(
    with_unknowns(
        st.builds(
            lambda m, a, rest: {"meeting": m, "attended": a, **rest},
            st.sampled_from(["1MSP", "10MSP", "IM2004-02", "2RC", "x_1"]),
            st.booleans(),
            optional(**{"as": st.sampled_from(ATTENDED_AS)}, note=rich_texts, sources=source_ids),
        ),
        MEETING,
    ),
    max_size=3,
)


def status_table(statuses, spec, **more):
    return with_unknowns(
        st.builds(
            lambda s, rest: {"status": s, **rest},
            st.sampled_from(statuses),
            optional(summary=rich_texts, sources=source_ids, **more),
        ),
        spec,
    )


uses = st.lists(
    with_unknowns(
        st.builds(
            lambda when, where, rest: {**when, "where": where, **rest},
            st.one_of(
                st.fixed_dictionaries({"year": st.integers(1900, 2100)}),
                st.fixed_dictionaries({"date": any_dates}),
            ),
            rich_texts,
            optional(summary=rich_texts, sources=source_ids),
        ),
        USE,
    ),
    max_size=3,
)
marker = st.integers(1, 60).map(lambda n: f"[{n}]")
sections = st.lists(
    st.fixed_dictionaries(
        {
            "title": rich_texts,
            "text": st.lists(st.one_of(rich_texts, marker), max_size=6)
            .map("".join)
            .filter(lambda s: "\r\n" not in s),
        }
    ),
    max_size=3,
)


SOURCE_FIELDS = optional(
    author=rich_texts,
    date=any_dates,
    kind=st.sampled_from(SOURCE_KINDS),
    url=rich_texts,
    note=rich_texts,
)
SOURCE_EXTRA = st.dictionaries(unknown_keys(SOURCE), unknown_values, max_size=1)


@st.composite
def source_lists(draw) -> list[dict]:
    ids = draw(st.lists(st.integers(1, 60), unique=True, max_size=5))
    out = []
    for i in ids:
        base = {"id": i, "title": draw(rich_texts), **draw(SOURCE_FIELDS)}
        out.append({**draw(SOURCE_EXTRA), **base})
    return out


TOP_FIELDS = optional(official_name=rich_texts, updated=any_dates)
TOP_EXTRA = st.dictionaries(unknown_keys(KNOWN), unknown_values, max_size=2)
PARTS = optional(
    un_membership=st.builds(
        lambda d, rest: {"admitted": d, **rest},
        full_dates,
        optional(note=rich_texts, sources=source_ids),
    ),
    treaty=treaties,
    ccw=ccws,
    votes=votes,
    meetings=meetings,
    production=status_table(PRODUCTION_STATUSES, PROFILE_PARTS["production"][1]),
    transfer=status_table(TRANSFER_STATUSES, PROFILE_PARTS["transfer"][1]),
    stockpile=status_table(
        STOCKPILE_STATUSES,
        STOCKPILE,
        types=st.lists(rich_texts, max_size=3),
        holders=st.lists(rich_texts, max_size=2),
        size=st.integers(0, 10**9),
        origin=rich_texts,
    ),
    use=uses,
    sections=sections,
    sources=source_lists(),
)
CODES = st.text(string.ascii_uppercase, min_size=2, max_size=2)


@st.composite
def profiles(draw) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema": 1, "code": draw(CODES), "name": draw(rich_texts)}
    doc.update(draw(TOP_FIELDS))
    doc.update(draw(TOP_EXTRA))
    doc.update(draw(PARTS))
    order = draw(st.permutations(list(doc)))  # any key order on the way in
    return {k: doc[k] for k in order}


# --- the properties -----------------------------------------------------------------------------


@SETTINGS
@given(profiles())
def test_load_save_load_is_the_identity_and_saving_is_deterministic(p: dict) -> None:
    # the generator makes valid profiles...
    assert validate_profile(p, p["code"]) == []
    # ...which come back unchanged from their TOML
    text = codec.dump_profile(p)
    assert files.parse(text, "x") == p
    # saving is deterministic, and a saved file saves again byte for byte
    assert codec.dump_profile(p) == text
    assert codec.dump_profile(files.parse(text, "x")) == text
    # known keys may come in any order; unknown ones keep the order they came in
    unknown = {k: v for k, v in p.items() if k not in KNOWN}
    shuffled = {**unknown, **{k: p[k] for k in reversed(list(p)) if k in KNOWN}}
    assert codec.dump_profile(shuffled) == text
    # minecli's own output never trips the comment guard, so it can always be written again
    assert first_comment_line(text) is None


@settings(SETTINGS, max_examples=100)
@given(profiles(), rich_texts.filter(bool), st.one_of(st.none(), any_dates))
def test_adding_a_source_keeps_everything_else(p: dict, title: str, date) -> None:
    before = files.parse(codec.dump_profile(p), "x")
    new_id = source_edits.add_source(p, {"title": title, "date": date})
    assert validate_profile(p, p["code"]) == []
    after = files.parse(codec.dump_profile(p), "x")
    added = after["sources"][-1]
    assert added["id"] == new_id and added["title"] == title
    assert new_id > max((s["id"] for s in before.get("sources", [])), default=0)
    after["sources"].pop()
    if not after["sources"] and "sources" not in before:
        del after["sources"]
    assert after == before


# --- known failures, pinned down ------------------------------------------------------------------


def test_a_crlf_survives_the_round_trip() -> None:
    p = {
        "schema": 1,
        "code": "XA",
        "name": "Testland",
        "treaty": {"status": "not_party", "note": "first line\r\nsecond line"},
    }
    assert files.parse(codec.dump_profile(p), "x") == p


@pytest.mark.parametrize("key", ["0\n", "a\n", "x\r", "-\n"])
def test_a_key_ending_in_a_line_break_is_quoted(key: str) -> None:
    """Found by hypothesis: a pattern ending in $ took "0\n" for a bare key."""
    p = {"schema": 1, "code": "XA", "name": "T", "stockpile": {"status": "holds", key: []}, key: 1}
    assert files.parse(codec.dump_profile(p), "x") == p


@pytest.mark.parametrize("quote", ['"', "'"])
def test_the_comment_guard_sees_a_comment_after_a_string_ending_in_a_quote(quote: str) -> None:
    q3 = quote * 3
    text = f"schema = 1\ntext = {q3}\nHe said {quote}no{quote}{q3}\n# a comment\n"
    import tomllib

    assert tomllib.loads(text)["text"].endswith(quote)  # valid TOML
    assert first_comment_line(text) == 4
