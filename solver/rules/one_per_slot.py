"""one_per_slot (hard): at most one session in a slot."""

from __future__ import annotations

from collections import defaultdict

from models.plan import Placed, Plan, Slot
from models.result import Violation
from models.rules import OnePerSlot as Config
from solver.context import BuildContext


def build(ctx: BuildContext, cfg: Config) -> None:
    by_slot: dict[Slot, list[Placed]] = defaultdict(list)
    for p in ctx.live():
        by_slot[p.slot].append(p)
    for placed in by_slot.values():
        ctx.model.add_at_most_one(ctx.x[p] for p in placed)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    by_slot: dict[Slot, list[Placed]] = defaultdict(list)
    for p in plan.placed:
        by_slot[p.slot].append(p)
    return [
        Violation(
            rule=Config.ID,
            detail=f"{slot.label}: {len(ps)} sessions "
            f"({', '.join(p.session.id for p in ps)}); at most 1",
        )
        for slot, ps in by_slot.items()
        if len(ps) > 1
    ]
