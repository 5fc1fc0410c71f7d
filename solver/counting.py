"""Rules that keep a count of sessions inside a range (runs, lifts, long and quality runs).

Each of those rule modules is three lines on top of `CountRule`, which holds both faces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from models.plan import Plan
from models.result import Violation
from models.scenario import CountRange, Targets
from solver.context import BuildContext, SessionPredicate


@dataclass(frozen=True)
class CountRule:
    rule: str
    counted: SessionPredicate
    wanted: Callable[[Targets], CountRange | None]  # None: the scenario sets no target
    noun: str

    def build(self, ctx: BuildContext, cfg: Any) -> None:
        wanted = self.wanted(ctx.week.scenario.targets)
        if wanted is None:
            return
        count = ctx.total(ctx.live(self.counted))
        ctx.model.add(count >= wanted.min)
        ctx.model.add(count <= wanted.max)

    def check(self, plan: Plan, cfg: Any) -> list[Violation]:
        wanted = self.wanted(plan.week.scenario.targets)
        count = sum(1 for p in plan.placed if self.counted(p.session))
        if wanted is None or wanted.contains(count):
            return []
        want = str(wanted.min) if wanted.min == wanted.max else f"{wanted.min}-{wanted.max}"
        return [Violation(rule=self.rule, detail=f"{count} {self.noun} planned; wanted {want}")]
