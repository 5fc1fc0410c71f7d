"""The coach's preference: how the solver chooses between plans of equal penalty.

Many weeks score the same penalty; without a second score the search order would decide
what the athlete does. After the best penalty is proven, the solver fixes it and
minimises this score, so it never trades penalty for preference (solving.py). Each term is
named and listed in results and explanations. Weights are points per occurrence; one point
is one minute of training, the unit of `less_time`.

Terms (what a coach would pick between two otherwise equal weeks):
- legs_fresh (30): leg work ending within 48 h before a quality or long run (002: keep the
  key runs fresh), a moderate lift earlier the same day as a quality run aside (001, 004);
- run_before_lift (15): a lift before a run on the same day (002: run in the morning,
  lift in the evening), the same endorsed pattern aside;
- one_session_a_day (15): each session beyond the first on a day: single sessions are
  easier to fit into a life;
- mobility_on_easy_days (15): a mobility session on a day with a hard session (001, 004);
- key_lifts (30): for an athlete with a gym (not a beginner), a light-legs gym circuit
  instead of a heavy, low-volume key lift (000: maintain with heavy work). Two occurrences'
  worth, so that it outweighs the 15 minutes a heavy session is longer (full_body_60
  against full_body_light_45): at 15 the two tied and the circuit filled most loaded weeks
  of a CrossFit-style 10k block;
- long_run_weekend (15): a long run on a weekday when the athlete names no long-run day;
- run_variety (15): each quality or strides run of a type the week already has (two tempo
  runs, strides twice): a coach varies the stimulus (intervals and a tempo) and keeps
  easy runs for the rest; easy and recovery runs repeat freely;
- speed_each_week (15): each loaded week of a race block (base, build or peak; not race
  week) with no tempo, intervals, hills or strides run where the week's targets allow a
  quality run: a coach keeps some fast running in every training week of a race block (a
  beginner's strides count), where otherwise an easy run of the same length tied with it
  and the search order decided (a beginner's half once had one fast session in ten weeks);
- real_runs (15): each training run shorter than 30 minutes: easy runs carry the volume at
  real lengths, a 20-minute jog is a recovery run;
- less_time (1 a minute): training minutes, the race aside: no more than the targets need
  (a week's planned running is filled by rule run_volume, which prices every minute short
  of the week's target; real_runs keeps the counts from being met with jogs).
"""

from __future__ import annotations

from dataclasses import dataclass

from hybridplan.core import pairs
from hybridplan.core.context import BuildContext, Expr
from hybridplan.models.placement import Placed, gap_hours, moderate_lift_before_speed, same_day
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.progression import LOADED
from hybridplan.models.result import Penalty
from hybridplan.models.session import SessionType

MINUTE = 1
OCCURRENCE = 15
WEEKEND = ("sat", "sun")
VARIED = ("tempo", "intervals", "hills", "strides")  # run types a week should not repeat
REAL_RUN = 30  # minutes: shorter training runs are jogs


@dataclass(frozen=True)
class Term:
    name: str
    weight: int
    about: str


TERMS = {
    t.name: t
    for t in (
        Term("legs_fresh", 2 * OCCURRENCE, "leg work within 48 h before a key run"),
        Term("run_before_lift", OCCURRENCE, "a lift before a run on the same day"),
        Term("one_session_a_day", OCCURRENCE, "a second session on a day"),
        Term("mobility_on_easy_days", OCCURRENCE, "mobility on a day with a hard session"),
        Term("key_lifts", 2 * OCCURRENCE, "a light circuit instead of a heavy key lift"),
        Term("long_run_weekend", OCCURRENCE, "a long run on a weekday"),
        Term("run_variety", OCCURRENCE, "a quality or strides run of a type the week has"),
        Term("speed_each_week", OCCURRENCE, "a race block's training week without fast running"),
        Term("real_runs", OCCURRENCE, "a training run shorter than 30 minutes"),
        Term("less_time", MINUTE, "training minutes"),
    )
}


