"""run_progression (hard): weekly running minutes rise by at most `percent` % week over
week (003: about 10%), except in the week after a deload."""

from __future__ import annotations

from hybridplan.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import RunProgression as Config
from hybridplan.models.week import week_tag


def _pairs(week: PlanInput) -> list[int]:
    """Weeks compared with the week before (not the first, not the one after a deload)."""
    return [w for w in week.per_week() if w > 1 and week.phases[w - 2] != "deload"]


def build(ctx: BuildContext, cfg: Config) -> None:
    minutes = {
        w: ctx.total(ctx.live_week(w, lambda s: s.is_run), lambda p: p.session.minutes)
        for w in ctx.input.per_week()
    }
    for w in _pairs(ctx.input):
        literal = ctx.requirement(
            f"{Config.ID}.{week_tag(w)}", Config.ID,
            f"running minutes of {week_tag(w)} at most {cfg.percent}% above {week_tag(w - 1)}'s",
        )  # fmt: skip
        constraint = ctx.model.add(100 * minutes[w] <= (100 + cfg.percent) * minutes[w - 1])
        ctx.enforce(constraint, literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    week = plan.input
    ran = {
        w: sum(p.session.minutes for p in week.in_week(w, plan.placed) if p.session.is_run)
        for w in week.per_week()
    }
    return [
        Violation(rule=Config.ID, detail=f"{week_tag(w)}: {ran[w]} running minutes after "
                  f"{ran[w - 1]} in {week_tag(w - 1)}; at most +{cfg.percent}%")
        for w in _pairs(week) if 100 * ran[w] > (100 + cfg.percent) * ran[w - 1]
    ]  # fmt: skip
