"""run_progression (hard): weekly running minutes (the race aside) rise by at most
`percent` % week over week (003: about 10%); the week after a deload (RETURN) rises at most
`percent` % above the last loaded week before it, not above the deload week. A week the
training log has closed is grown from by its basis (volume.reference_minutes): the week as
planned after a short gap, the recent real load after a long one."""

from __future__ import annotations

from collections.abc import Iterable

from hybridplan.core import coach
from hybridplan.core.context import BuildContext
from hybridplan.core.volume import (
    basis_minutes,
    plan_reference_minutes,
    plan_week_minutes,
    reference_minutes,
    running,
    week_minutes,
)
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import RunProgression as Config
from hybridplan.models.week import week_tag


def comparisons(inp: PlanInput) -> list[tuple[int, int]]:
    """(week, the week it may grow from): the week before, or after deload weeks the last
    week before them that was not a deload."""
    out = []
    for w in inp.per_week():
        ref = w - 1
        while ref >= 1 and inp.phases[ref - 1] == "deload" and inp.phases[w - 1] != "deload":
            ref -= 1
        if ref >= 1:
            out.append((w, ref))
    return out


def build(ctx: BuildContext, cfg: Config) -> None:
    modelled = set(ctx.weeks)  # a window of weeks (a block's bound): the pairs inside it
    minutes = {w: week_minutes(ctx, w, running) for w in ctx.weeks}
    for w, ref in comparisons(ctx.input):
        if w not in modelled or ref not in modelled:
            continue
        literal = ctx.requirement(
            f"{Config.ID}.{week_tag(w)}", Config.ID,
            f"running minutes of {week_tag(w)} at most {cfg.percent}% above {week_tag(ref)}'s",
        )  # fmt: skip
        reference = reference_minutes(ctx, ref, running)
        constraint = ctx.model.add(100 * minutes[w] <= (100 + cfg.percent) * reference)
        ctx.enforce(constraint, literal)


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint: a window's week that grows from a week planned before the window
    grows at most `percent` % above what that week holds (the windows alone cannot see it,
    and a hint that breaks it leaves the whole block's search to repair it)."""
    first = min(ctx.weeks)
    before: dict[int, int] = {}
    for p in known:
        if p.slot.week < first and running(p.session):
            before[p.slot.week] = before.get(p.slot.week, 0) + p.session.minutes
    for w, ref in comparisons(ctx.input):
        if w in ctx.weeks and ref < first:
            minutes = week_minutes(ctx, w, running)
            base = basis_minutes(ctx.input, ref, running)
            ref_minutes = before.get(ref, 0) if base is None else base
            grown = 100 * minutes - (100 + cfg.percent) * ref_minutes
            coach.guide(ctx, cfg, f"{Config.ID}.{week_tag(w)}", grown, 1, decided=True)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    ran = {w: plan_week_minutes(plan, w, running) for w in plan.input.per_week()}
    grows_from = {w: plan_reference_minutes(plan, w, running) for w in plan.input.per_week()}
    return [
        Violation(rule=Config.ID, detail=f"{week_tag(w)}: {ran[w]} running minutes after "
                  f"{grows_from[ref]} in {week_tag(ref)}; at most +{cfg.percent}%")
        for w, ref in comparisons(plan.input)
        if 100 * ran[w] > (100 + cfg.percent) * grows_from[ref]
    ]  # fmt: skip
