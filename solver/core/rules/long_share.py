"""long_share (LONG-SHARE): in a loaded week of running (base, build, peak) the long run
is at most `percent` % of the week's running minutes, the race aside. A long run of two
thirds of the week beside 20-minute jogs is a week a coach sends back: Daniels keeps it
near 25-30%, and the easy runs carry the rest."""

from __future__ import annotations

from hybridplan.core import coach
from hybridplan.core.context import BoolVar, BuildContext
from hybridplan.core.volume import long_run, plan_week_minutes, running, week_minutes
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import LongShare as Config

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
        share = 100 * long_minutes - cfg.percent * ran
        key = inp.tag(w) or "week"
        if cfg.level == "hard":
            coach.condition(
                ctx, Config.ID, cfg, key,
                f"{inp.prefix(w)}the long run at most {cfg.percent}% of the week's running",
                share, 1,
            )  # fmt: skip
            continue
        over = coach.at_least(ctx, share, 1, f"{Config.ID}[{key}]")
        ctx.penalize(Config.ID, cfg.weight, over)
        _cuts(ctx, w, over, cfg.percent)


def _cuts(ctx: BuildContext, week: int, over: BoolVar, percent: int) -> None:
    """Redundant cuts for the linear relaxation, one per long-run length m on offer: m
    placed and the running below m * 100 / percent minutes means the objection, so
    (100 m) * over >= (100 m) * [some long run of m] - percent * running. Every plan meets
    them (the week's long minutes are at least m then); the relaxation alone prices the
    objection by the week's largest length (a generated week took 5.3 s without them, 0.7 s
    with them, 90 ms with the rule off)."""
    ran = week_minutes(ctx, week, running)
    by_length: dict[int, list[Placed]] = {}
    for p in ctx.live_week(week, long_run):
        by_length.setdefault(p.session.minutes, []).append(p)
    for minutes, placed in sorted(by_length.items()):
        some = ctx.model.new_bool_var(f"long_of[{week},{minutes}]")  # one of them placed
        for p in placed:
            ctx.model.add_implication(ctx.x[p], some)
        ctx.model.add(ctx.total(placed) >= some)
        scale = 100 * minutes
        ctx.model.add(scale * over >= scale * some - percent * ran)


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
