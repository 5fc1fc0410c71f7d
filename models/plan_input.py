"""The whole plan's input: a validated scenario with its resolved sessions, rule set,
slots on one timeline and each week's phase and targets. The solver and the checks both
read it; it never changes once built."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from hybridplan.models import limits
from hybridplan.models.catalogue import resolve_sessions
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.phases import Phase, PhaseTargets, derive_phases
from hybridplan.models.placement import Placed, Slot
from hybridplan.models.rules import RULE_CONFIGS, RuleConfig, RuleSet
from hybridplan.models.scenario import Scenario, Targets
from hybridplan.models.session import SessionType
from hybridplan.models.week import DAYS, MINUTES_PER_DAY, clock_minutes, week_tag


@dataclass(frozen=True)
class PlanInput:
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
    def build(cls, scenario: Scenario, rules: RuleSet) -> PlanInput:
        """Resolve a scenario; raises InputError naming every field at fault."""
        problems = scenario_problems(scenario)
        sessions, session_problems = resolve_sessions(scenario)
        problems += session_problems
        weeks, per_day = scenario.weeks, len(scenario.slots)
        slots = weeks * len(DAYS) * per_day
        problems += limits.plan_problems(slots, len(sessions), weeks, per_day)
        if problems:
            raise InputError(problems)
        return cls(scenario, sessions, rules)

    def rule_items(self) -> list[tuple[str, RuleConfig]]:
        """The rules in force, in catalogue order: the rule set's, plus `pinned` when the
        scenario pins or forbids sessions and `stability` when it has a previous plan
        (with their defaults, unless the rule set configures them)."""
        rules = dict(self.rules.rules)
        sc = self.scenario
        used = {"pinned": bool(sc.fixed or sc.forbid), "stability": bool(sc.previous)}
        for rid, cls in RULE_CONFIGS.items():
            if cls.AUTOMATIC and used[rid] and rid not in rules:
                rules[rid] = cls()
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
        return "" if self.weeks == 1 else week_tag(week)

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
