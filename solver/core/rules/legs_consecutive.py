"""legs_consecutive (LEGS-CONSEC): no leg lifts on two consecutive calendar days. A leg
lift is any session with lower-body sets, light circuits included: a squat day after a
hinge day, or a light circuit after a heavy day, leaves the legs no 48 h (domain brief)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from hybridplan.core import pairs
from hybridplan.core.context import BoolVar, BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.rules import DailySessions
from hybridplan.models.rules import LegsConsecutive as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} and {b.label}: leg lifts on consecutive days"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_leg_lift,
    second=lambda s: s.is_leg_lift,
    conflict=lambda a, b: b.slot.day - a.slot.day == 1,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no leg lifts on consecutive days",
    key="legs_consecutive",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
check = RULE.check


def build(ctx: BuildContext, cfg: Config) -> None:
    RULE.build(ctx, cfg)
    if cfg.level == "soft" and cfg.weight:
        _day_cuts(ctx)


def _day_cuts(ctx: BuildContext) -> None:
    """Redundant cuts for the linear relaxation: with at most one strength session a day
    (daily_sessions), the priced pairs of two consecutive days number at least (leg lifts
    on the first) + (leg lifts on the second) - 1. Each pair's literal is an exact AND, so
    every plan meets the cut; without it, the relaxation prices a leg lift on each of two
    days, split over their slots, at almost nothing (a window of the 16-week block proved
    its optimum in 3.2 deterministic s without, see the docs' Benchmarks). Not when explaining (the
    daily limit may then be dropped)."""
    daily = dict(ctx.input.rule_items()).get("daily_sessions")
    if ctx.explain or not isinstance(daily, DailySessions) or daily.max_strength > 1:
        return
    candidates = ctx.candidates
    by_days: dict[int, list[BoolVar]] = {}  # earlier day: the pairs' literals
    for firsts, seconds in pairs.conflict_groups(ctx, _SPEC):
        day = min(candidates[firsts[0]].slot.day, candidates[seconds[0]].slot.day)
        by_days.setdefault(day, []).append(ctx.both(ctx.any_of(firsts), ctx.any_of(seconds)))
    legs: dict[int, list[Placed]] = {}
    for p in ctx.live(lambda s: s.is_leg_lift):
        legs.setdefault(p.slot.day, []).append(p)
    for day, found in sorted(by_days.items()):
        if len(found) > 1:
            both_days = ctx.total(legs.get(day, [])) + ctx.total(legs.get(day + 1, []))
            ctx.model.add(cp_model.LinearExpr.sum(found) >= both_days - 1)
