"""set_volume (soft): weekly sets per muscle group inside `targets.sets`; `weight` points
per set below the minimum or above the maximum (maintenance is 4-8 sets, 000)."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.ranges import CountRange
from hybridplan.models.result import Penalty
from hybridplan.models.rules import SetVolume as Config
from hybridplan.models.week import plural


def _miss(total: int, wanted: CountRange) -> str | None:
    if total < wanted.min:
        return f"{plural(wanted.min - total, 'set')} below {wanted.min}"
    if total > wanted.max:
        return f"{plural(total - wanted.max, 'set')} above {wanted.max}"
    return None


def build(ctx: BuildContext, cfg: Config) -> None:
    for week in ctx.weeks:
        live = ctx.live_week(week)
        for muscle, wanted in ctx.input.targets_for(week).sets.items():
            placed = [p for p in live if p.session.sets_for(muscle)]
            total = ctx.total(placed, lambda p, m=muscle: p.session.sets_for(m))  # type: ignore[misc]
            top = sum(p.session.sets_for(muscle) for p in placed)
            miss = ctx.model.new_int_var(0, max(wanted.min, top), f"sets_miss[{muscle}]")
            ctx.model.add_max_equality(miss, [wanted.min - total, total - wanted.max, 0])
            ctx.penalize(Config.ID, cfg.weight, miss)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    found = []
    for week in plan.input.per_week():
        placed = plan.input.in_week(week, plan.placed)
        tag = plan.input.tag(week)
        for muscle, wanted in plan.input.targets_for(week).sets.items():
            total = sum(p.session.sets_for(muscle) for p in placed)
            miss = max(wanted.min - total, total - wanted.max, 0)
            if miss and cfg.weight:
                found.append(Penalty(
                    rule=Config.ID, amount=cfg.weight * miss,
                    detail=(f"{tag} " if tag else "") + f"{muscle}: {_miss(total, wanted)}",
                ))  # fmt: skip
    return found
