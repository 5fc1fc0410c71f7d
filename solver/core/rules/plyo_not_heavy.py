"""plyo_not_heavy (hard): no plyometrics on a day with heavy lifting (004)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, same_day
from hybridplan.models.rules import PlyoNotHeavy as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} on the same day as heavy lifting {b.label}"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_plyometric,
    second=lambda s: s.is_heavy_lift,
    conflict=same_day,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no plyometrics on a day with heavy lifting",
)


RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
