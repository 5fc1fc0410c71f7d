"""lift_before_long_run (LIFT<LONG): no lift earlier the same day than the long run (002:
run first, lift later)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, same_day
from hybridplan.models.rules import LiftBeforeLongRun as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} before the long run {b.label} the same day"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_strength,
    second=lambda s: s.is_long_run,
    conflict=lambda a, b: same_day(a, b) and a.start < b.start,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no lift earlier the same day than the long run",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
