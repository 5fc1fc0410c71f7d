"""availability (hard): sessions only in available slots, within the slot's free minutes."""

from __future__ import annotations

from models.plan import Placed, Plan
from models.result import Violation
from models.rules import Availability as Config
from solver.context import BuildContext


def _fits(p: Placed) -> bool:
    return p.session.minutes <= p.slot.capacity


def build(ctx: BuildContext, cfg: Config) -> None:
    for p in ctx.live():
        if not _fits(p):
            ctx.forbid(p)


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
