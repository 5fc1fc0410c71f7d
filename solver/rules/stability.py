"""stability (soft): when replanning, `weight` points per change against the scenario's
`previous` plan: max(sessions of the previous plan not kept, sessions added), so a session
that moves counts once and one dropped or added counts once."""

from __future__ import annotations

from hybridplan.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import Stability as Config
from hybridplan.models.week import place_label, plural


def _previous(week: PlanInput) -> set[tuple[str, str, str, int]]:
    return {(p.day, p.slot, p.session, p.week) for p in week.scenario.previous}


def _key(p: Placed) -> tuple[str, str, str, int]:
    return (p.slot.day_name, p.slot.name, p.session.id, p.slot.week)


def build(ctx: BuildContext, cfg: Config) -> None:
    if not ctx.whole_plan:  # links weeks: left out of per-week bounds
        return
    before = _previous(ctx.input)
    if not before:
        return
    kept = [p for p in ctx.candidates if _key(p) in before]
    new = [p for p in ctx.live() if _key(p) not in before]
    dropped = len(before) - ctx.total(kept)
    added = ctx.total(new)
    changes = ctx.model.new_int_var(0, len(before) + len(new), "changes")
    ctx.model.add_max_equality(changes, [dropped, added])
    ctx.penalize(Config.ID, cfg.weight, changes)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    before = _previous(plan.input)
    now = {_key(p) for p in plan.placed}
    dropped, added = before - now, now - before
    changes = max(len(dropped), len(added))
    if not before or not changes or not cfg.weight:
        return []
    detail = "; ".join(
        [f"{s} no longer on {place_label(w, d, t)}" for d, t, s, w in sorted(dropped)]
        + [f"{s} now on {place_label(w, d, t)}" for d, t, s, w in sorted(added)]
    )
    return [
        Penalty(
            rule=Config.ID,
            amount=cfg.weight * changes,
            detail=f"{plural(changes, 'change')} to the previous plan: {detail}",
        )
    ]
