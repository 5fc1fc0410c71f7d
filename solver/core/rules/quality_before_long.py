"""quality_before_long (Q>LONG): no quality run on the calendar day before the long run;
the long run is the week's key session and wants a fresh start (002)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import QualityBeforeLong as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} the day before the long run {b.label}"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_quality_run,
    second=lambda s: s.is_long_run,
    conflict=lambda a, b: b.slot.day - a.slot.day == 1,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no quality run the day before the long run",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
