"""deload (hard): a deload week's training minutes are at least `cut_percent` % below the
week before's (deload every 3-4 weeks, 001/004)."""

from __future__ import annotations

from hybridplan.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import Deload as Config
from hybridplan.models.week import week_tag


def _deloads(week: PlanInput) -> list[int]:
    return [w for w in week.per_week() if w > 1 and week.phases[w - 1] == "deload"]


def build(ctx: BuildContext, cfg: Config) -> None:
    minutes = {
        w: ctx.total(ctx.live_week(w), lambda p: p.session.minutes) for w in ctx.input.per_week()
    }
    for w in _deloads(ctx.input):
        literal = ctx.requirement(
            f"{Config.ID}.{week_tag(w)}", Config.ID,
            f"deload week {week_tag(w)} at least {cfg.cut_percent}% lighter than {week_tag(w - 1)}",
        )  # fmt: skip
        constraint = ctx.model.add(100 * minutes[w] <= (100 - cfg.cut_percent) * minutes[w - 1])
        ctx.enforce(constraint, literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    week = plan.input
    total = {
        w: sum(p.session.minutes for p in week.in_week(w, plan.placed)) for w in week.per_week()
    }
    return [
        Violation(rule=Config.ID, detail=f"deload {week_tag(w)}: {total[w]} min after "
                  f"{total[w - 1]} in {week_tag(w - 1)}; wanted at least {cfg.cut_percent}% less")
        for w in _deloads(week) if 100 * total[w] > (100 - cfg.cut_percent) * total[w - 1]
    ]  # fmt: skip
