"""monotony (soft): each week's training monotony (mean daily load / standard deviation,
Foster) at most `limit`; `weight` points per week above it.

monotony > M  <=>  S^2 (1 + M^2) > 7 M^2 Q, with S the week's load and Q the sum of the
squared daily loads. With M = p/q (the limit as the fraction it is written as: 1.55 is
31/20) that is S^2 (q^2 + p^2) > 7 p^2 Q, exact in integers. The limit's bound
(models.limits.MAX_MONOTONY_LIMIT) keeps every product inside 64 bits. A week of equal
non-zero loads has infinite monotony and pays; a week of rest pays nothing."""

from __future__ import annotations

from fractions import Fraction

from hybridplan.core.context import BuildContext
from hybridplan.core.load import day_loads, max_day_load, plan_day_loads
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty
from hybridplan.models.rules import Monotony as Config
from hybridplan.models.week import DAYS


def _coefficients(cfg: Config) -> tuple[int, int]:
    """(a, b) with monotony > limit <=> a S^2 > b Q. The float is read back as the decimal
    fraction it was written as (denominator up to 1000), not rounded to tenths."""
    m = Fraction(cfg.limit).limit_denominator(1000)
    p, q = m.numerator, m.denominator
    return q * q + p * p, len(DAYS) * p * p


def too_monotonous(loads: list[int], cfg: Config) -> bool:
    a, b = _coefficients(cfg)
    total = sum(loads)
    return a * total * total > b * sum(x * x for x in loads)


def build(ctx: BuildContext, cfg: Config) -> None:
    a, b = _coefficients(cfg)
    top = max_day_load(ctx)
    for week in ctx.weeks:
        squares = []
        for i, expr in enumerate(day_loads(ctx, week)):
            load = ctx.model.new_int_var(0, top, f"load[{week},{i}]")
            ctx.model.add(load == expr)
            square = ctx.model.new_int_var(0, top * top, f"load2[{week},{i}]")
            ctx.model.add_multiplication_equality(square, [load, load])
            squares.append((load, square))
        total = ctx.model.new_int_var(0, top * len(DAYS), f"week_load[{week}]")
        ctx.model.add(total == sum(load for load, _ in squares))
        total2 = ctx.model.new_int_var(0, (top * len(DAYS)) ** 2, f"week_load2[{week}]")
        ctx.model.add_multiplication_equality(total2, [total, total])
        over = ctx.model.new_bool_var(f"monotonous[{week}]")
        q = sum(square for _, square in squares)
        ctx.model.add(a * total2 >= b * q + 1).only_enforce_if(over)
        ctx.model.add(a * total2 <= b * q).only_enforce_if(over.negated())
        ctx.penalize(Config.ID, cfg.weight, over)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    found = []
    for week in plan.input.per_week():
        loads = plan_day_loads(plan, week)
        if cfg.weight and too_monotonous(loads, cfg):
            found.append(
                Penalty(
                    rule=Config.ID,
                    amount=cfg.weight,
                    detail=plan.input.prefix(week)
                    + f"daily loads {loads} are too even (monotony above "
                    f"{cfg.limit:g})",
                )
            )
    return found
