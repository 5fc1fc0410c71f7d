"""Activities in: files and directories read into Activity objects, and the new ones told
from the ones already known.

The extension decides the format, in any case: .fit, .gpx, .tcx, .csv; any other file
named on the command line is refused (in a directory too: a stray .txt is a question
the user answers, not a file to skip silently). A directory is read one level deep, its
files in name order. Every file is read whole before any activity is kept: one bad file
refuses the import with one line per problem of every bad file (each file's list cut at
MAX_PROBLEMS), so that nothing is half imported.

An import is idempotent: `new_activities` keeps one activity per fingerprint (date, start
minute, sport, whole minutes), so the same run exported as FIT and GPX, the same file
given twice, and an activity the log already holds count once."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from hybridplan.log.csvfile import read_csv
from hybridplan.log.fit import read_fit
from hybridplan.log.gpx import read_gpx
from hybridplan.log.tcx import read_tcx
from hybridplan.models import limits
from hybridplan.models.activity import MAX_ACTIVITIES, Activity
from hybridplan.models.errors import InputError, Problem, echo
from hybridplan.models.reading import read_bytes

Reader = Callable[[bytes, str, ZoneInfo | None], list[Activity]]
READERS: dict[str, Reader] = {
    ".fit": read_fit,
    ".gpx": read_gpx,
    ".tcx": read_tcx,
    ".csv": read_csv,
}


def files_of(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The files to read: each path given, a directory's entries (one level, by name)."""
    out: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append(Problem("", f"cannot read: {reason}", str(path)))
            continue
        if is_dir:
            try:
                entries = sorted(p for p in path.iterdir() if not p.is_dir())
            except OSError as exc:
                problems.append(Problem("", f"cannot list: {exc.strerror or exc}", str(path)))
                continue
            out += entries
        else:
            out.append(path)
        if len(out) > limits.MAX_ACTIVITY_FILES:
            problems.append(
                Problem(
                    "", f"more than {limits.MAX_ACTIVITY_FILES:,} files in one import", str(path)
                )
            )
            return [], problems
    return out, problems


def read_activities(paths: Sequence[Path], timezone: str | None = None) -> list[Activity]:
    """Every activity in `paths` (files, or directories one level deep), in file order; or
    InputError listing every problem of every file. `timezone` (an IANA name) moves the
    UTC times of GPX, TCX, Strava CSV and FIT files without a local offset to the athlete's
    clock; without it they are read as local times."""
    try:
        zone = ZoneInfo(timezone) if timezone else None
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise InputError([Problem("timezone", f"unknown time zone {echo(timezone)}")]) from None
    files, problems = files_of(paths)
    found: list[Activity] = []
    for path in files:
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            allowed = ", ".join(READERS)
            problems.append(
                Problem("", f"not an activity file: allowed extensions {allowed}", str(path))
            )
            continue
        try:
            found += reader(read_bytes(path, limits.MAX_ACTIVITY_FILE_BYTES), str(path), zone)
        except InputError as exc:
            problems += exc.problems
        if len(found) > MAX_ACTIVITIES:
            problems.append(
                Problem("", f"more than {MAX_ACTIVITIES:,} activities in one import", str(path))
            )
            break
    if problems:
        raise InputError(problems)
    return found


def new_activities(found: list[Activity], known: set[str]) -> tuple[list[Activity], list[Activity]]:
    """(new, repeats): the activities of `found` not in `known` (fingerprints), the first of
    each fingerprint; and the rest, already known or seen earlier in `found`."""
    seen = set(known)
    new, repeats = [], []
    for activity in found:
        if activity.fingerprint in seen:
            repeats.append(activity)
        else:
            seen.add(activity.fingerprint)
            new.append(activity)
    return new, repeats
