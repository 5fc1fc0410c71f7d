"""legs_consecutive (LEGS-CONSEC): no leg lifts on two consecutive calendar days. A leg
lift is any session with lower-body sets, light circuits included: a squat day after a
hinge day, or a light circuit after a heavy day, leaves the legs no 48 h (domain brief)."""

from __future__ import annotations

from hybridplan import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import LegsConsecutive as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} and {b.label}: leg lifts on consecutive days"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_leg_lift,
    second=lambda s: s.is_leg_lift,
    conflict=lambda a, b: b.slot.day - a.slot.day == 1,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no leg lifts on consecutive days",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
