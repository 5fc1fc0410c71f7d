"""Strength sessions as FIT strength workouts (sport training, sub-sport strength training).

The watch gets the prescription's warm-up (timed), then for each exercise its sets: a set
step counted in reps (duration type reps) with the exercise's FIT category and name, and its
load in kg (`exercise_weight`, displayed in kilograms) when the prescription gives one,
followed by a timed rest step; the (set, rest) pair is a repeat over the sets (a single set
is written out). Every set is followed by its rest, the last one too: it is the walk to the
next exercise (and, after the last exercise, to the cool-down). Exercises of a superset
(the same `superset` letter) alternate set by set with a minute's rest from one to the
other, and the superset's last set rests its exercise's own time; the rounds that are
alike (set, a minute, set, a minute) are the repeat. Then the cool-down, timed. A set's
note is the exercise as the plan writes it ("back squat 4 x 5 at 80% 1RM (80 kg), RIR 2,
rest 3 min"), its name the exercise's name.

Rest after each set: the exercise's own (`rest_s`, which the prescription gives), else, for
a result written before rests were prescribed, by load (the old prescription's "2-3 min
between heavy sets, 60-90 s otherwise"; Haff & Triplett's NSCA guide: 2-5 min for strength
at 85%+, 30-90 s for hypertrophy and endurance work):
- 3 min after a heavy set, at 80% of the 1RM or more;
- 2 min after a plyometric set (the plan asks for full recovery: landings, not fatigue);
- 90 s otherwise.

Exercise names map to FIT's exercise_category and exercise_name by `EXERCISES` (the
catalogue's names, `prescribe/exercises.py`), then by keywords (`KEYWORDS`: a name with
"squat" is a squat, ...) with no exercise name, and finally to FIT's `unknown` category.
Words in brackets ("(each leg)", "(full recovery)") are ignored when matching.

A strength session without exercises, and a mobility session, are written as their timed
steps (mobility as flexibility training).
"""

from __future__ import annotations

import re

from hybridplan.models.prescription import Exercise, Prescription, rest_text
from hybridplan.models.result import Result, SessionOut
from hybridplan.outputs.fit import Unit, WatchStep, encode, grouped, timed_step
from hybridplan.prescribe.strength import set_order, timeline

HEAVY = 80.0  # % of the 1RM from which a set is heavy
REST_HEAVY = 180  # seconds
REST_PLYO = 120
REST = 90
SUPERSET_GAP = 60  # between the two exercises of a superset ("a minute between them")
FALLBACK = "UNKNOWN"  # FIT's exercise_category for an exercise it has no category for

