"""availability (hard): sessions only in available slots, within the slot's free minutes."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import Availability as Config


def _fits(p: Placed) -> bool:
    return p.session.minutes <= p.slot.capacity


def rules_out(p: Placed, week: PlanInput, cfg: Config) -> bool:
    """A session longer than its slot's free minutes (none when the slot is not free)."""
    return not _fits(p)


def _advice(_: int | None, plan: Plan) -> str:
    needs = [
        f"{p.slot.label} for {p.session.id} ({p.session.minutes} min; "
        + ("not free now)" if p.slot.capacity == 0 else f"{p.slot.capacity} min free now)")
        for p in plan.placed
        if not _fits(p)
    ]
    return "free more time: " + "; ".join(needs)


def build(ctx: BuildContext, cfg: Config) -> None:
    unfit = [p for p in ctx.live() if not _fits(p)]
    literal = ctx.requirement(
        Config.ID,
        Config.ID,
        "sessions only in the calendar's free slots and minutes",
        advice=_advice,
        relax_expr=lambda: ctx.total(unfit, lambda p: p.session.minutes - p.slot.capacity),
    )
    for p in unfit:
        ctx.forbid(p, literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    return [
        Violation(
            rule=Config.ID,
            detail=(
                f"{p.label}: slot is not available"
                if p.slot.capacity == 0
                else f"{p.label} takes {p.session.minutes} min; the slot has {p.slot.capacity}"
            ),
        )
        for p in plan.placed
        if not _fits(p)
    ]
