"""minecli.edits.merge: reference facts merged into records a person also wrote, on small dicts."""

from __future__ import annotations

import copy
import datetime as dt

from minecli.edits.merge import (
    keep_extra,
    merge_meetings,
    merge_records,
    merge_sources,
    merge_votes,
    union,
)

# --- union ---------------------------------------------------------------------------------------


def test_union_keeps_the_first_place_of_each_id() -> None:
    assert union([3, 1], [1, 2, 3], (4,)) == [3, 1, 2, 4]


def test_union_of_nothing_is_empty() -> None:
    assert union() == [] and union([], []) == []


def test_union_drops_repeats_within_one_list() -> None:
    assert union([2, 2, 1]) == [2, 1]


# --- merge_sources -------------------------------------------------------------------------------


def test_new_reference_sources_get_the_next_ids_after_the_highest() -> None:
    profile = {"sources": [{"id": 1, "title": "Hand"}, {"id": 7, "title": "Also hand"}]}
    ids = merge_sources(profile, [{"ref": "a", "title": "A"}, {"ref": "b", "title": "B"}])
    assert ids == {"a": 8, "b": 9}
    assert profile["sources"][2:] == [
        {"id": 8, "title": "A", "ref": "a"},
        {"id": 9, "title": "B", "ref": "b"},
    ]


def test_a_known_ref_keeps_its_id_and_takes_the_new_fields() -> None:
    when = dt.date(2026, 2, 3)
    profile = {
        "sources": [
            {"id": 4, "title": "Old", "note": "stale", "url": "https://x", "ref": "a"},
            {"id": 5, "title": "Hand"},
        ]
    }
    ids = merge_sources(profile, [{"ref": "a", "title": "New", "date": when}])
    assert ids == {"a": 4}
    assert profile["sources"] == [
        {"id": 4, "title": "New", "ref": "a", "date": when},
        {"id": 5, "title": "Hand"},
    ], "fields the reference no longer gives are removed; a person's source is untouched"


def test_a_reference_source_no_longer_wanted_stays() -> None:
    profile = {"sources": [{"id": 1, "title": "Gone", "ref": "old"}]}
    assert merge_sources(profile, [{"ref": "a", "title": "A"}]) == {"a": 2}
    assert [s["id"] for s in profile["sources"]] == [1, 2]


def test_merge_sources_starts_a_profile_without_sources_at_one() -> None:
    profile: dict = {}
    assert merge_sources(profile, [{"ref": "a", "title": "A"}]) == {"a": 1}
    assert profile == {"sources": [{"id": 1, "title": "A", "ref": "a"}]}


def test_merging_the_same_sources_twice_changes_nothing() -> None:
    profile = {"sources": [{"id": 2, "title": "Hand"}]}
    wanted = [{"ref": "a", "title": "A", "kind": "record"}]
    merge_sources(profile, wanted)
    once = copy.deepcopy(profile)
    assert merge_sources(profile, wanted) == {"a": 3}
    assert profile == once


# --- keep_extra ----------------------------------------------------------------------------------


def test_keep_extra_takes_built_owned_keys_and_the_persons_other_keys() -> None:
    prior = {"status": "old", "note": "mine", "doubt": "my doubt", "sources": [9, 1]}
    built = {"status": "new", "doubt": "built doubt", "sources": [1]}
    out = keep_extra(prior, built, ("status",))
    assert out == {"status": "new", "doubt": "my doubt", "note": "mine", "sources": [1, 9]}
    assert built == {"status": "new", "doubt": "built doubt", "sources": [1]}, "inputs unchanged"
    assert prior["sources"] == [9, 1]


def test_keep_extra_drops_an_owned_key_the_build_no_longer_gives() -> None:
    out = keep_extra(
        {"party": True, "since": dt.date(2000, 1, 1)}, {"party": False}, {"party", "since"}
    )
    assert out == {"party": False}


def test_keep_extra_adds_no_sources_when_neither_side_has_them() -> None:
    assert keep_extra({}, {"a": 1}, ()) == {"a": 1}
    assert keep_extra({"sources": [2]}, {"a": 1}, ()) == {"a": 1, "sources": [2]}


# --- merge_votes ---------------------------------------------------------------------------------


def test_a_built_vote_replaces_the_old_one_and_keeps_what_a_person_added() -> None:
    old = [{"resolution": "65/48", "vote": "yes", "note": "mine", "why": "x", "sources": [8, 6]}]
    built = [{"resolution": "65/48", "vote": "abstain", "sources": [6]}]
    assert merge_votes(old, built, {"65/48"}, ["65/48"]) == [
        {"resolution": "65/48", "vote": "abstain", "sources": [6, 8], "why": "x", "note": "mine"}
    ]


