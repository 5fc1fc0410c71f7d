"""Strength and mobility sessions as exercises: sets x reps at a load.

Sets come from the plan: the solver chose the session for its sets per muscle group, so
the exercises' sets add up to exactly those (`allocate`). Reps and reps in reserve (RIR)
follow the phase, the goal and the week's place in its phase, and the load is read off the
RPE chart (`rpe.py`: Tuchscherer's, as Helms et al. 2016 give it) for those reps and RIR:

| phase | main lifts | accessories | why |
|---|---|---|---|
| base | 8 reps, RIR 4 -> 3 (68.0% -> 70.7%) | 12 reps, RIR 2 | 001: 2-3 x 8-12 to start |
| off-season | 8 reps, RIR 3 -> 1 (70.7% -> 76.2%) | 10 reps, RIR 2 | no race to save the legs for |
| build | 5 reps, RIR 4 -> 2 (76.2% -> 81.1%) | 10 reps, RIR 2 | strength rises with running (004) |
| peak | 4 reps, RIR 3 -> 2 (81.1% -> 83.7%) | 8 reps, RIR 2 | 000: heavy, low volume, 80-90% 1RM |
| taper | 3 reps, RIR 6 (76.2%) | 8 reps, RIR 7 | 000, 004: cut intensity near the race |
| deload | 5 reps, RIR 7 (68.0%) | 10 reps, RIR 5 | 001, 004: lighter; the climb resumes |

A runner's main lifts stay at RIR 2 or more in season (base to taper): strength without the
fatigue of sets taken near failure in the week of a long run (issue 24; 004). Within a
phase the RIR falls from the first week's to the last's, a step a week (the chart's half
reps between), so the load climbs; a deload week drops it. Moderate sessions (circuits,
light days) take 2 more reps and 1 more RIR; hypertrophy days 10 reps at RIR 3 -> 2 (RIR 5
in deload and taper weeks); bodyweight work 3 more reps. With a 1RM the load is given in
kg, rounded down to 2.5 kg (never heavier than the chart's load for the RIR), and the RIR
beside it; without one, the RIR alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from hybridplan.models.athlete import Athlete
from hybridplan.models.prescription import Exercise, Prescription, Step
from hybridplan.models.result import SessionOut
from hybridplan.models.session import Muscle, SessionType
from hybridplan.prescribe import rpe
from hybridplan.prescribe.exercises import BODYWEIGHT, FILL_BODYWEIGHT, FILL_GYM, GYM, Move
from hybridplan.prescribe.progression import WeekPlace

MAIN = {  # phase -> reps, RIR in the phase's first week, RIR in its last
    "base": (8, 4, 3),
    "offseason": (8, 3, 1),
    "build": (5, 4, 2),
    "peak": (4, 3, 2),
    "taper": (3, 6, 6),
    "deload": (5, 7, 7),
}
ACCESSORY = {  # phase -> reps, reps in reserve (deload and taper lighter than any loaded week)
    "base": (12, 2), "offseason": (10, 2), "build": (10, 2), "peak": (8, 2), "taper": (8, 7),
    "deload": (10, 5),
}  # fmt: skip
HYPERTROPHY = (10, 3, 2)  # reps, first RIR, last RIR (loaded phases)
HYPERTROPHY_EASY = 5  # RIR of hypertrophy days in deload and taper weeks
MODERATE = (2, 1)  # more reps, more RIR: circuits and light days
PLATE = 2.5  # kg: loads are rounded down to this


Chosen = tuple[Move, int, dict[Muscle, int]]


def allocate(
    sets: Mapping[Muscle, int], moves: tuple[Move, ...], fill: Mapping[str, Move]
) -> list[Chosen]:
    """Exercises and their sets so that every muscle group gets exactly the session's sets:
    each move takes up to its `max_sets` of what its primary group still wants, and counts
    them for a secondary group only where that group still wants at least as many; whatever
    is left goes to one filling exercise per group."""
    left = {m: n for m, n in sets.items() if n > 0}
    out: list[Chosen] = []
    for move in (*moves, *(fill[m] for m in list(left))):
        want = left.get(move.primary, 0)
        if want <= 0:
            continue
        n = min(want, move.max_sets)
        counted = {move.primary: n}
        for other in move.secondary:
            if left.get(other, 0) >= n:
                counted[other] = n
        for m, k in counted.items():
            left[m] -= k
        out.append((move, n, counted))
    return out


def _kg(one_rm: float, share: float) -> float:
    """The load for `share` % of `one_rm`, rounded down to the plate."""
    return math.floor(one_rm * share / 100 / PLATE + 1e-9) * PLATE


def _loaded(
    move: Move, sets: int, muscles: dict[Muscle, int], reps: int, rir: float,
    one_rm: float | None,
) -> Exercise:  # fmt: skip
    """Sets x reps at `rir` reps in reserve: with a 1RM, at the chart's %1RM and its kg."""
    rir = min(rir, rpe.MOST - reps)  # the chart's end (12 reps at RIR 3.5)
    shown = math.floor(rir + 0.5)
    if one_rm is None:
        return Exercise(name=move.name, sets=sets, reps=reps, rir=shown, muscles=muscles)
    share = rpe.percent(reps, rir)
    return Exercise(
        name=move.name, sets=sets, reps=reps, percent_1rm=share, kg=_kg(one_rm, share),
        rir=shown, muscles=muscles,
    )  # fmt: skip


