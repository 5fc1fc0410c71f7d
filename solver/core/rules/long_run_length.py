"""long_run_length (soft): the long run's length inside the week's band, `weight` points per
minute outside. The band (PlanInput.long_run_bands) grows through base and build, peaks
2-5 weeks before a race, is shorter in deload and taper weeks, and follows the calendar
(never more than the week's longest free slot); or it is the scenario's
targets.long_run_minutes."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.core.volume import long_run, plan_week_minutes, week_minutes
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import LongRunLength as Config


def _band(inp: PlanInput, week: int) -> tuple[int, int] | None:
    """The week's band, when the week has exactly one long run to judge."""
    if inp.targets_for(week).long_run != 1:
        return None
    return inp.long_run_bands[week - 1]


def build(ctx: BuildContext, cfg: Config) -> None:
    for week in ctx.weeks:
        band = _band(ctx.input, week)
        if band is None:
            continue
        lo, hi = band
        length = week_minutes(ctx, week, long_run)
        off = ctx.model.new_int_var(0, 24 * 60, f"long_run_off[{week}]")
        ctx.model.add_max_equality(off, [lo - length, length - hi, 0])
        ctx.penalize(Config.ID, cfg.weight, off)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    if not cfg.weight:
        return []
    found = []
    for week in plan.input.per_week():
        band = _band(plan.input, week)
        if band is None:
            continue
        lo, hi = band
        length = plan_week_minutes(plan, week, long_run)
        off = max(lo - length, length - hi, 0)
        if off:
            wanted = f"{lo}" if lo == hi else f"{lo}-{hi}"
            found.append(Penalty(
                rule=Config.ID, amount=cfg.weight * off,
                detail=plan.input.prefix(week) + f"long run {length} min; wanted {wanted}",
            ))  # fmt: skip
    return found
