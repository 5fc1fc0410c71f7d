"""muscle_recovery (hard): a muscle group loaded hard (at least `min_sets` sets in a session
of at least `intensity`) is loaded hard again only `hours` later (usually 48 h)."""

from __future__ import annotations

from hybridplan import pairs
from hybridplan.models.placement import Placed, hours_apart
from hybridplan.models.rules import MuscleRecovery as Config
from hybridplan.models.session import SessionType

_RANK = {"easy": 0, "moderate": 1, "hard": 2}


def _hard_muscles(s: SessionType, cfg: Config) -> frozenset[str]:
    if not s.is_strength or _RANK[s.intensity] < _RANK[cfg.intensity]:
        return frozenset()
    return frozenset(m for m, n in s.sets.items() if n >= cfg.min_sets)


def _spec(cfg: Config) -> pairs.PairSpec:
    known: dict[str, frozenset[str]] = {}  # session id -> muscles it loads hard

    def muscles(s: SessionType) -> frozenset[str]:
        if s.id not in known:
            known[s.id] = _hard_muscles(s, cfg)
        return known[s.id]

    def shared(a: Placed, b: Placed) -> frozenset[str]:
        return muscles(a.session) & muscles(b.session)

    def describe(a: Placed, b: Placed) -> str:
        return (
            f"{a.label} and {b.label} both load {', '.join(sorted(shared(a, b)))} hard "
            f"{hours_apart(a, b):.1f} h apart; wanted {cfg.hours:g} h"
        )

    def loads(s: SessionType) -> bool:
        return bool(muscles(s))

    return pairs.PairSpec(
        first=loads,
        second=loads,
        conflict=lambda a, b: bool(shared(a, b)) and hours_apart(a, b) < cfg.hours,
        describe=describe,
        window_minutes=pairs.window(cfg.hours),
        summary=f"{cfg.hours:g} h before a muscle group is loaded hard again",
    )


RULE = pairs.PairRule(Config.ID, _spec)
build, check = RULE.build, RULE.check
