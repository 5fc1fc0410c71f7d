"""muscle_recovery (MUSCLE; hard with `hard: true`, else priced): a muscle group trained
with at least `min_sets` sets is not trained with that many again within `hours` (end of
one session to the start of the next), whatever the sessions are rated: recovery goes by
load, not by label (a moderate posterior-chain day loads the hamstrings as much as a hard
one)."""

from __future__ import annotations

from hybridplan.core import pairs
from hybridplan.models.placement import Placed, hours_apart
from hybridplan.models.rules import MuscleRecovery as Config
from hybridplan.models.session import SessionType


def loaded_muscles(s: SessionType, min_sets: int) -> frozenset[str]:
    """The muscle groups a session trains with at least `min_sets` sets."""
    return frozenset(m for m, n in s.sets.items() if n >= min_sets)


def _spec(cfg: Config) -> pairs.PairSpec:
    known: dict[str, frozenset[str]] = {}  # session id -> muscles it loads

    def muscles(s: SessionType) -> frozenset[str]:
        if s.id not in known:
            known[s.id] = loaded_muscles(s, cfg.min_sets)
        return known[s.id]

    def shared(a: Placed, b: Placed) -> frozenset[str]:
        return muscles(a.session) & muscles(b.session)

    def describe(a: Placed, b: Placed) -> str:
        return (
            f"{a.label} and {b.label} both train {', '.join(sorted(shared(a, b)))} with "
            f"{cfg.min_sets}+ sets {hours_apart(a, b):.1f} h apart; wanted {cfg.hours:g} h"
        )

    def loads(s: SessionType) -> bool:
        return bool(muscles(s))

    return pairs.PairSpec(
        first=loads,
        second=loads,
        conflict=lambda a, b: bool(shared(a, b)) and hours_apart(a, b) < cfg.hours,
        describe=describe,
        window_minutes=pairs.window(cfg.hours),
        summary=f"{cfg.hours:g} h before a muscle group gets {cfg.min_sets}+ sets again",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
