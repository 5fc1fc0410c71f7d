"""Days, slots and clock times: the calendar vocabulary every other model shares."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from hybridplan.models.limits import MAX_ID

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _check_clock(value: str) -> str:
    if not _CLOCK.match(value):
        raise ValueError(f"slot time {value!r} is not a 24-hour clock time HH:MM (00:00-23:59)")
    return value


Clock = Annotated[str, AfterValidator(_check_clock)]

SlotName = Annotated[str, Field(min_length=1, max_length=MAX_ID, pattern=r"^[^\s:\x00-\x1f\x7f]+$")]
"""A slot's name (am, pm, noon): no spaces or colons, as labels ('w3 tue pm') and the
command line (`--missed tue:pm`) separate by them."""


def clock_minutes(clock: str) -> int:
    """Minutes after midnight of an HH:MM clock time."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def day_index(day: Day) -> int:
    return DAYS.index(day)


def format_clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


# -- labels: how a place in a plan of several weeks is written, in one place ------------
# Week 1 is written without its number ('tue', 'tue am'), so one-week plans read as they
# always did; later weeks carry it ('w3 tue', 'w3 tue am'). Keys and per-week findings of
# plans of several weeks use the bare tag ('w3').
def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 set', '2 sets' (`words` for an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def session_date(start: dt.date, week: int, day: Day) -> dt.date:
    """The calendar date of `day` in `week` of a plan whose first Monday is `start`."""
    return start + dt.timedelta(days=7 * (week - 1) + DAYS.index(day))


def short_date(date: dt.date) -> str:
    """A date as a coach writes it in a table: "30 Nov" (the year is in the headline)."""
    return f"{date.day} {date:%b}"


def week_tag(week: int) -> str:
    """'w3': a week of a plan, in keys ('run_count.min.w3') and findings ('w3: ...')."""
    return f"w{week}"


def day_label(week: int, day: str) -> str:
    """'tue' in week 1, 'w3 tue' in week 3 and later."""
    return day if week == 1 else f"{week_tag(week)} {day}"


def place_label(week: int, day: str, slot: str) -> str:
    """'tue am' in week 1, 'w3 tue am' in week 3 and later."""
    return f"{day_label(week, day)} {slot}"


def parse_day_label(label: str) -> tuple[int, str]:
    """day_label() backwards: 'w3 tue' -> (3, 'tue'), 'tue' -> (1, 'tue')."""
    week, _, day = label.rpartition(" ")
    return (int(week[1:]) if week else 1), day


def parse_place_label(text: str) -> tuple[int, str, str]:
    """place_label() backwards: 'w3 tue am' -> (3, 'tue', 'am')."""
    head, _, slot = text.rpartition(" ")
    week, day = parse_day_label(head)
    return week, day, slot


def label_order(label: str) -> tuple[int, int]:
    """A day label's place in time: 'w3 tue' -> (3, 1), for sorting labels."""
    week, day = parse_day_label(label)
    return week, DAYS.index(day)
