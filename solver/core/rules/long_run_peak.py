"""long_run_peak (LONG-PEAK; hard with `hard: true`, else priced): before a race, the
longest long run falls 2-5 weeks before race week and is long enough for the distance
(progression.LONG_RUN_FLOOR: marathon and ultra 150 min, half 100, 10k 75). `weight` points
when no long run in that window is long enough, and per week outside it whose long run is
longer than the window's longest. Only for plans with weeks in the window."""

from __future__ import annotations

from collections.abc import Iterable

from hybridplan.core import coach
from hybridplan.core.context import BoolVar, BuildContext, Expr
from hybridplan.core.volume import long_run, plan_week_minutes, week_minutes
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.progression import LONG_RUN_FLOOR, PEAK_WINDOW
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import LongRunPeak as Config
from hybridplan.models.week import week_tag


def _window(inp: PlanInput) -> tuple[list[int], list[int], int] | None:
    """(weeks in the window, weeks before race week outside it, the floor)."""
    race = inp.scenario.race
    if race is None or inp.race_week is None:
        return None
    lo, hi = PEAK_WINDOW
    inside = [w for w in range(inp.race_week - hi, inp.race_week - lo + 1) if w >= 1]
    if not inside:
        return None
    outside = [w for w in range(1, inp.race_week) if w not in inside]
    return inside, outside, LONG_RUN_FLOOR[race.distance]


def _exactly(ctx: BuildContext, smaller: Expr, larger: Expr, name: str) -> BoolVar:
    """A boolean equal to (smaller < larger), exactly, so penalties match the check."""
    b = ctx.model.new_bool_var(name)
    ctx.model.add(smaller + 1 <= larger).only_enforce_if(b)
    ctx.model.add(smaller >= larger).only_enforce_if(b.negated())
    return b


def build(ctx: BuildContext, cfg: Config) -> None:
    if not ctx.whole_plan:  # links weeks: left out of per-week bounds
        return
    window = _window(ctx.input)
    if window is None:
        return
    inside, outside, floor = window
    longest = {w: week_minutes(ctx, w, long_run) for w in ctx.input.per_week()}
    peak = ctx.model.new_int_var(0, 24 * 60, "peak_long_run")
    ctx.model.add_max_equality(peak, [longest[w] for w in inside])
    if cfg.level == "hard":
        literal = ctx.requirement(
            f"{Config.ID}.floor", Config.ID,
            f"a long run of {floor}+ min 2-5 weeks before the race",
        )  # fmt: skip
        ctx.enforce(ctx.model.add(peak >= floor), literal)
        for w in outside:
            literal = ctx.requirement(
                f"{Config.ID}.{week_tag(w)}", Config.ID,
                f"{week_tag(w)}'s long run no longer than the peak 2-5 weeks before the race",
            )  # fmt: skip
            ctx.enforce(ctx.model.add(longest[w] <= peak), literal)
        return
    ctx.penalize(Config.ID, cfg.weight, _exactly(ctx, peak, floor, "peak_too_short"))
    for w in outside:
        ctx.penalize(Config.ID, cfg.weight, _exactly(ctx, peak, longest[w], f"above_peak[{w}]"))


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint: the window with the last week 2 weeks out, when no week 2-5 weeks out
    planned before it has a long run long enough, should have one (asked of an earlier
    window, it cost the 16-week block's hint 6.8 deterministic s in a window whose bands
    cannot reach the floor)."""
    window = _window(ctx.input)
    if window is None:
        return
    inside, _, floor = window
    mine = [w for w in inside if w in ctx.weeks]
    if max(inside) not in ctx.weeks:
        return
    reached = any(
        p.session.is_long_run and p.slot.week in inside and p.session.minutes >= floor
        for p in known
    )
    if not mine or reached:
        return
    longest = ctx.model.new_int_var(0, 24 * 60, f"guide_peak[{mine[0]}]")
    ctx.model.add_max_equality(longest, [week_minutes(ctx, w, long_run) for w in mine])
    coach.guide(ctx, cfg, f"{Config.ID}.{week_tag(mine[0])}", floor - longest, 1)


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    window = _window(plan.input)
    if window is None:
        return []
    inside, outside, floor = window
    longest = {w: plan_week_minutes(plan, w, long_run) for w in plan.input.per_week()}
    peak = max(longest[w] for w in inside)
    details = []
    if peak < floor:
        details.append(
            f"longest long run 2-5 weeks before the race {peak} min; wanted {floor}+ "
            f"for a {plan.input.scenario.race.distance if plan.input.scenario.race else ''}"
        )
    details += [
        f"{week_tag(w)}: long run {longest[w]} min, longer than the peak {peak} min 2-5 weeks "
        "before the race"
        for w in outside
        if longest[w] > peak
    ]
    if cfg.level == "hard":
        return [Violation(rule=Config.ID, detail=d) for d in details]
    if not cfg.weight:
        return []
    return [Penalty(rule=Config.ID, amount=cfg.weight, detail=d) for d in details]
