"""Fitness, fatigue and form from daily training load: the fitness-fatigue model as
TrainingPeaks' Performance Management Chart draws it.

Fitness (chronic training load, CTL) and fatigue (acute training load, ATL) are
exponentially weighted averages of the daily load with time constants of 42 and 7 days;
form (training stress balance, TSB) is fitness minus fatigue. Each day's value is

    X(d) = X(d-1) + (load(d) - X(d-1)) * (1 - exp(-1 / tau))

the exact daily form of Banister's exponential decay (a load's weight falls by e every tau
days). Some tools use 1 / tau for the factor instead; for 42 days the two differ by 1%,
for 7 days by 7%. Both averages are linear in the loads. The formula is one piece with
rule race_form's: `hybridplan.core.fitness`.

A plan's daily load is the sum of its sessions' session-RPE loads (minutes x RPE), the
race's own included: the race is what the athlete does that day. The averages start from
the athlete's `history` of weekly loads (fitness: the mean day of up to the last six weeks;
fatigue: the mean day of the last week), or from 0 without one. Race-day form is the form
the athlete brings to the start line: the value at the end of the day before the race."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hybridplan.core.fitness import FATIGUE_DAYS, FITNESS_DAYS, start_values, step
from hybridplan.models.loading import input_from_result
from hybridplan.models.result import Result
from hybridplan.models.week import DAYS


@dataclass(frozen=True)
class FormDay:
    """One day of a plan: its load and the fitness, fatigue and form at the end of it."""

    day: int  # days after the plan's first Monday
    date: dt.date | None
    load: int
    fitness: float
    fatigue: float

    @property
    def form(self) -> float:
        return self.fitness - self.fatigue


@dataclass(frozen=True)
class PlanForm:
    days: list[FormDay]
    race_day: int | None  # days after the first Monday

    @property
    def race_form(self) -> float | None:
        """The form on the morning of race day (the end of the day before)."""
        if self.race_day is None or self.race_day == 0:
            return None
        return self.days[self.race_day - 1].form


def curve(
    loads: Sequence[float], fitness: float = 0.0, fatigue: float = 0.0
) -> list[tuple[float, float]]:
    """(fitness, fatigue) at the end of each day of `loads`, from the given start values."""
    out = []
    for load in loads:
        fitness = step(fitness, load, FITNESS_DAYS)
        fatigue = step(fatigue, load, FATIGUE_DAYS)
        out.append((fitness, fatigue))
    return out


def plan_form(result: Result) -> PlanForm:
    """Each day of a solved plan with its load, fitness, fatigue and form."""
    inp = input_from_result(result)
    loads = [0] * (len(DAYS) * inp.weeks)
    dates: dict[int, dt.date] = {}
    for s in result.sessions:
        day = len(DAYS) * (s.week - 1) + DAYS.index(s.day)
        loads[day] += s.load
        if s.date is not None:
            dates[day] = s.date
    start = inp.scenario.start
    fitness, fatigue = start_values(inp.scenario.history)
    days = [
        FormDay(
            day=d,
            date=dates.get(d) or (start + dt.timedelta(days=d) if start else None),
            load=loads[d],
            fitness=f,
            fatigue=a,
        )
        for d, (f, a) in enumerate(curve(loads, fitness, fatigue))
    ]
    return PlanForm(days=days, race_day=inp.race_day)
