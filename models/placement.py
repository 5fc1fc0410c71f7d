"""Places on the plan's timeline and sessions placed in them.

`Slot` is one (day, slot) of the plan, `Placed` a session type in a slot: a candidate for
the solver or a session of a finished plan. Both faces of every rule ask the same
questions of them (`gap_hours`, `same_day`), so the solver and the checker agree by
construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hybridplan.models.session import SessionType
from hybridplan.models.week import DAYS, MINUTES_PER_DAY, Day, day_label, format_clock


@dataclass(frozen=True, eq=False)
class Slot:
    """One (day, slot) position of the plan, ordered by clock time. Days count from the
    first Monday, so a plan of several weeks is one timeline and every spacing rule
    reaches across the Sunday-Monday boundary.

    Compared, hashed and sorted by (start, day, name, capacity), as a dataclass would, but
    through a tuple and a hash computed once: building a model compares and hashes slots
    hundreds of thousands of times."""

    start: int  # minutes after the first Monday 00:00
    day: int  # days after the first Monday (0 = Monday of week 1)
    name: str
    capacity: int  # free minutes (0 = unavailable)
    _key: tuple[int, int, str, int] = field(init=False, repr=False)
    _hash: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        key = (self.start, self.day, self.name, self.capacity)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_hash", hash(key))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Slot):
            return NotImplemented
        return self._key == other._key

    def __lt__(self, other: Slot) -> bool:
        return self._key < other._key

    def __le__(self, other: Slot) -> bool:
        return self._key <= other._key

    def __gt__(self, other: Slot) -> bool:
        return self._key > other._key

    def __ge__(self, other: Slot) -> bool:
        return self._key >= other._key

    @property
    def week(self) -> int:
        return self.day // len(DAYS) + 1

    @property
    def weekday(self) -> int:
        return self.day % len(DAYS)

    @property
    def day_name(self) -> Day:
        return DAYS[self.weekday]

    @property
    def clock(self) -> str:
        return format_clock(self.start % MINUTES_PER_DAY)

    @property
    def day_label(self) -> str:
        """'tue', or 'w3 tue' in week 3 and later of a longer plan."""
        return day_label(self.week, self.day_name)

    @property
    def label(self) -> str:
        return f"{self.day_label} {self.name}"


@dataclass(frozen=True, eq=False)
class Placed:
    """A session type in a slot (placed in a plan, or a candidate for the solver)."""

    slot: Slot
    session: SessionType
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Hashed very often while the model is built: compute it once.
        object.__setattr__(self, "_hash", hash((self.slot._hash, self.session.id)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, Placed)
            and self.slot._key == other.slot._key
            and self.session.id == other.session.id
        )

    @property
    def start(self) -> int:
        return self.slot.start

    @property
    def end(self) -> int:
        return self.slot.start + self.session.minutes

    @property
    def label(self) -> str:
        return f"{self.session.id} ({self.slot.label})"


def gap_hours(first: Placed, second: Placed) -> float:
    """Hours from the end of `first` to the start of `second` (negative if they overlap or
    `second` starts earlier)."""
    return (second.start - first.end) / 60


def hours_apart(a: Placed, b: Placed) -> float:
    """Hours between two sessions, whichever comes first."""
    return gap_hours(a, b) if a.start <= b.start else gap_hours(b, a)


def same_day(a: Placed, b: Placed) -> bool:
    return a.slot.day == b.slot.day


def moderate_lift_before_speed(lift: Placed, run: Placed) -> bool:
    """A lift that is not hard, earlier the same day as a quality run: seed 001's Wednesday
    and seed 004's "speed work or tempo on days with moderate resistance work earlier in
    the day". Endorsed, so no rule prices it."""
    return (
        same_day(lift, run)
        and lift.start < run.start
        and lift.session.is_strength
        and not lift.session.is_hard
        and run.session.is_quality_run
    )
