"""stability (soft): when replanning, `weight` points per change against the scenario's
`previous` plan: a session dropped, added or moved, a move counting once. A move is a
session (the same id) in another place, so per session id the changes are
max(its places of the previous plan not kept, its places added); a session replaced by
another is two changes, as `replan` lists them (it used to be max of the totals over all
ids, which priced swapping a session for another like moving it)."""

from __future__ import annotations

from collections import Counter

from hybridplan.core.context import BuildContext
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
    kept: dict[str, list[Placed]] = {}
    for p in ctx.candidates:
        if _key(p) in before:
            kept.setdefault(p.session.id, []).append(p)
    new: dict[str, list[Placed]] = {}
    for p in ctx.live():
        if _key(p) not in before:
            new.setdefault(p.session.id, []).append(p)
    mine = Counter(k[2] for k in before)
    for sid in sorted(set(mine) | set(new)):
        added = ctx.total(new.get(sid, []))
        if not mine[sid]:  # a session the previous plan did not have: each place is a change
            ctx.penalize(Config.ID, cfg.weight, added)
            continue
        dropped = mine[sid] - ctx.total(kept.get(sid, []))
        top = max(mine[sid], len(new.get(sid, [])))
        changes = ctx.model.new_int_var(0, top, f"changes[{sid}]")
        ctx.model.add_max_equality(changes, [dropped, added])
        ctx.penalize(Config.ID, cfg.weight, changes)


def _changes(dropped: set[tuple[str, str, str, int]], added: set[tuple[str, str, str, int]]) -> int:
    """Per session id, the larger of its places dropped and added (a move counts once)."""
    lost, new = Counter(k[2] for k in dropped), Counter(k[2] for k in added)
    return sum(max(lost[sid], new[sid]) for sid in lost | new)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    before = _previous(plan.input)
    now = {_key(p) for p in plan.placed}
    dropped, added = before - now, now - before
    changes = _changes(dropped, added)
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
