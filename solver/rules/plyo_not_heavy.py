"""plyo_not_heavy (hard): no plyometrics on a day with heavy lifting (004)."""

from __future__ import annotations

from models.plan import Placed, Plan, same_day
from models.result import Violation
from models.rules import PlyoNotHeavy as Config
from solver import pairs
from solver.context import BuildContext


def _describe(a: Placed, b: Placed) -> str:
    return f"{a.label} on the same day as heavy lifting {b.label}"


_SPEC = pairs.PairSpec(
    first=lambda s: s.is_plyometric,
    second=lambda s: s.is_heavy_lift,
    conflict=same_day,
    describe=_describe,
    window_minutes=pairs.window(24),
)


def build(ctx: BuildContext, cfg: Config) -> None:
    pairs.build_hard(ctx, _SPEC)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    return pairs.check_hard(Config.ID, _SPEC, plan)
