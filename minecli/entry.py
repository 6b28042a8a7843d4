"""The `minecli` script and `python -m minecli`: the fast path first (minecli.fastpath), the
Typer app (minecli.cli) for everything else. A read command the fast path could not answer
runs on the Typer path with its output passed through and kept, so that the same question is
answered fast next time."""

from __future__ import annotations

import contextlib
import io
import sys
import time

from minecli import fastpath

# Set when a run was answered from a kept answer (the parity tests look at it).
SERVED = {"fast": False}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    SERVED["fast"] = False
    request = fastpath.understood(args) if fastpath.enabled() else None
    folder = fastpath.answers_dir() if request is not None else None
    if request is None or folder is None:
        _typer(args)
        return
    command, option = request
    root = fastpath.store_root(option)
    asked = fastpath.question(args, root)
    path = fastpath.answer_path(folder, asked)
    status = fastpath.replay(path, asked, root)
    if status is not None:
        SERVED["fast"] = True
        sys.exit(status)
    _typer_kept(args, command, root, asked, path)


def _typer(args: list[str]) -> None:
    from minecli.cli import main as typer_main

    typer_main(args)


class _Tee(io.RawIOBase):
    """Passes bytes on to a real stream and keeps a copy; notes a stream that failed."""

    def __init__(self, real: io.TextIOBase) -> None:
        super().__init__()
        self.real, self.kept, self.failed = real, bytearray(), False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.real.fileno()

    def isatty(self) -> bool:
        return self.real.isatty()

    def write(self, data) -> int:  # type: ignore[override]
        try:
            self.real.buffer.write(data)  # type: ignore[attr-defined]
            self.real.buffer.flush()  # type: ignore[attr-defined]
        except OSError:
            self.failed = True
            raise
        self.kept += data
        return len(data)


def _wrapped(real) -> tuple[_Tee, io.TextIOWrapper]:
    tee = _Tee(real)
    text = io.TextIOWrapper(
        io.BufferedWriter(tee),
        encoding=real.encoding,
        errors=real.errors,
        line_buffering=real.line_buffering,
    )
    return tee, text


def _typer_kept(args: list[str], command: str, root: str, asked: bytes, path: str) -> None:
    before, _ = fastpath.snapshot(root)
    started = time.time_ns()
    real_out, real_err = sys.stdout, sys.stderr
    out, sys.stdout = _wrapped(real_out)
    err, sys.stderr = _wrapped(real_err)
    status: object = 0
    try:
        _typer(args)
    except SystemExit as exc:
        status = exc.code
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = real_out, real_err
    code = 0 if status is None else status
    if _worth_keeping(code, command, out, err) and fastpath.snapshot(root)[0] == before:
        fastpath.keep(path, asked, started, code, before, bytes(out.kept), bytes(err.kept))
    sys.exit(status)


def _worth_keeping(code: object, command: str, out: _Tee, err: _Tee) -> bool:
    """A whole answer of a success (or check's findings), and no progress bar on a terminal."""
    if not isinstance(code, int) or out.failed or err.failed:
        return False
    if code != 0 and not (command == "check" and code == 1):
        return False
    return not (err.kept and err.isatty())
