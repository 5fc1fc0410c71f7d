"""daily_sessions (hard): at most `max_per_day` sessions a day (default 2), at most
`max_runs` of them runs and `max_strength` strength sessions (default 1 each)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ortools.sat.python import cp_model

from hybridplan.core.context import BuildContext, Expr, SessionPredicate
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.result import Violation
from hybridplan.models.rules import DailySessions as Config
from hybridplan.models.week import DAYS, plural


def _limits(cfg: Config) -> Iterator[tuple[str, int, SessionPredicate]]:
    """(noun, limit, which sessions count) for each daily limit."""
    yield "sessions", cfg.max_per_day, lambda s: True
    yield "runs", cfg.max_runs, lambda s: s.is_run
    yield "strength sessions", cfg.max_strength, lambda s: s.is_strength


def _counted(placed: list[Placed], counts: SessionPredicate) -> list[Placed]:
    return [p for p in placed if counts(p.session)]


def _busiest(ctx: BuildContext, totals: list[cp_model.LinearExpr]) -> Callable[[], Expr]:
    def expr() -> Expr:  # the busiest day's count
        top = ctx.model.new_int_var(0, len(ctx.input.slots), "most_per_day")
        for t in totals:
            ctx.model.add(top >= t)
        return top

    return expr


def _allow(noun: str, limit: int) -> Callable[[int | None, Plan], str]:
    return lambda v, _: f"allow {plural(v or 0, noun[:-1])} a day instead of {limit}"


def build(ctx: BuildContext, cfg: Config) -> None:
    by_day: dict[int, list[Placed]] = {}
    for p in ctx.live():
        by_day.setdefault(p.slot.day, []).append(p)
    days = list(by_day.values())
    for noun, limit, counts in _limits(cfg):
        totals = [ctx.total(_counted(day, counts)) for day in days]
        literal = ctx.requirement(
            f"{Config.ID}.{noun.replace(' ', '_')}",
            Config.ID,
            f"at most {plural(limit, noun[:-1])} a day",
            advice=_allow(noun, limit),
            relax_expr=_busiest(ctx, totals),
        )
        for total in totals:
            ctx.enforce(ctx.model.add(total <= limit), literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    found = []
    for d in range(plan.input.weeks * len(DAYS)):
        day = plan.on_day(d)
        if not day:
            continue
        for noun, limit, counts in _limits(cfg):
            n = len(_counted(day, counts))
            if n > limit:
                label = day[0].slot.day_label
                found.append(
                    Violation(
                        rule=Config.ID, detail=f"{label}: {plural(n, noun[:-1])}; at most {limit}"
                    )
                )
    return found
