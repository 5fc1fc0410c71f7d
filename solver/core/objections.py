"""Counting what a coach checks in a finished plan: every objection of the domain brief's list
(models.objections.OBJECTIONS), whatever rule set made the plan.

This module reads the plan and its input only. It shares no code with the rules or the
model (no pair machinery, no rule module), so it is a yardstick the solver cannot bend:
a rule set that forbids an objection must show zero here, and the others are counted.
Days are calendar days on the plan's one timeline (Sunday to Monday included).
"""

from __future__ import annotations

import itertools
from collections import Counter

from hybridplan.models.objections import OBJECTIONS, Objection, PlanMetrics
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.progression import (
    BEGINNER_QUALITY,
    LONG_RUN_FLOOR,
    PEAK_WINDOW,
    TAPER_LONG_PERCENT,
    TAPER_WEEK_PERCENT,
    TAPER_WEEK_RACES,
    quality_menu,
)
from hybridplan.models.session import SessionType
from hybridplan.models.week import DAYS

RACE_LONG_DAYS, RACE_QUALITY_DAYS = 6, 2
TAPER_PERCENT, RETURN_PERCENT = 70, 110
MUSCLE_SETS = 3
DAILY_SESSIONS = 2  # a day with two sessions has no room for mobility
# Inside the week (the domain brief's content objections)
LONG_SHARE_PERCENT, PAD_MINUTES, LONG_HARD_MINUTES = 50, 20, 120
RACE_LEGS_DAYS = {"marathon": 5, "ultra": 5}  # 3 before a 5k to a half
RACE_EASY_DAYS, RACE_EASY_MINUTES = 2, 60
TAPER_LONG_OTHER = 80
SHARPEN_MINUTES = 45
QUALITY_STREAK = 4
FIRST_WEEK_PERCENT = 120
LOADED = ("base", "build", "peak", "offseason")
LOWER = ("quads", "hamstrings", "glutes")


def _quality(s: SessionType) -> bool:
    return s.kind == "run" and s.run_type in ("tempo", "intervals", "hills")


def _long(s: SessionType) -> bool:
    return s.kind == "run" and s.run_type == "long"


def _hard_lift(s: SessionType) -> bool:
    return s.kind == "strength" and s.intensity == "hard"


def _heavy_legs(s: SessionType) -> bool:
    return s.kind == "strength" and s.legs == "heavy"


def _leg_lift(s: SessionType) -> bool:
    return s.kind == "strength" and any(s.sets.get(m, 0) > 0 for m in LOWER)  # type: ignore[call-overload]


def _heavy_key(s: SessionType) -> bool:
    plyo = s.strength_type == "plyometrics"
    return _hard_lift(s) and _heavy_legs(s) and not s.hypertrophy and not plyo


def _running(placed: list[Placed]) -> int:
    return sum(
        p.session.minutes
        for p in placed
        if p.session.kind == "run" and p.session.run_type != "race"
    )


def _long_minutes(placed: list[Placed]) -> int:
    return sum(p.session.minutes for p in placed if _long(p.session))


class _Counter:
    def __init__(self) -> None:
        self.found: list[Objection] = []

    def add(self, oid: str, detail: str, *places: Placed) -> None:
        days = sorted({p.slot.day_label for p in places}, key=lambda d: (len(d), d))
        self.found.append(Objection(id=oid, detail=detail, days=days))


def _pairs(plan: Plan, c: _Counter) -> None:
    """The objections about two sessions a calendar day apart, or on one day."""
    for a in plan.placed:
        for b in plan.placed:
            if a is b:
                continue
            sa, sb = a.session, b.session
            next_day = b.slot.day - a.slot.day == 1
            if next_day and _quality(sa) and _quality(sb):
                c.add("QQ", f"{a.label} and {b.label}", a, b)
            if next_day and _quality(sa) and _long(sb):
                c.add("Q>LONG", f"{a.label} before {b.label}", a, b)
            if next_day and _heavy_legs(sa) and (_quality(sb) or _long(sb)):
                c.add("LEGS>KEY", f"{a.label} before {b.label}", a, b)
            if (
                a.slot.day == b.slot.day
                and sa.kind == "strength"
                and _long(sb)
                and a.start < b.start
            ):
                c.add("LIFT<LONG", f"{a.label} before {b.label}", a, b)
            if next_day and sa.kind == "run" and sa.intensity == "hard" and _hard_lift(sb):
                c.add("RUN>LIFT", f"{b.label} after {a.label}", a, b)
            if next_day:
                shared = sorted(
                    m
                    for m, n in sa.sets.items()
                    if n >= MUSCLE_SETS and sb.sets.get(m, 0) >= MUSCLE_SETS
                )
                if shared:
                    c.add("MUSCLE", f"{a.label} and {b.label}: {', '.join(shared)}", a, b)