def exercise(
    move: Move,
    sets: int,
    muscles: dict[Muscle, int],
    session: SessionType,
    place: WeekPlace,
    athlete: Athlete | None,
) -> Exercise:
    phase = place.phase if place.phase in MAIN else "build"
    easy = phase in ("taper", "deload")
    late = place.phase_progress > 0.5 and not easy
    light = session.intensity != "hard"  # circuits and light days stay further from failure
    one_rm = athlete.lifts.get(move.lift) if athlete and move.lift else None
    bodyweight = session.equipment == "none"
    if move.role == "plyo":  # 004: low volume, full recovery, landing quality over load
        return Exercise(name=f"{move.name} (full recovery)", sets=sets, reps=5, muscles=muscles)
    if move.role == "main" and not bodyweight:
        if session.hypertrophy:
            reps, first, last = HYPERTROPHY
            if easy:
                first = last = HYPERTROPHY_EASY
        else:
            reps, first, last = MAIN[phase]
            if light:
                reps, first, last = reps + MODERATE[0], first + MODERATE[1], last + MODERATE[1]
        # the RIR falls through the phase, week by week: the load climbs
        rir = first - (first - last) * place.phase_progress
        return _loaded(move, sets, muscles, reps, rir, one_rm)
    reps, rir = ACCESSORY[phase]
    if session.hypertrophy:
        reps = 12
    if move.role == "core":
        reps, rir = 10, 3
    elif bodyweight:
        reps = min(15, reps + 3)
    rir = max(2 if light else 1, rir - (1 if late and move.role != "core" else 0))
    return _loaded(move, sets, muscles, reps, rir, one_rm)


def _frame(minutes: int, what: str) -> list[Step]:
    """Warm-up, the work, cool-down: minutes adding up to the session's."""
    if minutes < 10:
        return [Step(kind="work", minutes=minutes, note=what)]
    warm = 10 if minutes >= 40 else 5
    cool = 5 if minutes >= 40 else 3
    return [
        Step(kind="warmup", minutes=warm, note="easy cardio, hip and ankle mobility, "
             "ramp-up sets of the first exercise"),
        Step(kind="work", minutes=minutes - warm - cool, note=what),
        Step(kind="cooldown", minutes=cool, note="easy mobility"),
    ]  # fmt: skip


def strength_prescription(
    s: SessionOut, session: SessionType, place: WeekPlace, athlete: Athlete | None
) -> Prescription:
    kind = str(session.strength_type)
    bodyweight = session.equipment == "none"
    moves = (BODYWEIGHT if bodyweight else GYM).get(kind, ())
    fill = FILL_BODYWEIGHT if bodyweight else FILL_GYM
    chosen = allocate(s.sets, moves, fill)
    exercises = [exercise(m, n, c, session, place, athlete) for m, n, c in chosen]
    rest = "rest 2-3 min between heavy sets, 60-90 s otherwise"
    if kind == "plyometrics":
        rest = "full recovery between sets: quality landings, not fatigue (004)"
    shown = [e.text() for e in exercises[:2]]
    more = f" + {len(exercises) - 2} more exercises" if len(exercises) > 2 else ""
    summary = "; ".join(shown) + more if shown else f"{s.minutes} min strength"
    return Prescription(summary=summary, steps=_frame(s.minutes, rest), exercises=exercises)


def mobility_prescription(s: SessionOut) -> Prescription:
    what = "hips, ankles, thoracic spine; Pallof press and dead bug for core stability"
    step = Step(kind="steady", minutes=s.minutes, note=what)
    return Prescription(summary=f"{s.minutes} min mobility: {what}", steps=[step])
