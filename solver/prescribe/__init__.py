"""Session content, computed after solving: paces and steps for runs, exercises with sets,
reps and loads for strength, from the plan (phases, goal, where each week stands) and the
athlete (`scenario.athlete`). Plain arithmetic on a finished plan, never part of the model:
the schedule is the same with or without it, and it costs well under a millisecond a
session (`benchmarks/solve_speed.py` reports it).

    from hybridplan.prescribe import attach
    attach(result, plan_input)          # every session gets .prescription

Modules: `paces` (Daniels' VDOT), `zones` (efforts and heart-rate zones), `progression`
(a week's place in its block), `limits` (Daniels' limits on a session's and a week's
quality work), `runs` (steps), `exercises` (the exercise data), `strength`
(sets x reps x load).
"""

from __future__ import annotations

from collections.abc import Iterable

from hybridplan.models.plan_input import PlanInput
from hybridplan.models.prescription import Prescription
from hybridplan.models.progression import BEGINNER_QUALITY
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.week import DAYS, clock_minutes
from hybridplan.prescribe.limits import WeekBudget, week_km
from hybridplan.prescribe.paces import athlete_paces
from hybridplan.prescribe.progression import WeekPlace, week_place
from hybridplan.prescribe.runs import MP_LONG, RunContext, race_plan, run_prescription
from hybridplan.prescribe.strength import mobility_prescription, strength_prescription

__all__ = ["attach", "prescribe", "prescribed"]


def prescribe(week: PlanInput, sessions: Iterable[SessionOut]) -> list[Prescription]:
    """A prescription for each session of a plan of `week` (in order)."""
    sc = week.scenario
    athlete = sc.athlete
    paces = athlete_paces(athlete)
    unit = athlete.pace_unit if athlete else "km"
    max_hr = athlete.zone_max_hr if athlete else None
    race = sc.race
    distance = race.distance if race else None
    pace, goal_note = race_plan(distance, race.finish if race else None, paces)
    mp_finish = distance in MP_LONG if race else week.goal == "endurance"
    beginner = sc.targets.quality_runs.max <= BEGINNER_QUALITY
    mp_phases: tuple[str, ...] = (
        () if not mp_finish else ("peak",) if beginner else ("build", "peak")
    )
    if mp_phases and not beginner and distance in ("marathon", "ultra"):
        mp_phases += ("taper",)  # a marathon-pace rehearsal in the taper's long run
    sessions = list(sessions)
    running: dict[int, int] = {}
    for s in sessions:
        if s.kind == "run" and s.run_type != "race":
            running[s.week] = running.get(s.week, 0) + s.minutes
    order = _strength_order(week, sessions)
    places: dict[int, WeekPlace] = {}
    budgets: dict[int, WeekBudget] = {}
    out = []
    for index, s in enumerate(sessions):
        place = places.get(s.week)
        if place is None:
            place = places[s.week] = week_place(week, s.week)
            budgets[s.week] = WeekBudget(week_km(running.get(s.week, 0), paces))
        session = week.sessions.get(s.session)
        if s.kind == "run":
            ctx = RunContext(
                paces, unit, max_hr, place, mp_phases, pace, distance, budgets[s.week],
                goal_note,
            )  # fmt: skip
            out.append(run_prescription(s, ctx))
        elif s.kind == "strength" and session is not None:
            nth = order.get(index)
            out.append(
                strength_prescription(s, session, place, athlete, nth=nth, block=week.weeks > 1)
            )
        else:
            out.append(mobility_prescription(s))
    return out


def _strength_order(week: PlanInput, sessions: list[SessionOut]) -> dict[int, int]:
    """For each strength session (by its index in `sessions`), how many sessions of its
    strength type come before it in its week, by day and start: the second of a week gets
    the B lifts."""
    seen: dict[tuple[int, str], int] = {}
    out: dict[int, int] = {}
    timed = sorted(
        (i for i, s in enumerate(sessions) if s.kind == "strength" and s.session in week.sessions),
        key=lambda i: (
            sessions[i].week, DAYS.index(sessions[i].day), clock_minutes(sessions[i].start), i
        ),
    )  # fmt: skip
    for i in timed:
        s = sessions[i]
        key = (s.week, str(week.sessions[s.session].strength_type))
        out[i] = seen.get(key, 0)
        seen[key] = out[i] + 1
    return out


def attach(result: Result, week: PlanInput) -> Result:
    """Give every session of `result` (a plan of `week`) its prescription; returns it."""
    for s, p in zip(result.sessions, prescribe(week, result.sessions), strict=True):
        s.prescription = p
    return result


def prescribed(result: Result) -> Result:
    """`result` with prescriptions, computing them from its stored input where a session
    has none (a result written before prescriptions existed)."""
    if not result.input or all(s.prescription is not None for s in result.sessions):
        return result
    from hybridplan.models.loading import input_from_result

    copy = result.model_copy(deep=True)
    return attach(copy, input_from_result(copy))
