"""lift_after_hard_run (RUN>LIFT): no hard lift on the calendar day after a hard run (002:
no hard run followed by a tough lifting session the next day)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import LiftAfterHardRun as Config


def _describe(a: Placed, b: Placed) -> str:
    return f"{b.label} the day after the hard run {a.label}"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_hard_run,
    second=lambda s: s.is_hard_strength,
    conflict=lambda a, b: b.slot.day - a.slot.day == 1,
    describe=_describe,
    window_minutes=pairs.window(24),
    summary="no hard lift the day after a hard run",
)

RULE = pairs.PairRule(Config.ID, lambda cfg: _SPEC)
build, check = RULE.build, RULE.check
