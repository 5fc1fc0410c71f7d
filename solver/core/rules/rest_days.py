"""rest_days (hard): at least `min_days` days with nothing planned, and the scenario's
named rest days (`preferences.rest_days`) stay empty when `keep_named` is set; the race
overrides a named rest day (it still makes its day a day with something planned)."""

from __future__ import annotations

from collections.abc import Callable

from hybridplan.core.context import BoolVar, BuildContext, Expr
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import RestDays as Config
from hybridplan.models.week import DAYS, Day, day_index, plural


def _breaks_rest(p: Placed, cfg: Config) -> bool:
    return not (cfg.mobility_ok and p.session.kind == "mobility")


def _named(days: list[Day], cfg: Config) -> set[int]:
    return {day_index(d) for d in days} if cfg.keep_named else set()


def _kept_free(p: Placed, named: set[int], cfg: Config) -> bool:
    """A session on a named rest day that breaks the rest (the race may go there)."""
    return p.slot.weekday in named and _breaks_rest(p, cfg) and not p.session.is_race


def rules_out(p: Placed, week: PlanInput, cfg: Config) -> bool:
    return _kept_free(p, _named(week.scenario.preferences.rest_days, cfg), cfg)


def _train_on(day: int, cfg: Config) -> Callable[[int | None, Plan], str]:
    def advice(_: int | None, plan: Plan) -> str:
        sessions = ", ".join(
            p.session.id for p in plan.placed if p.slot.weekday == day and _breaks_rest(p, cfg)
        )
        return f"train on {DAYS[day]} ({sessions})"

    return advice


def build(ctx: BuildContext, cfg: Config) -> None:
    named = _named(ctx.input.scenario.preferences.rest_days, cfg)
    for d in sorted(named):
        day = DAYS[d]
        literal = ctx.requirement(
            f"{Config.ID}.{day}",
            Config.ID,
            f"{day} stays a rest day (preferences.rest_days)",
            advice=_train_on(d, cfg),
        )
        for p in ctx.live():
            if p.slot.weekday == d and _kept_free(p, {d}, cfg):
                ctx.forbid(p, literal)
    if cfg.min_days == 0:
        return
    for week in ctx.weeks:
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
        tag = ctx.input.tag(week)
        literal = ctx.requirement(
            f"{Config.ID}.min_days" + (f".{tag}" if tag else ""),
            Config.ID,
            f"at least {cfg.min_days} full rest days{f' in {tag}' if tag else ''}",
            advice=_allow(cfg.min_days, tag),
            relax_expr=_sum(busy),
        )
        ctx.enforce(ctx.model.add(sum(busy) <= len(DAYS) - cfg.min_days), literal)


def _sum(items: list[BoolVar]) -> Callable[[], Expr]:
    return lambda: sum(items)


def _allow(wanted: int, tag: str) -> Callable[[int | None, Plan], str]:
    where = f" in {tag}" if tag else ""
    return lambda v, _: (
        f"allow {plural(len(DAYS) - (v or 0), 'rest day')} instead of {wanted}{where}"
    )


def check(plan: Plan, cfg: Config) -> list[Violation]:
    named = _named(plan.input.scenario.preferences.rest_days, cfg)
    found = [
        Violation(rule=Config.ID, detail=f"{p.label} on a named rest day")
        for p in plan.placed
        if _kept_free(p, named, cfg)
    ]
    for week in plan.input.per_week():
        busy = {p.slot.day for p in plan.input.in_week(week, plan.placed) if _breaks_rest(p, cfg)}
        free = len(DAYS) - len(busy)
        if free < cfg.min_days:
            found.append(
                Violation(
                    rule=Config.ID,
                    detail=plan.input.prefix(week)
                    + f"{free} rest days; at least {cfg.min_days} wanted",
                )
            )
    return found
