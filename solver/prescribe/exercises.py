"""The exercises each strength session type is made of, in the order they are prescribed.

Named by the seeds: squats, deadlifts and Romanian deadlifts, Bulgarian split squats,
step-ups, hip thrusts and calf raises (004), anti-rotation core such as the Pallof press
(001, 004), upper-body pulls and presses, "hinge-to-row patterns, step-ups, and pallof
presses" (001); box jumps and bounding only in the plyometrics session (004: once a
strength base exists). Main lifts name the one-repetition maximum (`athlete.lifts`) their
load is taken from.

Each exercise counts its sets for its `primary` muscle group, and for a `secondary` group
only where that group still wants at least as many sets (so a session's sets per group are
met exactly, never exceeded: `strength.allocate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hybridplan.models.athlete import Lift
from hybridplan.models.session import Muscle

Role = Literal["main", "accessory", "core", "plyo"]


@dataclass(frozen=True)
class Move:
    name: str
    primary: Muscle
    secondary: tuple[Muscle, ...] = ()
    role: Role = "accessory"
    lift: Lift | None = None  # the 1RM it is loaded from (athlete.lifts key)
    max_sets: int = 4


BACK_SQUAT = Move("back squat", "quads", ("glutes",), "main", "back_squat", 5)
RDL = Move("Romanian deadlift", "hamstrings", ("glutes",), "main", "romanian_deadlift", 4)
DEADLIFT = Move("deadlift", "hamstrings", ("glutes", "back"), "main", "deadlift", 3)
BENCH = Move("bench press", "chest", (), "main", "bench_press", 5)
ROW = Move("barbell row", "back", (), "main", "barbell_row", 5)
OHP = Move("overhead press", "shoulders", (), "main", "overhead_press", 4)
HIP_THRUST = Move("hip thrust", "glutes", (), "accessory", "hip_thrust", 3)
CALF_RAISE = Move("standing calf raise", "calves", (), "accessory", None, 4)
PALLOF = Move("Pallof press (each side)", "core", (), "core", None, 3)
DEAD_BUG = Move("dead bug", "core", (), "core", None, 2)

GYM: dict[str, tuple[Move, ...]] = {
    "lower_heavy": (BACK_SQUAT, RDL, CALF_RAISE, PALLOF),
    "lower_light": (
        Move("Bulgarian split squat (each leg)", "quads", ("glutes",), max_sets=2),
        Move("step-up (each leg)", "quads", ("glutes",), max_sets=3),
        Move("single-leg Romanian deadlift", "hamstrings", ("glutes",), max_sets=3),
        HIP_THRUST,
        CALF_RAISE,
        PALLOF,
    ),
    "posterior_chain": (
        DEADLIFT,
        HIP_THRUST,
        Move("Nordic hamstring curl", "hamstrings", max_sets=3),
        Move("chest-supported row", "back", max_sets=4),
        PALLOF,
    ),
    "upper": (
        BENCH,
        ROW,
        OHP,
        Move("pull-up", "back", ("arms",), max_sets=3),
        Move("biceps curl + triceps extension", "arms", max_sets=4),
        PALLOF,
    ),
    "full_body": (
        Move("back squat", "quads", ("glutes",), "main", "back_squat", 4),
        RDL,
        BENCH,
        ROW,
        OHP,
        CALF_RAISE,
        PALLOF,
    ),
    "core": (
        Move("Pallof press (each side)", "core", (), "core", None, 2),
        DEAD_BUG,
        Move("bird dog (each side)", "core", ("back",), "core", None, 2),
        Move("back extension", "back", max_sets=3),
    ),
    "plyometrics": (
        Move("box jump", "quads", ("glutes",), "plyo", None, 3),
        Move("bounding", "calves", ("glutes",), "plyo", None, 2),
        Move("pogo jumps", "calves", (), "plyo", None, 3),
    ),
}

_BW_LOWER = (
    Move("bodyweight squat", "quads", ("glutes",), max_sets=2),
    Move("reverse lunge (each leg)", "quads", ("glutes",), max_sets=3),
    Move("single-leg glute bridge", "hamstrings", ("glutes",), max_sets=3),
    Move("glute bridge", "glutes", max_sets=3),
    Move("calf raise", "calves", max_sets=4),
    DEAD_BUG,
)
BODYWEIGHT: dict[str, tuple[Move, ...]] = {
    "lower_heavy": _BW_LOWER,
    "lower_light": _BW_LOWER,
    "posterior_chain": _BW_LOWER,
    "upper": (
        Move("push-up", "chest", ("arms",), max_sets=3),
        Move("inverted row", "back", max_sets=3),
        Move("pike push-up", "shoulders", max_sets=3),
        Move("chair dip", "arms", max_sets=3),
        DEAD_BUG,
    ),
    "full_body": (
        Move("bodyweight squat", "quads", ("glutes",), max_sets=3),
        Move("single-leg glute bridge", "hamstrings", ("glutes",), max_sets=3),
        Move("push-up", "chest", max_sets=3),
        Move("inverted row", "back", max_sets=3),
        Move("pike push-up", "shoulders", max_sets=3),
        Move("calf raise", "calves", max_sets=3),
        DEAD_BUG,
    ),
    "core": GYM["core"],
    "plyometrics": GYM["plyometrics"],
}

# Whatever a session still wants after its template (a scenario's own sessions can ask
# for anything): one exercise per muscle group takes the rest.
FILL_GYM: dict[str, Move] = {
    "quads": Move("leg press", "quads", max_sets=100),
    "hamstrings": Move("hamstring curl", "hamstrings", max_sets=100),
    "glutes": Move("hip thrust", "glutes", (), "accessory", "hip_thrust", 100),
    "calves": Move("seated calf raise", "calves", max_sets=100),
    "chest": Move("dumbbell bench press", "chest", max_sets=100),
    "back": Move("lat pulldown", "back", max_sets=100),
    "shoulders": Move("lateral raise", "shoulders", max_sets=100),
    "arms": Move("biceps curl + triceps extension", "arms", max_sets=100),
    "core": Move("dead bug", "core", (), "core", None, 100),
}
FILL_BODYWEIGHT: dict[str, Move] = {
    "quads": Move("split squat (each leg)", "quads", max_sets=100),
    "hamstrings": Move("single-leg glute bridge", "hamstrings", max_sets=100),
    "glutes": Move("glute bridge", "glutes", max_sets=100),
    "calves": Move("calf raise", "calves", max_sets=100),
    "chest": Move("push-up", "chest", max_sets=100),
    "back": Move("inverted row", "back", max_sets=100),
    "shoulders": Move("pike push-up", "shoulders", max_sets=100),
    "arms": Move("chair dip", "arms", max_sets=100),
    "core": Move("dead bug", "core", (), "core", None, 100),
}
