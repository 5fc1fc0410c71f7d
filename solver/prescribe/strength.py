"""Strength and mobility sessions as exercises: sets x reps at a load.

Sets come from the plan: the solver chose the session for its sets per muscle group, so
the exercises' sets add up to exactly those (`allocate`). Reps and reps in reserve (RIR)
follow the phase, the goal and the week's place in its phase, and the load is read off the
RPE chart (`rpe.py`: Tuchscherer's, as Helms et al. 2016 give it) for those reps and RIR:

| phase | main lifts | accessories | why |
|---|---|---|---|
| base | 8 reps, RIR 4 -> 3 (68.0% -> 70.7%) | 12 reps, RIR 2 | 001: 2-3 x 8-12 to start |
| off-season | 8 reps, RIR 3 -> 1 (70.7% -> 76.2%) | 10 reps, RIR 2 -> 1 | no race ahead |
| build | 5 reps, RIR 4 -> 2 (76.2% -> 81.1%) | 10 reps, RIR 2 | strength rises with running (004) |
| peak | 4 reps, RIR 3 -> 2 (81.1% -> 83.7%) | 8 reps, RIR 2 | 000: heavy, low volume, 80-90% 1RM |
| taper | 3 reps, RIR 6 (76.2%) | 8 reps, RIR 7 | 000, 004: cut intensity near the race |
| deload | 5 reps, RIR 7 (68.0%) | 10 reps, RIR 5 | 001, 004: lighter; the climb resumes |

A runner's main lifts and accessories stay at RIR 2 or more in season (base to taper):
strength without the fatigue of sets taken near failure in the week of a long run (issue
24; 004); off-season, a hard day's accessories go to RIR 1 in the phase's second half.
Within a phase the RIR falls from the first week's to the last's, a step a week (the
chart's half reps between), so the load climbs; a deload week drops it. Moderate sessions
(circuits, light days) take 2 more reps and 1 more RIR; hypertrophy days 10 reps at RIR 3
-> 2 (RIR 5 in deload and taper weeks). With a 1RM the load is given in kg, rounded down to
2.5 kg (never heavier than the chart's load for the RIR), and the RIR beside it; without
one, the RIR alone. An RIR of 5 or more is written as the set's feel ("easy: fast, crisp
reps (RPE 5)", and without a kg "a load you could lift 12 times": `Exercise.text`); the
data keeps the number.

Bodyweight work (no load to add) progresses by harder variations (`exercises.LADDERS`,
`bodyweight_rung`): 8 -> 12 reps on a variation, then the next (split squat ->
rear-foot-elevated split squat, incline push-up -> push-up -> feet-elevated push-up...),
`RUNGS` of them over the block's loaded weeks, at most one every `RUNG_WEEKS` weeks, from
the first for a novice; RIR 2 (3 in first exposures), a slow 3 s lowering. Deload and taper
weeks go a variation back (on the first, 2 reps fewer) at RIR 3. The week's second session
of a type takes the B variation of the same rung, so the two differ.

Lone sets (`allocate`): an exercise never gets a single set while another exercise of the
session counts sets for its main group; that one takes the set ('step-up 1 x 10' beside
Bulgarian split squats: 3 sets of those). One set stays only where it is all the plan gives
a group no other exercise works (a lone core set).

Variety (`exercises.session_moves`): main lifts stay through the block, so their loads
climb from one 1RM and a deload drops the same lift; accessories and core rotate week by
week; a week's second session of a type takes other main-lift variants (front squat,
trap-bar deadlift, incline bench press: full body A / B). Estimated loads: a variant without
its own 1RM takes one from a lift the athlete gave, by a coach's ratio (`Move.estimate`),
shown as "~kg, estimated from back squat".

First exposures (`FIRST_WEEKS`: the first two weeks of a block, or of any plan for a
novice): every lift at RIR 3 or more (accessories at 10 reps at most), no Nordic curls (a
hamstring bridge), and for a novice (an athlete who gave no 1RM) the easier main lifts
(goblet squat, kettlebell deadlift, dumbbell presses, chest-supported row). Nordic curls
never above 3 x 5 and not in deload and taper weeks.

Time (`estimate`): each exercise takes sets x (reps x `TEMPO_S` per rep, per side + its
rest); main lifts rest 3 min at 80% 1RM or more on the chart (the heavy band, 000) and 2 min
below it, accessories 90 s, core 60 s, plyometrics 90 s; each main lift after the first
adds `RAMP_S` of lighter ramp-up sets (the first one's are in the warm-up). Warm-up and
cool-down are the session's own steps. When the sets do not fit the session's minutes,
accessories and core rest 60 s (never the main lifts); when they still do not fit, the
note says how long they take, rather than cutting the main lifts' rests.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from hybridplan.models.athlete import Athlete, Lift
from hybridplan.models.prescription import MAX_ESTIMATE_MINUTES, Exercise, Prescription, Step
from hybridplan.models.result import SessionOut
from hybridplan.models.session import Muscle, SessionType
from hybridplan.models.week import DAYS
from hybridplan.prescribe import rpe
from hybridplan.prescribe.exercises import (
    FILL_BODYWEIGHT,
    FILL_GYM,
    LOW_REPS,
    TOP_REPS,
    Move,
    Rung,
    session_moves,
)
from hybridplan.prescribe.progression import WeekPlace

MAIN = {  # phase -> reps, RIR in the phase's first week, RIR in its last
    "base": (8, 4, 3),
    "offseason": (8, 3, 1),
    "build": (5, 4, 2),
    "peak": (4, 3, 2),
    "taper": (3, 6, 6),
    "deload": (5, 7, 7),
}
# Hybrid and strength goals lift heavy from the start (the coaching brief: "heavy key
# lifts, about 80-90% 1RM, 3-6 reps, short of failure, once or twice a week in base and
# build", 000):
# their hard sessions' main lifts in base and build, still two reps short of failure at most
HEAVY_GOALS = ("hybrid", "strength")
HEAVY_MAIN = {"base": (5, 3, 2), "build": (4, 3, 2)}  # 78.6 -> 81.1%, 81.1 -> 83.7%
ACCESSORY = {  # phase -> reps, reps in reserve (deload and taper lighter than any loaded week)
    "base": (12, 2), "offseason": (10, 2), "build": (10, 2), "peak": (8, 2), "taper": (8, 7),
    "deload": (10, 5),
}  # fmt: skip
HYPERTROPHY = (10, 3, 2)  # reps, first RIR, last RIR (loaded phases)
HYPERTROPHY_EASY = 5  # RIR of hypertrophy days in deload and taper weeks
MODERATE = (2, 1)  # more reps, more RIR: circuits and light days
PLATE = 2.5  # kg: loads are rounded down to this
# Bodyweight accessories: the ladder's rung (`bodyweight_rung`, `exercises.LADDERS`) gives
# variation and reps; RIR 2 in loaded weeks, 3 in first exposures and deload and taper
# weeks (RPE 7-8). A block climbs `RUNGS` rungs over its loaded weeks, one at most every
# `RUNG_WEEKS` weeks; an athlete with 1RMs starts a rung up.
BODYWEIGHT_RIR = (2, 3)
LOWER_S = 3  # seconds to lower each rep of bodyweight work
NO_LOWERING = ("prone Y-T-W raise", "wall slide")  # held or slid: nothing to lower slowly
RUNGS = 3
RUNG_WEEKS = 3

# First exposures: the first weeks of a plan (a one-week plan is its own first week).
FIRST_WEEKS = 2
FIRST_RIR = 3  # every lift at least this far from failure
# accessories' reps at most: 10 at RIR 3 (65.3%) stays heavier than a deload's 10 at RIR 5
# (59.9%), so a deload in week 3 is still the lighter week
FIRST_ACCESSORY_REPS = 10

# Time: seconds per rep (controlled, about 2 s down and 1 s up), rest between sets by role
# and load, ramp-up sets before each main lift after the first.
TEMPO_S = 3
HEAVY_PERCENT = 80.0  # %1RM on the chart from which a main lift rests the longer time
REST_S = {"heavy": 180, "main": 120, "accessory": 90, "core": 60, "plyo": 90}
TIGHT_REST_S = 60  # accessories and core when the session is short of time
RAMP_S = 120  # ramp-up sets before a heavy main lift after the first (half before others)
PAIR_GAP_S = 60  # between the two exercises of a superset
REGION: dict[Muscle, str] = {
    "quads": "legs", "hamstrings": "legs", "glutes": "legs", "calves": "calves",
    "chest": "push", "shoulders": "push", "back": "pull", "arms": "arms", "core": "core",
}  # fmt: skip


Chosen = tuple[Move, int, dict[Muscle, int]]


@dataclass(frozen=True)
class Exposure:
    """What the athlete has done before a session, as far as the plan knows."""

    first: bool  # a first exposure (the plan's first weeks)
    novice: bool  # an athlete without any 1RM
    second: bool  # the week's second (or later) session of its type: the B variants
    turn: int  # where the accessories' rotation stands (`exercises.WEEKLY`)


def _allocate(
    sets: Mapping[Muscle, int], moves: tuple[Move, ...], fill: Mapping[str, Move],
    raised: Mapping[int, int],
) -> list[tuple[int, Move, int, dict[Muscle, int]]]:  # fmt: skip
    """`allocate`'s pass: (move's place in moves, then fills), move, sets, groups counted;
    `raised`: a place -> the most sets its move takes instead of its `max_sets`."""
    left = {m: n for m, n in sets.items() if n > 0}
    out: list[tuple[int, Move, int, dict[Muscle, int]]] = []
    fills = [fill[m] for m in list(left)]
    for k, move in enumerate((*moves, *fills)):
        want = left.get(move.primary, 0)
        if want <= 0:
            continue
        n = min(want, raised.get(k, move.max_sets))
        counted = {move.primary: n}
        for other in move.secondary:
            if left.get(other, 0) >= n:
                counted[other] = n
        for m, c in counted.items():
            left[m] -= c
        out.append((k, move, n, counted))
    return out


def lone_sets(chosen: list[tuple[int, Move, int, dict[Muscle, int]]]) -> list[int]:
    """The exercises (indices in `chosen`) given a single set while another exercise of
    the session counts sets for their main (primary) group: 'step-up 1 x 10' beside
    Bulgarian split squats."""
    return [
        i
        for i, (_, move, n, _) in enumerate(chosen)
        if n == 1 and any(move.primary in c for j, (*_, c) in enumerate(chosen) if j != i)
    ]


def allocate(
    sets: Mapping[Muscle, int], moves: tuple[Move, ...], fill: Mapping[str, Move]
) -> list[Chosen]:
    """Exercises and their sets so that every muscle group gets exactly the session's sets:
    each move takes up to its `max_sets` of what its primary group still wants, and counts
    them for a secondary group only where that group still wants at least as many; whatever
    is left goes to one filling exercise per group.

    No lone sets (a coach gives 2 or more, or drops the exercise): where an exercise would
    get a single set and another one counts sets for its main group, that other one (one of
    the same main group first) takes a set fewer, where it has 3 or more, so that the lone
    one gets two; else a set more than its `max_sets` (never a `hard_cap` move's), so the
    lone set's exercise has none left; a set alone stays only where it is all the plan
    gives a group that no other exercise works."""
    raised: dict[int, int] = {}
    chosen = _allocate(sets, moves, fill, raised)
    for _ in range(len(chosen)):  # each round removes a lone set at least
        lone = lone_sets(chosen)
        better = None
        for i in lone:
            primary = chosen[i][1].primary
            others = [
                (k, move, n)
                for j, (k, move, n, counted) in enumerate(chosen)
                if j != i and primary in counted and not move.hard_cap
            ]
            others.sort(key=lambda o: o[1].primary != primary)  # the same group first
            # first one set fewer for another exercise of 3 or more, so the lone one gets two
            # (deadlift 2 + hip thrust 2 + Nordic curl 2, not a deadlift of 4 alone), then
            # one set more for another exercise, so the lone one gets none
            tries = [(k, n - 1) for k, _, n in others if n >= 3]
            tries += [(k, n + 1) for k, _, n in others]
            for k, cap in tries:
                trial = _allocate(sets, moves, fill, {**raised, k: cap})
                if len(lone_sets(trial)) < len(lone):
                    better = ({**raised, k: cap}, trial)
                    break
            if better:
                break
        if better is None:
            break
        raised, chosen = better
    return [(move, n, counted) for _, move, n, counted in chosen]


def bodyweight_rung(place: WeekPlace, novice: bool, b: bool) -> Rung:
    """The rung of a bodyweight session's ladders and its reps for the loaded weeks up to
    `place` (a deload or taper week: those before it; `session_moves` steps it back):
    `RUNGS` rungs over the block's loaded weeks (`run_level` 0 -> 1), at most one a
    `RUNG_WEEKS` weeks, from the first (a `novice`) or the second; on a rung the reps climb
    from `LOW_REPS` to `TOP_REPS` (at most, when the weeks hold the next rung back). `b`: the
    week's second session of the type (its B names)."""
    x = place.run_level * RUNGS
    level = min(int(x), RUNGS - 1)
    held = (place.week - 1) // RUNG_WEEKS
    if level > held:  # the next rung waits: the most reps on this one
        level, reps = held, TOP_REPS
    else:
        reps = LOW_REPS + round((TOP_REPS - LOW_REPS) * min(1.0, x - level))
    return (level + (0 if novice else 1), reps, b)


def _kg(one_rm: float, share: float) -> float:
    """The load for `share` % of `one_rm`, rounded down to the plate."""
    return math.floor(one_rm * share / 100 / PLATE + 1e-9) * PLATE


def rest_s(move: Move, reps: int, rir: float) -> int:
    """Seconds between sets: main lifts 3 min at 80% 1RM or more on the chart (the same
    share with or without a known 1RM), else 2 min; accessories 90 s, core 60 s."""
    if move.role == "main":
        heavy = rpe.percent(reps, min(rir, rpe.MOST - reps)) >= HEAVY_PERCENT
        return REST_S["heavy"] if heavy else REST_S["main"]
    return REST_S[move.role]


def _loaded(
    move: Move, sets: int, muscles: dict[Muscle, int], reps: int, rir: float,
    lifts: Mapping[Lift, float],
) -> Exercise:  # fmt: skip
    """Sets x reps at `rir` reps in reserve: with the move's 1RM, at the chart's %1RM and
    its kg; with a 1RM it is estimated from, the kg of that estimate (conservative: rounded
    down, from a ratio); else the RIR alone."""
    charted = min(rir, rpe.MOST - reps)  # the chart's end (12 reps at RIR 3.5)
    rest = rest_s(move, reps, rir)
    base = Exercise(name=move.name, sets=sets, reps=reps, rir=math.floor(rir + 0.5),
                    muscles=muscles, rest_s=rest)  # fmt: skip
    # a load is read off the chart, so its RIR is the chart's (an unloaded move's RIR,
    # 15 push-ups at RIR 3, is not capped by a chart it is not read from)
    loaded = base.model_copy(update={"rir": math.floor(charted + 0.5)})
    share = rpe.percent(reps, charted)
    own = lifts.get(move.lift) if move.lift else None
    if own is not None:
        return loaded.model_copy(update={"percent_1rm": share, "kg": _kg(own, share)})
    if move.estimate is not None and move.estimate[0] in lifts:
        source, ratio = move.estimate
        kg = _kg(lifts[source] * ratio, share)
        if kg > 0:
            return loaded.model_copy(update={"kg": kg, "kg_from": source})
    return base


def exercise(
    move: Move,
    sets: int,
    muscles: dict[Muscle, int],
    session: SessionType,
    place: WeekPlace,
    athlete: Athlete | None,
    first: bool = False,
) -> Exercise:
    """One exercise's reps, RIR, load and rest for its phase, session and week."""
    phase = place.phase if place.phase in MAIN else "build"
    easy = phase in ("taper", "deload")
    late = place.phase_progress > 0.5 and not easy
    light = session.intensity != "hard"  # circuits and light days stay further from failure
    lifts: Mapping[Lift, float] = athlete.lifts if athlete else {}
    bodyweight = session.equipment == "none"
    if move.role == "plyo":  # 004: low volume, full recovery, landing quality over load
        return Exercise(name=f"{move.name} (full recovery)", sets=sets, reps=5, muscles=muscles,
                        rest_s=REST_S["plyo"])  # fmt: skip
    if move.role == "main" and not bodyweight:
        if session.hypertrophy:
            reps, top, last = HYPERTROPHY
            if easy:
                top = last = HYPERTROPHY_EASY
        else:
            heavy = place.goal in HEAVY_GOALS and not light and phase in HEAVY_MAIN
            reps, top, last = HEAVY_MAIN[phase] if heavy else MAIN[phase]
            if light:
                reps, top, last = reps + MODERATE[0], top + MODERATE[1], last + MODERATE[1]
        # the RIR falls through the phase, week by week: the load climbs
        rir = top - (top - last) * place.phase_progress
        if first:
            rir = max(rir, FIRST_RIR)
        return _loaded(move, sets, muscles, reps, rir, lifts)
    if bodyweight and move.role != "core":
        # the ladder's rung gives the reps (`bodyweight_rung`): a harder variation, not
        # more reps; every rep lowered slowly
        reps = move.reps or TOP_REPS
        rir = BODYWEIGHT_RIR[1] if first or easy else BODYWEIGHT_RIR[0]
        return Exercise(name=move.name, sets=sets, reps=reps, rir=rir, muscles=muscles,
                        rest_s=rest_s(move, reps, rir),
                        lower_s=None if move.name in NO_LOWERING else LOWER_S)  # fmt: skip
    reps, rir = ACCESSORY[phase]
    if session.hypertrophy:
        reps = 12
    if move.role == "core":
        reps, rir = 10, 3
    elif first and not session.hypertrophy:
        reps = min(reps, FIRST_ACCESSORY_REPS)
    # in a race season accessories stay 2 reps or more from failure (the legs are for the
    # running); off-season a hard day may take them to 1
    floor = 1 if place.phase == "offseason" and not light else 2
    rir = max(floor, rir - (1 if late and move.role != "core" else 0))
    if first:
        rir = max(rir, FIRST_RIR)
    if move.max_reps is not None:
        reps = min(reps, move.max_reps)
    return _loaded(move, sets, muscles, reps, rir, lifts)


def _frame_minutes(minutes: int) -> tuple[int, int]:
    """Warm-up and cool-down minutes of a session of `minutes` (none under 10)."""
    if minutes < 10:
        return 0, 0
    return (10, 5) if minutes >= 40 else (5, 3)


def _frame(minutes: int, what: str) -> list[Step]:
    """Warm-up, the work, cool-down: minutes adding up to the session's."""
    warm, cool = _frame_minutes(minutes)
    if not warm:
        return [Step(kind="work", minutes=minutes, note=what)]
    return [
        Step(kind="warmup", minutes=warm, note="easy cardio, hip and ankle mobility, "
             "ramp-up sets of the first exercise"),
        Step(kind="work", minutes=minutes - warm - cool, note=what),
        Step(kind="cooldown", minutes=cool, note="easy mobility"),
    ]  # fmt: skip


def _sides(e: Exercise) -> int:
    return 2 if "(each " in e.name else 1


def _is_main(e: Exercise) -> bool:
    """Main lifts are the exercises resting 2 min or more (`rest_s`); plyometrics never."""
    return (e.rest_s or 0) >= REST_S["main"]


def set_order(exercises: list[Exercise]) -> list[int]:
    """The order the sets are done in (exercise indices, one per set): an exercise's sets
    one after the other; a superset's two exercises alternately, in list order, then the
    rest of the one with more sets."""
    order: list[int] = []
    done: set[int] = set()
    for i, e in enumerate(exercises):
        if i in done:
            continue
        group = [j for j, f in enumerate(exercises) if e.superset and f.superset == e.superset]
        group = group or [i]
        left = {j: exercises[j].sets for j in group}
        while any(left.values()):
            for j in group:
                if left[j]:
                    order.append(j)
                    left[j] -= 1
        done.update(group)
    return order


def timeline(exercises: list[Exercise]) -> list[tuple[int, int, int]]:
    """Every set as (exercise index, start, end) in seconds, in the order done
    (`set_order`). A set lasts reps x `TEMPO_S` (per side); it starts when its exercise's
    own rest has passed since that exercise's last set, and after the set before it by
    that set's rest (`PAIR_GAP_S` between the two exercises of a superset); the first set
    of each main lift after the first waits for its ramp-up sets (`ramp_s`). An exporter
    (a watch's strength workout) reads the rest after each set from it: the next start
    less this end."""
    end: dict[int, int] = {}
    out: list[tuple[int, int, int]] = []
    clock, prev, mains = 0, -1, 0
    for i in set_order(exercises):
        e = exercises[i]
        start = clock
        if prev >= 0:
            p = exercises[prev]
            paired = prev != i and p.superset is not None and p.superset == e.superset
            start = clock + (PAIR_GAP_S if paired else p.rest_s or 0)
        if i in end:
            start = max(start, end[i] + (e.rest_s or 0))
        elif _is_main(e):
            mains += 1
            start += ramp_s(e) if mains > 1 else 0
        clock = end[i] = start + e.reps * _sides(e) * TEMPO_S
        out.append((i, start, clock))
        prev = i
    return out


def work_seconds(exercises: list[Exercise]) -> int:
    """How long the exercises take (`timeline`), the last set's rest included (the move
    to the cool-down)."""
    sets = timeline(exercises)
    if not sets:
        return 0
    last, _, end = sets[-1]
    return end + (exercises[last].rest_s or 0)


def ramp_s(e: Exercise) -> int:
    """Lighter sets before a main lift: 2 min to a heavy load (3 min rest), 1 min else."""
    return RAMP_S if (e.rest_s or 0) >= REST_S["heavy"] else RAMP_S // 2


def _compatible(a: Move, b: Move) -> bool:
    """Two moves that can alternate without one tiring what the other needs: other
    regions (legs, calves, push, pull, arms, core), never a hinge with a pull (both load
    the lower back and the grip), never plyometrics (full recovery)."""
    if "plyo" in (a.role, b.role) or REGION[a.primary] == REGION[b.primary]:
        return False
    pair = {a.primary: a, b.primary: b}
    return not ("back" in pair and "hamstrings" in pair)


def fit(exercises: list[Exercise], moves: list[Move], seconds: int) -> tuple[list[Exercise], bool]:
    """The exercises arranged to fit `seconds` if they can, least change first: as
    prescribed; accessories and core at `TIGHT_REST_S`; then supersets of compatible
    exercises (the pair that saves most time first, each exercise keeping its own rest:
    the main lifts' rests are what keep the heavy sets heavy, never cut). Returns the
    exercises (a superset's second exercise moved up beside its first) and whether they
    fit."""
    if work_seconds(exercises) <= seconds:
        return exercises, True
    out = [
        e.model_copy(update={"rest_s": TIGHT_REST_S})
        if e.rest_s is not None and TIGHT_REST_S < e.rest_s < REST_S["main"]
        else e
        for e in exercises
    ]
    pairs = list(zip(out, moves, strict=True))
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    need = work_seconds(out)
    while need > seconds:
        best: tuple[int, list[tuple[Exercise, Move]]] | None = None
        free = [k for k, (e, _) in enumerate(pairs) if e.superset is None]
        letter = next(letters, None)
        if letter is None:
            break
        for x in free:
            for y in free:
                if y <= x or not _compatible(pairs[x][1], pairs[y][1]):
                    continue
                trial = list(pairs)
                first = (pairs[x][0].model_copy(update={"superset": letter}), pairs[x][1])
                second = (pairs[y][0].model_copy(update={"superset": letter}), pairs[y][1])
                trial[x] = first
                del trial[y]
                trial.insert(x + 1, second)
                took = work_seconds([e for e, _ in trial])
                if best is None or took < best[0]:
                    best = (took, trial)
        if best is None or best[0] >= need:
            break
        need, pairs = best
    out = [e for e, _ in pairs]
    return out, need <= seconds


def exposure(
    s: SessionOut, place: WeekPlace, athlete: Athlete | None, nth: int | None,
    block: bool = True,
) -> Exposure:  # fmt: skip
    """First exposure, novice, A / B and the rotation's turn. `nth`: how many sessions of
    the same type come before this one in its week, when the caller knows (it sees the
    whole plan); without it, the session is taken as its week's first (a lone session
    keeps the main lifts the athlete's 1RMs are for), and the accessories' turn moves a
    step for a session in the week's second half (Thursday on), so that two sessions of a
    type in one week usually differ.

    A novice lifter is an athlete who gave no 1RM: a beginner *runner* who gave 1RMs has
    lifted a barbell to a tested maximum (and a strength athlete, who runs no quality, is
    no beginner; a one-week off-season plan of one got goblet squats). First exposures are
    the first weeks of a block (`block`), or of any plan for a novice: a one-week plan of
    an athlete with 1RMs is a week of their training, not its start."""
    novice = not (athlete and athlete.lifts)
    later = nth if nth is not None else int(DAYS.index(s.day) >= 3)
    return Exposure(
        first=place.week <= FIRST_WEEKS and (block or novice), novice=novice,
        second=bool(nth), turn=place.week + later,
    )  # fmt: skip


def strength_prescription(
    s: SessionOut,
    session: SessionType,
    place: WeekPlace,
    athlete: Athlete | None,
    nth: int | None = None,
    block: bool = True,
) -> Prescription:
    """A strength session's exercises (sets adding up to the session's), their rests, and
    how long they take. `nth`: the sessions of the same type before this one in its week
    (1: the B session), when known; `block`: the plan is of more than one week."""
    kind = str(session.strength_type)
    bodyweight = session.equipment == "none"
    seen = exposure(s, place, athlete, nth, block)
    easy = place.phase in ("taper", "deload")
    rung = None
    if bodyweight:  # the week's second session of the type (or one from Thursday): B
        rung = bodyweight_rung(place, seen.novice, (seen.turn - place.week) % 2 == 1)
    moves = session_moves(kind, bodyweight, seen.turn, seen.second, seen.first, seen.novice,
                          easy, rung)  # fmt: skip
    fill = FILL_BODYWEIGHT if bodyweight else FILL_GYM
    chosen = allocate(s.sets, moves, fill)
    exercises = [exercise(m, n, c, session, place, athlete, seen.first) for m, n, c in chosen]
    warm, cool = _frame_minutes(s.minutes)
    room = (s.minutes - warm - cool) * 60
    exercises, fits = fit(exercises, [m for m, _, _ in chosen], room)
    need = work_seconds(exercises)
    estimate = warm + cool + math.ceil(need / 60)
    if kind == "plyometrics":
        note = "full recovery between sets: quality landings, not fatigue (004)"
    elif bodyweight and not any(_is_main(e) for e in exercises):
        note = ("a slow 3 s lowering on every rep, up with control; stop each set 2-3 reps "
                "short of failure (RPE 7-8)")  # fmt: skip
        if any(e.superset for e in exercises):
            note += "; a superset's exercises alternate set by set, a minute between them"
    else:
        note = "main lifts first, at the rests given; ramp-up sets before each main lift"
        if any(e.superset for e in exercises):
            note += "; a superset's exercises alternate set by set, a minute between them"
    if not fits:
        note += (
            f". The sets take about {math.ceil(need / 60)} min at these rests, more than the "
            f"{room // 60} min here: superset the accessories, or leave their last sets; "
            f"keep the main lifts' rests"
        )
    shown = [e.text(brief=True) for e in exercises[:2]]
    more = f" + {len(exercises) - 2} more exercises" if len(exercises) > 2 else ""
    summary = "; ".join(shown) + more if shown else f"{s.minutes} min strength"
    if exercises:
        summary += f" (about {estimate} min)"
    return Prescription(
        summary=summary, steps=_frame(s.minutes, note), exercises=exercises,
        minutes_estimate=min(estimate, MAX_ESTIMATE_MINUTES) if exercises else None,
    )  # fmt: skip


def mobility_prescription(s: SessionOut) -> Prescription:
    what = "hips, ankles, thoracic spine; Pallof press and dead bug for core stability"
    step = Step(kind="steady", minutes=s.minutes, note=what)
    return Prescription(summary=f"{s.minutes} min mobility: {what}", steps=[step])
