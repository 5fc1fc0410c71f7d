"""Run sessions as steps: warm-up, work and recoveries written out one step each, cool-down;
easy and long runs as one steady step. Minutes are whole and add up to the session's.

The shapes follow Daniels' Running Formula:
- tempo: cruise intervals at T pace, 3 reps (2 in deload and taper weeks) with 1 min rest
  per 5 min of running, 15 min of T work early in a block up to 30 min late in it;
- intervals: 3-4 min repeats at I pace, jog recoveries a little shorter than the reps, 4 reps
  early up to 6 late;
- hills: 60 s uphill hard, jog down (the catalogue's "8 x 60 s"), 6 to 10 reps;
- strides: an easy run ending in 6-8 x 20 s strides at about R pace;
- long runs at E pace; in build and peak weeks of a marathon or half block the last 15-30%
  at M pace, growing through build and 30% in the peak (M work through the peak weeks, the
  last 2-3 weeks out, is what a marathon's peak holds), 15% in a marathon's taper weeks
  before race week; a half's peak weeks finish at half-marathon pace instead; a beginner,
  who asks at most one quality run a week, meets M in the peak weeks only, 15% then more;
- easy, long and recovery runs below VDOT 30: walk-run (runs of 4 -> 10 min through the
  block between 1-minute walks, 2 -> 5 below VDOT 25; Galloway's run-walk-run), as Daniels'
  easy pace there is nearly a walk;
- the race: at race pace (the scenario's finish, or the VDOT's prediction) for as long as
  that takes over its distance, a warm-up before and a cool-down after in the session's
  other minutes; a marathon block's M work is at that pace too.
Deload and taper weeks ease the work (`progression.EASE`); without paces every step gives
its effort (zone and RPE) instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hybridplan.models.athlete import METRES, time_seconds
from hybridplan.models.prescription import Prescription, Step, StepKind
from hybridplan.models.result import SessionOut
from hybridplan.prescribe.limits import WeekBudget, reckoning_paces, whole
from hybridplan.prescribe.paces import TrainingPaces, pace_text
from hybridplan.prescribe.progression import WeekPlace, lerp
from hybridplan.prescribe.zones import SHORT_REP, effort, zone_text

INTERVAL_REP = {"base": 3, "build": 4, "peak": 4, "taper": 3, "deload": 3, "offseason": 3}
MP_LONG = ("half", "marathon", "ultra")  # races whose long runs finish at marathon pace
SHORT = 15  # minutes: a quality session shorter than this is one steady step
WALK_RUN_VDOT = 30.0  # below it, easy, long and recovery runs are walk-run
WARM_MAX, COOL_MAX = 20, 15  # minutes: a session's minutes beyond them are easy running after


def _band(p: TrainingPaces, intensity: str) -> tuple[float, float]:
    """(fast, slow) seconds per km of a training intensity at paces `p`."""
    if intensity == "easy":
        return p.easy
    if intensity == "recovery":
        return p.recovery
    centre = {
        "marathon": (p.marathon, 5.0),
        "threshold": (p.threshold, 3.0),
        "interval": (p.interval, 3.0),
        "repetition": (p.repetition, 3.0),
    }
    pace, spread = centre[intensity]
    return pace - spread, pace + spread


@dataclass(frozen=True)
class RunContext:
    paces: TrainingPaces | None
    unit: str
    max_hr: int | None
    place: WeekPlace
    mp_phases: tuple[str, ...]  # phases whose long runs finish at marathon pace
    race_pace: float | None  # the race's seconds per km, when known
    race_distance: str | None
    budget: WeekBudget | None = None  # the week's quality limits (Daniels), spent in order
    goal_note: str = ""  # what the race's goal needs or leaves, when it is far from the VDOT

    def work_pace(self, intensity: str) -> float:
        """The fast end (seconds per km) of an intensity's band, the athlete's or, without
        paces, the reference paces': what a minute of its work is counted at."""
        band = self.band(intensity)
        if band is None:
            band = _band(reckoning_paces(None), intensity)
        return band[0]

    def cap(self, limit: str, intensity: str | None = None) -> float:
        """Minutes of work this session may hold under `limit`'s line of Daniels' limits,
        run at `intensity` (the limit's own pace when not given)."""
        if self.budget is None:
            return math.inf
        return self.budget.allowed_minutes(limit, self.work_pace(intensity or limit))

    def spend(self, limit: str, minutes: float, intensity: str | None = None) -> None:
        if self.budget is not None:
            self.budget.spend(limit, minutes, self.work_pace(intensity or limit))

    def _zone_of(self, intensity: str) -> str:
        """The intensity whose heart rates a step takes: a race at a goal no faster than
        the athlete's easy running takes easy running's (a race zone would pull them up)."""
        easy = self.paces.easy[0] if self.paces is not None else None
        if intensity == "race" and self.race_pace and easy is not None and self.race_pace >= easy:
            return "easy"
        return intensity

    def band(self, intensity: str) -> tuple[float, float] | None:
        """(fast, slow) seconds per km of an intensity; None without paces. A marathon
        block's M work is at the race's pace: the goal's when the scenario gives
        a finish, else the VDOT's prediction; the other training paces stay the VDOT's."""
        if intensity == "race":
            return None if self.race_pace is None else (self.race_pace - 2, self.race_pace + 2)
        if intensity == "marathon" and self.race_distance == "marathon" and self.race_pace:
            # the goal's pace, unless it is no faster than the athlete's easy running: then
            # M work at it would be easy running, and the VDOT's M is trained instead (a
            # coach's review: "marathon pace is no faster than easy pace")
            easy = self.paces.easy[0] if self.paces is not None else None
            if easy is None or self.race_pace < easy:
                return self.race_pace - 3, self.race_pace + 3
        return None if self.paces is None else _band(self.paces, intensity)

    def at(self, intensity: str) -> str:
        """'at 4:38/km' (the centre of the band; a range for easy running), or the effort."""
        band = self.band(intensity)
        how = effort(intensity, self.race_distance)
        if band is None:
            words = how.words if how.words.endswith("effort") else f"{how.words} effort"
            return f"at {words} ({how.zone}, {how.rpe})"
        if intensity in ("easy", "recovery"):
            return f"at {pace_text(band[0], self.unit)}-{pace_text(band[1], self.unit)}/{self.unit}"
        centre = (band[0] + band[1]) / 2
        return f"at {pace_text(centre, self.unit)}/{self.unit}"

    def step(
        self,
        kind: StepKind,
        minutes: int,
        intensity: str | None,
        note: str = "",
        paced: bool = True,
    ) -> Step:
        """A step at an intensity: its pace band (when known and `paced`), its zone, and
        its effort in words when there is no pace."""
        if intensity is None:
            return Step(kind=kind, minutes=minutes, note=note)
        band = self.band(intensity) if paced else None
        how = effort(intensity, self.race_distance)
        if band is None:  # effort instead of pace
            words = f"{how.words}, {how.rpe}"
            note = f"{note}; {words}" if note else words
        pace = (
            None if band is None else (pace_text(band[0], self.unit), pace_text(band[1], self.unit))
        )
        # a short rep, or a jog between reps, is held by pace or effort: the heart rate lags
        # behind it (after a hard rep it does not fall to Z1 in a 3-minute jog)
        short = kind == "recovery" or (kind == "work" and minutes < SHORT_REP)
        zone = (
            None if short else zone_text(self._zone_of(intensity), self.max_hr, self.race_distance)
        )
        return Step(kind=kind, minutes=minutes, pace=pace, zone=zone, note=note)


