"""one_per_slot (hard): one session at a time: at most one session in a slot, and no two
sessions overlapping in time (slots whose windows overlap, e.g. am 06:00 for 60 minutes and
a 06:30 slot, cannot both hold a session that runs into the other).

"At most one per slot" is also part of the model's structure (BuildContext), so the
build adds only the overlaps; the check verifies both."""

from __future__ import annotations

from collections import defaultdict

from hybridplan.core import pairs
from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed, Slot, hours_apart
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import OnePerSlot as Config
from hybridplan.models.week import plural


def _overlap_spec(week: PlanInput) -> pairs.PairSpec:
    def describe(a: Placed, b: Placed) -> str:
        return f"{a.label} and {b.label} overlap in time"

    return pairs.PairSpec(
        first=lambda s: True,
        second=lambda s: True,
        conflict=lambda a, b: a.slot != b.slot and hours_apart(a, b) < 0,
        describe=describe,
        # Two sessions can only overlap if their starts are closer than the longest one.
        window_minutes=max((s.minutes for s in week.sessions.values()), default=0),
        key="one_per_slot.overlap",
    )


def build(ctx: BuildContext, cfg: Config) -> None:
    pairs.build_hard(ctx, _overlap_spec(ctx.input))


def check(plan: Plan, cfg: Config) -> list[Violation]:
    by_slot: dict[Slot, list[Placed]] = defaultdict(list)
    for p in plan.placed:
        by_slot[p.slot].append(p)
    shared = [
        Violation(
            rule=Config.ID,
            detail=f"{slot.label}: {plural(len(ps), 'session')} "
            f"({', '.join(p.session.id for p in ps)}); at most 1",
        )
        for slot, ps in by_slot.items()
        if len(ps) > 1
    ]
    return shared + pairs.check_hard(Config.ID, _overlap_spec(plan.input), plan)
