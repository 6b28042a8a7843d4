"""Every failure is one `Error:` line (issue 10, part 3), over a corpus of bad inputs: files that
are not what they claim, values the schema does not allow, names that are not exact, and the
process's own streams closed or full. Each case asserts the exit status, a single `Error:` line
on stderr, no traceback, and a store byte-identical to before."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import REPO, copy_store, proc_env, run, sh

UNDL = (
    "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,"
    "title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,"
    "total_ms,undl_link\n"
)


def undl_row(total: str = "1", session: str = "65") -> str:
    return f"1,UZB,UZBEKISTAN,Y,2010-12-08,{session},A/RES/65/48,,,,T,,,,{total},0,0,0,192,u\n"


FILES: dict[str, bytes] = {
    "not-utf8-body": b"code,vote\nUZ,yes\n\xff\xfe,no\n",
    "not-utf8-header": b"co\xffde,vote\nUZ,yes\n",
    "utf16-bom": "code,vote\nUZ,yes\n".encode("utf-16"),
    "binary": bytes(range(256)) * 8,
    "header-over-the-csv-field-limit": ("x" * 200_000 + ",vote\nUZ,yes\n").encode(),
    "a-5-MB-line": ("code,vote\nUZ," + "y" * 5_000_000 + "\n").encode(),
    "50000-bad-rows": ("code,vote\n" + "ZZ,maybe\n" * 50_000).encode(),
    "total-1e400": (UNDL + undl_row("1e400")).encode(),
    "total-inf": (UNDL + undl_row("inf")).encode(),
    "total-nan": (UNDL + undl_row("nan")).encode(),
    "session-superscript": (UNDL + undl_row(session="²")).encode(),
    "json-nested-deep": b'{"symbol": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "json-not-utf8": b'{"symbol": "A/RES/80/35\xff"}',
    "empty": b"",
}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return copy_store(tmp_path / "store")


def snapshot(store: Path) -> dict[str, bytes]:
    return {
        p.relative_to(store).as_posix(): p.read_bytes()
        for p in sorted(store.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def one_error(code: int, err: str, wanted: tuple[int, ...] = (1, 2)) -> str:
    lines = err.splitlines()
    assert code in wanted, (code, err)
    assert "Traceback" not in err, err
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    return lines[0]


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("command", ["import-votes", "import-status"])
def test_a_file_that_is_not_what_it_claims(
    store: Path, tmp_path: Path, name: str, command: str
) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(FILES[name])
    before = snapshot(store)
    extra = ("-r", "65/48") if command == "import-votes" else ("--as-of", "2026-06-01")
    result = run("--store", str(store), command, str(path), *extra)
    one_error(result.code, result.err)
    assert snapshot(store) == before


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
@pytest.mark.parametrize("command", ["import-votes", "import-status"])
def test_a_file_that_is_not_a_plain_file_is_refused_at_once(
    store: Path, tmp_path: Path, special: str, command: str
) -> None:
    if special == "fifo":
        path = tmp_path / "votes.csv"
        os.mkfifo(path)
    elif special == "folder":
        path = tmp_path / "folder.csv"
        path.mkdir()
    else:
        path = Path(special)
    before = snapshot(store)
    extra = "-r 65/48" if command == "import-votes" else "--as-of 2026-06-01"
    result = sh(f'timeout 20 minecli --store "{store}" {command} "{path}" {extra}')
    one_error(result.code, result.err)
    assert snapshot(store) == before


def test_reading_stops_after_200_problems(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(FILES["50000-bad-rows"])
    result = run("--store", str(store), "import-votes", str(path), "-r", "65/48")
    line = one_error(result.code, result.err)
    assert "(reading stopped at 200)" in line and "nothing imported" in line


VALUES = [
    ("stockpile.size", "²"),
    ("stockpile.size", "9" * 5000),
    ("stockpile.size", str(2**64)),
    ("use.1.year", str(2**63)),
    ("treaty.signed", "1997-W49-3"),
    ("treaty.signed", "19971203"),
    ("treaty.signed", "0000-01-01"),
    ("treaty.signed", "1997-12-3"),
    ("updated", "0000"),
    ("updated", "2004-13"),
    ("ccw.protocol_v.since", "1997-02-30"),
]


@pytest.mark.parametrize(("path", "value"), VALUES, ids=[f"{p}={v[:12]}" for p, v in VALUES])
def test_a_value_the_schema_does_not_allow(store: Path, path: str, value: str) -> None:
    before = snapshot(store)
    result = run("--store", str(store), "set", "UZ", path, "--", value)
    line = one_error(result.code, result.err)
    assert path in line
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "name", ["ß", "U\u200bZ", "U\u00a0Z", "uz\n", "Uzbek", "Uzbékistan", "uzb "]
)
def test_a_write_needs_an_exact_code_or_name(store: Path, name: str) -> None:
    before = snapshot(store)
    result = run("--store", str(store), "add-source", name, "--title", "T")
    if name == "uzb ":  # alpha-3, with a typed space around it: exact
        assert result.code == 0, result
        return
    one_error(result.code, result.err)
    assert snapshot(store) == before
    assert run("--store", str(store), "show", "Uzbek", "-f", "ids").out == "UZ\n", (
        "reads may suggest"
    )


def test_an_argument_that_is_not_utf8(store: Path) -> None:
    before = snapshot(store)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "minecli",
            "--store",
            str(store),
            "set",
            "UZ",
            "name",
            b"\xff\xfe".decode("utf-8", "surrogateescape"),
        ],
        capture_output=True,
        env=proc_env(),
        cwd=REPO,
    )
    line = one_error(proc.returncode, proc.stderr.decode(), (2,))
    assert "not valid UTF-8" in line and snapshot(store) == before


# --- the process's own streams ----------------------------------------------------------------


def test_closed_stderr_sends_no_message_to_stdout(store: Path) -> None:
    result = sh(f'minecli --store "{store}" set UZ official_name "Uzbekistan, Republic of" 2>&-')
    assert result.code == 0 and result.out == "", result


def test_closed_stdout_for_a_read_is_an_error(store: Path) -> None:
    result = sh(f'minecli --store "{store}" show UZ -f json >&-')
    one_error(result.code, result.err, (1,))


def test_full_stdout_for_a_read_is_an_error(store: Path) -> None:
    result = sh(f'minecli --store "{store}" show UZ -f json >/dev/full')
    line = one_error(result.code, result.err, (1,))
    assert "No space left on device" in line


def test_a_write_whose_report_is_lost_is_still_a_success(store: Path) -> None:
    result = sh(
        f'minecli --store "{store}" add-source UZ --title "Kept" >/dev/full 2>/dev/full; echo "status $?"'
    )
    assert result.lines == ["status 0"]
    assert "Kept" in (store / "countries" / "UZ.toml").read_text(encoding="utf-8")
    result = sh(
        f'minecli --store "{store}" add-source UZ --title "Kept too" >&- 2>&-; echo "status $?"'
    )
    assert result.lines == ["status 0"]


@pytest.mark.parametrize("args", ["show -", "import-votes - -r 65/48"])
def test_closed_stdin_is_an_error(store: Path, args: str) -> None:
    before = snapshot(store)
    result = sh(f'minecli --store "{store}" {args} <&-')
    line = one_error(result.code, result.err)
    assert "standard input is closed" in line and snapshot(store) == before


def test_check_keeps_its_status_through_a_closed_pipe(store: Path) -> None:
    tj = store / "countries" / "TJ.toml"
    tj.write_text(
        tj.read_text(encoding="utf-8").replace('name = "Tajikistan"', "name = 5"), encoding="utf-8"
    )
    for code in ("AF", "KG", "KZ", "TM", "UZ"):  # plenty of rows, so the pipe closes mid-way
        path = store / "countries" / f"{code}.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("[treaty]\n", '[treaty]\ndoubt = "x"\n'),
            encoding="utf-8",
        )
    result = sh(
        f'minecli --store "{store}" check --format jsonl | head -c 1 >/dev/null; echo "status ${{PIPESTATUS[0]}}"'
    )
    assert result.lines[-1] == "status 1"


# --- the files a write touches keep what they are ----------------------------------------------


def test_a_crlf_profile_stays_crlf_and_a_one_field_edit_is_one_line(store: Path) -> None:
    path = store / "countries" / "UZ.toml"
    lf = path.read_bytes()
    path.write_bytes(lf.replace(b"\n", b"\r\n"))
    assert (
        run("--store", str(store), "set", "UZ", "official_name", "Uzbekistan, Republic of").code
        == 0
    )
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == lf.count(b"\n")
    changed = [a for a, b in zip(after.split(b"\r\n"), lf.split(b"\n"), strict=True) if a != b]
    today = dt.date.today().isoformat().encode()
    assert changed == [b'official_name = "Uzbekistan, Republic of"', b"updated = " + today]


@pytest.mark.parametrize("how", ["set", "import"])
def test_a_symlinked_profile_stays_a_symlink(store: Path, tmp_path: Path, how: str) -> None:
    real = tmp_path / "elsewhere" / "UZ.toml"
    real.parent.mkdir()
    link = store / "countries" / "UZ.toml"
    real.write_bytes(link.read_bytes())
    link.unlink()
    link.symlink_to(real)
    if how == "set":
        result = run("--store", str(store), "set", "UZ", "official_name", "Uzbekistan, Republic of")
    else:
        votes = tmp_path / "votes.csv"
        votes.write_text("code,vote\nUZ,no\nKZ,no\n", encoding="utf-8")
        result = run("--store", str(store), "import-votes", str(votes), "-r", "65/48")
    assert result.code == 0, result
    assert link.is_symlink() and os.readlink(link) == str(real)
    text = real.read_text(encoding="utf-8")
    assert (
        ("Uzbekistan, Republic of" in text)
        if how == "set"
        else ("Roll call of resolution 65/48" in text)
    )


def test_the_lock_path_as_a_folder_is_one_error(store: Path) -> None:
    (store / ".minecli.lock").mkdir()
    before = snapshot(store)
    result = run("--store", str(store), "set", "UZ", "official_name", "X")
    line = one_error(result.code, result.err)
    assert ".minecli.lock" in line and snapshot(store) == before


def test_the_lock_path_as_a_symlink_is_refused_and_its_target_kept(
    store: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (store / ".minecli.lock").symlink_to(victim)
    before = snapshot(store)
    result = run("--store", str(store), "set", "UZ", "official_name", "X")
    line = one_error(result.code, result.err)
    assert "is a symbolic link" in line and snapshot(store) == before
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_read_only_store_is_one_error(store: Path) -> None:
    os.chmod(store / "countries", 0o555)
    try:
        result = run("--store", str(store), "set", "UZ", "official_name", "X")
        line = one_error(result.code, result.err)
        assert "nothing was changed" in line
    finally:
        os.chmod(store / "countries", 0o755)


# --- anything at all ------------------------------------------------------------------------------

HEADERS = [b"", b"code,vote\n", UNDL.encode(), b"iso2,name,status,signed,consent\n", b"[", b"{"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(head=st.sampled_from(HEADERS), body=st.binary(max_size=400))
def test_any_bytes_as_an_import_file(store: Path, tmp_path: Path, head: bytes, body: bytes) -> None:
    """Whatever the bytes, an import ends with success or one Error line, never a traceback, and
    a refused import changes nothing."""
    path = tmp_path / "any.csv"
    path.write_bytes(head + body)
    before = snapshot(store)
    for command, extra in (
        ("import-votes", ("-r", "65/48")),
        ("import-status", ("--as-of", "2026-06-01")),
    ):
        result = run("--store", str(store), command, str(path), *extra)
        assert "Traceback" not in result.err
        if result.code != 0:
            one_error(result.code, result.err)
            assert snapshot(store) == before
        else:
            before = snapshot(store)


def _chattr(flag: str, path: Path) -> bool:
    import shutil as sh_util

    if sh_util.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("what", ["profile", "folder"])
def test_an_immutable_file_or_folder_is_one_error(store: Path, what: str) -> None:
    """chattr +i: not even root may replace the file, or create a file in the folder."""
    target = store / "countries" / ("UZ.toml" if what == "profile" else "")
    if not _chattr("+i", target):
        pytest.skip("chattr +i is not available here")
    try:
        before = snapshot(store)
        result = run("--store", str(store), "set", "UZ", "official_name", "X")
        line = one_error(result.code, result.err, (1,))
        assert "Operation not permitted" in line and "nothing was changed" in line
        assert snapshot(store) == before
        votes = store.parent / "votes.csv"
        votes.write_text("code,vote\nUZ,no\nKZ,no\n", encoding="utf-8")
        result = run("--store", str(store), "import-votes", str(votes), "-r", "65/48")
        one_error(result.code, result.err, (1,))
        assert snapshot(store) == before, "an import is all or nothing here too"
    finally:
        _chattr("-i", target)
