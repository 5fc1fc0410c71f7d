"""race_week (hard): the days before the race and race week's volume (RACE-*, TAPER).

Before race day: no long run in the last `long_run_days` days, no hard or heavy-leg lift in
the last `lift_days` days (`long_lift_days` before a marathon or ultra: near the race cut
strength intensity sharply, 000), no quality run in the last `quality_days` days, and the
day before only a short easy run (at most `eve_minutes`) or mobility. Race week's running
minutes, the race aside, at most `taper_percent` % of the highest other week's."""

from __future__ import annotations

from collections.abc import Iterator

from hybridplan.core.context import BuildContext
from hybridplan.core.volume import plan_week_minutes, running, week_minutes
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import RaceWeek as Config
from hybridplan.models.week import plural

EASY_RUNS = ("easy", "recovery", "strides")


def _lift_days(inp: PlanInput, cfg: Config) -> int:
    long_race = inp.scenario.race is not None and inp.scenario.race.distance in (
        "marathon",
        "ultra",
    )
    return cfg.long_lift_days if long_race else cfg.lift_days


def _broken(p: Placed, inp: PlanInput, cfg: Config) -> Iterator[tuple[str, str]]:
    """(requirement, why) for each race-week requirement this placement breaks."""
    if inp.race_day is None or p.session.is_race or p.slot.day >= inp.race_day:
        return
    before = inp.race_day - p.slot.day  # days before the race: 1 = the day before
    s = p.session
    if s.is_long_run and before <= cfg.long_run_days:
        yield "long_run", f"a long run {plural(before, 'day')} before the race"
    if (s.is_hard_strength or s.loads_legs("heavy")) and before <= _lift_days(inp, cfg):
        yield "lifting", f"hard or heavy-leg lifting {plural(before, 'day')} before the race"
    if s.is_quality_run and before <= cfg.quality_days:
        yield "quality", f"a quality run {plural(before, 'day')} before the race"
    if before == 1 and (
        s.is_strength or (s.is_run and (s.run_type not in EASY_RUNS or s.minutes > cfg.eve_minutes))
    ):
        yield (
            "eve",
            f"the day before the race holds only a short easy run (<= {cfg.eve_minutes} min)",
        )


def rules_out(p: Placed, week: PlanInput, cfg: Config) -> bool:
    """A session the days before the race may not hold."""
    return any(True for _ in _broken(p, week, cfg))


def _taper_weeks(inp: PlanInput) -> tuple[int, list[int]] | None:
    """(race week, the other weeks) when the plan has weeks to compare race week with."""
    if inp.race_week is None or inp.weeks < 2:
        return None
    return inp.race_week, [w for w in inp.per_week() if w != inp.race_week]


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    if inp.race_day is None:
        return
    wording = {
        "long_run": f"no long run in the {plural(cfg.long_run_days, 'day')} before the race",
        "lifting": f"no hard or heavy-leg lifting in the {plural(_lift_days(inp, cfg), 'day')} "
        "before the race",
        "quality": f"no quality run in the {plural(cfg.quality_days, 'day')} before the race",
        "eve": f"only a short easy run (<= {cfg.eve_minutes} min) the day before the race",
    }
    for p in ctx.live():
        for key, _ in _broken(p, inp, cfg):
            literal = ctx.requirement(f"{Config.ID}.{key}", Config.ID, wording[key])
            ctx.forbid(p, literal)
    weeks = _taper_weeks(inp)
    if weeks is None or not ctx.whole_plan:  # the taper links weeks
        return
    race_week, others = weeks
    minutes = {w: week_minutes(ctx, w, running) for w in inp.per_week()}
    top = ctx.model.new_int_var(0, 7 * 24 * 60, "highest_running_week")
    ctx.model.add_max_equality(top, [minutes[w] for w in others])
    literal = ctx.requirement(
        f"{Config.ID}.taper",
        Config.ID,
        f"race week's running minutes at most {cfg.taper_percent}% of the highest week's",
    )
    constraint = ctx.model.add(100 * minutes[race_week] <= cfg.taper_percent * top)
    ctx.enforce(constraint, literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    inp = plan.input
    found = [
        Violation(rule=Config.ID, detail=f"{p.label}: {why}")
        for p in plan.placed
        for _, why in _broken(p, inp, cfg)
    ]
    weeks = _taper_weeks(inp)
    if weeks is not None:
        race_week, others = weeks
        ran = plan_week_minutes(plan, race_week, running)
        top = max(plan_week_minutes(plan, w, running) for w in others)
        if 100 * ran > cfg.taper_percent * top:
            found.append(
                Violation(
                    rule=Config.ID,
                    detail=f"race week: {ran} running minutes (the race aside), above "
                    f"{cfg.taper_percent}% of the highest week's {top}",
                )
            )
    return found
