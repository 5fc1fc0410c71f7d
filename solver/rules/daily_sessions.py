"""daily_sessions (hard): at most `max_per_day` sessions a day (default 2)."""

from __future__ import annotations

from models.plan import Plan
from models.result import Violation
from models.rules import DailySessions as Config
from models.week import DAYS
from solver.context import BuildContext


def build(ctx: BuildContext, cfg: Config) -> None:
    for d in range(len(DAYS)):
        ctx.model.add(ctx.total(p for p in ctx.live() if p.slot.day == d) <= cfg.max_per_day)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    return [
        Violation(rule=Config.ID, detail=f"{day}: {n} sessions; at most {cfg.max_per_day}")
        for d, day in enumerate(DAYS)
        if (n := len(plan.on_day(d))) > cfg.max_per_day
    ]