# catalogue name (lower case, brackets dropped) -> (ExerciseCategory, <Category>ExerciseName)
EXERCISES: dict[str, tuple[str, str | None]] = {
    "back squat": ("SQUAT", "BARBELL_BACK_SQUAT"),
    "front squat": ("SQUAT", "BARBELL_FRONT_SQUAT"),
    "goblet squat": ("SQUAT", "GOBLET_SQUAT"),
    "bodyweight squat": ("SQUAT", "AIR_SQUAT"),
    "leg press": ("SQUAT", "LEG_PRESS"),
    "step-up": ("SQUAT", "STEP_UP"),
    "lateral step-up": ("SQUAT", "LATERAL_DUMBBELL_STEP_UP"),
    "bulgarian split squat": ("LUNGE", "DUMBBELL_BULGARIAN_SPLIT_SQUAT"),
    "split squat": ("LUNGE", None),
    "reverse lunge": ("LUNGE", None),
    "walking lunge": ("LUNGE", "WALKING_LUNGE"),
    "lateral lunge": ("LUNGE", "SIDE_LUNGE"),
    "deadlift": ("DEADLIFT", "BARBELL_DEADLIFT"),
    "trap-bar deadlift": ("DEADLIFT", "TRAP_BAR_DEADLIFT"),
    "kettlebell deadlift": ("DEADLIFT", "KETTLEBELL_DEADLIFT"),
    "romanian deadlift": ("DEADLIFT", "ROMANIAN_DEADLIFT"),
    "dumbbell romanian deadlift": ("DEADLIFT", "ROMANIAN_DEADLIFT"),
    "single-leg romanian deadlift": ("DEADLIFT", "SINGLE_LEG_ROMANIAN_DEADLIFT_WITH_DUMBBELL"),
    "hip thrust": ("HIP_RAISE", "BARBELL_HIP_THRUST_WITH_BENCH"),
    "single-leg hip thrust": ("HIP_RAISE", "SINGLE_LEG_HIP_RAISE"),
    "bodyweight hip thrust": ("HIP_RAISE", "HIP_RAISE"),
    "hamstring bridge": ("HIP_RAISE", "HIP_RAISE"),
    "kettlebell swing": ("HIP_RAISE", "KETTLEBELL_SWING"),  # where Garmin files it
    "cable pull-through": ("CHOP", "CABLE_PULL_THROUGH"),
    "glute bridge": ("HIP_RAISE", "HIP_RAISE"),
    "single-leg glute bridge": ("HIP_RAISE", "SINGLE_LEG_HIP_RAISE"),
    "nordic hamstring curl": ("LEG_CURL", "LEG_CURL"),
    "hamstring curl": ("LEG_CURL", "LEG_CURL"),
    "sliding leg curl": ("LEG_CURL", "SLIDING_LEG_CURL"),
    "standing calf raise": ("CALF_RAISE", "STANDING_CALF_RAISE"),
    "calf raise": ("CALF_RAISE", "STANDING_CALF_RAISE"),
    "seated calf raise": ("CALF_RAISE", "SEATED_CALF_RAISE"),
    "single-leg calf raise": ("CALF_RAISE", "SINGLE_LEG_STANDING_CALF_RAISE"),
    "bench press": ("BENCH_PRESS", "BARBELL_BENCH_PRESS"),
    "dumbbell bench press": ("BENCH_PRESS", "DUMBBELL_BENCH_PRESS"),
    "incline bench press": ("BENCH_PRESS", "INCLINE_BARBELL_BENCH_PRESS"),
    "push-up": ("PUSH_UP", "PUSH_UP"),
    "pike push-up": ("PUSH_UP", "PIKE_PUSH_UP"),
    "incline push-up": ("PUSH_UP", "INCLINE_PUSH_UP"),
    "decline push-up": ("PUSH_UP", "DECLINE_PUSH_UP"),
    "diamond push-up": ("PUSH_UP", "DIAMOND_PUSH_UP"),
    "barbell row": ("ROW", "BARBELL_ROW"),
    "chest-supported row": ("ROW", "CHEST_SUPPORTED_DUMBBELL_ROW"),
    "inverted row": ("ROW", "INVERTED_ROW"),
    "underhand inverted row": ("ROW", "INVERTED_ROW"),
    "single-arm dumbbell row": ("ROW", "DUMBBELL_ROW"),
    "seated cable row": ("ROW", "SEATED_CABLE_ROW"),
    "pull-up": ("PULL_UP", "PULL_UP"),
    "lat pulldown": ("PULL_UP", "LAT_PULLDOWN"),
    "chin-up": ("PULL_UP", "CHIN_UP"),
    "overhead press": ("SHOULDER_PRESS", "OVERHEAD_BARBELL_PRESS"),
    "seated dumbbell shoulder press": ("SHOULDER_PRESS", "SEATED_DUMBBELL_SHOULDER_PRESS"),
    "lateral raise": ("LATERAL_RAISE", "DUMBBELL_LATERAL_RAISE"),
    "biceps curl + triceps extension": ("CURL", "DUMBBELL_BICEPS_CURL"),
    "hammer curl + triceps pushdown": ("CURL", "DUMBBELL_HAMMER_CURL"),
    "chair dip": ("TRICEPS_EXTENSION", "BENCH_DIP"),
    "pallof press": ("CORE", "CABLE_CORE_PRESS"),  # Garmin's name for the Pallof press
    "half-kneeling cable chop": ("CHOP", "HALF_KNEELING_ROTATIONAL_CHOP"),
    "suitcase march": ("CARRY", None),
    "reverse crunch": ("CRUNCH", "REVERSE_CRUNCH"),
    "dead bug": ("HIP_STABILITY", "DEAD_BUG"),
    "bird dog": ("CORE", "ARM_AND_LEG_EXTENSION_ON_KNEES"),
    "back extension": ("HYPEREXTENSION", None),
    "box jump": ("PLYO", "BOX_JUMP"),
    "bounding": ("PLYO", None),
    "pogo jumps": ("PLYO", None),
    # bodyweight ladders (prescribe/exercises.py LADDERS)
    "single-leg box squat": ("SQUAT", "SINGLE_LEG_BENCH_SQUAT"),
    "single-leg hamstring bridge": ("HIP_RAISE", "SINGLE_LEG_HIP_RAISE"),
    "single-leg sliding leg curl": ("LEG_CURL", "SINGLE_LEG_SLIDING_LEG_CURL"),
    "glute bridge march": ("HIP_RAISE", "MARCHING_HIP_RAISE"),
    "single-leg bent-knee calf raise": ("CALF_RAISE", "SINGLE_LEG_BENT_KNEE_CALF_RAISE"),
    "kneeling push-up": ("PUSH_UP", "KNEELING_PUSH_UP"),
    "wide-grip push-up": ("PUSH_UP", "WIDE_GRIP_PUSH_UP"),
    "feet-elevated push-up": ("PUSH_UP", "DECLINE_PUSH_UP"),
    "close-grip push-up": ("PUSH_UP", "CLOSE_HANDS_PUSH_UP"),
    "feet-elevated pike push-up": ("PUSH_UP", "PIKE_PUSH_UP"),
    "bent-knee inverted row": ("ROW", "MODIFIED_INVERTED_ROW"),
    "feet-elevated inverted row": ("ROW", "ELEVATED_FEET_INVERTED_ROW"),
    "single-arm inverted row": ("ROW", "SINGLE_ARM_INVERTED_ROW"),
    "prone y-t-w raise": ("SHOULDER_STABILITY", "FLOOR_Y_RAISE"),
    "wall slide": ("SHOULDER_STABILITY", None),
}

