"""long_share (LONG-SHARE): in a loaded week of running (base, build, peak) the long run
is at most `percent` % of the week's running minutes, the race aside. A long run of two
thirds of the week beside 20-minute jogs is a week a coach sends back: Daniels keeps it
near 25-30%, and the easy runs carry the rest."""

from __future__ import annotations

from hybridplan import coach
from hybridplan.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import LongShare as Config
from hybridplan.volume import long_run, plan_week_minutes, running, week_minutes

# The weeks a runner's volume is judged in: base, build and peak (off-season weeks are a
# strength athlete's, with a long run and little else; deload and taper weeks are meant
# to be lighter).
RUNNING_WEEKS = ("base", "build", "peak")


def loaded(inp: PlanInput, week: int) -> bool:
    return inp.phases[week - 1] in RUNNING_WEEKS


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    for w in ctx.weeks:
        if not loaded(inp, w) or not ctx.live_week(w, long_run):
            continue
        long_minutes = week_minutes(ctx, w, long_run)
        ran = week_minutes(ctx, w, running)
        coach.condition(
            ctx, Config.ID, cfg, inp.tag(w) or "week",
            f"{inp.prefix(w)}the long run at most {cfg.percent}% of the week's running",
            100 * long_minutes - cfg.percent * ran, 1,
        )  # fmt: skip


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    inp = plan.input
    found: list[tuple[str, list[str]]] = []
    for w in inp.per_week():
        if not loaded(inp, w):
            continue
        long_minutes = plan_week_minutes(plan, w, long_run)
        ran = plan_week_minutes(plan, w, running)
        if 100 * long_minutes > cfg.percent * ran:
            found.append((
                f"{inp.prefix(w)}long run {long_minutes} of {ran} running minutes "
                f"({100 * long_minutes // ran}%, above {cfg.percent}%)", [],
            ))  # fmt: skip
    return coach.findings(Config.ID, cfg, found)