def _choices(plan: Plan, c: _Counter) -> None:
    """Sessions that should not have been chosen: bodyweight with a gym, volume in season."""
    inp = plan.input
    offered = [s for sid, s in inp.sessions.items() if inp.offered is None or sid in inp.offered]
    for p in plan.placed:
        s = p.session
        if inp.scenario.equipment == "gym" and s.kind == "strength" and s.equipment == "none":
            fits = [
                g for g in offered
                if g.equipment == "gym" and not g.hypertrophy and g.strength_type == s.strength_type
                and g.minutes <= p.slot.capacity
            ]  # fmt: skip
            if fits:
                c.add("GYM-BW", f"{p.label}: {fits[0].id} fits the slot", p)
        phase = inp.phases[p.slot.week - 1]
        if s.hypertrophy and inp.goal != "strength" and phase != "offseason":
            c.add("HYPER", f"{p.label} in a {phase} week, goal {inp.goal}", p)


def _mobility(plan: Plan, c: _Counter) -> None:
    """NO-MOB: a week with no mobility session although one would have fitted: a mobility
    session on offer, a free slot it fits on a day with room for another session (not a
    named rest day, not race day), and minutes left in the weekly budget."""
    inp = plan.input
    mobility = [
        s.minutes
        for sid, s in inp.sessions.items()
        if s.kind == "mobility" and (inp.offered is None or sid in inp.offered)
    ]
    if not mobility:
        return
    shortest = min(mobility)
    used = {p.slot for p in plan.placed}
    per_day = Counter(p.slot.day for p in plan.placed)
    rest = set(inp.scenario.preferences.rest_days)
    budget = inp.scenario.weekly_minutes
    for week in inp.per_week():
        here = [p for p in plan.placed if p.slot.week == week]
        if any(p.session.kind == "mobility" for p in here):
            continue
        minutes = sum(p.session.minutes for p in here if p.session.run_type != "race")
        if budget is not None and minutes + shortest > budget:
            continue
        room = [
            s for s in inp.slots
            if s.week == week and s not in used and s.capacity >= shortest
            and per_day[s.day] < DAILY_SESSIONS and s.day_name not in rest
            and s.day != inp.race_day
        ]  # fmt: skip
        if room:
            c.add("NO-MOB", f"{inp.tag(week) or 'the week'}: no mobility; {room[0].label} free")


def _race(plan: Plan, c: _Counter) -> None:
    inp = plan.input
    race = inp.scenario.race
    if race is None or inp.race_day is None:
        return
    day = inp.race_day
    on_day = [p for p in plan.placed if p.slot.day == day and p.session.run_type == "race"]
    if not on_day:
        c.add("RACE-DAY", "the race is not on race day")
    lift_days = 10 if race.distance in ("marathon", "ultra") else 7
    for p in plan.placed:
        before = day - p.slot.day
        if not before >= 1:
            continue
        s = p.session
        if _long(s) and before <= RACE_LONG_DAYS:
            c.add("RACE-LONG", f"{p.label}: {before} day(s) before the race", p)
        if (_hard_lift(s) or _heavy_legs(s)) and before <= lift_days:
            c.add("RACE-LIFT", f"{p.label}: {before} day(s) before the race", p)
        if _quality(s) and before <= RACE_QUALITY_DAYS:
            c.add("RACE-QUALITY", f"{p.label}: {before} day(s) before the race", p)
    race_week = day // len(DAYS) + 1
    weeks = {w: [p for p in plan.placed if p.slot.week == w] for w in inp.per_week()}
    others = [_running(weeks[w]) for w in weeks if w != race_week]
    if others and 100 * _running(weeks[race_week]) > TAPER_PERCENT * max(others):
        c.add(
            "TAPER",
            f"race week: {_running(weeks[race_week])} running minutes, peak week {max(others)}",
        )
    floor = LONG_RUN_FLOOR.get(race.distance) if race.distance != "5k" else None
    lo, hi = PEAK_WINDOW
    window = [w for w in range(race_week - hi, race_week - lo + 1) if w >= 1]
    if floor is None or not window:
        return
    longest = {w: _long_minutes(weeks[w]) for w in weeks if w < race_week}
    peak = max(longest[w] for w in window)
    if peak < floor:
        c.add("LONG-PEAK", f"longest long run 2-5 weeks out {peak} min; {floor}+ wanted")
    if max(longest.values()) > peak:
        c.add("LONG-PEAK", "the longest long run is not 2-5 weeks before the race")


