"""race_taper (RACE-LEGS, RACE-EASY, TAPER-LONG): what the last days and the last long
run before a race hold, beyond race_week's calendar (taper practice; 000: cut intensity
near the race; Pfitzinger: the last long run shrinks).

- RACE-LEGS: no leg lift at all, light circuits included, in the `legs_days` days before a
  5k to half, `long_legs_days` before a marathon or ultra (upper body and core are fine);
- RACE-EASY: no run of `easy_minutes` or more in the `easy_days` days before the race;
- TAPER-LONG: the long run of the week before race week at most `long_percent` % of the
  longest long run before that week (`marathon_long_percent` for a marathon or ultra);
- TAPER-WEEK: before a half, marathon or ultra, the week before race week's running at
  most `week_percent` % of the biggest week before it (the taper begins before race week:
  a coach's review found a half's biggest week the week before race week);
- RACE-SHARPEN: race week's quality run (before the race) at most `sharpen_minutes` long,
  where the scenario offers a quality session that short (a review found a 60-minute
  tempo three days before a marathon; race week's quality is a short sharpener).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hybridplan.core import coach
from hybridplan.core.context import BuildContext
from hybridplan.core.volume import Measure, long_run, plan_week_minutes, running, week_minutes
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.progression import TAPER_WEEK_RACES
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import RaceTaper as Config
from hybridplan.models.week import plural, week_tag

LONG_RACES = ("marathon", "ultra")


def _long_race(inp: PlanInput) -> bool:
    return inp.scenario.race is not None and inp.scenario.race.distance in LONG_RACES


def _legs_days(inp: PlanInput, cfg: Config) -> int:
    return cfg.long_legs_days if _long_race(inp) else cfg.legs_days


def _short_sharpener(inp: PlanInput, cfg: Config) -> bool:
    """Whether a quality session of at most `sharpen_minutes` is on offer (RACE-SHARPEN
    asks for one only then)."""
    return any(
        s.is_quality_run and s.minutes <= cfg.sharpen_minutes and inp.on_offer(s)
        for s in inp.sessions.values()
    )


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
    if (
        s.is_quality_run
        and p.slot.week == inp.race_week
        and s.minutes > cfg.sharpen_minutes
        and _short_sharpener(inp, cfg)
    ):
        yield "sharpen", f"a {s.minutes}-minute quality run in race week"


def _taper_long(inp: PlanInput, cfg: Config) -> tuple[int, list[int], int] | None:
    """(the week before race week, the weeks before it, the percent) when there are both."""
    if inp.race_week is None or inp.race_week < 3:
        return None
    percent = cfg.marathon_long_percent if _long_race(inp) else cfg.long_percent
    last = inp.race_week - 1
    return last, list(range(1, last)), percent


def _tapers(inp: PlanInput, cfg: Config) -> list[tuple[str, Measure, int, int, list[int]]]:
    """The caps on the week before race week, each as (key, measure, percent of the
    highest week before it, that week, the weeks before it): TAPER-LONG's long run and,
    before a half or longer, TAPER-WEEK's running."""
    taper = _taper_long(inp, cfg)
    if taper is None:
        return []
    last, before, percent = taper
    out: list[tuple[str, Measure, int, int, list[int]]] = [
        ("long", long_run, percent, last, before)
    ]
    race = inp.scenario.race
    if race is not None and race.distance in TAPER_WEEK_RACES:
        out.append(("week", running, cfg.week_percent, last, before))
    return out


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    if inp.race_day is None:
        return
    wording = {
        "legs": f"no leg lift in the {plural(_legs_days(inp, cfg), 'day')} before the race",
        "easy": f"no run of {cfg.easy_minutes}+ min in the {plural(cfg.easy_days, 'day')} "
        "before the race",
        "sharpen": f"race week's quality run at most {cfg.sharpen_minutes} min",
    }
    for p in ctx.live():
        for key, _ in _broken(p, inp, cfg):
            coach.placement(ctx, Config.ID, cfg, key, wording[key], p)
    if not ctx.whole_plan:  # the rest links weeks
        return
    for key, measure, percent, last, before in _tapers(inp, cfg):
        what = "long run" if key == "long" else "running"
        message = f"{week_tag(last)}'s {what} at most {percent}% of the highest week before it"
        _cap(ctx, cfg, key, measure, percent, last, before, message)


def _cap(
    ctx: BuildContext, cfg: Config, key: str, measure: Measure, percent: int, last: int,
    before: list[int], message: str,
) -> None:  # fmt: skip
    """`measure` in week `last` at most `percent` % of its highest week in `before`: above
    the share of every week before it (so of the highest), one literal a week, as plain
    clauses rather than a max, so the model stays linear for its MIP translation."""
    minutes = {w: week_minutes(ctx, w, measure) for w in [*before, last]}
    above = [
        coach.at_least(ctx, 100 * minutes[last] - percent * minutes[w], 1, f"taper_{key}[{w}]")
        for w in before
    ]
    if cfg.level == "hard":
        literal = ctx.requirement(f"{Config.ID}.{key}", Config.ID, message)
        ctx.enforce(ctx.model.add_bool_or([b.negated() for b in above]), literal)
        return
    over = ctx.model.new_bool_var(f"{Config.ID}[{key}]")
    ctx.model.add_bool_and(above).only_enforce_if(over)
    ctx.model.add_bool_or([*(b.negated() for b in above), over])
    ctx.penalize(Config.ID, cfg.weight, over)


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint: the window with the week before race week keeps its long run (and,
    before a half or longer, its running) within the share of the highest the weeks before
    it already hold."""
    known = list(known)
    for key, measure, percent, last, before in _tapers(ctx.input, cfg):
        if last not in ctx.weeks:
            continue
        highest = max(
            (sum(p.session.minutes for p in known if p.slot.week == w and measure(p.session))
             for w in before), default=0,
        )  # fmt: skip
        if highest:
            here = week_minutes(ctx, last, measure)
            coach.guide(ctx, cfg, f"{Config.ID}.{key}", 100 * here - percent * highest, 1)


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    inp = plan.input
    found = [
        (f"{p.label}: {why}", [p.slot.day_label])
        for p in plan.placed
        for _, why in _broken(p, inp, cfg)
    ]
    for key, measure, percent, last, before in _tapers(inp, cfg):
        ran = plan_week_minutes(plan, last, measure)
        peak = max(plan_week_minutes(plan, w, measure) for w in before)
        if 100 * ran > percent * peak:
            what = "long run" if key == "long" else "running"
            found.append((
                f"{week_tag(last)}: {what} {ran} min the week before the race, above "
                f"{percent}% of the highest week before it ({peak} min)", [],
            ))  # fmt: skip
    return coach.findings(Config.ID, cfg, found)
