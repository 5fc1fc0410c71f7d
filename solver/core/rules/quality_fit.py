"""quality_fit (QUALITY-FIT): quality that fits the race and changes over the weeks.

- In a race plan of two or more weeks, each quality run is of a type on the week's menu
  (progression.QUALITY_MENU, by distance and phase; a beginner's own menu: hills before
  tempo, the known type in race week);
- a 5k or 10k race plan of two or more weeks holds an intervals session when intervals are
  on offer and quality runs are wanted (Daniels: I pace is the 5k-10k stimulus);
- when two or more quality types (tempo, intervals, hills) are on offer and on each week's
  menu, no `streak` consecutive weeks have quality runs all of one type: each such window
  of weeks (and type) counts once (a coach rotates the stimulus; the same 40-minute tempo
  every week is a plan sent back).
- a beginner meets hills before harder quality: with hills on offer and room for them in
  an earlier week (a slot that holds the shortest, race day aside), each tempo or
  intervals run of a week that no earlier week's hills run precedes counts once (one off
  its week's menu is counted as that already). Strides are easy running with pickups,
  not quality, and may come first (a coach's order: "strides and hills before tempo").
The last three link weeks, so per-week bounds leave them out (a block's hint is guided)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hybridplan.core import coach
from hybridplan.core.context import BoolVar, BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.progression import BEGINNER_QUALITY, quality_menu
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import QualityFit as Config
from hybridplan.models.session import QUALITY_RUN_TYPES, SessionType
from hybridplan.models.week import week_tag

SHORT_RACES = ("5k", "10k")
AFTER_HILLS = ("tempo", "intervals")  # a beginner's harder quality: after a first hills run


def _offered_types(inp: PlanInput) -> list[str]:
    return sorted({
        str(s.run_type) for s in inp.sessions.values()
        if s.is_quality_run and inp.on_offer(s)
    })  # fmt: skip


def menu(inp: PlanInput, week: int) -> tuple[str, ...] | None:
    """The week's quality menu (progression.QUALITY_MENU), None for any type: only in a
    race plan of two or more weeks, and only of types on offer (a menu the catalogue cannot
    serve leaves the week free)."""
    race = inp.scenario.race
    if race is None or inp.weeks < 2:
        return None
    beginner = inp.scenario.targets.quality_runs.max <= BEGINNER_QUALITY
    found = quality_menu(race.distance, inp.phases[week - 1], beginner)
    if found is None or not set(found) & set(_offered_types(inp)):
        return None
    return found


def wants_intervals(inp: PlanInput) -> bool:
    race = inp.scenario.race
    return (
        race is not None and race.distance in SHORT_RACES and inp.weeks >= 2
        and "intervals" in _offered_types(inp) and inp.scenario.targets.quality_runs.max >= 1
    )  # fmt: skip


def hills_first_weeks(inp: PlanInput) -> list[int]:
    """The weeks whose tempo and intervals runs must follow a hills run of an earlier week:
    a beginner's race plan of two or more weeks with hills on offer, each week after the
    first one with room for a hills session (before that, the order cannot be kept)."""
    sc = inp.scenario
    if sc.race is None or inp.weeks < 2 or sc.targets.quality_runs.max > BEGINNER_QUALITY:
        return []
    hills = [
        s.minutes for s in inp.sessions.values()
        if s.is_quality_run and s.run_type == "hills" and inp.on_offer(s)
    ]  # fmt: skip
    if not hills:
        return []
    shortest = min(hills)
    room = [s.week for s in inp.slots if s.capacity >= shortest and s.day != inp.race_day]
    return [w for w in inp.per_week() if room and w > min(room)]


def _before_hills(inp: PlanInput, p: Placed) -> bool:
    """A tempo or intervals run the hills-first order covers (on its week's menu: one off
    the menu is counted as that)."""
    allowed = menu(inp, p.slot.week)
    return (
        p.session.is_quality_run and p.session.run_type in AFTER_HILLS
        and (allowed is None or p.session.run_type in allowed)
    )  # fmt: skip


def _is_hills(s: SessionType) -> bool:
    return s.is_quality_run and s.run_type == "hills"


def windows(inp: PlanInput, cfg: Config) -> Iterator[list[int]]:
    """The runs of `streak` weeks a single quality type may not fill: two or more types on
    offer, and on each week's menu (a menu of one type asks for it: not a streak to
    break)."""
    offered = set(_offered_types(inp))
    if len(offered) < 2:
        return
    varied = [
        len(offered & set(m)) >= 2 if (m := menu(inp, w)) is not None else True
        for w in inp.per_week()
    ]
    for start in range(1, inp.weeks - cfg.streak + 2):
        weeks = list(range(start, start + cfg.streak))
        if all(varied[w - 1] for w in weeks):
            yield weeks


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    for p in ctx.live(lambda s: s.is_quality_run):
        allowed = menu(inp, p.slot.week)
        if allowed is not None and p.session.run_type not in allowed:
            coach.placement(
                ctx, Config.ID, cfg, f"menu.{week_tag(p.slot.week)}.{p.session.run_type}",
                f"{week_tag(p.slot.week)}'s quality from its menu ({', '.join(allowed)})", p,
            )  # fmt: skip
    if not ctx.whole_plan:
        return
    if wants_intervals(inp):
        intervals = ctx.total(ctx.live(lambda s: s.is_run and s.run_type == "intervals"))
        coach.condition(
            ctx, Config.ID, cfg, "intervals", "an intervals session in a 5k/10k plan",
            -intervals, 0,
        )  # fmt: skip
    hills = ctx.live(_is_hills)
    for w in hills_first_weeks(inp):
        earlier = ctx.total([h for h in hills if h.slot.week < w])
        for p in ctx.live_week(w, lambda s: s.is_quality_run):
            if _before_hills(inp, p):
                coach.condition(
                    ctx, Config.ID, cfg, f"hills_first.{week_tag(w)}.{p.session.run_type}",
                    f"a beginner's {p.session.run_type} after a first hills run",
                    ctx.x[p] - earlier, 1,
                )  # fmt: skip
    found = list(windows(inp, cfg))
    if not found:
        return
    has = {}  # (week, type) -> a literal: the week holds a quality run of this type
    for w in inp.per_week():
        quality = ctx.live_week(w, lambda s: s.is_quality_run)
        for t in sorted(QUALITY_RUN_TYPES):
            mine = [p for p in quality if p.session.run_type == t]
            if mine:
                has[w, t] = _any(ctx, mine, f"has[{w},{t}]")
    for weeks in found:
        for t in sorted(QUALITY_RUN_TYPES):
            if any((w, t) not in has for w in weeks):
                continue
            lits = [has[w, t] for w in weeks]
            others = [has[w, o] for w in weeks for o in sorted(QUALITY_RUN_TYPES) if o != t
                      and (w, o) in has]  # fmt: skip
            key = f"{week_tag(weeks[0])}-{week_tag(weeks[-1])}.{t}"
            message = f"quality runs not all {t} in {week_tag(weeks[0])}-{week_tag(weeks[-1])}"
            streak = [*(b.negated() for b in lits), *others]
            if cfg.level == "hard":
                literal = ctx.requirement(f"{Config.ID}.{key}", Config.ID, message)
                ctx.enforce(ctx.model.add_bool_or(streak), literal)
                continue
            same = ctx.model.new_bool_var(f"{Config.ID}[{key}]")
            ctx.model.add_bool_or([*streak, same])
            ctx.model.add_bool_and([*lits, *(b.negated() for b in others)]).only_enforce_if(same)
            ctx.penalize(Config.ID, cfg.weight, same)


def guide(ctx: BuildContext, cfg: Config, known: Iterable[Placed]) -> None:
    """A block's hint, for a window planned after the weeks before it (`known`): an
    intervals session until one is planned, and no streak of one quality type continued
    from the weeks before into this window's weeks."""
    inp = ctx.input
    known = tuple(known)
    if wants_intervals(inp) and not any(p.session.run_type == "intervals" for p in known):
        intervals = ctx.live(lambda s: s.is_run and s.run_type == "intervals")
        here = [p for p in intervals if p.slot.week in ctx.weeks]
        if here:
            coach.guide(ctx, cfg, f"{Config.ID}.intervals", -ctx.total(here), 0)
    if not any(_is_hills(p.session) for p in known):
        hills = [p for p in ctx.live(_is_hills) if p.slot.week in ctx.weeks]
        for w in hills_first_weeks(inp):
            if w not in ctx.weeks:
                continue
            earlier = ctx.total([h for h in hills if h.slot.week < w])
            for p in ctx.live_week(w, lambda s: s.is_quality_run):
                if _before_hills(inp, p):
                    name = f"{Config.ID}.hills_first.{week_tag(w)}.{p.session.id}.{p.slot.name}"
                    coach.guide(ctx, cfg, name, ctx.x[p] - earlier, 1)
    first = min(ctx.weeks)
    types = {
        w: {str(p.session.run_type) for p in known
            if p.slot.week == w and p.session.is_quality_run}
        for w in range(1, first)
    }  # fmt: skip
    for weeks in windows(inp, cfg):
        mine = [w for w in weeks if w in ctx.weeks]
        before = [w for w in weeks if w < first]
        if not mine or len(mine) + len(before) < len(weeks):
            continue
        single = {next(iter(types[w])) for w in before if len(types[w]) == 1}
        if len(single) != 1 or any(len(types[w]) != 1 for w in before):
            continue
        (t,) = single
        for w in mine:
            quality = ctx.live_week(w, lambda s: s.is_quality_run)
            same = [p for p in quality if p.session.run_type == t]
            other = [p for p in quality if p.session.run_type != t]
            if same:
                expr = ctx.total(same) - (len(same) + 1) * ctx.total(other)
                coach.guide(ctx, cfg, f"{Config.ID}.{week_tag(w)}.{t}", expr, 1)


