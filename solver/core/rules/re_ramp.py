"""re_ramp (hard): back from a long gap easy. For each week W whose basis is re-ramped (a
log import saw more than 7 days without training), week W+1, unless it is race week, holds
at most `quality` quality runs and no long run above max(`long_percent` % of W's basis
long run, `min_minutes`). Each long run is held to the cap, so the week's longest is.

Week W itself is not judged. Its days up to the log's last day are past (done sessions a
hard cap could only make infeasible), and the import marks every week of a gap still open
re-ramped: a gap of 8 days or more spans two weeks, so the first days back are in the
week after a re-ramped one. Left open: a gap whose first week an earlier import closed as
bridged, then stopped mid-week in the next, leaves that week's last days unjudged."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import ReRamp as Config
from hybridplan.models.session import SessionType
from hybridplan.models.week import plural, week_tag


def weeks_back(inp: PlanInput) -> list[tuple[int, int]]:
    """(re-ramped week, the week after it) for each re-ramped week whose next week is
    planned and is not race week."""
    return [
        (w, w + 1)
        for w, basis in sorted(inp.scenario.basis.items())
        if basis.reramped and w + 1 <= inp.weeks and w + 1 != inp.race_week
    ]


def long_cap(inp: PlanInput, reramped: int, cfg: Config) -> int:
    """The longest long run allowed the week after `reramped`, in minutes."""
    return max(cfg.long_percent * inp.scenario.basis[reramped].long_run // 100, cfg.min_minutes)


def _quality(s: SessionType) -> bool:
    return s.is_quality_run


def _long(s: SessionType) -> bool:
    return s.is_long_run


def build(ctx: BuildContext, cfg: Config) -> None:
    for w, back in weeks_back(ctx.input):
        if back not in ctx.weeks:
            continue
        cap = long_cap(ctx.input, w, cfg)
        too_long = [p for p in ctx.live_week(back, _long) if p.session.minutes > cap]
        if too_long:
            literal = ctx.requirement(
                f"{Config.ID}.long_run.{week_tag(back)}", Config.ID,
                f"back from a gap: {week_tag(back)}'s long run at most {cap} min",
            )  # fmt: skip
            for p in too_long:
                ctx.forbid(p, literal)
        quality = ctx.live_week(back, _quality)
        if len(quality) > cfg.quality:
            most = plural(cfg.quality, "quality run")
            literal = ctx.requirement(
                f"{Config.ID}.quality.{week_tag(back)}", Config.ID,
                f"back from a gap: at most {most} in {week_tag(back)}",
            )  # fmt: skip
            ctx.enforce(ctx.model.add(ctx.total(quality) <= cfg.quality), literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    found = []
    for w, back in weeks_back(plan.input):
        placed = plan.input.in_week(back, plan.placed)
        cap = long_cap(plan.input, w, cfg)
        longest = max((p.session.minutes for p in placed if _long(p.session)), default=0)
        if longest > cap:
            found.append(Violation(rule=Config.ID, detail=f"{week_tag(back)}: long run "
                f"{longest} min back from a gap; at most {cap} (after {week_tag(w)})"))  # fmt: skip
        count = sum(1 for p in placed if _quality(p.session))
        if count > cfg.quality:
            found.append(Violation(rule=Config.ID, detail=f"{week_tag(back)}: {count} quality "
                f"runs back from a gap; at most {cfg.quality}"))  # fmt: skip
    return found
