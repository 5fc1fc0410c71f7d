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
the athlete brings to the start line: the value at the end of the day before the race.

A plan whose log (`Result.log`) covers its first days is drawn as lived, then as planned:
each day up to the log's `through` (the last day logged; the last activity's date when
it says none) has the load of the activities logged that day, a missed session none; each
day after it has the plan's sessions' load. The load is by one method throughout
(`hybridplan.log.loads`: srpe, trimp or rtss): the three are on different scales, and a
curve that added one to another would measure nothing. With trimp or rtss, a load only
session RPE gives (the plan's sessions, the scenario's `history`, an activity the method
cannot score) is put on the method's scale by the athlete's own ratio: the method's load
over the session-RPE load, summed over the logged activities that have both (an RPE of
their own or of their planned session). Without such an activity the method is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from hybridplan.core.fitness import FATIGUE_DAYS, FITNESS_DAYS, start_values, step
from hybridplan.log.loads import METHODS, activity_load, srpe
from hybridplan.models.activity import Activity, TrainingLog
from hybridplan.models.errors import InputError, Problem
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
    method: str = "srpe"
    through: int | None = None  # the last day logged (days after the first Monday)
    scale: float | None = None  # session-RPE loads to the method's scale (trimp, rtss)
    notes: list[str] = field(default_factory=list)  # how the loads were found, in words

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


def _planned_rpe(log: TrainingLog, result: Result) -> dict[str, float]:
    """The RPE of the planned session each logged activity was matched to, by fingerprint."""
    by_uid = {s.uid: s for s in result.sessions if s.uid}
    by_place = {(s.week, s.day, str(s.slot), s.session): s for s in result.sessions}
    out: dict[str, float] = {}
    for e in log.entries:
        if e.activity is None or e.session is None:
            continue
        planned = by_uid.get(e.uid or "") or by_place.get((e.week, e.day, e.slot or "", e.session))
        if planned is not None and planned.minutes:
            out[e.activity] = planned.load / planned.minutes
    return out


def plan_form(result: Result, method: str = "srpe") -> PlanForm:
    """Each day of a solved plan with its load, fitness, fatigue and form: the logged
    activities' loads up to the log's last day, the plan's sessions' after it, all by
    `method` (srpe, trimp or rtss; bad input when trimp or rtss has nothing to scale by)."""
    if method not in METHODS:
        raise InputError(
            [Problem("load", f"{method!r} is not a load method ({', '.join(METHODS)})")]
        )
    inp = input_from_result(result)
    total = len(DAYS) * inp.weeks
    planned = [0] * total
    dates: dict[int, dt.date] = {}
    for s in result.sessions:
        day = len(DAYS) * (s.week - 1) + DAYS.index(s.day)
        planned[day] += s.load
        if s.date is not None:
            dates[day] = s.date
    start = inp.scenario.start
    history = inp.scenario.history
    log = result.log
    through: int | None = None
    logged: list[tuple[int, Activity]] = []
    if log is not None and (log.activities or log.through is not None):
        if start is None:
            raise InputError(
                [Problem("log", "the plan has a log but no start date to place its days on")]
            )
        last = log.through or max(a.date for a in log.activities)
        through = min((last - start).days, total - 1)
        logged = [((a.date - start).days, a) for a in log.activities if start <= a.date <= last]
        logged = [(d, a) for d, a in logged if d < total]
    rpe_of = _planned_rpe(log, result) if log is not None else {}
    own: list[float] = [0.0] * total  # loads by the method itself
    by_rpe: list[float] = [0.0] * total  # session-RPE loads, scaled below for trimp, rtss
    pairs = [0.0, 0.0]  # the method's and session RPE's loads where both are known
    fell_back: dict[str, int] = {}
    for day, a in logged:
        load, used = activity_load(a, inp.scenario.athlete, method, rpe_of.get(a.fingerprint))
        if method == "srpe" or not used.startswith("srpe"):
            own[day] += load
            rpe = a.rpe if a.rpe is not None else rpe_of.get(a.fingerprint)
            if method != "srpe" and rpe is not None:
                pairs[0] += load
                pairs[1] += srpe(a.minutes, rpe)
        else:
            by_rpe[day] += load
            why = used.split(", RPE")[0].removeprefix("srpe: ")
            fell_back[why] = fell_back.get(why, 0) + 1
    first_planned = 0 if through is None else max(0, through + 1)
    for day in range(first_planned, total):
        by_rpe[day] += planned[day]
    notes: list[str] = []
    scale: float | None = None
    if method != "srpe":
        if pairs[1] == 0:
            raise InputError(
                [
                    Problem(
                        "load",
                        f"{method}: no logged activity has both a {method} load and an RPE "
                        "(its own or its planned session's), so the plan's session-RPE loads "
                        "cannot be put on its scale; use srpe",
                    )
                ]
            )
        scale = pairs[0] / pairs[1]
        unscored = sum(fell_back.values())
        also = f", {unscored} logged activities the method could not score" if unscored else ""
        notes.append(
            f"session-RPE loads (the plan's sessions, the history{also}) scaled by "
            f"{scale:.3f}: the log's {method} over its session RPE"
        )
    for why, n in sorted(fell_back.items()):
        notes.append(f"{n} logged {'activity' if n == 1 else 'activities'} by session RPE: {why}")
    factor = 1.0 if scale is None else scale
    loads = [round(own[d] + by_rpe[d] * factor) for d in range(total)]
    fitness, fatigue = (x * factor for x in start_values(history))
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
    return PlanForm(
        days=days,
        race_day=inp.race_day,
        method=method,
        through=through if through is not None and through >= 0 else None,
        scale=scale,
        notes=notes,
    )
