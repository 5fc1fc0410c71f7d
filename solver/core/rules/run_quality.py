"""run_quality (soft): a quality or long run loses `weight` points for each hard or leg
strength session before it, within `hours` or earlier the same day (001, 002). A moderate
lift earlier the same day as a quality run is endorsed (001, 004) and costs nothing."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, gap_hours, moderate_lift_before_speed, same_day
from hybridplan.models.rules import RunQuality as Config
from hybridplan.models.session import SessionType


def _spec(cfg: Config) -> pairs.PairSpec:
    def spoils(s: SessionType) -> bool:
        return s.is_hard_strength or s.loads_legs(cfg.legs)

    def describe(a: Placed, b: Placed) -> str:
        when = "earlier the same day" if same_day(a, b) else f"{gap_hours(a, b):.1f} h"
        return f"{a.label} before {b.label} ({when}); key runs want fresh legs"

    return pairs.PairSpec(
        first=spoils,
        second=lambda s: s.is_quality_run or s.is_long_run,
        conflict=lambda a, b: (
            a.start < b.start
            and (same_day(a, b) or gap_hours(a, b) < cfg.hours)
            and not moderate_lift_before_speed(a, b)
        ),
        describe=describe,
        window_minutes=pairs.window(max(cfg.hours, 24)),
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
