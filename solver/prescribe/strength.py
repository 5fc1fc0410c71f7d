"""Strength and mobility sessions as exercises: sets x reps at a load.

Sets come from the plan: the solver chose the session for its sets per muscle group, so
the exercises' sets add up to exactly those (`allocate`). Reps and load follow the phase,
the goal and the week's place in its phase:

| phase | main lifts | accessories | why |
|---|---|---|---|
| base, off-season | 8 reps, 67.5% -> 77.5% | 12 (10) reps, RIR 2 | 001: 2-3 x 8-12 to start |
| build | 5 reps, 75% -> 85% | 10 reps, RIR 2 | strength rises with running (004) |
| peak | 4 reps, 80% -> 87.5% | 8 reps, RIR 2 | 000: heavy, low volume, 80-90% 1RM |
| taper | 3 reps at 75% | 8 reps, RIR 3 | 000, 004: cut intensity near the race |
| deload | 5 reps at 60% | 10 reps, RIR 4 | 001, 004: lighter; the climb resumes |

Within a phase the main lifts gain 2.5 points of 1RM a week (about +3-4% load: 004's
"+2-5% load") up to the phase's top; accessories and lifts without a known 1RM go one rep
in reserve closer to failure in the second half of the phase. Moderate sessions (circuits,
light days) take 2 more reps at 10 points less; hypertrophy days 10 reps at 65-72.5%;
bodyweight work 3 more reps. With a 1RM the load is given in kg, rounded to 2.5 kg;
without one, reps in reserve.
"""

from __future__ import annotations

from collections.abc import Mapping

from hybridplan.models.athlete import Athlete
from hybridplan.models.prescription import Exercise, Prescription, Step
from hybridplan.models.result import SessionOut
from hybridplan.models.session import Muscle, SessionType
from hybridplan.prescribe.exercises import BODYWEIGHT, FILL_BODYWEIGHT, FILL_GYM, GYM, Move
from hybridplan.prescribe.progression import WeekPlace

MAIN = {  # phase -> reps, first week's %1RM, the phase's top %1RM
    "base": (8, 67.5, 77.5),
    "offseason": (8, 67.5, 77.5),
    "build": (5, 75.0, 85.0),
    "peak": (4, 80.0, 87.5),
    "taper": (3, 75.0, 75.0),
    "deload": (5, 60.0, 60.0),
}
MAIN_RIR = {"base": 3, "offseason": 2, "build": 2, "peak": 2, "taper": 3, "deload": 4}
ACCESSORY = {  # phase -> reps, reps in reserve
    "base": (12, 2), "offseason": (10, 2), "build": (10, 2), "peak": (8, 2), "taper": (8, 3),
    "deload": (10, 4),
}  # fmt: skip
HYPERTROPHY = (10, 65.0, 72.5)
STEP = 2.5  # %1RM points a week within a phase
PLATE = 2.5  # kg: loads are rounded to this
# Reps to failure -> %1RM (the usual NSCA chart), for loaded accessories.
REPS_PERCENT = {1: 100, 2: 95, 3: 93, 4: 90, 5: 87, 6: 85, 7: 83, 8: 80, 9: 77, 10: 75,
                11: 70, 12: 67, 13: 65, 14: 63, 15: 61}  # fmt: skip


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


def _kg(one_rm: float, percent: float) -> float:
    return round(one_rm * percent / 100 / PLATE) * PLATE


def exercise(
    move: Move,
    sets: int,
    muscles: dict[Muscle, int],
    session: SessionType,
    place: WeekPlace,
    athlete: Athlete | None,
) -> Exercise:
    phase = place.phase if place.phase in MAIN else "build"
    late = place.phase_progress > 0.5 and phase not in ("taper", "deload")
    light = session.intensity != "hard"  # circuits and light days stay further from failure
    one_rm = (athlete.lifts.get(move.lift) if athlete and move.lift else None)
    bodyweight = session.equipment == "none"
    if move.role == "plyo":  # 004: low volume, full recovery, landing quality over load
        return Exercise(name=f"{move.name} (full recovery)", sets=sets, reps=5, muscles=muscles)
    if move.role == "main" and not bodyweight:
        reps, start, top = HYPERTROPHY if session.hypertrophy else MAIN[phase]
        if session.intensity != "hard" and not session.hypertrophy:
            reps, start, top = reps + 2, start - 10, top - 10
        percent = min(top, start + STEP * place.phase_index)
        if one_rm is not None:
            return Exercise(
                name=move.name, sets=sets, reps=reps, percent_1rm=percent,
                kg=_kg(one_rm, percent), muscles=muscles,
            )  # fmt: skip
        rir = max(2 if light else 1, MAIN_RIR[phase] - (1 if late else 0))
        return Exercise(name=move.name, sets=sets, reps=reps, rir=rir, muscles=muscles)
    reps, rir = ACCESSORY[phase]
    if session.hypertrophy:
        reps = 12
    if move.role == "core":
        reps, rir = 10, 3
    elif bodyweight:
        reps = min(15, reps + 3)
    rir = max(2 if light else 1, rir - (1 if late and move.role != "core" else 0))
    if one_rm is not None:
        percent = float(REPS_PERCENT.get(reps + rir, 60))
        return Exercise(
            name=move.name, sets=sets, reps=reps, percent_1rm=percent, kg=_kg(one_rm, percent),
            muscles=muscles,
        )  # fmt: skip
    return Exercise(name=move.name, sets=sets, reps=reps, rir=rir, muscles=muscles)


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
    more = f" + {len(exercises) - 2} more" if len(exercises) > 2 else ""
    summary = "; ".join(shown) + more if shown else f"{s.minutes} min strength"
    return Prescription(summary=summary, steps=_frame(s.minutes, rest), exercises=exercises)


def mobility_prescription(s: SessionOut) -> Prescription:
    what = "hips, ankles, thoracic spine; Pallof press and dead bug for core stability"
    step = Step(kind="steady", minutes=s.minutes, note=what)
    return Prescription(summary=f"{s.minutes} min mobility: {what}", steps=[step])
