"""The cache's files on disk: private, signed, and never written through a link.

A cache file is ``MAGIC``, a keyed BLAKE2b checksum, then a pickle. The key is 32 random bytes
made once per cache folder (``key``, readable by its owner only). A file is unpickled only when
its checksum is right, so a planted, damaged or truncated file is never run nor believed: it is
read as missing, and the cache is rebuilt from the TOML files. The folder must be the user's own
and closed to others (created 0700); one that is not is not used at all. Files are created with
O_EXCL and O_NOFOLLOW under a random name, then renamed into place, so a planted symlink
redirects no write.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from pathlib import Path
from typing import Any

# The C modules behind hashlib.blake2b and hmac.compare_digest: importing hashlib itself loads
# OpenSSL, which costs milliseconds on every run.
try:
    from _blake2 import blake2b
    from _operator import _compare_digest as same
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b
    from hmac import compare_digest as same

MAGIC = b"minecli-cache\x02"
KEY_NAME = "key"
KEY_BYTES = 32
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_keys: dict[str, bytes] = {}
_private: dict[str, bool] = {}  # folders already judged in this run


def private_folder(folder: Path, *, fresh: bool = False) -> bool:
    """Make the folder (0700) if it is missing; True if it is a real folder of this user that
    nobody else may write to. Judged once a run for reading; ``fresh`` for writing."""
    name = str(folder)
    if fresh or name not in _private:
        _private[name] = _judge(folder)
    return _private[name]


def _judge(folder: Path) -> bool:
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.mkdir(mode=0o700, parents=True)
            info = os.lstat(folder)
        except OSError:
            return False
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False  # a symlink or anything else in its place
    others_may_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not others_may_write)


def folder_key(folder: Path) -> bytes | None:
    """The folder's key, made on first use; None if it cannot be read or made."""
    name = str(folder)
    if name in _keys:
        return _keys[name]
    path = folder / KEY_NAME
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | NOFOLLOW)
        except FileNotFoundError:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
            except FileExistsError:
                continue  # another process made it first: read theirs
            except OSError:
                return None
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(KEY_BYTES))
            continue
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            key = handle.read(KEY_BYTES + 1)
        if len(key) != KEY_BYTES:
            return None
        _keys[name] = key
        return key
    return None


def checksum(key: bytes, payload: bytes | memoryview) -> bytes:
    return blake2b(payload, key=key, digest_size=32).digest()


def load(path: Path, folder: Path) -> Any:
    """What a cache file holds, or None when it is missing, foreign, damaged or unsigned."""
    if not private_folder(folder):
        return None
    key = folder_key(folder)
    if key is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    payload = memoryview(data)[head:]  # no copy of a large file
    if not same(data[len(MAGIC) : head], checksum(key, payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # signed by us yet unreadable (another Python?): rebuild
        return None


def dump(path: Path, folder: Path, value: Any) -> None:
    """Write a cache file; a cache that cannot be written only costs time, so any failure is
    silent."""
    if not private_folder(folder, fresh=True) or not private_folder(path.parent, fresh=True):
        return
    key = folder_key(folder)
    if key is None:
        return
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC)
            handle.write(checksum(key, payload))
            handle.write(payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
