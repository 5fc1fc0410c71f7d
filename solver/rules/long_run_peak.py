"""long_run_peak (soft): the long run grows gradually and peaks `weeks_before_race` weeks
before the race that ends the plan. `weight` points per week on the way up (deload weeks
and the weeks after them aside) whose long run is shorter than the week before's, and per
week whose long run is longer than the peak week's. Only for plans that end in a race."""

from __future__ import annotations

from hybridplan.context import BoolVar, BuildContext, Expr
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import LongRunPeak as Config
from hybridplan.models.week import week_tag


def _peak(week: PlanInput, cfg: Config) -> int | None:
    if week.scenario.race is None or week.weeks <= cfg.weeks_before_race:
        return None
    return week.weeks - cfg.weeks_before_race


def _rising(week: PlanInput, peak: int) -> list[int]:
    """Weeks up to the peak whose long run should not be shorter than the week before's."""
    return [
        w
        for w in range(2, peak + 1)
        if week.phases[w - 1] != "deload" and week.phases[w - 2] != "deload"
    ]


def _exactly(ctx: BuildContext, smaller: Expr, larger: Expr, name: str) -> BoolVar:
    """A boolean equal to (smaller < larger), exactly, so penalties match the check."""
    b = ctx.model.new_bool_var(name)
    ctx.model.add(smaller + 1 <= larger).only_enforce_if(b)
    ctx.model.add(smaller >= larger).only_enforce_if(b.negated())
    return b


def build(ctx: BuildContext, cfg: Config) -> None:
    peak = _peak(ctx.input, cfg)
    if peak is None:
        return
    longest = {
        w: ctx.total(ctx.live_week(w, lambda s: s.is_long_run), lambda p: p.session.minutes)
        for w in ctx.input.per_week()
    }
    for w in _rising(ctx.input, peak):
        ctx.penalize(
            Config.ID,
            cfg.weight,
            _exactly(ctx, longest[w], longest[w - 1], f"long_run_shrinks[{w}]"),
        )
    for w in ctx.input.per_week():
        if w != peak:
            ctx.penalize(
                Config.ID,
                cfg.weight,
                _exactly(ctx, longest[peak], longest[w], f"long_run_above_peak[{w}]"),
            )


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    week = plan.input
    peak = _peak(week, cfg)
    if peak is None or not cfg.weight:
        return []
    longest = {
        w: sum(p.session.minutes for p in week.in_week(w, plan.placed) if p.session.is_long_run)
        for w in week.per_week()
    }
    found = [
        Penalty(
            rule=Config.ID,
            amount=cfg.weight,
            days=[],
            detail=f"{week_tag(w)}: long run {longest[w]} min after {longest[w - 1]} "
            f"in {week_tag(w - 1)}",
        )
        for w in _rising(week, peak)
        if longest[w] < longest[w - 1]
    ]
    found += [
        Penalty(
            rule=Config.ID,
            amount=cfg.weight,
            days=[],
            detail=f"{week_tag(w)}: long run {longest[w]} min, longer than the peak week "
            f"{week_tag(peak)}'s {longest[peak]}",
        )
        for w in week.per_week()
        if w != peak and longest[w] > longest[peak]
    ]
    return found
