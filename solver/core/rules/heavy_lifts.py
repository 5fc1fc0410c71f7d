"""heavy_lifts (NO-HEAVY): an athlete with a gym lifts heavy at least once in the plan: a
hard, heavy-leg key lift that is not a volume day (000: keep strength in season with heavy,
low-volume work; a light circuit all block keeps none). Beginners (at most one quality run
a week asked for) are left to the light sessions.

The rule applies when the plan has a loaded week (base, build, peak, off-season) whose
calendar has a slot long enough for a heavy key lift on offer (race day aside) and whose
targets allow a lift; then a plan with no heavy key lift anywhere is one objection."""

from __future__ import annotations

from collections.abc import Iterable

from hybridplan.core import coach
from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.progression import BEGINNER_QUALITY, LOADED
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import HeavyLifts as Config


def applies(inp: PlanInput) -> bool:
    sc = inp.scenario
    if sc.equipment != "gym" or sc.targets.quality_runs.max <= BEGINNER_QUALITY:
        return False
    heavy = [s.minutes for s in inp.sessions.values() if s.is_heavy_key_lift and inp.on_offer(s)]
    if not heavy:
        return False
    shortest = min(heavy)
    weeks = {
        w for w in inp.per_week()
        if inp.phases[w - 1] in LOADED and inp.targets_for(w).strength.max >= 1
    }  # fmt: skip
    return any(
        s.week in weeks and s.capacity >= shortest and s.day != inp.race_day for s in inp.slots
    )


def build(ctx: BuildContext, cfg: Config) -> None:
    if not ctx.whole_plan or not applies(ctx.input):  # a plan-wide count links weeks
        return
    heavy = ctx.total(ctx.live(lambda s: s.is_heavy_key_lift))
    coach.condition(
        ctx, Config.ID, cfg, "plan", "a heavy key lift at least once in the plan", -heavy, 0
    )


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint: until a window before has a heavy key lift, this window's loaded
    weeks should hold one."""
    inp = ctx.input
    if not applies(inp) or any(p.session.is_heavy_key_lift for p in known):
        return
    heavy = [
        p for p in ctx.live(lambda s: s.is_heavy_key_lift)
        if p.slot.week in ctx.weeks and inp.phases[p.slot.week - 1] in LOADED
    ]  # fmt: skip
    if heavy:
        coach.guide(ctx, cfg, Config.ID, -ctx.total(heavy), 0)


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    found: list[tuple[str, list[str]]] = []
    if applies(plan.input) and not any(p.session.is_heavy_key_lift for p in plan.placed):
        found.append(("no heavy key lift (80%+ 1RM, 3-6 reps) in the whole plan", []))
    return coach.findings(Config.ID, cfg, found)
