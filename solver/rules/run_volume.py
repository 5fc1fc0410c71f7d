"""run_volume (soft): `weight` points per running minute short of `targets.run_minutes`."""

from __future__ import annotations

from hybridplan.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty
from hybridplan.models.rules import RunVolume as Config


def build(ctx: BuildContext, cfg: Config) -> None:
    for week in ctx.input.per_week():
        wanted = ctx.input.targets_for(week).run_minutes
        if wanted is None:
            continue
        runs = ctx.live_week(week, lambda s: s.is_run)
        minutes = ctx.total(runs, lambda p: p.session.minutes)
        short = ctx.model.new_int_var(0, wanted, "run_minutes_short")
        ctx.model.add_max_equality(short, [wanted - minutes, 0])
        ctx.penalize(Config.ID, cfg.weight, short)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    if not cfg.weight:
        return []
    found = []
    for week in plan.input.per_week():
        wanted = plan.input.targets_for(week).run_minutes
        if wanted is None:
            continue
        placed = plan.input.in_week(week, plan.placed)
        ran = sum(p.session.minutes for p in placed if p.session.is_run)
        if ran < wanted:
            found.append(Penalty(
                rule=Config.ID, amount=cfg.weight * (wanted - ran),
                detail=plan.input.prefix(week)
                + f"{ran} running minutes; {wanted - ran} short of {wanted}",
            ))  # fmt: skip
    return found
