"""race_form (soft, RACE-FORM): the modelled form on race morning inside a band relative to
fitness, `low` to `high` % of it; `weight` points per whole load unit outside, rounded up.

Fitness F and fatigue A on race morning (the end of the day before race day) are linear in
the daily loads (hybridplan.core.fitness): with n = race day's index, SCALE * F = F0 +
sum_d wF(d) * load(d) over days 0..n-1, the weights and the start value's remainder
rounded to integers, and A likewise. So is either side's distance out of the band, in
units of 1 / (100 * SCALE) load:

    below = low * F - 100 * (F - A)        above = 100 * (F - A) - high * F

and the penalty is ceil(distance / (100 * SCALE)) when positive, exactly both ways in the
model (so a plan's penalty is exact even before the search's proof). build() and check()
compute the same integers. The rule links every week of the plan: a model of some weeks
leaves it out (a relaxation), and a block's hint steers the window that holds race day,
planned after the weeks before it (guide())."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from hybridplan.core.context import BuildContext, Expr
from hybridplan.core.fitness import (
    FATIGUE_DAYS,
    FITNESS_DAYS,
    SCALE,
    start_part,
    start_values,
    weights,
)
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import RaceForm as Config

UNIT = 100 * SCALE  # one load unit of form, in the sides' scale (percent x SCALE)
SIDES = ("below", "above")


@dataclass(frozen=True)
class Terms:
    """Race morning's figures as integer-linear functions of the loads of days 0..n-1:
    SCALE x fitness and fatigue, and each side's distance out of the band (UNIT a load
    unit), as a constant plus a coefficient per day's load."""

    days: int  # n: race day's index, the days counted
    fitness: tuple[int, list[int]]
    fatigue: tuple[int, list[int]]
    sides: dict[str, tuple[int, list[int]]]


def terms(inp: PlanInput, cfg: Config) -> Terms | None:
    """The race-morning terms, or None when the plan is not judged: no race, race day the
    first day, or no base for fitness (no `history` and fewer than 42 days before it)."""
    n = inp.race_day
    if n is None or n < 1 or (not inp.scenario.history and n < FITNESS_DAYS):
        return None
    f0, a0 = start_values(inp.scenario.history)
    fit = start_part(FITNESS_DAYS, n, f0), weights(FITNESS_DAYS, n)
    fat = start_part(FATIGUE_DAYS, n, a0), weights(FATIGUE_DAYS, n)

    def side(cf: int, ca: int) -> tuple[int, list[int]]:
        """cf x F + ca x A, each scaled by SCALE."""
        per_day = [cf * f + ca * a for f, a in zip(fit[1], fat[1], strict=True)]
        return cf * fit[0] + ca * fat[0], per_day

    return Terms(
        days=n,
        fitness=fit,
        fatigue=fat,
        sides={"below": side(cfg.low - 100, 100), "above": side(100 - cfg.high, -100)},
    )


def _units(distance: int) -> int:
    """Whole load units outside, rounded up (0 inside the band)."""
    return max(0, -(-distance // UNIT))


def _outside(ctx: BuildContext, name: str, expr: Expr, low: int, high: int) -> Expr:
    """A variable equal to _units(expr), expr within [low, high]."""
    q = ctx.model.new_int_var(-(-low // UNIT) - 1, -(-high // UNIT) + 1, f"{name}_q")
    ctx.model.add(UNIT * q >= expr)
    ctx.model.add(UNIT * q <= expr + UNIT - 1)
    units = ctx.model.new_int_var(0, max(0, -(-high // UNIT) + 1), name)
    ctx.model.add_max_equality(units, [q, 0])
    return units


def _side_exprs(
    t: Terms, placed: list[Placed], known: dict[int, int]
) -> dict[str, tuple[list[int], list[Placed], int]]:
    """Per side: (coefficients by candidate, candidates, constant) with `known` days'
    loads (day -> load) in the constant."""
    out = {}
    for name, (const, per_day) in t.sides.items():
        const += sum(per_day[d] * load for d, load in known.items())
        out[name] = ([per_day[p.slot.day] * p.session.load for p in placed], placed, const)
    return out


def _add(
    ctx: BuildContext, cfg: Config, t: Terms, placed: list[Placed], known: dict[int, int],
    prefix: str,
) -> list[Expr]:  # fmt: skip
    """The units out of the band, one variable per side, over these candidates."""
    out = []
    for name, (coefs, cands, const) in _side_exprs(t, placed, known).items():
        expr = cp_model.LinearExpr.weighted_sum([ctx.x[p] for p in cands], coefs) + const
        low = const + sum(c for c in coefs if c < 0)
        high = const + sum(c for c in coefs if c > 0)
        if high <= 0:
            continue  # never outside on this side
        out.append(_outside(ctx, f"{prefix}[{name}]", expr, low, high))
    return out


def _before(ctx: BuildContext, n: int) -> list[Placed]:
    first = (ctx.weeks[0] - 1) * 7 if ctx.weeks else 0
    return [p for p in ctx.live() if first <= p.slot.day < n]


def build(ctx: BuildContext, cfg: Config) -> None:
    t = terms(ctx.input, cfg)
    if t is None or not cfg.weight or not ctx.whole_plan:
        return
    for units in _add(ctx, cfg, t, _before(ctx, t.days), {}, Config.ID):
        ctx.penalize(Config.ID, cfg.weight, units)


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint: the window that holds race day, planned after every week before it
    (`known`), decides race morning's form, so it pays for it as the block would."""
    t = terms(ctx.input, cfg)
    race_week = ctx.input.race_week
    if t is None or not cfg.weight or race_week not in ctx.weeks or ctx.whole_plan:
        return
    first = (ctx.weeks[0] - 1) * 7
    if any(w not in ctx.weeks for w in range(ctx.weeks[0], race_week + 1)):
        return
    loads: dict[int, int] = {}
    for p in known:
        if p.slot.day < first:
            loads[p.slot.day] = loads.get(p.slot.day, 0) + p.session.load
    for units in _add(ctx, cfg, t, _before(ctx, t.days), loads, f"guide[{Config.ID}]"):
        ctx.guides.append((cfg.weight, units))


def race_morning(plan: Plan, t: Terms) -> tuple[float, float]:
    """(fitness, fatigue) on race morning as the rule computes them, in load units."""
    loads = _loads(plan, t.days)
    fit = t.fitness[0] + sum(w * x for w, x in zip(t.fitness[1], loads, strict=True))
    fat = t.fatigue[0] + sum(w * x for w, x in zip(t.fatigue[1], loads, strict=True))
    return fit / SCALE, fat / SCALE


def _loads(plan: Plan, n: int) -> list[int]:
    loads = [0] * n
    for p in plan.placed:
        if p.slot.day < n:
            loads[p.slot.day] += p.session.load
    return loads


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    t = terms(plan.input, cfg)
    if t is None or not cfg.weight:
        return []
    loads = _loads(plan, t.days)
    fitness, fatigue = race_morning(plan, t)
    form = fitness - fatigue
    share = f"{100 * form / fitness:.0f}% of fitness {fitness:.1f}" if fitness else "no fitness"
    found = []
    for name, (const, per_day) in t.sides.items():
        units = _units(const + sum(c * x for c, x in zip(per_day, loads, strict=True)))
        if units:
            found.append(
                Penalty(
                    rule=Config.ID,
                    amount=cfg.weight * units,
                    detail=f"race morning: form {form:+.1f} ({share}), {units} load "
                    f"unit{'s' if units != 1 else ''} {name} the band {cfg.low}-{cfg.high}%",
                )
            )
    return found
