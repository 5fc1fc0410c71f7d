"""The worker processes of a batch: what each does when it starts, and how a worker that
died is reported.

A worker leaves Ctrl-C to the parent (which stops the pool cleanly and keeps what was
finished), and exits when the parent dies, whatever killed it (`kill -9` included): on
Linux the kernel sends it SIGKILL (prctl PR_SET_PDEATHSIG), and everywhere a watchdog
thread notices that its parent changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 1.0


def init_worker() -> None:
    """Runs first in every worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="watchdog").start()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc to ask: the watchdog remains
        pass


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


def death_message(exc: BaseException) -> str:
    """Why a worker gave no result: 'worker process died (killed by SIGKILL)'."""
    code = getattr(exc, "exitcode", None)
    if isinstance(code, int) and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"worker process died (killed by {name}); the other scenarios went on"
    if isinstance(code, int):
        return f"worker process died (exit code {code}); the other scenarios went on"
    return f"worker failed: {type(exc).__name__}: {exc}"
