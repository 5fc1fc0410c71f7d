"""Writing files safely: atomically (a temporary file in the same directory, then a
rename, so a reader or a crash never sees half a file), with the user's umask, and never
over an existing file unless asked. Batch results, bench reports and exports all write
through here."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hybridplan.models.errors import InputError, Problem


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed over `path` when the block ends
    without an error, removed when it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".hp-", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path` atomically."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as tmp:
        tmp.write_bytes(raw)


def write_new(path: Path, data: str | bytes, *, force: bool, option: str = "--out") -> None:
    """write_atomic, refusing to replace an existing file unless `force`: nothing the user
    had is overwritten by accident."""
    if path.exists() and not force:
        raise InputError([Problem(option, f"{path} exists; pass --force to replace it")])
    try:
        write_atomic(path, data)
    except OSError as exc:  # a missing or read-only directory, a file where one should be
        reason = exc.strerror or type(exc).__name__
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            reason = f"{blocking} is a file, not a directory"
        raise InputError([Problem(option, f"cannot write {path}: {reason}")]) from None
