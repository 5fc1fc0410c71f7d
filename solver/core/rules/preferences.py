"""preferences (soft): the athlete's wishes, `weight` points each time one is not met:
a long run away from `preferences.long_run_day`, a session on a named rest day, and a run
and a lift on one day in the other order than `order` (run AM / lift PM, 002)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.core.context import BuildContext
from hybridplan.core.rules.same_day_order import wrong_order
from hybridplan.models.placement import Placed, same_day
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty
from hybridplan.models.rules import Preferences as Config
from hybridplan.models.scenario import Scenario
from hybridplan.models.week import day_index


def _unmet(p: Placed, scenario: Scenario) -> list[str]:
    """The athlete's wishes this single placement goes against (one penalty each)."""
    prefs = scenario.preferences
    wishes = []
    if (
        p.session.is_long_run
        and prefs.long_run_day is not None
        and p.slot.weekday != day_index(prefs.long_run_day)
    ):
        wishes.append(f"{p.label}: long run wanted on {prefs.long_run_day}")
    if p.slot.day_name in prefs.rest_days and not p.session.is_race:
        wishes.append(f"{p.label} on a rest day")
    return wishes


def _order_spec(cfg: Config) -> pairs.PairSpec:
    def describe(run: Placed, lift: Placed) -> str:
        return f"{run.label} and {lift.label}: preferred {cfg.order.replace('_', ' ')}"

    return pairs.PairSpec(
        first=lambda s: s.is_run,
        second=lambda s: s.is_strength,
        conflict=lambda a, b: same_day(a, b) and wrong_order(a, b, cfg.order),
        describe=describe,
        window_minutes=pairs.window(24),
        key=("preferences.order", cfg.order),
    )


def build(ctx: BuildContext, cfg: Config) -> None:
    for p in ctx.live():
        if unmet := _unmet(p, ctx.input.scenario):
            ctx.penalize(Config.ID, cfg.weight * len(unmet), ctx.x[p])
    if cfg.order != "none":
        pairs.build_soft(ctx, Config.ID, cfg.weight, _order_spec(cfg))


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    if not cfg.weight:
        return []
    found = [
        Penalty(rule=Config.ID, amount=cfg.weight, detail=why, days=[p.slot.day_label])
        for p in plan.placed
        for why in _unmet(p, plan.input.scenario)
    ]
    if cfg.order != "none":
        found += pairs.check_soft(Config.ID, cfg.weight, _order_spec(cfg), plan)
    return found