# keyword (a regular expression on the name) -> ExerciseCategory, first match wins
KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"romanian|\brdl\b|deadlift|good morning", "DEADLIFT"),
    (r"split squat|lunge", "LUNGE"),
    (r"squat|leg press|step-?up", "SQUAT"),
    (r"hamstring|leg curl|nordic", "LEG_CURL"),
    (r"calf", "CALF_RAISE"),
    (r"bench press|chest press|floor press", "BENCH_PRESS"),
    (r"push-?up", "PUSH_UP"),
    (r"pull-?up|chin-?up|pulldown|pull-down", "PULL_UP"),
    (r"\brows?\b", "ROW"),
    (r"overhead press|shoulder press|military press|push press", "SHOULDER_PRESS"),
    (r"lateral raise|front raise", "LATERAL_RAISE"),
    (r"triceps|\bdips?\b", "TRICEPS_EXTENSION"),
    (r"curl", "CURL"),
    (r"thrust|bridge|hip raise", "HIP_RAISE"),
    (r"back extension|hyperextension|superman", "HYPEREXTENSION"),
    (r"plank", "PLANK"),
    (r"crunch", "CRUNCH"),
    (r"sit-?up", "SIT_UP"),
    (r"jump|bound|hop|plyo", "PLYO"),
    (r"carry|farmer", "CARRY"),
    (r"shrug", "SHRUG"),
    (r"\bfly|\bflye", "FLYE"),
    (r"swing", "HIP_SWING"),
    (r"chop", "CHOP"),
    (r"clean|snatch|jerk", "OLYMPIC_LIFT"),
    (r"pallof|dead bug|bird dog|twist|rollout|core", "CORE"),
)
_BRACKETS = re.compile(r"\([^)]*\)")


