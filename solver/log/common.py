"""What every activity reader shares: one place that collects a file's problems (one line
each, naming the file, the line or record, the field and what is allowed), the checks of
a number a file gives (finite, in its range), the sport words of other tools, the local
clock of a UTC time, and building the Activity itself, with pydantic's own refusals turned
into the same one-line problems.

A file is input a stranger controls: nothing here raises anything but InputError."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from hybridplan.models import limits
from hybridplan.models.activity import Activity, Sport
from hybridplan.models.errors import InputError, Problem, describe, echo, one_line
from hybridplan.models.loading import capped

_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass
class Sink:
    """The problems of one file, in the order found. `where` is a CSV line or a record's
    words ("record 12 session"); the reader keeps going after a problem, so a file gets
    every problem it has (the report is cut at MAX_PROBLEMS)."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, what: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(what, message, self.file, line))

    def raise_any(self) -> None:
        if self.problems:
            raise InputError(capped(self.problems))


def number(
    sink: Sink,
    raw: Any,
    what: str,
    low: float,
    high: float,
    line: int | None = None,
    *,
    above: bool = False,
) -> float | None:
    """`raw` as a finite float from `low` (excluded when `above`) to `high`, else None and
    a problem that says what is allowed. None and "" are None without a problem."""
    if raw is None or raw == "":
        return None
    allowed = f"a number {'above' if above else 'from'} {shown(low)}{'' if above else ' to'}"
    allowed += f"{', at most' if above else ''} {shown(high)}"
    if isinstance(raw, str) and _THOUSANDS.match(raw.strip()):
        raw = raw.replace(",", "")  # Garmin Connect writes 1,234
    try:
        value = float(raw)
    except (TypeError, ValueError, OverflowError):
        sink.add(what, f"not a number (got {echo(raw)}); {allowed}", line)
        return None
    if not math.isfinite(value):
        sink.add(what, f"not a finite number (got {echo(raw)}); {allowed}", line)
        return None
    if value > high or value < low or (above and value <= low):
        sink.add(what, f"{shown(value)} is out of range; {allowed}", line)
        return None
    return value


def shown(value: float) -> str:
    """A number as a message shows it: 86,400 and 1,000,000 (not 1e+06), 0.5."""
    return f"{int(value):,}" if value == int(value) and abs(value) < 1e15 else f"{value:g}"


def in_range(sink: Sink, when: dt.date, what: str, line: int | None = None) -> bool:
    """Whether `when` is a day a plan may touch (FIRST_DATE to LAST_DATE), else a problem."""
    if limits.FIRST_DATE <= when <= limits.LAST_DATE:
        return True
    sink.add(
        what,
        f"{when.isoformat()} is out of range; dates from {limits.FIRST_DATE} to {limits.LAST_DATE}",
        line,
    )
    return False


def local(when: dt.datetime, zone: ZoneInfo | None) -> dt.datetime:
    """The athlete's wall clock of `when`, naive: an aware time moved to `zone` (when one is
    given), else read as it is written (a file in UTC is taken as local time: without a
    time zone nothing better is known); a naive time is already local."""
    if when.tzinfo is not None and zone is not None:
        when = when.astimezone(zone)
    return when.replace(tzinfo=None)


def clock(when: dt.datetime) -> str:
    """HH:MM of a wall-clock time (seconds dropped: a plan's slots are minutes)."""
    return f"{when.hour:02d}:{when.minute:02d}"


# words other tools use for a sport (GPX track types, TCX Sport, Strava and Garmin CSV
# activity types), matched on the lower-case text, first match wins
_WORDS: tuple[tuple[str, Sport], ...] = (
    (r"run|jog", "run"),
    (r"strength|weight|lift|gym|crossfit", "strength"),
    (r"yoga|pilates|mobility|flexibility|stretch|breath", "mobility"),
)


def sport_word(text: str, default: Sport = "other") -> Sport:
    """The sport another tool's word names: 'Running', 'Trail Run' and 'treadmill_running'
    are runs, 'Weight Training' and 'Strength Training' strength, 'Yoga' mobility;
    anything else (a ride, a swim, a hike) is 'other'; an empty word is `default`."""
    key = text.strip().lower()
    if not key:
        return default
    return next((sport for pattern, sport in _WORDS if re.search(pattern, key)), "other")


def text(raw: Any) -> str:
    """A name from a file: one line, control characters written out, at most MAX_NAME."""
    return one_line(str(raw).strip(), limits.MAX_NAME) if raw is not None else ""


def source(file: str, where: str = "") -> str:
    """An activity's source: the file, and where in it ('file:12', 'file: record 3')."""
    return (file + where)[: limits.MAX_PATH]


def build(
    sink: Sink, values: dict[str, Any], labels: dict[str, str], line: int | None = None
) -> Activity | None:
    """The Activity of `values`, or None and one problem per refusal, named by the file's
    own field (`labels`: Activity field -> the file's name for it)."""
    try:
        return Activity(**values)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [str(p) for p in err["loc"]]
            what = ".".join([labels.get(loc[0], loc[0]), *loc[1:]]) if loc else ""
            sink.add(what, describe(err), line)
        return None