def _block(plan: Plan, c: _Counter) -> None:
    """RETURN after deloads, and FLAT through base and build."""
    inp = plan.input
    if inp.weeks < 2:
        return
    weeks = {w: [p for p in plan.placed if p.slot.week == w] for w in inp.per_week()}
    phases = inp.phases
    for w in inp.per_week():
        if w < 2 or phases[w - 2] != "deload" or phases[w - 1] == "deload":
            continue
        loaded = [v for v in range(1, w - 1) if phases[v - 1] != "deload"]
        if loaded and 100 * _running(weeks[w]) > RETURN_PERCENT * _running(weeks[loaded[-1]]):
            c.add("RETURN", f"w{w}: {_running(weeks[w])} running minutes after the deload, "
                  f"w{loaded[-1]} had {_running(weeks[loaded[-1]])}")  # fmt: skip
    building = [w for w in inp.per_week() if phases[w - 1] in ("base", "build")]
    for name, measure in (("running minutes", _running), ("long run", _long_minutes)):
        values = [measure(weeks[w]) for w in building]
        for (w0, v0), (w1, v1) in itertools.pairwise(zip(building, values, strict=True)):
            if v1 < v0:
                c.add("FLAT", f"{name}: w{w1} {v1} min after w{w0} {v0}")
        if len(values) >= 2 and values[-1] <= values[0]:
            c.add("FLAT", f"{name}: no growth through base and build ({values[0]} -> {values[-1]})")


def _content_pairs(plan: Plan, c: _Counter) -> None:
    """LEGS-CONSEC, LEGS>LONG and LONG>HARD: two sessions a calendar day apart."""
    for a in plan.placed:
        for b in plan.placed:
            if b.slot.day - a.slot.day != 1:
                continue
            sa, sb = a.session, b.session
            if _leg_lift(sa) and _leg_lift(sb):
                c.add("LEGS-CONSEC", f"{a.label} and {b.label}", a, b)
            if _leg_lift(sa) and _long(sb):
                c.add("LEGS>LONG", f"{a.label} before {b.label}", a, b)
            heavy_after = _heavy_legs(sb) and sa.minutes >= LONG_HARD_MINUTES
            if _long(sa) and (_quality(sb) or heavy_after):
                c.add("LONG>HARD", f"{b.label} after {a.label}", a, b)


def _weeks_content(plan: Plan, c: _Counter) -> None:
    """LONG-SHARE and PAD in loaded weeks, OVER-ASKED in any week, FIRST-WEEK."""
    inp = plan.input
    sc = inp.scenario
    asked = sc.targets.model_fields_set
    for w in inp.per_week():
        here = [p for p in plan.placed if p.slot.week == w]
        phase = inp.phases[w - 1]
        tag = inp.tag(w) or "the week"
        if phase in ("base", "build", "peak"):  # a runner's loaded weeks
            ran, long_minutes = _running(here), _long_minutes(here)
            if 100 * long_minutes > LONG_SHARE_PERCENT * ran:
                c.add("LONG-SHARE", f"{tag}: long run {long_minutes} of {ran} running minutes")
            short = [
                p for p in here
                if p.session.kind == "run" and p.session.run_type != "race"
                and p.session.minutes <= PAD_MINUTES
            ]  # fmt: skip
            if len(short) >= 2:
                c.add("PAD", f"{tag}: {len(short)} runs of {PAD_MINUTES} min or less", *short)
        own = sc.phase_targets.get(phase)
        for name, count in (
            ("strength", sum(p.session.kind == "strength" for p in here)),
            ("quality_runs", sum(_quality(p.session) for p in here)),
        ):
            if name not in asked or (own is not None and name in own.model_fields_set):
                continue
            most = getattr(sc.targets, name).max
            if count > most:
                what = name.replace("_", " ")
                c.add("OVER-ASKED", f"{tag}: {count} {what}, asked at most {most}")
    if sc.history:
        load = sum(
            p.session.rpe * p.session.minutes
            for p in plan.placed
            if p.slot.week == 1 and p.session.run_type != "race"
        )
        if 100 * len(sc.history) * load > FIRST_WEEK_PERCENT * sum(sc.history):
            c.add("FIRST-WEEK", f"first week's load {load}, history mean "
                  f"{sum(sc.history) / len(sc.history):.0f}")  # fmt: skip


