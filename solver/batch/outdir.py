"""The batch's output directory, checked before anything is solved: it must be a
directory this process can write (a probe file is created and removed), and only one
batch writes into it at a time (an exclusive lock on `OUT/.hybridplan.lock`, released
when the batch ends or its process dies)."""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path
from types import TracebackType

from hybridplan.models.errors import InputError, Problem

LOCK_NAME = ".hybridplan.lock"


def _fail(message: str) -> InputError:
    return InputError([Problem("--out", message)])


def check_writable(out: Path) -> None:
    """Create `out` if needed and prove it takes a file; InputError otherwise."""
    try:
        if out.exists() and not out.is_dir():
            raise _fail(f"{out} is not a directory")
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".hp-probe-")
        try:
            os.write(fd, b"probe\n")
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
    except InputError:
        raise
    except OSError as exc:
        raise _fail(f"cannot write into {out}: {exc.strerror or exc}") from None


class OutputLock:
    """Holds the directory for this batch: `acquire()` raises InputError naming the process
    that holds it already; `with lock:` releases it at the end."""

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_NAME
        self.fd: int | None = None

    def __enter__(self) -> OutputLock:
        if self.fd is None:
            self.acquire()
        return self

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise _fail(f"cannot create {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            os.close(fd)
            raise _fail(
                f"another batch (pid {holder}) is writing into {self.path.parent}; wait for "
                "it to finish or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
