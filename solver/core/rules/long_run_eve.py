"""long_run_eve (LEGS>LONG): no leg lift at all, light circuits included, on the calendar
day before the long run (002: "not even work on your legs the day before")."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import LongRunEve as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label}: a leg lift the day before the long run {b.label}"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_leg_lift,
    second=lambda s: s.is_long_run,
    conflict=lambda a, b: b.slot.day - a.slot.day == 1,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no leg lift the day before the long run",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
