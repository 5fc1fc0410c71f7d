"""phase_limits (hard): no strength session harder than the week's phase allows (the phase
table's `max_strength_intensity`: no heavy lifting near the race, 000)."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import PhaseLimits as Config
from hybridplan.models.week import week_tag

_RANK = {"easy": 0, "moderate": 1, "hard": 2}


def _too_hard(p: Placed, week: PlanInput) -> bool:
    if not p.session.is_strength:  # first: the phase's targets are a merge of three tables
        return False
    limit = week.phase_targets(p.slot.week).max_strength_intensity
    return limit is not None and _RANK[p.session.intensity] > _RANK[limit]


def rules_out(p: Placed, week: PlanInput, cfg: Config) -> bool:
    """Strength harder than its week's phase allows."""
    return _too_hard(p, week)


def build(ctx: BuildContext, cfg: Config) -> None:
    for p in ctx.live():
        if _too_hard(p, ctx.input):
            w = p.slot.week
            literal = ctx.requirement(
                f"{Config.ID}.{week_tag(w)}", Config.ID,
                f"no strength above {ctx.input.phase_targets(w).max_strength_intensity} in "
                f"{week_tag(w)} ({ctx.input.phases[w - 1]})",
            )  # fmt: skip
            ctx.forbid(p, literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    return [
        Violation(rule=Config.ID, detail=f"{p.label}: too hard for a "
                  f"{plan.input.phases[p.slot.week - 1]} week")
        for p in plan.placed if _too_hard(p, plan.input)
    ]  # fmt: skip
