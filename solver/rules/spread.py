"""spread (soft): lifting spread over the week. `weight` points per pair of strength
sessions on the same or consecutive days (`consecutive`) and per pair of a strength session
and a hard or long run on the same day (`hard_run_days`; 001: lift on lighter running
days), except a moderate lift earlier the same day as a quality run (001, 004 endorse it)."""

from __future__ import annotations

from hybridplan import pairs
from hybridplan.context import BuildContext
from hybridplan.models.placement import Placed, moderate_lift_before_speed, same_day
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty
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


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    return [p for spec in _specs(cfg) for p in pairs.check_soft(Config.ID, cfg.weight, spec, plan)]
