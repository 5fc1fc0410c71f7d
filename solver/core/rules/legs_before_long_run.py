"""legs_before_long_run (hard): no leg strength (heavy only, or any, by `legs`) ending
within `hours` before the start of the long run (002: keep the key run fresh)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, gap_hours
from hybridplan.models.rules import LegsBeforeLongRun as Config


def _spec(cfg: Config) -> pairs.PairSpec:
    def describe(a: Placed, b: Placed) -> str:
        return (
            f"{a.label} ends {gap_hours(a, b):.1f} h before {b.label}; "
            f"no {'heavy ' if cfg.legs == 'heavy' else ''}leg work within {cfg.hours:g} h"
        )

    return pairs.PairSpec(
        first=lambda s: s.loads_legs(cfg.legs),
        second=lambda s: s.is_long_run,
        conflict=lambda a, b: a.start < b.start and gap_hours(a, b) < cfg.hours,
        describe=describe,
        window_minutes=pairs.window(cfg.hours),
        summary=f"no {'heavy ' if cfg.legs == 'heavy' else ''}leg work within {cfg.hours:g} h "
        "before the long run",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
