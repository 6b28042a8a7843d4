"""The fast path: a read command asked again of an unchanged store is answered without Typer.

A read command's answer (stdout, stderr, exit status) depends on its arguments, a few
environment variables, the day, minecli's own code and the store's files, and nothing else.
When the Typer path answers one, the answer is kept in the user cache folder with a snapshot
of the store (size, mtime, inode, ctime and mode of every file and folder minecli reads); when
the same question comes again and every part of it is as it was, the kept answer is printed
as it is, byte for byte.

What counts as "a read command the fast path understands" comes from minecli/argtable.py,
generated from the Typer declarations (tools/argtable.py): an option it does not know, a value
outside its choices, ``-`` (stdin), ``--help``, a terminal on stdout or the completion
variables all go to the Typer path, as does anything that was not a success there. This module
imports only what the interpreter has loaded at start-up.
"""

from __future__ import annotations

import os
import sys
import time
import zlib

from minecli import __version__, argtable, dirs

RACY_NS = 2_000_000_000  # a file changed this close before an answer was kept is re-read
KEEP = 400  # answers kept per cache folder; the oldest half goes when there are more
MAGIC = b"minecli-answer 1"
# What else an answer depends on, besides the arguments and the store.
ENVIRONMENT = (
    "MINECLI_STORE",
    "MINECLI_CACHE_DIR",
    "MINECLI_DEBUG",
    "MINECLI_PAGER",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "TERM",
    "HOME",
    "XDG_DATA_HOME",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
)
PACKAGE = dirs.PACKAGE


def understood(argv: list[str]) -> tuple[str, str | None] | None:
    """(command, the --store value or None) if every argument is one the table explains;
    None sends the run to the Typer path."""
    store: str | None = None
    command: str | None = None
    options = argtable.ROOT
    positional = 0
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "-" or arg == "--" or not is_utf8(arg):
            return None  # stdin, the end of options, or bytes that are not UTF-8
        if not arg.startswith("-"):
            if command is None:
                if arg not in argtable.COMMANDS:
                    return None
                command = arg
                options = {**argtable.ROOT, **argtable.COMMANDS[arg]["options"]}
                continue
            positional += 1
            continue
        name, has_value, value = arg.partition("=")
        spec = options.get(name)
        if spec is None:
            return None  # unknown here (--help, -h, --version, a misspelling, -fjson)
        takes_value, _, choices = spec
        if takes_value and not has_value:
            if i >= len(argv):
                return None
            value = argv[i]
            i += 1
        elif has_value and not takes_value:
            return None
        if takes_value and (value.startswith("-") or not is_utf8(value)):
            return None
        if choices is not None and value not in choices:
            return None
        if name == "--store":
            store = value
    if command is None or not _arity(command, positional):
        return None
    return command, store


def is_utf8(text: str) -> bool:
    """Whether an argument came as UTF-8 (others arrive with surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _arity(command: str, count: int) -> bool:
    arguments = argtable.COMMANDS[command]["arguments"]
    if not arguments:
        return count == 0
    _, nargs, required = arguments[0]
    if nargs == -1:
        return count >= 1 or not required
    return count == nargs


def store_root(option: str | None) -> str:
    """The folder of the store a run uses, as minecli.store.find_store chooses it."""
    return dirs.locate_store(option)[0]


def snapshot(root: str) -> tuple[bytes, int]:
    """Every file and folder of the store minecli reads, as lines of their signatures, and
    the newest mtime among them."""
    lines: list[str] = []
    newest = 0
    for folder, prefix in ((root, ""), (os.path.join(root, "countries"), "countries/")):
        try:
            top = os.stat(folder)
            entries = list(os.scandir(folder))
        except OSError:
            lines.append(f"{prefix}.\tmissing")
            continue
        lines.append(f"{prefix}.\t{_signature(top)}")
        newest = max(newest, top.st_mtime_ns)
        for entry in entries:
            if prefix == "" and entry.name == "countries":
                continue
            try:
                info = entry.stat(follow_symlinks=True)
            except OSError:
                lines.append(f"{prefix}{entry.name}\tunreadable")
                continue
            lines.append(f"{prefix}{entry.name}\t{_signature(info)}")
            newest = max(newest, info.st_mtime_ns)
    lines.sort()
    return "\n".join(lines).encode("utf-8", "surrogateescape"), newest


def _signature(info: os.stat_result) -> str:
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_ctime_ns} {info.st_mode}"


def code_stamp() -> str:
    """minecli's own files, so that another version or an edited checkout never sees an
    answer of the code before it."""
    parts = [__version__]
    stack = [PACKAGE]
    while stack:
        folder = stack.pop()
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_dir():
                if entry.name not in ("__pycache__", "_bundled"):
                    stack.append(entry.path)
            elif entry.name.endswith((".py", ".csv")):  # the code and the tables it ships
                info = entry.stat()
                parts.append(f"{entry.path} {info.st_size} {info.st_mtime_ns}")
    return f"{zlib.crc32(chr(10).join(parts).encode('utf-8', 'surrogateescape')):08x}"


def question(argv: list[str], root: str) -> bytes:
    """Everything an answer depends on, but the store's files."""
    parts = [
        code_stamp(),
        sys.executable,
        os.getcwd(),
        root,
        time.strftime("%Y-%m-%d"),
        f"{sys.stdout.isatty()}{sys.stderr.isatty()}",
        f"{sys.stdout.encoding}{sys.stderr.encoding}",
        *(f"{name}={os.environ.get(name)}" for name in ENVIRONMENT),
        *argv,
    ]
    return "\x00".join(parts).encode("utf-8", "surrogateescape")


