"""muscle_recovery (hard): a muscle group loaded hard (at least `min_sets` sets in a session
of at least `intensity`) is loaded hard again only `hours` later (usually 48 h)."""

from __future__ import annotations

from models.plan import Placed, hours_apart
from models.rules import MuscleRecovery as Config
from models.session import SessionType
from solver import pairs

_RANK = {"easy": 0, "moderate": 1, "hard": 2}


def _hard_muscles(s: SessionType, cfg: Config) -> frozenset[str]:
    if not s.is_strength or _RANK[s.intensity] < _RANK[cfg.intensity]:
        return frozenset()
    return frozenset(m for m, n in s.sets.items() if n >= cfg.min_sets)


def _spec(cfg: Config) -> pairs.PairSpec:
    def shared(a: Placed, b: Placed) -> frozenset[str]:
        return _hard_muscles(a.session, cfg) & _hard_muscles(b.session, cfg)

    def describe(a: Placed, b: Placed) -> str:
        return (
            f"{a.label} and {b.label} both load {', '.join(sorted(shared(a, b)))} hard "
            f"{hours_apart(a, b):.1f} h apart; wanted {cfg.hours:g} h"
        )

    def loads(s: SessionType) -> bool:
        return bool(_hard_muscles(s, cfg))

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