def _legs_fresh() -> pairs.PairSpec:
    return pairs.PairSpec(
        first=lambda s: s.loads_legs("any"),
        second=lambda s: s.is_key_run,
        conflict=lambda a, b: (
            a.start < b.start and gap_hours(a, b) < 48 and not moderate_lift_before_speed(a, b)
        ),
        describe=lambda a, b: f"{a.label} ends {gap_hours(a, b):.1f} h before {b.label}",
        window_minutes=pairs.window(48),
        key="preference.legs_fresh",
    )


def _run_before_lift() -> pairs.PairSpec:
    return pairs.PairSpec(
        first=lambda s: s.is_strength,
        second=lambda s: s.is_run,
        conflict=lambda a, b: (
            same_day(a, b) and a.start < b.start and not moderate_lift_before_speed(a, b)
        ),
        describe=lambda a, b: f"{a.label} before {b.label} the same day",
        window_minutes=pairs.window(24),
        key="preference.run_before_lift",
    )


def _light_circuit(s: SessionType, inp: PlanInput) -> bool:
    """For an athlete with a gym (not a beginner: more than one quality run a week allowed):
    a light-legs gym circuit where a heavy key lift would do (000)."""
    sc = inp.scenario
    return (
        sc.equipment == "gym" and sc.targets.quality_runs.max > 1 and s.equipment == "gym"
        and s.is_strength and s.legs == "light" and not s.is_hard
    )  # fmt: skip


def _short_run(s: SessionType) -> bool:
    return s.is_training_run and s.minutes < REAL_RUN


def _weekday_long_run(p: Placed, inp: PlanInput) -> bool:
    return (
        p.session.is_long_run
        and inp.scenario.preferences.long_run_day is None
        and p.slot.day_name not in WEEKEND
    )


def _wants_speed(inp: PlanInput, week: int) -> bool:
    """A loaded week (progression.LOADED) of a race block, not race week, whose targets
    allow a quality run."""
    return (
        inp.scenario.race is not None and inp.weeks > 1 and week != inp.race_week
        and inp.phases[week - 1] in LOADED and inp.targets_for(week).quality_runs.max >= 1
    )  # fmt: skip


def _fast(s: SessionType) -> bool:
    return s.is_run and s.run_type in VARIED


def _mobility_on_hard_day(p: Placed, hard_days: set[int]) -> bool:
    return p.session.kind == "mobility" and p.slot.day in hard_days


def build(ctx: BuildContext) -> dict[str, list[tuple[int, Expr]]]:
    """The preference terms as (weight, expression) lists by term name."""
    inp = ctx.input
    terms: dict[str, list[tuple[int, Expr]]] = {name: [] for name in TERMS}

    def add(name: str, expr: Expr) -> None:
        terms[name].append((TERMS[name].weight, expr))

    for name, spec in (("legs_fresh", _legs_fresh()), ("run_before_lift", _run_before_lift())):
        for firsts, seconds in pairs.conflict_groups(ctx, spec):
            add(name, ctx.both(ctx.any_of(firsts), ctx.any_of(seconds)))
    live = ctx.live()
    for p in live:
        if _light_circuit(p.session, inp):
            add("key_lifts", ctx.x[p])
        if _weekday_long_run(p, inp):
            add("long_run_weekend", ctx.x[p])
    for (w, run_type), same in sorted(_by_week_and_type(live).items()):
        if len(same) > 1:
            repeats = ctx.model.new_int_var(0, len(same) - 1, f"repeats[{w},{run_type}]")
            ctx.model.add_max_equality(repeats, [ctx.total(same) - 1, 0])
            add("run_variety", repeats)
    for w in ctx.weeks:
        if _wants_speed(inp, w):
            add("speed_each_week", _none_of(ctx, ctx.live_week(w, _fast), f"no_speed[{w}]"))
    for p in live:
        if _short_run(p.session):
            add("real_runs", ctx.x[p])
    add("less_time", ctx.total([p for p in live if not p.session.is_race], _minutes))
    by_day: dict[int, list[Placed]] = {}
    for p in live:
        by_day.setdefault(p.slot.day, []).append(p)
    for day, here in sorted(by_day.items()):
        if len(here) > 1:
            extra = ctx.model.new_int_var(0, len(here), f"extra_sessions[{day}]")
            ctx.model.add_max_equality(extra, [ctx.total(here) - 1, 0])
            add("one_session_a_day", extra)
        mobility = [p for p in here if p.session.kind == "mobility"]
        hard = [p for p in here if p.session.is_hard]
        if mobility and hard:
            busy = ctx.model.new_bool_var(f"hard_day[{day}]")
            ctx.model.add_max_equality(busy, [ctx.x[p] for p in hard])
            for p in mobility:
                add("mobility_on_easy_days", ctx.both(ctx.x[p], busy))
    return {name: found for name, found in terms.items() if found}


