"""rest_days (hard): at least `min_days` days with nothing planned, and the scenario's
named rest days (`preferences.rest_days`) stay empty when `keep_named` is set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models.plan import Placed, Plan
from models.result import Violation
from models.rules import RestDays as Config
from models.week import DAYS, Day, day_index
from solver.context import BuildContext


def _breaks_rest(p: Placed, cfg: Config) -> bool:
    return not (cfg.mobility_ok and p.session.kind == "mobility")


def _named(days: list[Day], cfg: Config) -> set[int]:
    return {day_index(d) for d in days} if cfg.keep_named else set()


def _train_on(day: int, cfg: Config) -> Callable[[int | None, Plan], str]:
    def advice(_: int | None, plan: Plan) -> str:
        sessions = ", ".join(
            p.session.id for p in plan.placed if p.slot.weekday == day and _breaks_rest(p, cfg)
        )
        return f"train on {DAYS[day]} ({sessions})"

    return advice


def build(ctx: BuildContext, cfg: Config) -> None:
    named = _named(ctx.week.scenario.preferences.rest_days, cfg)
    for d in sorted(named):
        day = DAYS[d]
        literal = ctx.requirement(
            f"{Config.ID}.{day}",
            Config.ID,
            f"{day} stays a rest day (preferences.rest_days)",
            advice=_train_on(d, cfg),
        )
        for p in ctx.live():
            if p.slot.weekday == d and _breaks_rest(p, cfg):
                ctx.forbid(p, literal)
    if cfg.min_days == 0:
        return
    for week in ctx.week.per_week():
        by_day: dict[int, list[Placed]] = {}
        for p in ctx.live_week(week):
            if _breaks_rest(p, cfg):
                by_day.setdefault(p.slot.day, []).append(p)
        busy = []
        for p_day, day_placed in by_day.items():
            b = ctx.model.new_bool_var(f"busy[{p_day}]")
            for p in day_placed:
                ctx.model.add_implication(ctx.x[p], b)
            busy.append(b)
        tag = ctx.week.tag(week)
        literal = ctx.requirement(
            f"{Config.ID}.min_days" + (f".{tag}" if tag else ""),
            Config.ID,
            f"at least {cfg.min_days} full rest days{f' in {tag}' if tag else ''}",
            advice=_allow(cfg.min_days, tag),
            relax_expr=_sum(busy),
        )
        ctx.enforce(ctx.model.add(sum(busy) <= len(DAYS) - cfg.min_days), literal)


def _sum(items: list[Any]) -> Callable[[], Any]:
    return lambda: sum(items)


def _allow(wanted: int, tag: str) -> Callable[[int | None, Plan], str]:
    where = f" in {tag}" if tag else ""
    return lambda v, _: f"allow {len(DAYS) - (v or 0)} rest days instead of {wanted}{where}"


def check(plan: Plan, cfg: Config) -> list[Violation]:
    named = _named(plan.week.scenario.preferences.rest_days, cfg)
    found = [
        Violation(rule=Config.ID, detail=f"{p.label} on a named rest day")
        for p in plan.placed
        if p.slot.weekday in named and _breaks_rest(p, cfg)
    ]
    for week in plan.week.per_week():
        busy = {p.slot.day for p in plan.week.in_week(week, plan.placed) if _breaks_rest(p, cfg)}
        free = len(DAYS) - len(busy)
        if free < cfg.min_days:
            found.append(
                Violation(
                    rule=Config.ID,
                    detail=plan.week.prefix(week)
                    + f"{free} rest days; at least {cfg.min_days} wanted",
                )
            )
    return found
