"""What the command does with a bug: one line for the user, the traceback in a log file.

An exception that is not bad input (InputError) is a bug in hybridplan. The user sees
`internal error: <type>: <message> (traceback in <path>)` and exit code 3; the traceback
goes to `$XDG_STATE_HOME/hybridplan/` (by default `~/.local/state/hybridplan/`), or to the
system's temporary directory when that cannot be written.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from hybridplan.models.errors import one_line


def log_dir() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "hybridplan"


def report_crash(exc: BaseException) -> str:
    """Write the traceback to a new log file; the one line to print."""
    text = "".join(traceback.format_exception(exc))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"crash-{stamp}-{os.getpid()}.log"
    where = "nowhere: no log directory could be written"
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "hybridplan"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        where = str(path)
        break
    message = one_line(str(exc), 300)
    return f"internal error: {type(exc).__name__}: {message} (traceback in {where})"
