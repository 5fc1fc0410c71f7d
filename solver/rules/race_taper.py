"""race_taper (RACE-LEGS, RACE-EASY, TAPER-LONG): what the last days and the last long
run before a race hold, beyond race_week's calendar (taper practice; 000: cut intensity
near the race; Pfitzinger: the last long run shrinks).

- RACE-LEGS: no leg lift at all, light circuits included, in the `legs_days` days before a
  5k to half, `long_legs_days` before a marathon or ultra (upper body and core are fine);
- RACE-EASY: no run of `easy_minutes` or more in the `easy_days` days before the race;
- TAPER-LONG: the long run of the week before race week at most `long_percent` % of the
  longest long run before that week (`marathon_long_percent` for a marathon or ultra).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hybridplan import coach
from hybridplan.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import RaceTaper as Config
from hybridplan.models.week import plural, week_tag
from hybridplan.volume import long_run, plan_week_minutes, week_minutes

LONG_RACES = ("marathon", "ultra")


def _long_race(inp: PlanInput) -> bool:
    return inp.scenario.race is not None and inp.scenario.race.distance in LONG_RACES


def _legs_days(inp: PlanInput, cfg: Config) -> int:
    return cfg.long_legs_days if _long_race(inp) else cfg.legs_days


def _broken(p: Placed, inp: PlanInput, cfg: Config) -> Iterator[tuple[str, str]]:
    """(key, why) for each day-before-the-race requirement this placement breaks."""
    if inp.race_day is None or p.session.is_race or p.slot.day >= inp.race_day:
        return
    before = inp.race_day - p.slot.day
    s = p.session
    if s.is_leg_lift and before <= _legs_days(inp, cfg):
        yield "legs", f"a leg lift {plural(before, 'day')} before the race"
    if s.is_run and s.minutes >= cfg.easy_minutes and before <= cfg.easy_days:
        yield "easy", f"a {s.minutes}-minute run {plural(before, 'day')} before the race"


def _taper_long(inp: PlanInput, cfg: Config) -> tuple[int, list[int], int] | None:
    """(the week before race week, the weeks before it, the percent) when there are both."""
    if inp.race_week is None or inp.race_week < 3:
        return None
    percent = cfg.marathon_long_percent if _long_race(inp) else cfg.long_percent
    last = inp.race_week - 1
    return last, list(range(1, last)), percent


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    if inp.race_day is None:
        return
    wording = {
        "legs": f"no leg lift in the {plural(_legs_days(inp, cfg), 'day')} before the race",
        "easy": f"no run of {cfg.easy_minutes}+ min in the {plural(cfg.easy_days, 'day')} "
        "before the race",
    }
    for p in ctx.live():
        for key, _ in _broken(p, inp, cfg):
            coach.placement(ctx, Config.ID, cfg, key, wording[key], p)
    taper = _taper_long(inp, cfg)
    if taper is None or not ctx.whole_plan:  # links weeks
        return
    last, before, percent = taper
    longest = {w: week_minutes(ctx, w, long_run) for w in [*before, last]}
    # above the share of every week before it (so of the longest), one literal a week:
    # plain clauses rather than a max, so the model stays linear for its MIP translation
    above = [
        coach.at_least(ctx, 100 * longest[last] - percent * longest[w], 1, f"taper_long[{w}]")
        for w in before
    ]
    message = f"{week_tag(last)}'s long run at most {percent}% of the longest before it"
    if cfg.level == "hard":
        literal = ctx.requirement(f"{Config.ID}.long", Config.ID, message)
        ctx.enforce(ctx.model.add_bool_or([b.negated() for b in above]), literal)
        return
    over = ctx.model.new_bool_var(f"{Config.ID}[long]")
    ctx.model.add_bool_and(above).only_enforce_if(over)
    ctx.model.add_bool_or([*(b.negated() for b in above), over])
    ctx.penalize(Config.ID, cfg.weight, over)


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint: the window with the week before race week keeps its long run within
    the share of the longest long run the weeks before it already hold."""
    taper = _taper_long(ctx.input, cfg)
    if taper is None or taper[0] not in ctx.weeks:
        return
    last, before, percent = taper
    peak = max((p.session.minutes for p in known
                if p.session.is_long_run and p.slot.week in before), default=0)  # fmt: skip
    if peak:
        long_minutes = week_minutes(ctx, last, long_run)
        coach.guide(ctx, cfg, Config.ID, 100 * long_minutes - percent * peak, 1)


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    inp = plan.input
    found = [
        (f"{p.label}: {why}", [p.slot.day_label])
        for p in plan.placed
        for _, why in _broken(p, inp, cfg)
    ]
    taper = _taper_long(inp, cfg)
    if taper is not None:
        last, before, percent = taper
        ran = plan_week_minutes(plan, last, long_run)
        peak = max(plan_week_minutes(plan, w, long_run) for w in before)
        if 100 * ran > percent * peak:
            found.append((
                f"{week_tag(last)}: long run {ran} min the week before the race, above "
                f"{percent}% of the longest before it ({peak} min)", [],
            ))  # fmt: skip
    return coach.findings(Config.ID, cfg, found)
