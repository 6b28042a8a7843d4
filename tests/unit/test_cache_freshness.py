"""minecli.cache as plain functions: a cache is only ever a faster way to the files' truth."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from minecli import cache
from minecli.errors import InvalidData
from minecli.index import Index

SECOND = 1_000_000_000


def profile_text(code: str, name: str) -> str:
    return f'schema = 1\ncode = "{code}"\nname = "{name}"\n'


def backdate(path: Path, seconds: float = 60) -> None:
    """Give a file an mtime long enough ago that a cache written now may trust it."""
    ns = time.time_ns() - int(seconds * SECOND)
    os.utime(path, ns=(ns, ns))


def write(path: Path, text: str, *, settled: bool = True) -> None:
    path.write_text(text, encoding="utf-8")
    if settled:
        backdate(path)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A three-profile store folder, with its cache in tmp_path and the cache switched on."""
    monkeypatch.setenv("MINECLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MINECLI_NO_CACHE", raising=False)
    countries = tmp_path / "store" / "countries"
    countries.mkdir(parents=True)
    for code, name in (("XA", "Aland"), ("XB", "Bland"), ("XC", "Cland")):
        write(countries / f"{code}.toml", profile_text(code, name))
    return tmp_path / "store"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The codes minecli.cache parses from here on, in order."""
    calls: list[str] = []
    real = cache.parse_file

    def counting(path: Path, code: str):
        calls.append(code)
        return real(path, code)

    monkeypatch.setattr(cache, "parse_file", counting)
    return calls


def index(store: Path, **options) -> Index:
    return Index(store / "countries", use_cache=options.pop("use_cache", True), **options)


def names(idx: Index) -> list[str]:
    return [p["name"] if isinstance(p, dict) else str(p) for p in idx.profiles()]


# --- brief_of and the racy rule ---------------------------------------------------------------


def test_brief_of_keeps_what_list_and_roll_calls_use_and_nothing_more() -> None:
    doc = {
        "schema": 1,
        "code": "XA",
        "name": "Aland",
        "official_name": "Republic of Aland",
        "treaty": {"status": "signatory", "signed": "kept", "note": "dropped", "sources": [1]},
        "ccw": {"convention": {"party": "unknown", "since": "dropped"}, "protocol_v": {"party": 1}},
        "votes": [
            {"resolution": "65/48", "vote": "yes", "note": "Explained", "sources": [1]},
            {"resolution": "66/29", "vote": "no", "doubt": "dropped"},
        ],
        "sources": [{"id": 1, "title": "dropped"}],
    }
    assert cache.brief_of(doc) == {
        "code": "XA",
        "name": "Aland",
        "official_name": "Republic of Aland",
        "treaty": {"status": "signatory", "signed": "kept"},
        "ccw": {"convention": {"party": "unknown"}},
        "votes": [
            {"resolution": "65/48", "vote": "yes", "note": "Explained"},
            {"resolution": "66/29", "vote": "no"},
        ],
    }


def test_brief_of_a_bare_profile() -> None:
    assert cache.brief_of({"code": "XA", "name": "Aland"}) == {
        "code": "XA",
        "name": "Aland",
        "treaty": {},
    }


def test_settled_needs_the_same_signature_and_two_quiet_seconds_before_the_entry() -> None:
    mtime = 100 * SECOND
    held = (42, mtime, 7)
    long_after = mtime + cache.RACY_NS + 1
    assert cache.settled(held, (42, mtime, 7), long_after)
    # written less than two seconds after the file's mtime: never trusted, however it looks
    assert not cache.settled(held, (42, mtime, 7), mtime + cache.RACY_NS)
    assert not cache.settled(held, (42, mtime, 7), mtime + SECOND)
    assert not cache.settled(held, (42, mtime, 7), mtime)
    # any part of the signature changed
    assert not cache.settled(held, (43, mtime, 7), long_after)
    assert not cache.settled(held, (42, mtime + 1, 7), long_after)
    assert not cache.settled(held, (42, mtime, 8), long_after)


# --- Index ------------------------------------------------------------------------------------


def test_a_second_index_parses_nothing(store: Path, parsed: list[str]) -> None:
    first = index(store)
    assert sorted(parsed) == ["XA", "XB", "XC"]
    assert names(first) == ["Aland", "Bland", "Cland"]
    parsed.clear()
    second = index(store)
    assert second.codes() == ["XA", "XB", "XC"]
    assert names(second) == ["Aland", "Bland", "Cland"]
    assert [b["code"] for b in second.briefs()] == ["XA", "XB", "XC"]
    assert parsed == []


def test_files_changed_just_before_the_cache_was_written_are_parsed_again(
    store: Path, parsed: list[str]
) -> None:
    write(store / "countries" / "XB.toml", profile_text("XB", "Bland"), settled=False)
    index(store)
    parsed.clear()
    index(store)
    assert parsed == ["XB"]  # its mtime may not have moved on a later edit: never trusted


def test_an_edited_file_is_parsed_again_and_only_it(store: Path, parsed: list[str]) -> None:
    index(store)
    parsed.clear()
    # a different size, with the old mtime kept: the size alone gives the edit away
    write(store / "countries" / "XB.toml", profile_text("XB", "Bland Republic"))
    idx = index(store)
    assert parsed == ["XB"]
    assert names(idx) == ["Aland", "Bland Republic", "Cland"]
    parsed.clear()
    assert names(index(store)) == ["Aland", "Bland Republic", "Cland"]
    assert parsed == []


def test_a_deleted_file_disappears(store: Path, parsed: list[str]) -> None:
    index(store)
    (store / "countries" / "XC.toml").unlink()
    parsed.clear()
    idx = index(store)
    assert idx.codes() == ["XA", "XB"]
    assert names(idx) == ["Aland", "Bland"]
    assert parsed == []
    assert isinstance(next(idx.profiles(["XC"])), InvalidData)


def test_a_new_file_appears(store: Path, parsed: list[str]) -> None:
    index(store)
    parsed.clear()
    write(store / "countries" / "XD.toml", profile_text("XD", "Dland"))
    (store / "countries" / "notes.toml").write_text("not a profile", encoding="utf-8")
    idx = index(store)
    assert parsed == ["XD"]
    assert idx.codes() == ["XA", "XB", "XC", "XD"]


def test_a_broken_file_yields_invalid_data_and_spoils_no_other(
    store: Path, parsed: list[str]
) -> None:
    write(store / "countries" / "XB.toml", 'schema = 1\ncode = "XB"\nname = = "Bland"\n')
    first = list(index(store).profiles())
    assert isinstance(first[1], InvalidData)
    assert str(first[1]).startswith("countries/XB.toml:3:8: invalid TOML")
    assert [p["name"] for p in (first[0], first[2])] == ["Aland", "Cland"]
    # the error is kept in the cache like a profile: reported again without parsing
    parsed.clear()
    again = index(store)
    assert [type(p).__name__ for p in again.profiles()] == ["dict", "InvalidData", "dict"]
    assert str(list(again.briefs())[1]).startswith("countries/XB.toml:3:8")
    assert parsed == []


def test_a_file_that_breaks_the_schema_is_invalid_data(store: Path) -> None:
    write(store / "countries" / "XC.toml", profile_text("XA", "Cland"))  # the wrong code
    bad = list(index(store).profiles())[2]
    assert isinstance(bad, InvalidData)
    assert "countries/XC.toml:2:1: code: 'XA' does not match" in str(bad)


def test_a_fixed_file_is_read_again(store: Path) -> None:
    path = store / "countries" / "XB.toml"
    write(path, "garbage = = =\n")
    assert isinstance(list(index(store).profiles())[1], InvalidData)
    write(path, profile_text("XB", "Bland again"))
    assert names(index(store))[1] == "Bland again"


def test_without_the_cache_every_index_parses_and_writes_nothing(
    store: Path, parsed: list[str], tmp_path: Path
) -> None:
    index(store, use_cache=False)
    index(store, use_cache=False)
    assert len(parsed) == 6
    assert not (tmp_path / "cache").exists()


def test_progress_hears_done_and_total_after_each_batch(store: Path) -> None:
    for i in range(7):
        code = f"Y{chr(ord('A') + i)}"
        write(store / "countries" / f"{code}.toml", profile_text(code, f"Land {i}"))
    heard: list[tuple[int, int]] = []
    index(store, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(cache.BATCH, 10), (10, 10)]
    heard.clear()
    index(store, progress=lambda done, total: heard.append((done, total)))
    assert heard == []  # nothing to parse, nothing to report


def test_progress_on_a_few_stale_files(store: Path) -> None:
    index(store)
    write(store / "countries" / "XA.toml", profile_text("XA", "Aland, edited"))
    heard: list[tuple[int, int]] = []
    index(store, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(1, 1)]


# --- cached_file ------------------------------------------------------------------------------


def loader(calls: list[str]):
    def load(path: Path, label: str) -> str:
        calls.append(label)
        return path.read_text(encoding="utf-8")

    return load


def test_cached_file_loads_once_while_the_file_stays_the_same(store: Path) -> None:
    calls: list[str] = []
    write(store / "resolutions.toml", "first\n")
    assert cache.cached_file(store, "resolutions.toml", loader(calls)) == "first\n"
    assert cache.cached_file(store, "resolutions.toml", loader(calls)) == "first\n"
    assert calls == ["resolutions.toml"]


def test_cached_file_gives_a_fresh_value_after_the_file_changes(store: Path) -> None:
    calls: list[str] = []
    path = store / "countries" / "XA.toml"
    label = "countries/XA.toml"
    assert cache.cached_file(store, label, loader(calls)) == profile_text("XA", "Aland")
    write(path, profile_text("XA", "Aland, edited"))
    assert cache.cached_file(store, label, loader(calls)) == profile_text("XA", "Aland, edited")
    assert calls == [label, label]


def test_cached_file_never_trusts_a_racy_file(store: Path) -> None:
    calls: list[str] = []
    write(store / "meetings.toml", "now\n", settled=False)
    cache.cached_file(store, "meetings.toml", loader(calls))
    cache.cached_file(store, "meetings.toml", loader(calls))
    assert len(calls) == 2


def test_cached_file_keeps_no_failure(store: Path) -> None:
    write(store / "meetings.toml", "x\n")
    calls: list[str] = []

    def failing(path: Path, label: str) -> str:
        calls.append(label)
        raise InvalidData("broken", file=label)

    for _ in range(2):
        with pytest.raises(InvalidData):
            cache.cached_file(store, "meetings.toml", failing)
    assert len(calls) == 2


def test_cached_file_values_are_copies(store: Path) -> None:
    write(store / "resolutions.toml", "x\n")

    def load(path: Path, label: str) -> dict:
        return {"items": [1]}

    cache.cached_file(store, "resolutions.toml", load)
    served = cache.cached_file(store, "resolutions.toml", load)
    served["items"].append(2)
    assert cache.cached_file(store, "resolutions.toml", load) == {"items": [1]}


def test_cached_file_with_the_cache_off_always_loads(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINECLI_NO_CACHE", "1")
    calls: list[str] = []
    write(store / "resolutions.toml", "x\n")
    for _ in range(2):
        cache.cached_file(store, "resolutions.toml", loader(calls))
    assert len(calls) == 2
