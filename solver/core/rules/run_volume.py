"""run_volume (soft): each week's running minutes (the race aside) against the week's
target: `weight` points per minute short. In a block the targets ramp week by week
(PlanInput.targets_for), and minutes more than `over_percent` % above a week's target cost
`weight` each too, so the block builds from its first week instead of starting high (FLAT).
"""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.core.volume import plan_week_minutes, running, week_minutes
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import RunVolume as Config


def _band(inp: PlanInput, week: int, cfg: Config) -> tuple[int, int | None] | None:
    """(least, most) running minutes wanted in `week`; most is None for a single week."""
    wanted = inp.targets_for(week).run_minutes
    if wanted is None:
        return None
    top = wanted * (100 + cfg.over_percent) // 100 if inp.weeks > 1 else None
    return wanted, top


def build(ctx: BuildContext, cfg: Config) -> None:
    for week in ctx.weeks:
        band = _band(ctx.input, week, cfg)
        if band is None:
            continue
        wanted, top = band
        minutes = week_minutes(ctx, week, running)
        short = ctx.model.new_int_var(0, wanted, f"run_minutes_short[{week}]")
        ctx.model.add_max_equality(short, [wanted - minutes, 0])
        ctx.penalize(Config.ID, cfg.weight, short)
        if top is not None:
            over = ctx.model.new_int_var(0, 7 * 24 * 60, f"run_minutes_over[{week}]")
            ctx.model.add_max_equality(over, [minutes - top, 0])
            ctx.penalize(Config.ID, cfg.weight, over)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    if not cfg.weight:
        return []
    found = []
    for week in plan.input.per_week():
        band = _band(plan.input, week, cfg)
        if band is None:
            continue
        wanted, top = band
        ran = plan_week_minutes(plan, week, running)
        prefix = plan.input.prefix(week)
        if ran < wanted:
            found.append(Penalty(
                rule=Config.ID, amount=cfg.weight * (wanted - ran),
                detail=prefix + f"{ran} running minutes; {wanted - ran} short of {wanted}",
            ))  # fmt: skip
        elif top is not None and ran > top:
            found.append(Penalty(
                rule=Config.ID, amount=cfg.weight * (ran - top),
                detail=prefix + f"{ran} running minutes; {ran - top} above {top} "
                f"({cfg.over_percent}% over the week's {wanted})",
            ))  # fmt: skip
    return found
