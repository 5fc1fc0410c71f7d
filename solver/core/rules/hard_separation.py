"""hard_separation (hard): a hard run and a hard strength session at least `hours` apart,
end of one to start of the other, in either order (004)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, hours_apart
from hybridplan.models.rules import HardSeparation as Config


def _spec(cfg: Config) -> pairs.PairSpec:
    def describe(a: Placed, b: Placed) -> str:
        return (
            f"{a.label} and {b.label} are {hours_apart(a, b):.1f} h apart; "
            f"hard run and hard lift need {cfg.hours:g} h"
        )

    return pairs.PairSpec(
        first=lambda s: s.is_hard_run,
        second=lambda s: s.is_hard_strength,
        conflict=lambda a, b: hours_apart(a, b) < cfg.hours,
        describe=describe,
        window_minutes=pairs.window(cfg.hours),
        summary=f"a hard run and a hard lift at least {cfg.hours:g} h apart",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
