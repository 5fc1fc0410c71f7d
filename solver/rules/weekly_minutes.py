"""weekly_minutes (hard): each week's total minutes within the scenario's `weekly_minutes`
budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models.plan import Plan
from models.result import Violation
from models.rules import WeeklyMinutes as Config
from solver.context import BuildContext


def build(ctx: BuildContext, cfg: Config) -> None:
    budget = ctx.week.scenario.weekly_minutes
    if budget is None:
        return
    for week in ctx.week.per_week():
        minutes = ctx.total(ctx.live_week(week), lambda p: p.session.minutes)
        tag = ctx.week.tag(week)
        literal = ctx.requirement(
            Config.ID + (f".{tag}" if tag else ""),
            Config.ID,
            f"at most {budget} minutes in the week{f' ({tag})' if tag else ''} (weekly_minutes)",
            advice=_advice(budget, tag),
            relax_expr=_minutes(minutes),
        )
        ctx.enforce(ctx.model.add(minutes <= budget), literal)


def _minutes(expr: Any) -> Callable[[], Any]:
    return lambda: expr


def _advice(budget: int, tag: str) -> Callable[[int | None, Plan], str]:
    where = f" in {tag}" if tag else ""
    return lambda v, _: f"raise weekly_minutes from {budget} to {v}{where}"


def check(plan: Plan, cfg: Config) -> list[Violation]:
    budget = plan.week.scenario.weekly_minutes
    if budget is None:
        return []
    found = []
    for week in plan.week.per_week():
        used = sum(p.session.minutes for p in plan.week.in_week(week, plan.placed))
        if used > budget:
            found.append(
                Violation(
                    rule=Config.ID,
                    detail=plan.week.prefix(week) + f"{used} min planned; the budget is {budget}",
                )
            )
    return found