def _key(name: str) -> str:
    return " ".join(_BRACKETS.sub(" ", name).lower().split())


def category(name: str) -> tuple[str, str | None]:
    """FIT's (exercise category, exercise name) member names for an exercise's name: by the
    table, else by keyword (no exercise name), else FALLBACK."""
    key = _key(name)
    if key in EXERCISES:
        return EXERCISES[key]
    for pattern, found in KEYWORDS:
        if re.search(pattern, key):
            return found, None
    return FALLBACK, None


def codes(name: str) -> tuple[int, int | None]:
    """The profile values of `category(name)`: exercise_category, and exercise_name (from
    the category's own ExerciseName type, e.g. SquatExerciseName) when there is one."""
    from fit_tool.profile import profile_type

    group, exercise = category(name)
    value = profile_type.ExerciseCategory[group].value
    if exercise is None:
        return value, None
    names = getattr(profile_type, group.title().replace("_", "") + "ExerciseName")
    return value, names[exercise].value


def rest_seconds(e: Exercise) -> int:
    """Rest after a set of `e`: the prescription's (`rest_s`), else by load (see the
    module's docstring)."""
    given = getattr(e, "rest_s", None)  # results written before rests were prescribed
    if given is not None:
        return int(given)
    if e.percent_1rm is not None and e.percent_1rm >= HEAVY:
        return REST_HEAVY
    if "full recovery" in e.name.lower():
        return REST_PLYO
    return REST


def superset(e: Exercise) -> str | None:
    """The letter of `e`'s superset (results written before supersets have none)."""
    letter = getattr(e, "superset", None)
    return letter if isinstance(letter, str) else None


def set_unit(e: Exercise, rest: int) -> Unit:
    """One set of `e` and the `rest` seconds after it (no rest step for 0 s)."""
    group, exercise = codes(e.name)
    work = WatchStep(
        name=e.name, intensity="active", reps=e.reps, note=e.text(),
        category=group, exercise=exercise, kg=e.kg,
    )  # fmt: skip
    if rest <= 0:
        return (work,)
    return work, WatchStep(
        name="rest", intensity="rest", seconds=rest, note=f"rest {rest_text(rest)}"
    )


def strength_units(p: Prescription) -> list[Unit]:
    """Warm-up, the sets in the order they are done, each with the rest after it (until the
    next set starts, as the session's time estimate counts it), cool-down."""
    warm = [(timed_step(s, "km"),) for s in p.steps if s.kind == "warmup"]
    cool = [(timed_step(s, "km"),) for s in p.steps if s.kind == "cooldown"]
    sets = []
    if all(e.rest_s is not None for e in p.exercises):
        # the rests the time estimate counts (`strength.timeline`): the next set's start
        # less this one's end, so a superset never shortens a lift's own rest (two main
        # lifts paired keep their 3 minutes each), the last set its own rest
        times = timeline(p.exercises)
        for k, (i, _, end) in enumerate(times):
            e = p.exercises[i]
            gap = times[k + 1][1] - end if k + 1 < len(times) else rest_seconds(e)
            sets.append(set_unit(e, gap))
        return warm + sets + cool
    order = set_order(p.exercises)  # a result written before rests: the old rule
    for k, i in enumerate(order):
        e = p.exercises[i]
        after = p.exercises[order[k + 1]] if k + 1 < len(order) else None
        paired = after is not None and after is not e and superset(e) is not None
        paired = paired and after is not None and superset(after) == superset(e)
        sets.append(set_unit(e, SUPERSET_GAP if paired else rest_seconds(e)))
    return warm + sets + cool


def strength_workout(result: Result, s: SessionOut) -> bytes:
    """The FIT strength workout of session `s` (a prescription with exercises)."""
    assert s.prescription is not None
    return encode(
        result, s, "TRAINING", "STRENGTH_TRAINING", grouped(strength_units(s.prescription))
    )
