"""weekly_minutes (hard): total minutes within the scenario's `weekly_minutes` budget."""

from __future__ import annotations

from models.plan import Plan
from models.result import Violation
from models.rules import WeeklyMinutes as Config
from solver.context import BuildContext


def build(ctx: BuildContext, cfg: Config) -> None:
    budget = ctx.week.scenario.weekly_minutes
    if budget is None:
        return
    minutes = ctx.total(ctx.live(), lambda p: p.session.minutes)
    literal = ctx.requirement(
        Config.ID,
        Config.ID,
        f"at most {budget} minutes in the week (weekly_minutes)",
        advice=lambda v, _: f"raise weekly_minutes from {budget} to {v}",
        relax_expr=lambda: minutes,
    )
    ctx.enforce(ctx.model.add(minutes <= budget), literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    budget = plan.week.scenario.weekly_minutes
    used = sum(p.session.minutes for p in plan.placed)
    if budget is None or used <= budget:
        return []
    return [Violation(rule=Config.ID, detail=f"{used} min planned; the budget is {budget}")]
