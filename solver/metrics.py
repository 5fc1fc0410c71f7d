"""Plan metrics a coach reads, for comparing rule sets: volume against targets, how fresh
the key runs are, rest and hard days, minutes, session-RPE load and monotony."""

from __future__ import annotations

import statistics
from typing import Any

from hybridplan.models.plan import Plan
from hybridplan.models.week import DAYS, MINUTES_PER_DAY

NO_STRENGTH_BEFORE = 168.0  # hours: no hard or leg strength earlier in the week


def freshness(plan: Plan) -> list[float]:
    """Per quality or long run: hours since the end of the last hard or leg strength session
    before it (a week when there is none)."""
    hours = []
    for run in plan.placed:
        if not (run.session.is_quality_run or run.session.is_long_run):
            continue
        ends = [
            p.end
            for p in plan.placed
            if (p.session.is_hard_strength or p.session.loads_legs("any")) and p.start < run.start
        ]
        hours.append((run.start - max(ends)) / 60 if ends else NO_STRENGTH_BEFORE)
    return hours


def daily_load(plan: Plan) -> list[int]:
    load = [0] * (len(DAYS) * plan.input.weeks)
    for p in plan.placed:
        load[p.start // MINUTES_PER_DAY] += p.session.load
    return load


def monotony(loads: list[int]) -> float | None:
    """Mean daily load / standard deviation over 7 days (Foster); None when flat."""
    spread = statistics.pstdev(loads)
    return round(statistics.fmean(loads) / spread, 3) if spread else None


def week_sets(plan: Plan, week: int) -> dict[str, int]:
    totals: dict[str, int] = {}
    for p in plan.input.in_week(week, plan.placed):
        for m, n in p.session.sets.items():
            totals[m] = totals.get(m, 0) + n
    return totals


def sets_off_target(plan: Plan) -> tuple[int, int]:
    """(sets short of, sets above) each week's targets, summed over weeks and groups."""
    short = over = 0
    for week in plan.input.per_week():
        totals = week_sets(plan, week)
        for m, wanted in plan.input.targets_for(week).sets.items():
            short += max(0, wanted.min - totals.get(m, 0))
            over += max(0, totals.get(m, 0) - wanted.max)
    return short, over


def plan_metrics(plan: Plan) -> dict[str, Any]:
    """Metrics of the whole plan; sets per group are week 1's against week 1's targets."""
    targets = plan.input.targets_for(1).sets
    totals = week_sets(plan, 1)
    short, over = sets_off_target(plan)
    fresh = freshness(plan)
    loads = daily_load(plan)
    busy = {p.slot.day for p in plan.placed}
    hard = {p.slot.day for p in plan.placed if p.session.is_hard}
    metrics: dict[str, Any] = {
        "minutes": sum(p.session.minutes for p in plan.placed),
        "rest_days": len(DAYS) * plan.input.weeks - len(busy),
        "hard_days": len(hard),
        "load": sum(loads),
        "monotony": monotony(loads),
        "freshness_min_h": round(min(fresh), 1) if fresh else None,
        "freshness_mean_h": round(statistics.fmean(fresh), 1) if fresh else None,
        "sets_short": short,
        "sets_over": over,
    }
    for m, wanted in targets.items():
        metrics[f"sets_{m}"] = totals.get(m, 0)
        metrics[f"sets_{m}_target"] = f"{wanted.min}-{wanted.max}"
    return metrics
