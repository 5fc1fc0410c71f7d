"""mobility (soft, NO-MOB): `min_sessions` to `max_sessions` mobility sessions a week (001,
004: hips, ankles, thoracic spine; light, never hard): `weight` points per session short
of the least or over the most. A mobility session takes time, so a full calendar or a
tight budget drops it rather than a run."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import Mobility as Config


def possible(inp: PlanInput, week: int) -> bool:
    """A mobility session the scenario offers fits some slot of the week: only then can a
    week without one be held against the plan."""
    mobility = [s for s in inp.sessions.values() if s.kind == "mobility"]
    return any(
        s.minutes <= slot.capacity and inp.offers(slot, s)
        for slot in inp.slots
        if slot.week == week
        for s in mobility
    )


def build(ctx: BuildContext, cfg: Config) -> None:
    for week in ctx.weeks:
        if not possible(ctx.input, week):
            continue
        count = ctx.total(ctx.live_week(week, lambda s: s.kind == "mobility"))
        off = ctx.model.new_int_var(0, 7 * 24, f"mobility_off[{week}]")
        ctx.model.add_max_equality(off, [cfg.min_sessions - count, count - cfg.max_sessions, 0])
        ctx.penalize(Config.ID, cfg.weight, off)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    if not cfg.weight:
        return []
    found = []
    for week in plan.input.per_week():
        if not possible(plan.input, week):
            continue
        n = sum(1 for p in plan.input.in_week(week, plan.placed) if p.session.kind == "mobility")
        off = max(cfg.min_sessions - n, n - cfg.max_sessions, 0)
        if off:
            wanted = (
                f"{cfg.min_sessions}" if cfg.min_sessions == cfg.max_sessions
                else f"{cfg.min_sessions}-{cfg.max_sessions}"
            )  # fmt: skip
            found.append(Penalty(
                rule=Config.ID, amount=cfg.weight * off,
                detail=plan.input.prefix(week) + f"{n} mobility sessions; wanted {wanted}",
            ))  # fmt: skip
    return found
