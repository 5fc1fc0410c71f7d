"""weekly_minutes (hard): each week's training minutes within the scenario's
`weekly_minutes` budget (the race is not training: it does not count)."""

from __future__ import annotations

from collections.abc import Callable

from hybridplan.core.context import BuildContext, Expr
from hybridplan.core.volume import plan_week_minutes, training, week_minutes
from hybridplan.models.plan import Plan
from hybridplan.models.result import Violation
from hybridplan.models.rules import WeeklyMinutes as Config


def build(ctx: BuildContext, cfg: Config) -> None:
    budget = ctx.input.scenario.weekly_minutes
    if budget is None:
        return
    for week in ctx.weeks:
        minutes = week_minutes(ctx, week, training)
        tag = ctx.input.tag(week)
        literal = ctx.requirement(
            Config.ID + (f".{tag}" if tag else ""),
            Config.ID,
            f"at most {budget} minutes in the week{f' ({tag})' if tag else ''} (weekly_minutes)",
            advice=_advice(budget, tag),
            relax_expr=_minutes(minutes),
        )
        ctx.enforce(ctx.model.add(minutes <= budget), literal)


def _minutes(expr: Expr) -> Callable[[], Expr]:
    return lambda: expr


def _advice(budget: int, tag: str) -> Callable[[int | None, Plan], str]:
    where = f" in {tag}" if tag else ""
    return lambda v, _: f"raise weekly_minutes from {budget} to {v}{where}"


def check(plan: Plan, cfg: Config) -> list[Violation]:
    budget = plan.input.scenario.weekly_minutes
    if budget is None:
        return []
    found = []
    for week in plan.input.per_week():
        used = plan_week_minutes(plan, week, training)
        if used > budget:
            found.append(
                Violation(
                    rule=Config.ID,
                    detail=plan.input.prefix(week) + f"{used} min planned; the budget is {budget}",
                )
            )
    return found
