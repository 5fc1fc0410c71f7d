"""legs_before_key_run (LEGS>KEY): no heavy-leg lift (any leg work with `legs: any`) on the
calendar day before a key run, a quality run or the long run (002: no heavy lifting, not
even leg work, the day before a long run)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import LegsBeforeKeyRun as Config


def _spec(cfg: Config) -> pairs.PairSpec:
    legs = "heavy-leg lift" if cfg.legs == "heavy" else "leg work"

    def describe(a: Placed, b: Placed) -> str:
        return f"{a.label}: {legs} the day before the key run {b.label}"

    return pairs.PairSpec(
        first=lambda s: s.loads_legs(cfg.legs),
        second=lambda s: s.is_key_run,
        conflict=lambda a, b: b.slot.day - a.slot.day == 1,
        describe=describe,
        window_minutes=pairs.window(24),
        summary=f"no {legs} the day before a quality or long run",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