def answers_dir() -> str | None:
    """The folder of kept answers, made private if need be; None when it is not ours alone
    (another user could then write the answers we print)."""
    base = os.environ.get("MINECLI_CACHE_DIR") or dirs.user_dir("cache")
    folder = os.path.join(base, "answers")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None
    if os.name == "posix" and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
        return None
    return folder


def answer_path(folder: str, asked: bytes) -> str:
    return os.path.join(folder, f"{zlib.crc32(asked):08x}{zlib.adler32(asked):08x}")


def enabled() -> bool:
    """Whether this run may take the fast path at all."""
    env = os.environ
    if env.get("MINECLI_NO_CACHE", "") not in ("", "0") or env.get("MINECLI_NO_FAST"):
        return False
    if "_MINECLI_COMPLETE" in env:
        return False
    try:
        sys.stderr.isatty()  # raises for a stream closed or missing: guard_streams's part
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def replay(path: str, asked: bytes, root: str) -> int | None:
    """The exit status after printing the kept answer, or None if there is none to trust."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    kept = _parse(data)
    if kept is None or kept[0] != asked:
        return None
    _, recorded_ns, status, snap, out, err = kept
    now, newest = snapshot(root)
    if now != snap or newest >= recorded_ns - RACY_NS:
        return None
    _write(sys.stdout, out)
    _write(sys.stderr, err)
    return status


def _parse(data: bytes) -> tuple[bytes, int, int, bytes, bytes, bytes] | None:
    head, newline, body = data.partition(b"\n")
    fields = head.split(b" ")
    if not newline or len(fields) != 8 or b" ".join(fields[:2]) != MAGIC:
        return None
    try:
        recorded_ns, status, *sizes = (int(f) for f in fields[2:])
    except ValueError:
        return None
    if sum(sizes) != len(body) or min(sizes) < 0:
        return None
    blobs, start = [], 0
    for size in sizes:
        blobs.append(body[start : start + size])
        start += size
    return blobs[0], recorded_ns, status, blobs[1], blobs[2], blobs[3]


def _write(stream: object, data: bytes) -> None:
    if not data:
        return
    buffer = stream.buffer  # type: ignore[attr-defined]
    try:
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:  # the reader left (| head): quietly, as the Typer path does
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, buffer.fileno())
        os.close(null)


def keep(
    path: str, asked: bytes, recorded_ns: int, status: int, snap: bytes, out: bytes, err: bytes
) -> None:
    """Keep an answer (atomically: a reader sees the old file or the new one)."""
    blobs = (asked, snap, out, err)
    head = b"%s %d %d %d %d %d %d\n" % (MAGIC, recorded_ns, status, *(len(b) for b in blobs))
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(head + b"".join(blobs))
        os.replace(temporary, path)
    except OSError:
        try:  # noqa: SIM105 (contextlib is not loaded at start-up)
            os.unlink(temporary)
        except OSError:
            pass
        return
    _trim(os.path.dirname(path))


def _trim(folder: str) -> None:
    """At most KEEP answers: the least recently kept go first."""
    try:
        entries = [(e.stat().st_mtime_ns, e.path) for e in os.scandir(folder)]
    except OSError:
        return
    if len(entries) <= KEEP:
        return
    for _, path in sorted(entries)[: len(entries) - KEEP // 2]:
        try:  # noqa: SIM105 (contextlib is not loaded at start-up)
            os.unlink(path)
        except OSError:
            pass
