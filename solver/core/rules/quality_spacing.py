"""quality_spacing (QQ; hard in every built-in set): no two quality runs (tempo,
intervals, hills) on consecutive calendar days (002, 004: recover between hard days)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import QualitySpacing as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} and {b.label}: quality runs on consecutive days"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_quality_run,
    second=lambda s: s.is_quality_run,
    conflict=lambda a, b: abs(a.slot.day - b.slot.day) == 1,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no quality runs on consecutive days",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
