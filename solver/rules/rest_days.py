"""rest_days (hard): at least `min_days` days with nothing planned, and the scenario's
named rest days (`preferences.rest_days`) stay empty when `keep_named` is set."""

from __future__ import annotations

from models.plan import Placed, Plan
from models.result import Violation
from models.rules import RestDays as Config
from models.week import DAYS, Day, day_index
from solver.context import BuildContext


def _breaks_rest(p: Placed, cfg: Config) -> bool:
    return not (cfg.mobility_ok and p.session.kind == "mobility")


def _named(days: list[Day], cfg: Config) -> set[int]:
    return {day_index(d) for d in days} if cfg.keep_named else set()


def build(ctx: BuildContext, cfg: Config) -> None:
    named = _named(ctx.week.scenario.preferences.rest_days, cfg)
    for p in ctx.live():
        if p.slot.day in named and _breaks_rest(p, cfg):
            ctx.forbid(p)
    busy = []
    for d in range(len(DAYS)):
        day = [p for p in ctx.live() if p.slot.day == d and _breaks_rest(p, cfg)]
        if not day:
            continue
        b = ctx.model.new_bool_var(f"busy[{DAYS[d]}]")
        for p in day:
            ctx.model.add_implication(ctx.x[p], b)
        busy.append(b)
    ctx.model.add(sum(busy) <= len(DAYS) - cfg.min_days)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    named = _named(plan.week.scenario.preferences.rest_days, cfg)
    found = [
        Violation(rule=Config.ID, detail=f"{p.label} on a named rest day")
        for p in plan.placed
        if p.slot.day in named and _breaks_rest(p, cfg)
    ]
    busy = {p.slot.day for p in plan.placed if _breaks_rest(p, cfg)}
    free = len(DAYS) - len(busy)
    if free < cfg.min_days:
        found.append(
            Violation(rule=Config.ID, detail=f"{free} rest days; at least {cfg.min_days} wanted")
        )
    return found