def test_a_built_note_wins_over_a_persons_note() -> None:
    old = [{"resolution": "51/45S", "vote": "yes", "note": "mine", "sources": [1]}]
    built = [{"resolution": "51/45S", "vote": "yes", "note": "built", "sources": [1]}]
    [vote] = merge_votes(old, built, {"51/45S"}, ["51/45S"])
    assert vote["note"] == "built"


def test_votes_outside_the_owned_resolutions_are_kept_and_ordered() -> None:
    old = [
        {"resolution": "80/45", "vote": "no"},
        {"resolution": "66/29", "vote": "yes", "sources": [1]},
        {"resolution": "99/1", "vote": "yes"},
        {"resolution": "60/80", "vote": "yes"},
    ]
    built = [{"resolution": "66/29", "vote": "abstain", "sources": [1]}]
    merged = merge_votes(old, built, {"66/29", "60/80"}, ["60/80", "66/29", "80/45"])
    assert [(v["resolution"], v["vote"]) for v in merged] == [
        ("66/29", "abstain"),
        ("80/45", "no"),
        ("99/1", "yes"),
    ], "60/80 is owned but not built: dropped; 99/1 has no place in the order: last"


def test_merge_votes_leaves_its_inputs_alone() -> None:
    old = [{"resolution": "65/48", "vote": "yes", "note": "mine", "sources": [8]}]
    built = [{"resolution": "65/48", "vote": "no", "sources": [6]}]
    saved = copy.deepcopy((old, built))
    merge_votes(old, built, {"65/48"}, ["65/48"])
    assert (old, built) == saved


# --- merge_meetings ------------------------------------------------------------------------------

ORDER = ["1MSP", "2MSP", "10MSP", "14MSP"]


def observer(meeting: str, source: int) -> dict:
    return {"meeting": meeting, "attended": True, "as": "observer", "sources": [source]}


def test_a_built_meeting_keeps_a_persons_note_and_own_sources() -> None:
    old = [{**observer("14MSP", 7), "as": "delegate", "note": "mine", "sources": [7, 3]}]
    merged = merge_meetings(old, [observer("14MSP", 7)], {7}, ORDER)
    assert merged == [{**observer("14MSP", 7), "note": "mine", "sources": [7, 3]}]


def test_a_stale_generated_source_is_no_longer_cited() -> None:
    old = [{**observer("2MSP", 5), "note": "mine"}]
    merged = merge_meetings(old, [observer("2MSP", 6)], {5, 6}, ORDER)
    assert merged == [{**observer("2MSP", 6), "note": "mine"}]


def test_a_meeting_an_earlier_build_made_goes_when_its_row_is_gone() -> None:
    old = [observer("1MSP", 5), observer("2MSP", 6)]
    assert merge_meetings(old, [observer("2MSP", 6)], {5, 6}, ORDER) == [observer("2MSP", 6)]


def test_meetings_a_person_wrote_stay_in_order() -> None:
    hand = {"meeting": "10MSP", "attended": False, "sources": [3]}
    noted = {**observer("1MSP", 5), "note": "seen in the list"}  # a person's key: not the build's
    merged = merge_meetings([hand, noted], [observer("14MSP", 6)], {5, 6}, ORDER)
    assert merged == [noted, hand, observer("14MSP", 6)]


def test_merge_meetings_of_nothing_is_empty() -> None:
    assert merge_meetings([], [], set(), ORDER) == []


# --- merge_records -------------------------------------------------------------------------------


def test_built_records_take_keys_a_person_added_and_a_persons_records_stay() -> None:
    old = [
        {"number": "65/48", "title": "old title", "announced": {"yes": 165}},
        {"number": "80/45", "title": "by hand"},
    ]
    built = [{"number": "65/48", "title": "built title"}, {"number": "66/29", "title": "t"}]
    assert merge_records(old, built, "number") == [
        {"number": "65/48", "title": "built title", "announced": {"yes": 165}},
        {"number": "66/29", "title": "t"},
        {"number": "80/45", "title": "by hand"},
    ]
    assert built[0] == {"number": "65/48", "title": "built title"}, "inputs unchanged"


def test_merge_records_without_fill_takes_the_built_record_as_it_is() -> None:
    old = [{"id": "10MSP", "place": "Geneva", "extra": "x"}, {"id": "IM2011", "start": "2011-06"}]
    built = [{"id": "10MSP", "place": "Geneva (Palais)"}]
    assert merge_records(old, built, "id", fill=False) == [
        {"id": "10MSP", "place": "Geneva (Palais)"},
        {"id": "IM2011", "start": "2011-06"},
    ]
