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
from typing import Any

from models.catalogue import resolve_sessions
from models.errors import InputError, Problem
from models.phases import Phase, PhaseTargets, derive_phases
from models.rules import RULE_CONFIGS, RuleConfig, RuleSet
from models.scenario import Scenario, Targets
from models.session import SessionType
from models.week import DAYS, MINUTES_PER_DAY, Day, clock_minutes, format_clock


@dataclass(frozen=True, order=True)
class Slot:
    """One (day, slot) position of the plan, ordered by clock time. Days count from the
    first Monday, so a plan of several weeks is one timeline and every spacing rule
    reaches across the Sunday-Monday boundary."""

    start: int  # minutes after the first Monday 00:00
    day: int  # days after the first Monday (0 = Monday of week 1)
    name: str
    capacity: int  # free minutes (0 = unavailable)

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
        return f"w{self.week} {self.day_name}" if self.week > 1 else self.day_name

    @property
    def label(self) -> str:
        return f"{self.day_label} {self.name}"


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
        sc = self.scenario
        clocks = sorted(sc.slots.items(), key=lambda kv: clock_minutes(kv[1]))
        slots = []
        for week in range(1, sc.weeks + 1):
            availability = sc.week_availability.get(week, sc.availability)
            for d, day in enumerate(DAYS):
                free = availability.get(day, {})
                absolute = (week - 1) * len(DAYS) + d
                for name, clock in clocks:
                    taken = any(
                        b.day == day and b.slot in (None, name) and b.week in (None, week)
                        for b in sc.blocked
                    )
                    capacity = 0 if taken else free.get(name, 0)
                    start = absolute * MINUTES_PER_DAY + clock_minutes(clock)
                    slots.append(Slot(start, absolute, name, capacity))
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

    @property
    def weeks(self) -> int:
        return self.scenario.weeks

    @cached_property
    def phases(self) -> list[Phase]:
        sc = self.scenario
        if sc.phases is not None:
            return list(sc.phases)
        return list(
            derive_phases(
                sc.weeks,
                phase=sc.phase,
                deload_every=sc.deload_every,
                race_distance=sc.race.distance if sc.race else None,
            )
        )

    def phase_targets(self, week: int) -> PhaseTargets:
        """The week's phase row: the rule set's table, with the scenario's overrides. A
        one-week scenario keeps its own targets (its `phase` is informative)."""
        if self.weeks == 1:
            return PhaseTargets()
        phase = self.phases[week - 1]
        base = self.rules.phases.get(phase, PhaseTargets())
        return base.merged(self.scenario.phase_targets.get(phase, PhaseTargets()))

    def targets_for(self, week: int) -> Targets:
        """The scenario's targets as the week's phase changes them."""
        row = self.phase_targets(week)
        targets = self.scenario.targets
        update: dict[str, Any] = {
            f: getattr(row, f) for f in ("runs", "strength", "quality_runs") if getattr(row, f)
        }
        if row.sets is not None:
            update["sets"] = dict.fromkeys(targets.sets, row.sets)
        if row.run_minutes_pct is not None and targets.run_minutes is not None:
            update["run_minutes"] = targets.run_minutes * row.run_minutes_pct // 100
        return targets.model_copy(update=update) if update else targets

    @cached_property
    def slot_index(self) -> dict[tuple[str, str], Slot]:
        """(day, slot name) -> the slot in week 1."""
        return {(s.day_name, s.name): s for s in self.slots if s.week == 1}

    @cached_property
    def _slots_by_week(self) -> dict[tuple[int, str, str], Slot]:
        return {(s.week, s.day_name, s.name): s for s in self.slots}

    def slot_at(self, day: str, name: str, week: int = 1) -> Slot:
        return self._slots_by_week[(week, day, name)]

    def in_week(self, week: int, placed: Iterable[Placed]) -> list[Placed]:
        return [p for p in placed if p.slot.week == week]

    def per_week(self) -> range:
        return range(1, self.weeks + 1)

    def tag(self, week: int) -> str:
        """'' for a one-week plan, 'w3' for week 3 of a longer one (keys and messages)."""
        return "" if self.weeks == 1 else f"w{week}"

    def prefix(self, week: int) -> str:
        """'' for a one-week plan, 'w3: ' before a finding about week 3 of a longer one."""
        return f"{self.tag(week)}: " if self.weeks > 1 else ""

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
    race = scenario.race
    if race is not None and race.date is not None and scenario.start is not None:
        race_week = (race.date - scenario.start).days // 7 + 1
        if race_week != scenario.weeks:
            problems.append(
                Problem(
                    "race.date",
                    f"{race.date} falls in week {race_week} of "
                    f"the plan; the race ends the plan (week {scenario.weeks})",
                )
            )
    if scenario.phases is not None and len(scenario.phases) != scenario.weeks:
        problems.append(
            Problem(
                "phases",
                f"{len(scenario.phases)} phases for {scenario.weeks} weeks; give one per week",
            )
        )
    for week, calendar in scenario.week_availability.items():
        if week > scenario.weeks:
            problems.append(
                Problem(
                    f"week_availability.{week}", f"week {week} is beyond `weeks` ({scenario.weeks})"
                )
            )
        for day, day_slots in calendar.items():
            for name in day_slots:
                if name not in known:
                    problems.append(
                        Problem(
                            f"week_availability.{week}.{day}.{name}",
                            f"unknown slot {name!r}; slots are {', '.join(scenario.slots)}",
                        )
                    )
    for key in ("fixed", "forbid", "blocked", "previous"):
        for i, item in enumerate(getattr(scenario, key)):
            if item.week is not None and item.week > scenario.weeks:
                problems.append(
                    Problem(
                        f"{key}.{i}.week", f"week {item.week} is beyond `weeks` ({scenario.weeks})"
                    )
                )
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
    def from_placements(
        cls, week: WeekData, items: Iterable[tuple[str, str, str] | tuple[str, str, str, int]]
    ) -> Plan:
        """A plan from (day, slot, session id[, week]) tuples, e.g. a Result's sessions."""
        placed = []
        for item in items:
            day, slot, sid = item[0], item[1], item[2]
            number = item[3] if len(item) > 3 else 1
            placed.append(Placed(week.slot_at(day, slot, number), week.sessions[sid]))
        return cls.of(week, placed)

    def on_day(self, day: int) -> list[Placed]:
        return [p for p in self.placed if p.slot.day == day]
