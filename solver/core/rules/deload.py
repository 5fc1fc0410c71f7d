"""deload (hard): a deload week is lighter than the week before (004, 001: deload every 3-4
weeks): its training minutes at least `cut_percent` % lower, its running minutes at least
`run_cut_percent` % lower, and its long run shorter. (The race is never in a deload week.)
A week the training log has closed is compared by its basis (volume.reference_minutes).
"""

from __future__ import annotations

from collections.abc import Callable

from hybridplan.core.context import BuildContext
from hybridplan.core.volume import (
    long_run,
    plan_reference_minutes,
    plan_week_minutes,
    reference_minutes,
    running,
    training,
    week_minutes,
)
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import Deload as Config
from hybridplan.models.session import SessionType
from hybridplan.models.week import week_tag


def _deloads(inp: PlanInput) -> list[int]:
    return [w for w in inp.per_week() if w > 1 and inp.phases[w - 1] == "deload"]


Cut = tuple[str, Callable[[SessionType], bool], int | None]


def _cuts(inp: PlanInput, w: int, cfg: Config) -> list[Cut]:
    """(what, which minutes, least cut in %) per requirement of deload week w; None for the
    long run, which must be shorter (when both weeks have one)."""
    out: list[Cut] = [
        ("minutes", training, cfg.cut_percent),
        ("running", running, cfg.run_cut_percent),
    ]
    if inp.targets_for(w).long_run and inp.targets_for(w - 1).long_run:
        out.append(("long run", long_run, None))
    return out


def _ok(now: int, before: int, percent: int | None) -> bool:
    return now < before if percent is None else 100 * now <= (100 - percent) * before


def build(ctx: BuildContext, cfg: Config) -> None:
    modelled = set(ctx.weeks)  # a window of weeks (a block's bound): the deloads inside it
    for w in _deloads(ctx.input):
        if w not in modelled or w - 1 not in modelled:
            continue
        for what, counted, percent in _cuts(ctx.input, w, cfg):
            now = week_minutes(ctx, w, counted)
            before = reference_minutes(ctx, w - 1, counted)
            key = what.replace(" ", "_")
            wanted = "shorter" if percent is None else f"{percent}% lighter"
            literal = ctx.requirement(
                f"{Config.ID}.{key}.{week_tag(w)}", Config.ID,
                f"deload week {week_tag(w)}: {what} {wanted} than {week_tag(w - 1)}",
            )  # fmt: skip
            if percent is None:
                constraint = ctx.model.add(now + 1 <= before)
            else:
                constraint = ctx.model.add(100 * now <= (100 - percent) * before)
            ctx.enforce(constraint, literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    found = []
    for w in _deloads(plan.input):
        for what, counted, percent in _cuts(plan.input, w, cfg):
            now = plan_week_minutes(plan, w, counted)
            before = plan_reference_minutes(plan, w - 1, counted)
            if not _ok(now, before, percent):
                wanted = "shorter" if percent is None else f"at least {percent}% less"
                found.append(Violation(rule=Config.ID, detail=f"deload {week_tag(w)}: {what} "
                    f"{now} min after {before} in {week_tag(w - 1)}; wanted {wanted}"))  # fmt: skip
    return found