def _race_content(plan: Plan, c: _Counter) -> None:
    """RACE-LEGS, RACE-EASY, TAPER-LONG, TAPER-WEEK and RACE-SHARPEN."""
    inp = plan.input
    race = inp.scenario.race
    if race is None or inp.race_day is None:
        return
    legs_days = RACE_LEGS_DAYS.get(race.distance, 3)
    race_week = inp.race_day // len(DAYS) + 1
    short = any(
        _quality(s) and s.minutes <= SHARPEN_MINUTES
        for sid, s in inp.sessions.items()
        if inp.offered is None or sid in inp.offered
    )
    for p in plan.placed:
        before = inp.race_day - p.slot.day
        if before < 1:
            continue
        if short and _quality(p.session) and p.slot.week == race_week and (
            p.session.minutes > SHARPEN_MINUTES
        ):
            c.add("RACE-SHARPEN", f"{p.label}: {p.session.minutes} min in race week", p)
        if _leg_lift(p.session) and before <= legs_days:
            c.add("RACE-LEGS", f"{p.label}: {before} day(s) before the race", p)
        if p.session.kind == "run" and p.session.minutes >= RACE_EASY_MINUTES and (
            before <= RACE_EASY_DAYS
        ):
            c.add("RACE-EASY", f"{p.label}: {before} day(s) before the race", p)
    if race_week >= 3:
        last = race_week - 1
        longest = {
            w: _long_minutes([p for p in plan.placed if p.slot.week == w])
            for w in range(1, race_week)
        }
        peak = max(longest[w] for w in range(1, last))
        percent = TAPER_LONG_PERCENT.get(race.distance, TAPER_LONG_OTHER)
        if 100 * longest[last] > percent * peak:
            c.add("TAPER-LONG", f"w{last}: long run {longest[last]} min, peak {peak} min")
        if race.distance in TAPER_WEEK_RACES:
            ran = {
                w: _running([p for p in plan.placed if p.slot.week == w])
                for w in range(1, race_week)
            }
            top = max(ran[w] for w in range(1, last))
            if 100 * ran[last] > TAPER_WEEK_PERCENT * top:
                c.add("TAPER-WEEK", f"w{last}: running {ran[last]} min, peak {top} min")