def _any(ctx: BuildContext, placed: list[Placed], name: str) -> BoolVar:
    """A literal equal to "one of these candidates is placed"."""
    h = ctx.model.new_bool_var(name)
    for p in placed:
        ctx.model.add_implication(ctx.x[p], h)
    ctx.model.add(ctx.total(placed) >= 1).only_enforce_if(h)
    return h


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    inp = plan.input
    found: list[tuple[str, list[str]]] = []
    for p in plan.placed:
        allowed = menu(inp, p.slot.week) if p.session.is_quality_run else None
        if allowed is not None and p.session.run_type not in allowed:
            phase = inp.phases[p.slot.week - 1]
            detail = f"{p.label}: {p.session.run_type} in a {phase} week ({', '.join(allowed)})"
            found.append((detail, [p.slot.day_label]))
    runs = [p.session for p in plan.placed if p.session.is_run]
    if wants_intervals(inp) and not any(s.run_type == "intervals" for s in runs):
        found.append(("no intervals session in a 5k/10k plan", []))
    hills_weeks = [p.slot.week for p in plan.placed if _is_hills(p.session)]
    for w in hills_first_weeks(inp):
        if any(h < w for h in hills_weeks):
            continue
        for p in inp.in_week(w, plan.placed):
            if _before_hills(inp, p):
                detail = f"{p.label}: a beginner's {p.session.run_type} before any hills run"
                found.append((detail, [p.slot.day_label]))
    types = {
        w: {str(p.session.run_type) for p in inp.in_week(w, plan.placed)
            if p.session.is_quality_run}
        for w in inp.per_week()
    }  # fmt: skip
    for weeks in windows(inp, cfg):
        kinds = [types[w] for w in weeks]
        if all(len(k) == 1 for k in kinds) and len(set.union(*kinds)) == 1:
            (t,) = kinds[0]
            found.append((f"{week_tag(weeks[0])}-{week_tag(weeks[-1])}: every quality run {t}", []))
    return coach.findings(Config.ID, cfg, found)