def _none_of(ctx: BuildContext, placed: list[Placed], name: str) -> Expr:
    """1 exactly when none of these candidates is placed (so a plan's figure is exact
    even before the search's proof)."""
    if not placed:
        return 1
    none = ctx.model.new_bool_var(name)
    ctx.model.add_bool_or([none, *(ctx.x[p] for p in placed)])
    for p in placed:
        ctx.model.add_implication(ctx.x[p], none.Not())
    return none


def _minutes(p: Placed) -> int:
    return p.session.minutes


def _by_week_and_type(placed: list[Placed]) -> dict[tuple[int, str], list[Placed]]:
    """The runs of VARIED types, by week and run type."""
    out: dict[tuple[int, str], list[Placed]] = {}
    for p in placed:
        if p.session.is_run and p.session.run_type in VARIED:
            out.setdefault((p.slot.week, str(p.session.run_type)), []).append(p)
    return out


def check(plan: Plan) -> list[Penalty]:
    """The same terms recomputed from a plan, one Penalty per occurrence (rule = the term)."""
    inp = plan.input
    found: list[Penalty] = []

    def add(
        name: str, detail: str, amount: int | None = None, days: list[str] | None = None
    ) -> None:
        amount = TERMS[name].weight if amount is None else amount
        found.append(Penalty(rule=name, amount=amount, detail=detail, days=days or []))

    for name, spec in (("legs_fresh", _legs_fresh()), ("run_before_lift", _run_before_lift())):
        for a, b in pairs.conflicting_pairs(spec, plan.placed):
            add(name, spec.describe(a, b), days=sorted({a.slot.day_label, b.slot.day_label}))
    for p in plan.placed:
        if _light_circuit(p.session, inp):
            add("key_lifts", f"{p.label}: a light circuit; endurance keeps heavy key lifts",
                days=[p.slot.day_label])  # fmt: skip
        if _weekday_long_run(p, inp):
            add("long_run_weekend", f"{p.label}: long run on a weekday", days=[p.slot.day_label])
    for (_, run_type), same in sorted(_by_week_and_type(list(plan.placed)).items()):
        for p in same[1:]:
            add("run_variety", f"{p.label}: {run_type} again this week", days=[p.slot.day_label])
    for w in inp.per_week():
        if _wants_speed(inp, w) and not any(_fast(p.session) for p in inp.in_week(w, plan.placed)):
            add("speed_each_week", f"{inp.tag(w)}: no tempo, intervals, hills or strides run")
    hard_days = {p.slot.day for p in plan.placed if p.session.is_hard}
    for day in sorted({p.slot.day for p in plan.placed}):
        here = plan.on_day(day)
        label = here[0].slot.day_label
        if len(here) > 1:
            extra = TERMS["one_session_a_day"].weight * (len(here) - 1)
            add("one_session_a_day", f"{label}: {len(here)} sessions", extra, [label])
        for p in here:
            if _mobility_on_hard_day(p, hard_days):
                add("mobility_on_easy_days", f"{p.label} on a hard day", days=[label])
    for p in plan.placed:
        if _short_run(p.session):
            add("real_runs", f"{p.label}: a {p.session.minutes}-minute run",
                days=[p.slot.day_label])  # fmt: skip
    minutes = sum(p.session.minutes for p in plan.placed if not p.session.is_race)
    if minutes:
        add("less_time", f"{minutes} training minutes", amount=minutes * MINUTE)
    return found


def total(plan: Plan) -> int:
    return sum(p.amount for p in check(plan))