def _split(extra: int, warm_share: float = 0.6) -> tuple[int, int]:
    """Minutes around the work: warm-up and cool-down, both at least 1."""
    warm = max(1, min(extra - 1, round(extra * warm_share)))
    return warm, extra - warm


def _repeats(
    ctx: RunContext,
    minutes: int,
    n: int,
    rep: int,
    rest: int,
    work: str | None,
    rest_kind: str | None,
    notes: tuple[str, str],
    paced: bool = True,
) -> list[Step]:
    """Warm-up, n reps of `rep` min with `rest` min between, cool-down: the reps shrink in
    number until the warm-up and cool-down get at least a quarter of the session. A warm-up
    over 20 minutes or a cool-down over 15 pads the work (a coach's review: "29' warm-up,
    then 10 minutes of T" in race week): the minutes beyond them are easy running after the
    cool-down, said to be optional in deload, taper and race weeks, where the solver's
    session is longer than the eased work needs."""
    room = minutes - max(2, minutes // 4)
    while n > 1 and n * rep + (n - 1) * rest > room:
        n -= 1
    if n * rep > room:
        rep = max(1, room)
    block = n * rep + (n - 1) * rest
    around = minutes - block
    surplus = max(0, around - WARM_MAX - COOL_MAX)
    warm, cool = (WARM_MAX, COOL_MAX) if surplus else _split(around)
    steps = [ctx.step("warmup", warm, "easy", "easy running, then a few strides")]
    for i in range(n):
        steps.append(ctx.step("work", rep, work, notes[0], paced))
        if i < n - 1:
            steps.append(ctx.step("recovery", rest, rest_kind, notes[1]))
    steps.append(ctx.step("cooldown", cool, "easy", "easy running"))
    if surplus:
        eased = ctx.place.ease < 1 or ctx.place.race_week
        note = "easy running, optional this week" if eased else "easy running"
        steps.append(ctx.step("steady", surplus, "easy", note))
    return steps


def _reps_of(steps: list[Step]) -> tuple[int, int, int]:
    work = [s for s in steps if s.kind == "work"]
    rest = [s for s in steps if s.kind == "recovery"]
    return len(work), work[0].minutes, rest[0].minutes if rest else 0


MIN_WORK = {"tempo": 5, "intervals": 4, "hills": 3, "strides": 2}  # minutes, reps, strides


def spent(s: SessionOut, ctx: RunContext) -> Prescription:
    """A quality session whose work the week's limits leave below a useful minimum
    (`MIN_WORK`: the week's other sessions have used Daniels' allowance): an easy run."""
    return steady(s, ctx, "easy", "easy run (the week's quality allowance is used)")


def short_tempo(s: SessionOut, ctx: RunContext) -> Prescription:
    """A tempo session under SHORT minutes: easy running, then its T minutes within the
    limit (all of it at T when the limit allows)."""
    work = min(s.minutes, whole(ctx.cap("threshold")))
    if work < 1:
        return spent(s, ctx)
    ctx.spend("threshold", work)
    steps = [ctx.step("work", work, "threshold", "tempo (short)")]
    if work < s.minutes:
        steps.insert(0, ctx.step("warmup", s.minutes - work, "easy", "easy running"))
    summary = f"{s.minutes} min: {work} min {ctx.at('threshold')} (T)"
    return Prescription(summary=summary, steps=steps)


def tempo(s: SessionOut, ctx: RunContext) -> Prescription:
    """Cruise intervals: 15 -> 30 min of T work over the block, within Daniels' 10%; reps
    of at least 5 min (a shorter allowance is one continuous rep). Where the limit holds the
    work back in the peak, the work is one continuous tempo run (cruise intervals become a
    steady tempo: harder for the same minutes, Daniels' progression of T work)."""
    place = ctx.place
    planned = lerp(15, 30, place.run_level) * place.ease
    allowed = ctx.cap("threshold")
    work = whole(min(planned, allowed))
    if work < MIN_WORK["tempo"]:
        return spent(s, ctx)
    n = 2 if place.ease < 1 else 3
    if place.phase == "peak" and allowed < planned:
        n = 1  # held at Daniels' limit: the peak runs it as one continuous tempo
    n = max(1, min(n, work // 5))
    rep = max(1, work // n)
    rest = max(1, rep // 5)  # Daniels: 1 min rest per 5 min of T running
    steps = _repeats(
        ctx, s.minutes, n, rep, rest, "threshold", "recovery", ("threshold", "easy jog")
    )
    n, rep, rest = _reps_of(steps)
    ctx.spend("threshold", n * rep)
    if n == 1:
        summary = f"{rep} min continuous {ctx.at('threshold')} (T)"
    else:
        summary = f"{n} x {rep} min {ctx.at('threshold')} (T), {rest} min jog between"
    return Prescription(summary=summary, steps=steps)


def intervals(s: SessionOut, ctx: RunContext) -> Prescription:
    """12 -> 24 min of I work over the block (a steady climb, not a jump of rep length at a
    phase change), within Daniels' 8% and 10 km: reps of the phase's length (3-4 min),
    shorter (3, then 2 min) when fewer than three would fit the allowance."""
    place = ctx.place
    work = whole(min(lerp(12, 24, place.run_level) * place.ease, ctx.cap("interval")))
    if work < MIN_WORK["intervals"]:
        return spent(s, ctx)
    rep = INTERVAL_REP.get(place.phase, 4)
    while rep > 2 and work // rep < 3:
        rep -= 1
    n = max(1, work // rep)
    if n == 1:
        rep = max(1, work)
    steps = _repeats(
        ctx, s.minutes, n, rep, max(1, rep - 1), "interval", "recovery", ("interval", "jog")
    )
    n, rep, rest = _reps_of(steps)
    ctx.spend("interval", n * rep)
    summary = f"{n} x {rep} min {ctx.at('interval')} (I), {rest} min jog between"
    if n == 1:
        summary = f"{rep} min {ctx.at('interval')} (I)"
    return Prescription(summary=summary, steps=steps)


def hills(s: SessionOut, ctx: RunContext) -> Prescription:
    """6 -> 10 reps of 60 s uphill, counted as R work (Daniels' 5%)."""
    place = ctx.place
    n = max(3, round(lerp(6, 10, place.run_level) * place.ease))
    n = min(n, whole(ctx.cap("repetition")))
    if n < MIN_WORK["hills"]:
        return spent(s, ctx)
    steps = _repeats(
        ctx, s.minutes, n, 1, 2, "interval", "recovery",
        ("60 s uphill, driving the arms", "jog back down"), paced=False,
    )  # fmt: skip
    n = sum(st.kind == "work" for st in steps)
    ctx.spend("repetition", n)
    return Prescription(summary=f"{n} x 60 s uphill hard (RPE 8-9), jog down", steps=steps)


def strides(s: SessionOut, ctx: RunContext) -> Prescription:
    """An easy run ending in 6-8 strides of 20 s at about R pace (R work: 20 s each)."""
    place = ctx.place
    n = max(4, round(lerp(6, 8, place.run_level) * place.ease))
    cool = 5 if s.minutes >= 25 else 1
    n = min(n, s.minutes - cool - 1, whole(ctx.cap("repetition") * 3))
    if n < MIN_WORK["strides"]:
        return spent(s, ctx)
    ctx.spend("repetition", n / 3)
    fast = (
        f"about {pace_text(ctx.paces.repetition, ctx.unit)}/{ctx.unit}"
        if ctx.paces is not None
        else "about mile race pace, relaxed: RPE 7-8"
    )
    steps = [ctx.step("steady", s.minutes - n - cool, "easy", "easy running")]
    note = f"20 s stride, fast and relaxed ({fast}), then 40 s easy"
    steps += [ctx.step("work", 1, None, note) for _ in range(n)]
    steps.append(ctx.step("cooldown", cool, "easy", "easy running"))
    summary = f"{s.minutes - n - cool} min easy {ctx.at('easy')}, then {n} x 20 s strides"
    return Prescription(summary=summary, steps=steps)


def walk_run_minutes(paces: TrainingPaces | None, place: WeekPlace) -> int | None:
    """Minutes of running between 1-minute walks for a slow runner, None for the rest: below
    VDOT 30 Daniels' easy pace is slower than 7:39-8:23 per km, a brisk walk's speed, and a
    new runner keeps it easy by walking (Galloway's run-walk-run). The running grows through
    the block's loaded weeks (a coach's review: 4:1 for ten weeks, then a continuous race,
    is no progression): 4 -> 10 min from VDOT 25, 2 -> 5 below it, a deload or taper week
    at the level of the loaded week before it."""
    if paces is None or paces.vdot >= WALK_RUN_VDOT:
        return None
    first = 4 if paces.vdot >= 25 else 2
    return round(lerp(first, first * 2.5, place.run_level))


def walk_run(s: SessionOut, ctx: RunContext, intensity: str, what: str, run: int) -> Prescription:
    """Run `run` minutes, walk 1, over and over, ending on a run; the minutes left over
    lengthen the first run."""
    runs = (s.minutes + 1) // (run + 1)
    extra = s.minutes - (runs * run + runs - 1)
    steps = []
    for i in range(runs):
        if i:
            steps.append(ctx.step("recovery", 1, None, "walk briskly"))
        steps.append(ctx.step("steady", run + (extra if i == 0 else 0), intensity, what))
    summary = (
        f"{s.minutes} min {what} as walk-run {ctx.at(intensity)}: "
        f"{run} min running, 1 min walk, {runs} runs"
    )
    return Prescription(summary=summary, steps=steps)


def steady(s: SessionOut, ctx: RunContext, intensity: str, what: str) -> Prescription:
    run = walk_run_minutes(ctx.paces, ctx.place) if intensity in ("easy", "recovery") else None
    if run is not None and s.minutes >= 2 * (run + 1):
        return walk_run(s, ctx, intensity, what, run)
    step = ctx.step("steady", s.minutes, intensity, what)
    return Prescription(summary=f"{s.minutes} min {what} {ctx.at(intensity)}", steps=[step])


def long_run(s: SessionOut, ctx: RunContext) -> Prescription:
    """Easy, or finishing at race-specific pace in the phases that carry it (`mp_phases`):
    marathon pace, 15% -> 30% of the run through the first such phase and 30% after it, 15%
    in a marathon's (or ultra's) taper weeks before race week (a rehearsal, Pfitzinger); in
    a half's peak weeks the finish is at half-marathon pace instead, counted against T's
    limit (it is between M and T), and in its build too where that pace is no faster than
    M. A race pace no faster than easy running is no finish: M is trained instead. Within
    Daniels' limits, in 5-minute steps."""
    place = ctx.place
    walked = walk_run_minutes(ctx.paces, place) is not None  # walk-run throughout, no finish
    if place.phase not in ctx.mp_phases or place.race_week or walked:
        return steady(s, ctx, "easy", "long run")
    if place.phase == "taper":
        share = 0.15
    else:
        progress = place.phase_progress if place.phase == ctx.mp_phases[0] else 1.0
        share = lerp(0.15, 0.30, progress)
    # a race pace no faster than easy running is no finish to train (M is trained instead)
    easy = ctx.paces.easy[0] if ctx.paces is not None else None
    racing = ctx.race_pace is not None and (easy is None or ctx.race_pace < easy)
    half = (
        ctx.race_distance == "half"
        and place.phase == "peak"
        and "build" in ctx.mp_phases
        and racing
    )
    # a half whose race pace is no faster than the VDOT's M: its build's finish is at the
    # race pace too (M work faster than the race would train the wrong pace), under M's limit
    slow_half = (
        ctx.race_distance == "half"
        and racing
        and ctx.paces is not None
        and ctx.race_pace is not None
        and ctx.race_pace >= ctx.paces.marathon
    )
    if half:
        intensity, limit = "race", "threshold"
    elif slow_half:
        intensity, limit = "race", "marathon"
    else:
        intensity, limit = "marathon", "marathon"
    note, letter = (
        ("finish at half-marathon pace", "HM")
        if intensity == "race"
        else ("finish at marathon pace", "M")
    )
    work = 5 * round(s.minutes * share / 5)
    work = min(work, 5 * (whole(ctx.cap(limit, intensity)) // 5))  # Daniels' limits
    if work < 10 or s.minutes - work < 30:
        return steady(s, ctx, "easy", "long run")
    easy = s.minutes - work
    ctx.spend(limit, work, intensity)
    steps = [
        ctx.step("steady", easy, "easy", "long run, easy"),
        ctx.step("work", work, intensity, note),
    ]
    summary = (
        f"{s.minutes} min: {easy} min easy {ctx.at('easy')}, "
        f"last {work} min {ctx.at(intensity)} ({letter})"
    )
    return Prescription(summary=summary, steps=steps)


def race(s: SessionOut, ctx: RunContext) -> Prescription:
    """The race as long as its goal or predicted time takes (the distance at the race's
    pace), the rest of the session's minutes a warm-up before and a cool-down after; the
    whole session when the time is unknown or longer."""
    name = ctx.race_distance or "race"
    note = f"{name}: even pace, go with the race"
    if ctx.goal_note:
        note = f"{note}; {ctx.goal_note}"
    km = METRES.get(ctx.race_distance or "", 0) / 1000
    minutes = round(ctx.race_pace * km / 60) if ctx.race_pace and km else s.minutes
    if minutes >= s.minutes or s.minutes - minutes < 2:
        step = ctx.step("work", s.minutes, "race", note)
        summary = f"race: {name} {ctx.at('race')}"
        if ctx.goal_note:
            summary = f"{summary} ({ctx.goal_note})"
        return Prescription(summary=summary, steps=[step])
    warm = min(WARM_MAX, (s.minutes - minutes) // 2)
    steps = [
        ctx.step("warmup", warm, "easy", "easy jog and a few strides before the start"),
        ctx.step("work", minutes, "race", note),
        ctx.step("cooldown", s.minutes - minutes - warm, "recovery", "walk, then an easy jog"),
    ]
    hours, mins = divmod(minutes, 60)
    summary = f"race: {name} {ctx.at('race')}, about {hours}:{mins:02d}"
    if ctx.goal_note:
        summary = f"{summary} ({ctx.goal_note})"
    return Prescription(summary=summary, steps=steps)


GOAL_FASTEST = 0.98  # a goal more than 2% faster than the VDOT's prediction is not raced at
GOAL_SLOWEST = 1.08  # a goal more than 8% slower is raced at, with a word


def _clock(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def race_plan(
    distance: str | None, finish: str | None, paces: TrainingPaces | None
) -> tuple[float | None, str]:
    """(seconds per km the race is run at, a word on the goal): the goal's pace (`finish`),
    else the VDOT's prediction; none for an ultra, whose distance the scenario does not give.

    A goal more than 2% faster than the athlete's recent race predicts is not raced at: the
    prediction is (a coach's review: a beginner's 2:15 half goal at VDOT 26.5 asked for
    6:24/km, faster than their 5k pace, for over two hours), and the word says what the goal
    needs. A goal more than 8% slower is the athlete's to keep, and the word says what the
    training suggests."""
    from hybridplan.prescribe.paces import race_seconds, vdot

    if distance not in METRES:
        return None, ""
    metres = METRES[distance]
    km = metres / 1000
    predicted = race_seconds(paces.vdot, metres) if paces is not None else None
    if finish is None:
        return (None if predicted is None else predicted / km), ""
    goal = time_seconds(finish)
    if predicted is None or paces is None:
        return goal / km, ""
    if goal < predicted * GOAL_FASTEST:
        word = (
            f"the goal {finish} needs VDOT {vdot(metres, goal):.1f}, your recent race gives "
            f"{paces.vdot:.1f} (about {_clock(predicted)}): race at that, faster over the "
            "last quarter if strong"
        )
        return predicted / km, word
    if goal > predicted * GOAL_SLOWEST:
        word = (
            f"the goal {finish} is well within your recent race's prediction (about "
            f"{_clock(predicted)}): a safe goal"
        )
        return goal / km, word
    return goal / km, ""


def race_pace(
    distance: str | None, finish: str | None, paces: TrainingPaces | None
) -> float | None:
    """Seconds per km the race is run at (`race_plan`)."""
    return race_plan(distance, finish, paces)[0]


def run_prescription(s: SessionOut, ctx: RunContext) -> Prescription:
    kind = s.run_type
    if kind == "race":
        return race(s, ctx)
    if kind in ("tempo", "intervals", "hills", "strides") and s.minutes < SHORT:
        if kind != "tempo":
            return steady(s, ctx, "easy", f"{kind} (short)")
        return short_tempo(s, ctx)
    if kind == "tempo":
        return tempo(s, ctx)
    if kind == "intervals":
        return intervals(s, ctx)
    if kind == "hills":
        return hills(s, ctx)
    if kind == "strides":
        return strides(s, ctx)
    if kind == "long":
        return long_run(s, ctx)
    if kind == "recovery":
        return steady(s, ctx, "recovery", "recovery run")
    return steady(s, ctx, "easy", "easy run")
