"""no_consecutive_hard_days (hard): no two calendar days in a row that both hold a hard
session; hard work is stacked and followed by an easier day (002)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import NoConsecutiveHardDays as Config
from hybridplan.models.session import SessionType


def _spec(cfg: Config) -> pairs.PairSpec:
    def hard(s: SessionType) -> bool:
        return s.is_hard or (cfg.include_long_run and s.is_long_run)

    def describe(a: Placed, b: Placed) -> str:
        return f"{a.label} and {b.label} are hard sessions on consecutive days"

    return pairs.PairSpec(
        first=hard,
        second=hard,
        conflict=lambda a, b: abs(a.slot.day - b.slot.day) == 1,
        describe=describe,
        window_minutes=pairs.window(24),
        summary="no hard sessions on consecutive days",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
