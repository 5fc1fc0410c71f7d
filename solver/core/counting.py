"""Rules that keep a count of sessions inside a range (runs, lifts, long, quality and
mobility sessions). Each of those rule modules is a few lines on top of `CountRule`, which
holds both faces; when explaining, the minimum and the maximum are separate requirements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hybridplan.core.context import BuildContext, Expr, SessionPredicate
from hybridplan.models.plan import Plan
from hybridplan.models.ranges import CountRange
from hybridplan.models.result import Violation
from hybridplan.models.scenario import Targets
from hybridplan.models.week import plural


@dataclass(frozen=True)
class CountRule:
    rule: str
    counted: SessionPredicate
    wanted: Callable[[Targets], CountRange | None]  # None: the scenario sets no target
    noun: str  # singular
    field: str  # the scenario field, for messages

    def build(self, ctx: BuildContext, cfg: Any) -> None:
        for week in ctx.weeks:  # each week, with its phase's targets
            wanted = self.wanted(ctx.input.targets_for(week))
            if wanted is not None:
                self._build_week(ctx, wanted, week)

    def _build_week(self, ctx: BuildContext, wanted: CountRange, week: int) -> None:
        placed = ctx.live_week(week, self.counted)
        count = ctx.total(placed)
        tag = ctx.input.tag(week)
        key = f"{self.rule}.{{}}" + (f".{tag}" if tag else "")
        where = f" in {tag}" if tag else ""

        def gap(direction: int, bound: int) -> Callable[[], Expr]:
            def expr() -> Expr:  # sessions short of the minimum / over the maximum
                var = ctx.model.new_int_var(0, max(bound, len(placed)), f"{self.rule}_gap")
                ctx.model.add(var >= direction * (bound - count))
                return var

            return expr

        low = high = None
        soft_min = ctx.input.soft_minimums  # replanning: rule shortfall prices the minimum
        if wanted.min > 0 and not soft_min:
            low = ctx.requirement(
                key.format("min"),
                self.rule,
                f"at least {self.count(wanted.min)}{where} ({self.field})",
                advice=lambda v, _: (
                    f"allow {self.count(wanted.min - (v or 0))} instead of {wanted.min}{where}"
                ),
                relax_expr=gap(1, wanted.min),
            )
        if wanted.max < len(placed):
            high = ctx.requirement(
                key.format("max"),
                self.rule,
                f"at most {self.count(wanted.max)}{where} ({self.field})",
                advice=lambda v, _: (
                    f"allow {self.count(wanted.max + (v or 0))} instead of {wanted.max}{where}"
                ),
                relax_expr=gap(-1, wanted.max),
            )
        if not soft_min:
            ctx.enforce(ctx.model.add(count >= wanted.min), low)
        ctx.enforce(ctx.model.add(count <= wanted.max), high)

    def check(self, plan: Plan, cfg: Any) -> list[Violation]:
        found = []
        for week in plan.input.per_week():
            wanted = self.wanted(plan.input.targets_for(week))
            if wanted is None:
                continue
            placed = plan.input.in_week(week, plan.placed)
            count = sum(1 for p in placed if self.counted(p.session))
            if wanted.contains(count) or (count < wanted.min and plan.input.soft_minimums):
                continue
            want = str(wanted.min) if wanted.min == wanted.max else f"{wanted.min}-{wanted.max}"
            found.append(
                Violation(
                    rule=self.rule,
                    detail=plan.input.prefix(week) + f"{self.count(count)} planned; wanted {want}",
                )
            )
        return found

    def count(self, n: int) -> str:
        """'1 long run', '2 long runs'."""
        return plural(n, self.noun)
