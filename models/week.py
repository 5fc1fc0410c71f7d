"""Days, slots and clock times: the calendar vocabulary every other model shares."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _check_clock(value: str) -> str:
    if not _CLOCK.match(value):
        raise ValueError(f"slot time {value!r} is not a 24-hour clock time HH:MM (00:00-23:59)")
    return value


Clock = Annotated[str, AfterValidator(_check_clock)]


def clock_minutes(clock: str) -> int:
    """Minutes after midnight of an HH:MM clock time."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def day_index(day: Day) -> int:
    return DAYS.index(day)


def format_clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"
