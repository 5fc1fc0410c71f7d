"""Session-RPE load by day and by week, as model expressions and as plain numbers, for the
load rules (monotony, acute_chronic). `training=True` leaves the race out: the race is not
training (as for weekly_minutes and run_volume), and a rule that judges how training load
builds must not read the race's spike as a training error."""

from __future__ import annotations

from ortools.sat.python import cp_model

from hybridplan.core.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.week import DAYS


def day_loads(ctx: BuildContext, week: int, training: bool = False) -> list[cp_model.LinearExpr]:
    days = range((week - 1) * len(DAYS), week * len(DAYS))
    live = [p for p in ctx.live() if not (training and p.session.is_race)]
    return [ctx.total([p for p in live if p.slot.day == d], lambda p: p.session.load) for d in days]


def plan_day_loads(plan: Plan, week: int, training: bool = False) -> list[int]:
    loads = [0] * len(DAYS)
    for p in plan.input.in_week(week, plan.placed):
        if not (training and p.session.is_race):
            loads[p.slot.weekday] += p.session.load
    return loads


def max_day_load(ctx: BuildContext) -> int:
    """An upper bound on one day's load, for variable domains."""
    per_day = max((p.session.load for p in ctx.candidates), default=0)
    return per_day * max(1, len(ctx.input.scenario.slots))
