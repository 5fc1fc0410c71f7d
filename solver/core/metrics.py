"""Plan metrics: the bench's yardstick. They read only the finished plan (never the rules,
the model or the solver's penalties), so every rule set is measured the same way.

Everything is counted on the plan's one timeline, per (week, day): a 16-week block has 112
days, and a rest day of week 3 is not the Monday of week 1. Per-week figures (rest days,
hard days, load, monotony, running minutes, sets) come as lists, one value per week, and
the plan's figures are their totals or means (`*_per_week`), so a block and a week read
alike. A figure that does not apply is missing (None), never a stand-in number: a key run
with no hard session before it has no freshness, a week of rest has no monotony, a plan
without a running target has no distance from it.
"""

from __future__ import annotations

import statistics
from typing import Any

from hybridplan.core.objections import coach_objections
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.session import MUSCLES
from hybridplan.models.week import DAYS


def straining(p: Placed) -> bool:
    """What takes freshness from a key run: a hard session (run or lift) or a heavy-leg
    lift, as in the coach's list (LEGS>KEY, RUN>LIFT, QQ). A moderate lift before a tempo is
    endorsed (001, 004) and does not count."""
    return p.session.is_hard or p.session.loads_legs("heavy")


def freshness(plan: Plan) -> list[float | None]:
    """Per key run (quality or long run; the race aside), in time order: hours from the end
    of the last straining session before it to its start, on the plan's timeline (across
    weeks too). None when nothing straining comes before it: not measured, not a week."""
    hours: list[float | None] = []
    for run in plan.placed:
        if not run.session.is_key_run:
            continue
        ends = [p.end for p in plan.placed if p is not run and straining(p) and p.end <= run.start]
        hours.append((run.start - max(ends)) / 60 if ends else None)
    return hours


def week_loads(plan: Plan, week: int) -> list[int]:
    """Session-RPE load of each of the week's seven days."""
    loads = [0] * len(DAYS)
    for p in plan.input.in_week(week, plan.placed):
        loads[p.slot.weekday] += p.session.load
    return loads


def monotony(loads: list[int]) -> float | None:
    """Foster's monotony of a week: mean daily load / its standard deviation (population,
    rest days as 0, as the `monotony` rule). None when undefined: a week with no load, or
    seven equal loads (no spread)."""
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
        s, o = _sets_off(plan, week)
        short += sum(s.values())
        over += sum(o.values())
    return short, over


def _sets_off(plan: Plan, week: int) -> tuple[dict[str, int], dict[str, int]]:
    totals = week_sets(plan, week)
    short: dict[str, int] = {}
    over: dict[str, int] = {}
    for m, wanted in plan.input.targets_for(week).sets.items():
        short[m] = max(0, wanted.min - totals.get(m, 0))
        over[m] = max(0, totals.get(m, 0) - wanted.max)
    return short, over


def week_figures(plan: Plan, week: int) -> dict[str, Any]:
    """One week of the plan: its days counted by (week, day)."""
    here = plan.input.in_week(week, plan.placed)
    busy = {p.slot.day for p in here}
    hard = {p.slot.day for p in here if p.session.is_hard}
    loads = week_loads(plan, week)
    short, over = _sets_off(plan, week)
    run_minutes = sum(p.session.minutes for p in here if p.session.is_training_run)
    target = plan.input.targets_for(week).run_minutes
    return {
        "week": week,
        "phase": plan.input.phases[week - 1] if plan.input.weeks > 1 else "",
        "sessions": len(here),
        "minutes": sum(p.session.minutes for p in here),
        "rest_days": len(DAYS) - len(busy),
        "hard_days": len(hard),
        "load": sum(loads),
        "monotony": monotony(loads),
        "run_minutes": run_minutes,
        "run_target": target,
        # |running minutes - target| as a share of the target; None without a target
        "run_off_pct": round(100 * abs(run_minutes - target) / target, 1) if target else None,
        "sets_short": sum(short.values()),
        "sets_over": sum(over.values()),
        "sets_short_by_group": short,
        "sets_over_by_group": over,
    }


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.fmean(present), 3) if present else None


def plan_metrics(plan: Plan) -> dict[str, Any]:
    """The yardstick of one plan. Totals over the plan (`rest_days`, `hard_days`,
    `objections`, `sets_short`, ...), the same per week (`*_per_week`: the total divided
    by the weeks, or the mean of the weekly figure), and the weekly lists (`*_by_week`)."""
    weeks = [week_figures(plan, w) for w in plan.input.per_week()]
    n = len(weeks)
    counts = coach_objections(plan).coach_objections
    fresh = [f for f in freshness(plan) if f is not None]
    metrics: dict[str, Any] = {
        "weeks": n,
        "objections": sum(counts.values()),
        **{f"objection_{oid}": k for oid, k in counts.items()},
        "minutes": sum(w["minutes"] for w in weeks),
        "run_minutes": sum(w["run_minutes"] for w in weeks),
        "load": sum(w["load"] for w in weeks),
        "rest_days": sum(w["rest_days"] for w in weeks),
        "hard_days": sum(w["hard_days"] for w in weeks),
        "sets_short": sum(w["sets_short"] for w in weeks),
        "sets_over": sum(w["sets_over"] for w in weeks),
        "key_runs": sum(1 for p in plan.placed if p.session.is_key_run),
        "freshness_min_h": round(min(fresh), 1) if fresh else None,
        "freshness_mean_h": round(statistics.fmean(fresh), 1) if fresh else None,
    }
    for column in ("objections", "minutes", "load", "rest_days", "hard_days"):
        metrics[f"{column}_per_week"] = round(metrics[column] / n, 3)
    for column in ("sets_short", "sets_over"):
        metrics[f"{column}_per_week"] = round(metrics[column] / n, 3)
        for m in MUSCLES:  # None: no target for the group in any week
            by = [w[f"{column}_by_group"].get(m) for w in weeks]
            known = any(v is not None for v in by)
            metrics[f"{column}_{m}_per_week"] = (
                round(sum(v or 0 for v in by) / n, 3) if known else None
            )
    metrics["no_rest_weeks"] = sum(1 for w in weeks if w["rest_days"] == 0)
    metrics["no_rest_share"] = round(metrics["no_rest_weeks"] / n, 3)
    metrics["run_off_pct"] = _mean([w["run_off_pct"] for w in weeks])
    metrics["monotony"] = _mean([w["monotony"] for w in weeks])
    weekly_monotony = [w["monotony"] for w in weeks if w["monotony"] is not None]
    metrics["monotony_max"] = max(weekly_monotony) if weekly_monotony else None
    for column in ("rest_days", "hard_days", "load", "monotony", "run_minutes", "sets_short"):
        metrics[f"{column}_by_week"] = [w[column] for w in weeks]
    return metrics
