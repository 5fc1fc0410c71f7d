"""after_long_run (LONG>HARD): the calendar day after the long run holds no quality run,
and after a long run of `long_minutes` or more no heavy-leg lift either (hard days follow
easy ones: the legs that ran two hours are not ready for intervals or squats)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed
from hybridplan.models.rules import AfterLongRun as Config


def _spec(cfg: Config) -> pairs.PairSpec:
    def hard_after(a: Placed, b: Placed) -> bool:
        if b.slot.day - a.slot.day != 1:
            return False
        heavy = b.session.loads_legs("heavy") and a.session.minutes >= cfg.long_minutes
        return b.session.is_quality_run or heavy

    def describe(a: Placed, b: Placed) -> str:
        return f"{b.label} the day after the long run {a.label}"

    return pairs.PairSpec(
        first=lambda s: s.is_long_run,
        second=lambda s: s.is_quality_run or s.loads_legs("heavy"),
        conflict=hard_after,
        describe=describe,
        window_minutes=pairs.window(24),
        summary=f"no quality run (no heavy legs after {cfg.long_minutes}+ min) "
        "the day after the long run",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
