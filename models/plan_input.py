"""The whole plan's input: a validated scenario with its resolved sessions, rule set,
slots on one timeline, each week's phase and targets, the goal and the race. The solver and
the checks both read it; it never changes once built."""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from hybridplan.models import limits
from hybridplan.models.catalogue import resolve_sessions
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.phases import Phase, PhaseTargets, derive_phases
from hybridplan.models.placement import Placed, Slot
from hybridplan.models.progression import (
    long_run_bands,
    race_session,
    run_minutes_targets,
    running_base,
)
from hybridplan.models.ranges import CountRange
from hybridplan.models.rules import RULE_CONFIGS, RuleConfig, RuleSet
from hybridplan.models.scenario import Goal, Scenario, Targets, finish_minutes
from hybridplan.models.session import SessionType
from hybridplan.models.week import DAYS, MINUTES_PER_DAY, clock_minutes, week_tag


@dataclass(frozen=True)
class PlanInput:
    """A validated scenario with its resolved sessions, slots and rule set.

    `sessions` holds every session that may appear in the plan; `offered` those on offer
    in every slot (None: all of them). A pinned session that is not on offer may appear
    only where it is pinned, and the race only in its slot on race day."""

    scenario: Scenario
    sessions: dict[str, SessionType]
    rules: RuleSet
    offered: frozenset[str] | None = None
    slots: tuple[Slot, ...] = field(init=False)

    def __post_init__(self) -> None:
        sc = self.scenario
        clocks = sorted(sc.slots.items(), key=lambda kv: clock_minutes(kv[1]))
        race_day, race = self.race_day, self.race
        slots = []
        for week in range(1, sc.weeks + 1):
            availability = sc.week_availability.get(week, sc.availability)
            for d, day in enumerate(DAYS):
                free = availability.get(day, {})
                absolute = (week - 1) * len(DAYS) + d
                for i, (name, clock) in enumerate(clocks):
                    taken = any(
                        b.day == day and b.slot in (None, name) and b.week in (None, week)
                        for b in sc.blocked
                    )
                    capacity = 0 if taken else free.get(name, 0)
                    if race is not None and absolute == race_day:
                        # race day holds the race alone, in its first slot (rule race_day)
                        capacity = race.minutes if i == 0 else 0
                    start = absolute * MINUTES_PER_DAY + clock_minutes(clock)
                    slots.append(Slot(start, absolute, name, capacity))
        object.__setattr__(self, "slots", tuple(sorted(slots)))

    @classmethod
    def build(cls, scenario: Scenario, rules: RuleSet) -> PlanInput:
        """Resolve a scenario; raises InputError naming every field at fault."""
        problems = scenario_problems(scenario)
        resolved = resolve_sessions(scenario)
        problems += resolved.problems
        problems += limits.plan_problems(
            _free_candidates(scenario, resolved.sessions),
            len(resolved.sessions),
            scenario.weeks,
            len(scenario.slots),
        )
        if problems:
            raise InputError(problems)
        return cls(scenario, dict(resolved.sessions), rules, resolved.offered)

    @cached_property
    def memo(self) -> dict[Hashable, Any]:
        """Results the models of this input share (conflict groups of the pair rules):
        computed once per plan, whatever the weeks or the stage."""
        return {}

    def with_rules(self, rules: RuleSet) -> PlanInput:
        """The same input under another rule set."""
        return replace(self, rules=rules)

    def rule_items(self) -> list[tuple[str, RuleConfig]]:
        """The rules in force, in catalogue order: the rule set's, plus the automatic ones
        the scenario uses (`pinned` with pins or bans, `stability` with a previous plan,
        `race_day` with a race, `re_ramp` with a re-ramped week in the basis), with their
        defaults unless the rule set configures them."""
        rules = dict(self.rules.rules)
        sc = self.scenario
        used = {
            "pinned": bool(sc.fixed or sc.forbid),
            "stability": bool(sc.previous),
            "shortfall": bool(sc.previous),
            "race_day": sc.race is not None,
            "re_ramp": any(b.reramped for b in sc.basis.values()),
        }
        for rid, cls in RULE_CONFIGS.items():
            if cls.AUTOMATIC and used[rid] and rid not in rules:
                rules[rid] = cls()
        return [(rid, rules[rid]) for rid in RULE_CONFIGS if rid in rules]

    @property
    def weeks(self) -> int:
        return self.scenario.weeks

    @cached_property
    def soft_minimums(self) -> bool:
        """Minimum counts are priced shortfalls (rule shortfall, when replanning), not hard."""
        return any(rid == "shortfall" and cfg.level == "soft" for rid, cfg in self.rule_items())

    # -- the race ------------------------------------------------------------------------
    @cached_property
    def race(self) -> SessionType | None:
        """The race as a session (None without a race)."""
        race = self.scenario.race
        if race is None:
            return None
        return race_session(race.distance, finish_minutes(race.finish) if race.finish else None)

    @cached_property
    def race_day(self) -> int | None:
        """Days after the first Monday of race day: `race.date`, or the plan's last day."""
        sc = self.scenario
        if sc.race is None:
            return None
        last_week = (sc.weeks - 1) * len(DAYS)
        if sc.race.date is None:
            return last_week + len(DAYS) - 1
        if sc.start is not None:
            return (sc.race.date - sc.start).days
        return last_week + sc.race.date.weekday()

    @property
    def race_week(self) -> int | None:
        return None if self.race_day is None else self.race_day // len(DAYS) + 1

    @cached_property
    def race_slot(self) -> Slot | None:
        if self.race_day is None:
            return None
        return min(s for s in self.slots if s.day == self.race_day)

    # -- the goal --------------------------------------------------------------------------
    @cached_property
    def goal(self) -> Goal:
        """The scenario's goal, or one derived: strength in the off-season or when a set
        target starts at 10 or more (beyond maintenance's 4-8, 000), endurance with a race or
        four or more runs a week, hybrid otherwise."""
        sc = self.scenario
        if sc.goal is not None:
            return sc.goal
        if sc.phase == "offseason" or (sc.phases and all(p == "offseason" for p in sc.phases)):
            return "strength"
        if any(r.min >= 10 for r in sc.targets.sets.values()):
            return "strength"
        if sc.race is not None or sc.targets.runs.min >= 4:
            return "endurance"
        return "hybrid"

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
        """The scenario's targets as the week's phase changes them: the phase table's counts
        and sets, the week's running-minutes target (the race aside), and no long run in
        race week (the race replaces it)."""
        row = self.phase_targets(week)
        targets = self.scenario.targets
        update: dict[str, Any] = {
            f: self._within_asked(week, f, getattr(row, f))
            for f in ("runs", "strength", "quality_runs")
            if getattr(row, f)
        }
        if row.sets is not None:
            update["sets"] = dict.fromkeys(targets.sets, row.sets)
        if targets.run_minutes is not None:
            update["run_minutes"] = self._run_minutes[week - 1]
        if week == self.race_week:
            update["long_run"] = 0
        return targets.model_copy(update=update) if update else targets

    def adapted(self) -> list[str]:
        """Where the plan follows the athlete rather than the rule set's phase table (a row
        asking more than `targets` allows: OVER-ASKED) or raises the running target to
        make room for the race's long run, one sentence each, for `explain`."""
        notes: list[str] = []
        words = {"runs": "runs", "strength": "lifts", "quality_runs": "quality runs"}
        for name, word in words.items():
            clamped: dict[str, list[int]] = {}
            for w in self.per_week():
                row = getattr(self.phase_targets(w), name)
                if row is not None and self._within_asked(w, name, row) != row:
                    clamped.setdefault(self.phases[w - 1], []).append(w)
            own = getattr(self.scenario.targets, name)
            for phase, weeks in clamped.items():
                row = getattr(self.phase_targets(weeks[0]), name)
                got = self._within_asked(weeks[0], name, row)
                notes.append(
                    f"{phase} weeks ({', '.join(week_tag(w) for w in weeks)}): the phase table "
                    f"asks {row.min}-{row.max} {word}; targets.{name} is {own.min}-{own.max}, "
                    f"so {got.min}-{got.max}"
                )
        asked = self.scenario.targets.run_minutes
        race = self.scenario.race
        if asked is not None and race is not None and self.weeks > 1:
            levels = [self.phase_targets(w).run_minutes_pct for w in self.per_week()]
            raised = running_base(asked, self.phases, levels, self.race_week, race.distance)
            if raised != asked:
                notes.append(
                    f"targets.run_minutes {asked} raised to {raised}: the weeks 2-5 before the "
                    f"{race.distance} hold a long run of at most half their running, and "
                    "the distance's long-run floor needs that much"
                )
        return notes

    def _within_asked(self, week: int, field: str, wanted: CountRange) -> CountRange:
        """A rule set's phase row inside the athlete's own range (OVER-ASKED): a count the
        scenario writes in `targets` is a limit every phase adapts within, never over: the
        row's minimum no higher than the athlete's, its maximum no higher than theirs (a
        phase may ask less; a beginner's taper is not forced to a quality run they did not
        ask for). The scenario's own `phase_targets` are its word and stay."""
        sc = self.scenario
        own = sc.phase_targets.get(self.phases[week - 1])
        if field not in sc.targets.model_fields_set or (own and field in own.model_fields_set):
            return wanted
        own_range: CountRange = getattr(sc.targets, field)
        return CountRange(min=min(wanted.min, own_range.min), max=min(wanted.max, own_range.max))

    @cached_property
    def _run_minutes(self) -> list[int | None]:
        levels = [
            self.phase_targets(w).run_minutes_pct if self.weeks > 1 else None
            for w in self.per_week()
        ]
        race = self.scenario.race
        base = running_base(
            self.scenario.targets.run_minutes, self.phases, levels, self.race_week,
            race.distance if race else None,
        )  # fmt: skip
        return run_minutes_targets(
            base, self.phases, levels, self.race_week, race.distance if race else None
        )

    @cached_property
    def long_run_bands(self) -> list[tuple[int, int] | None]:
        """Each week's wanted long-run length [lo, hi] in minutes (None: none wanted)."""
        # never more than the calendar holds, nor than the longest long run on offer
        offered = [s.minutes for s in self.sessions.values() if s.is_long_run and self._on_offer(s)]
        cap = max(offered, default=0)
        longest = [
            min(cap, max((s.capacity for s in self.slots if s.week == w), default=0))
            for w in self.per_week()
        ]
        fixed = self.scenario.targets.long_run_minutes
        return long_run_bands(
            self.phases,
            self.scenario.race.distance if self.scenario.race else None,
            self.race_week,
            longest,
            (fixed.min, fixed.max) if fixed is not None else None,
            self._run_minutes,
        )

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

    # -- what may go where ----------------------------------------------------------------
    def _named(self, session: SessionType) -> bool:
        """The scenario asks for this session by name (`include`)."""
        include = self.scenario.include or []
        return session.id in include or session.entry in include

    @cached_property
    def _pins(self) -> set[tuple[int, str, str]]:
        """(day index, slot name, session id) of every pin."""
        return {
            (self.slot_at(p.day, p.slot, p.week).day, p.slot, p.session)
            for p in self.scenario.fixed
        }

    @cached_property
    def _gym_lengths(self) -> dict[str, int]:
        """Strength type -> the shortest gym session of that type on offer."""
        out: dict[str, int] = {}
        for s in self.sessions.values():
            if s.is_strength and s.equipment == "gym" and self._on_offer(s):
                key = str(s.strength_type)
                out[key] = min(out.get(key, s.minutes), s.minutes)
        return out

    def on_offer(self, session: SessionType) -> bool:
        """Whether a session may go in any slot (not only where it is pinned)."""
        return self._on_offer(session)

    def _on_offer(self, session: SessionType) -> bool:
        return self.offered is None or session.id in self.offered

    def offers(self, slot: Slot, session: SessionType) -> bool:
        """Whether `session` is a candidate in `slot`. Beyond the scenario's own filters:
        - the race goes in its slot on race day, alone, and nothing follows it;
        - a pinned session that is not on offer goes only where it is pinned;
        - volume (hypertrophy) days only for a strength goal or in the off-season (000:
          runners in season maintain with heavy, low-volume work);
        - an athlete with a gym gets the gym session; a bodyweight version only where the
          gym session does not fit the slot (or with `equipment: none`).
        Sessions the scenario names in `include`, or pins there, pass the last two."""
        if self.race_day is not None:
            if session.is_race or slot.day == self.race_day:
                return session.is_race and slot == self.race_slot
            if slot.day > self.race_day:
                return False
        pinned = (slot.day, slot.name, session.id) in self._pins
        if not self._on_offer(session):
            return pinned
        if pinned or self._named(session):
            return True
        if session.hypertrophy and not (
            self.goal == "strength" or self.phases[slot.week - 1] == "offseason"
        ):
            return False
        if self.scenario.equipment == "gym" and session.is_strength and session.equipment == "none":
            gym = self._gym_lengths.get(str(session.strength_type))
            if gym is not None and gym <= slot.capacity:
                return False
        return True

    def candidates(
        self, weeks: Iterable[int] | None = None, lead_days: int = 0
    ) -> Iterable[Placed]:
        """Every session that may go in every slot (of `weeks` and of the `lead_days` days
        before the first of them; all by default), slot by slot (BuildContext relies on the
        order)."""
        slots: Iterable[Slot] = self.slots
        if weeks is not None:
            chosen = set(weeks)
            first = (min(chosen) - 1) * len(DAYS) if chosen else 0
            slots = [
                s for s in self.slots if s.week in chosen or first - lead_days <= s.day < first
            ]
        for slot in slots:
            for session in self.sessions.values():
                if self.offers(slot, session):
                    yield Placed(slot, session)


def _free_candidates(scenario: Scenario, sessions: dict[str, SessionType]) -> int:
    """Session types x the free slots they fit, over all weeks: the size of the model."""
    lengths = sorted(s.minutes for s in sessions.values())
    count = 0
    for week in range(1, scenario.weeks + 1):
        for free in scenario.week_availability.get(week, scenario.availability).values():
            count += sum(bisect.bisect_right(lengths, m) for m in free.values() if m > 0)
    return count


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
