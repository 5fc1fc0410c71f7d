"""same_day_order (hard): a run and a strength session on the same day come in `order`
(run_first: run in the morning, lift in the evening, 002) and at least `min_gap_hours`
apart."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, hours_apart, same_day
from hybridplan.models.rules import SameDayOrder as Config


def wrong_order(run: Placed, lift: Placed, order: str) -> bool:
    """True when a same-day run and lift break `order` (run_first / lift_first)."""
    if order == "run_first":
        return not run.start < lift.start
    if order == "lift_first":
        return not lift.start < run.start
    return False


def _spec(cfg: Config) -> pairs.PairSpec:
    def conflict(run: Placed, lift: Placed) -> bool:
        return same_day(run, lift) and (
            wrong_order(run, lift, cfg.order) or hours_apart(run, lift) < cfg.min_gap_hours
        )

    def describe(run: Placed, lift: Placed) -> str:
        if wrong_order(run, lift, cfg.order):
            return f"{run.label} and {lift.label}: wanted {cfg.order.replace('_', ' ')}"
        return (
            f"{run.label} and {lift.label} are {hours_apart(run, lift):.1f} h apart; "
            f"at least {cfg.min_gap_hours:g} h wanted"
        )

    return pairs.PairSpec(
        first=lambda s: s.is_run,
        second=lambda s: s.is_strength,
        conflict=conflict,
        describe=describe,
        window_minutes=pairs.window(24),
        summary=f"a run and a lift on one day: {cfg.order.replace('_', ' ')}, "
        f"at least {cfg.min_gap_hours:g} h apart",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
