"""A scenario resolved into slots on a clock, and a plan: sessions placed in those slots.

Everything here is plain data that both faces of a rule use. The CP-SAT build enumerates
candidate `Placed` objects (every session type in every slot) and the pure-Python check
looks at the placed ones; both ask the same questions of them (`gap_hours`, `same_day`),
so the solver and the checker agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from models.catalogue import resolve_sessions
from models.errors import InputError, Problem
from models.rules import RULE_CONFIGS, RuleConfig, RuleSet
from models.scenario import Scenario
from models.session import SessionType
from models.week import DAYS, MINUTES_PER_DAY, Day, clock_minutes, format_clock


@dataclass(frozen=True, order=True)
class Slot:
    """One (day, slot) position of the week, ordered by clock time."""

    start: int  # minutes after Monday 00:00
    day: int  # 0 = Monday
    name: str
    capacity: int  # free minutes (0 = unavailable)

    @property
    def day_name(self) -> Day:
        return DAYS[self.day]

    @property
    def clock(self) -> str:
        return format_clock(self.start % MINUTES_PER_DAY)

    @property
    def label(self) -> str:
        return f"{self.day_name} {self.name}"


@dataclass(frozen=True, eq=False)
class Placed:
    """A session type in a slot (placed in a plan, or a candidate for the solver)."""

    slot: Slot
    session: SessionType

    def __post_init__(self) -> None:
        # Hashed very often while the model is built: compute it once.
        object.__setattr__(self, "_hash", hash((self.slot, self.session.id)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Placed)
            and self.slot == other.slot
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


@dataclass(frozen=True)
class WeekData:
    """A validated scenario with its resolved sessions, slots and rule set."""

    scenario: Scenario
    sessions: dict[str, SessionType]
    rules: RuleSet
    slots: tuple[Slot, ...] = field(init=False)

    def __post_init__(self) -> None:
        clocks = sorted(self.scenario.slots.items(), key=lambda kv: clock_minutes(kv[1]))
        blocked = {(b.day, b.slot) for b in self.scenario.blocked}
        slots = []
        for d, day in enumerate(DAYS):
            free = self.scenario.availability.get(day, {})
            for name, clock in clocks:
                taken = (day, None) in blocked or (day, name) in blocked
                capacity = 0 if taken else free.get(name, 0)
                slots.append(Slot(d * MINUTES_PER_DAY + clock_minutes(clock), d, name, capacity))
        object.__setattr__(self, "slots", tuple(sorted(slots)))

    @classmethod
    def build(cls, scenario: Scenario, rules: RuleSet) -> WeekData:
        """Resolve a scenario; raises InputError naming every field at fault."""
        problems = scenario_problems(scenario)
        sessions, session_problems = resolve_sessions(scenario)
        problems += session_problems
        if problems:
            raise InputError(problems)
        return cls(scenario, sessions, rules)

    def rule_items(self) -> list[tuple[str, RuleConfig]]:
        """The rules in force, in catalogue order: the rule set's, plus `pinned` when the
        scenario pins or forbids sessions and `stability` when it has a previous plan
        (with their defaults, unless the rule set configures them)."""
        rules = dict(self.rules.rules)
        sc = self.scenario
        if (sc.fixed or sc.forbid) and "pinned" not in rules:
            rules["pinned"] = RULE_CONFIGS["pinned"]()
        if sc.previous and "stability" not in rules:
            rules["stability"] = RULE_CONFIGS["stability"]()
        return [(rid, rules[rid]) for rid in RULE_CONFIGS if rid in rules]

    @cached_property
    def slot_index(self) -> dict[tuple[str, str], Slot]:
        return {(s.day_name, s.name): s for s in self.slots}

    def candidates(self) -> Iterable[Placed]:
        """Every session type in every slot, slot by slot (BuildContext relies on the order)."""
        for slot in self.slots:
            for session in self.sessions.values():
                yield Placed(slot, session)


def scenario_problems(scenario: Scenario) -> list[Problem]:
    """Checks across fields that the pydantic model cannot do field by field."""
    problems = []
    for day, free in scenario.availability.items():
        for name in free:
            if name not in scenario.slots:
                problems.append(
                    Problem(
                        f"availability.{day}.{name}",
                        f"unknown slot {name!r}; slots are "
                        f"{', '.join(scenario.slots)} (see `slots`)",
                    )
                )
    known = set(scenario.slots)
    for key in ("fixed", "forbid", "blocked", "previous"):
        for i, item in enumerate(getattr(scenario, key)):
            if item.slot is not None and item.slot not in known:
                problems.append(
                    Problem(
                        f"{key}.{i}.slot",
                        f"unknown slot {item.slot!r}; slots are {', '.join(scenario.slots)}",
                    )
                )
    clocks = [clock_minutes(c) for c in scenario.slots.values()]
    if len(set(clocks)) != len(clocks):
        problems.append(Problem("slots", "two slots start at the same time"))
    return problems


@dataclass(frozen=True)
class Plan:
    """A week's placed sessions, in time order."""

    week: WeekData
    placed: tuple[Placed, ...]

    @classmethod
    def of(cls, week: WeekData, placed: Iterable[Placed]) -> Plan:
        return cls(week, tuple(sorted(placed, key=lambda p: (p.start, p.session.id))))

    @classmethod
    def from_placements(cls, week: WeekData, items: Iterable[tuple[str, str, str]]) -> Plan:
        """A plan from (day, slot, session id) triples, e.g. a Result's sessions."""
        return cls.of(
            week,
            (Placed(week.slot_index[(day, slot)], week.sessions[sid]) for day, slot, sid in items),
        )

    def on_day(self, day: int) -> list[Placed]:
        return [p for p in self.placed if p.slot.day == day]