def _strength_and_quality(plan: Plan, c: _Counter) -> None:
    """NO-HEAVY and QUALITY-FIT."""
    inp = plan.input
    sc = inp.scenario
    offered = [s for sid, s in inp.sessions.items() if inp.offered is None or sid in inp.offered]
    heavy = [s.minutes for s in offered if _heavy_key(s)]
    if sc.equipment == "gym" and sc.targets.quality_runs.max >= 2 and heavy:
        weeks = {
            w for w in inp.per_week()
            if inp.phases[w - 1] in LOADED and inp.targets_for(w).strength.max >= 1
        }  # fmt: skip
        room = any(
            s.week in weeks and s.capacity >= min(heavy) and s.day != inp.race_day
            for s in inp.slots
        )
        if room and not any(_heavy_key(p.session) for p in plan.placed):
            c.add("NO-HEAVY", "no heavy key lift in the whole plan")
    types = sorted({str(s.run_type) for s in offered if _quality(s)})
    race = sc.race
    if (
        race is not None and race.distance in ("5k", "10k") and inp.weeks >= 2
        and "intervals" in types and sc.targets.quality_runs.max >= 1
        and not any(p.session.run_type == "intervals" for p in plan.placed)
    ):  # fmt: skip
        c.add("QUALITY-FIT", f"a {race.distance} plan with no intervals")
    _menu(plan, c, types)
    _hills_first(plan, c, [s.minutes for s in offered if _quality(s) and s.run_type == "hills"])
    if len(types) < 2:
        return
    kinds = {
        w: {str(p.session.run_type) for p in plan.placed
            if p.slot.week == w and _quality(p.session)}
        for w in inp.per_week()
    }  # fmt: skip
    race = sc.race
    beginner = sc.targets.quality_runs.max <= BEGINNER_QUALITY
    menus = [
        quality_menu(race.distance, inp.phases[w - 1], beginner)
        if race is not None and inp.weeks >= 2 else None
        for w in inp.per_week()
    ]  # fmt: skip
    # a week whose menu (on offer) has one type asks for it: no streak through it
    one = [m is not None and bool(set(m) & set(types)) and len(set(m) & set(types)) < 2
           for m in menus]  # fmt: skip
    for start in range(1, inp.weeks - QUALITY_STREAK + 2):
        if any(one[w - 1] for w in range(start, start + QUALITY_STREAK)):
            continue
        seen = [kinds[w] for w in range(start, start + QUALITY_STREAK)]
        if all(len(k) == 1 for k in seen) and len(set.union(*seen)) == 1:
            c.add("QUALITY-FIT", f"w{start}-w{start + QUALITY_STREAK - 1}: one quality type")


def _menu(plan: Plan, c: _Counter, types: list[str]) -> None:
    """QUALITY-FIT: a quality run off its week's menu (a race plan of 2+ weeks)."""
    inp = plan.input
    race = inp.scenario.race
    if race is None or inp.weeks < 2:
        return
    beginner = inp.scenario.targets.quality_runs.max <= BEGINNER_QUALITY
    for p in plan.placed:
        if not _quality(p.session):
            continue
        allowed = quality_menu(race.distance, inp.phases[p.slot.week - 1], beginner)
        if allowed and set(allowed) & set(types) and p.session.run_type not in allowed:
            c.add("QUALITY-FIT", f"{p.label}: off the week's menu", p)


def _hills_first(plan: Plan, c: _Counter, hills: list[int]) -> None:
    """QUALITY-FIT: a beginner's tempo or intervals run (on its week's menu) with no hills
    run in an earlier week, once an earlier week had a slot that holds hills (race day
    aside)."""
    inp = plan.input
    race = inp.scenario.race
    if race is None or inp.weeks < 2 or not hills:
        return
    if inp.scenario.targets.quality_runs.max > BEGINNER_QUALITY:
        return
    roomy = [s.week for s in inp.slots if s.capacity >= min(hills) and s.day != inp.race_day]
    hill_weeks = [p.slot.week for p in plan.placed if p.session.run_type == "hills"]
    for p in plan.placed:
        week = p.slot.week
        allowed = quality_menu(race.distance, inp.phases[week - 1], True)
        off = bool(allowed and {"hills"} & set(allowed)) and p.session.run_type not in (
            allowed or ()
        )  # as _menu counts it: hills are on offer
        if (
            _quality(p.session) and p.session.run_type in ("tempo", "intervals") and not off
            and roomy and week > min(roomy) and not any(h < week for h in hill_weeks)
        ):  # fmt: skip
            c.add("QUALITY-FIT", f"{p.label}: a beginner's {p.session.run_type} before hills", p)


def coach_objections(plan: Plan) -> PlanMetrics:
    """Every objection of the list, counted on the plan (each id present, zeros too)."""
    c = _Counter()
    _pairs(plan, c)
    _choices(plan, c)
    _mobility(plan, c)
    _race(plan, c)
    _block(plan, c)
    _content_pairs(plan, c)
    _weeks_content(plan, c)
    _race_content(plan, c)
    _strength_and_quality(plan, c)
    counts = dict.fromkeys(OBJECTIONS, 0)
    for o in c.found:
        counts[o.id] += 1
    return PlanMetrics(coach_objections=counts, objections=c.found)
