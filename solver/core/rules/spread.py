"""spread (soft): lifting spread over the week. `weight` points per pair of strength
sessions on the same or consecutive days (`consecutive`) and per pair of a strength session
and a hard or long run on the same day (`hard_run_days`; 001: lift on lighter running
days), except a moderate lift earlier the same day as a quality run (001, 004 endorse it)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from hybridplan.core import pairs
from hybridplan.core.context import BoolVar, BuildContext
from hybridplan.models.placement import Placed, moderate_lift_before_speed, same_day
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty
from hybridplan.models.rules import DailySessions
from hybridplan.models.rules import Spread as Config


def _consecutive(a: Placed, b: Placed) -> str:
    when = "the same day" if same_day(a, b) else "consecutive days"
    return f"{a.label} and {b.label}: strength on {when}"


def _hard_day(a: Placed, b: Placed) -> str:
    return f"{a.label} on the same day as {b.label}; lift on easier days"


CONSECUTIVE = pairs.PairSpec(
    first=lambda s: s.is_strength,
    second=lambda s: s.is_strength,
    conflict=lambda a, b: abs(a.slot.day - b.slot.day) <= 1,
    describe=_consecutive,
    window_minutes=pairs.window(24),
    key="spread.consecutive",
)
HARD_RUN_DAY = pairs.PairSpec(
    first=lambda s: s.is_strength,
    second=lambda s: s.is_hard_run or s.is_long_run,
    conflict=lambda a, b: same_day(a, b) and not moderate_lift_before_speed(a, b),
    describe=_hard_day,
    window_minutes=pairs.window(24),
    key="spread.hard_run_days",
)


def _specs(cfg: Config) -> list[pairs.PairSpec]:
    return [
        spec
        for spec, on in ((CONSECUTIVE, cfg.consecutive), (HARD_RUN_DAY, cfg.hard_run_days))
        if on
    ]


def build(ctx: BuildContext, cfg: Config) -> None:
    for spec in _specs(cfg):
        pairs.build_soft(ctx, Config.ID, cfg.weight, spec)
    if cfg.consecutive and cfg.weight:
        _consecutive_cuts(ctx)


def _consecutive_cuts(ctx: BuildContext) -> None:
    """Redundant cuts for the linear relaxation (a faster week's search): with at most one strength
    session a day (daily_sessions), s of them on a run of k calendar days make at least
    2s - k - 1 pairs on consecutive days (k - s free days split them into at most k - s + 1
    blocks). The pairs' literals are exact ANDs, so every plan meets the cut; the
    relaxation alone, with sessions in fractions, spreads them apart for free. Not when
    explaining (the daily limit is then an assumption that can be dropped), and for one
    week only: measured on single weeks (benchmarks/build_speed.py), while a block's
    search from its windows' hint found its first plan later with them (16 weeks,
    `strict`, the load rules: none at 2 deterministic s, tests/test_blocks.py)."""
    daily = dict(ctx.input.rule_items()).get("daily_sessions")
    if ctx.explain or ctx.input.weeks > 1:
        return
    if not isinstance(daily, DailySessions) or daily.max_strength > 1:
        return
    candidates = ctx.candidates
    by_days: dict[tuple[int, int], list[BoolVar]] = {}  # (earlier day, later day): pairs
    for firsts, seconds in pairs.conflict_groups(ctx, CONSECUTIVE):
        a, b = candidates[firsts[0]].slot.day, candidates[seconds[0]].slot.day
        pair = ctx.both(ctx.any_of(firsts), ctx.any_of(seconds))
        by_days.setdefault((min(a, b), max(a, b)), []).append(pair)
    for week in ctx.weeks:
        strength = ctx.live_week(week, lambda s: s.is_strength)
        days = sorted({p.slot.day for p in strength})
        for i, first in enumerate(days):
            for last in days[i + 1 :]:
                lifts = ctx.total([p for p in strength if first <= p.slot.day <= last])
                near = [
                    y
                    for d in range(first, last + 1)
                    for key in ((d, d), (d, d + 1))
                    if key[1] <= last
                    for y in by_days.get(key, ())
                ]
                k = last - first + 1
                ctx.model.add(cp_model.LinearExpr.sum(near) >= 2 * lifts - k - 1)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    return [p for spec in _specs(cfg) for p in pairs.check_soft(Config.ID, cfg.weight, spec, plan)]
