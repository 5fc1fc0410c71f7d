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

Variants (without them a block repeats one session 22 times): `variant()` copies a move with
another name and load source but the same muscle groups, role and most sets, so a variant
always takes the same sets as the move it stands for and the session's sets per group
still add up. Three tables of them, which `session_moves` applies:

- `WEEKLY`: accessories and core, rotated week by week (and by day, so that two sessions
  of one type in a week differ): variety for the small muscles and joints, where nothing
  is being progressed by load over weeks.
- `SECOND`: the main lifts of the week's second session of a type (front squat, trap-bar
  deadlift, incline bench press...): full body A / B. The main lifts themselves stay the
  same through the block, so their loads climb phase by phase from the same 1RM and a
  deload or taper week drops the same lift (004: +2-5% load; 001: raise it every few
  weeks); a coach keeps the key lift and changes what is around it.
- `EASIER`: first exposures (the first two weeks, a beginner's or an athlete's without a
  1RM): goblet squat for the back squat, a kettlebell deadlift for the deadlift, dumbbell
  presses and a chest-supported row; never Nordic curls (a hamstring bridge instead).

Bodyweight work (`LADDERS`) progresses by harder variations, since there is no load to add
(a coach's way: split squat -> rear-foot-elevated split squat; glute bridge -> single-leg
bridge -> shoulders-elevated hip thrust; incline push-up -> push-up -> feet-elevated
push-up): each bodyweight move is a ladder of rungs, easiest first, each rung an A and a
B variation of about the same difficulty (the week's first and second session of a type).
`strength.bodyweight_rung` says which rung and how many reps (8 -> 12 on a rung, then the
next rung at fewer reps); every rung is a `variant` of the move, so it counts the same
muscle groups.

Loads of a variant without its own 1RM are estimated from a lift the athlete gave, by the
ratios coaches use (`estimate`: front squat about 0.8 x back squat, Romanian deadlift 0.7 x
deadlift, overhead press 0.65 x bench press, incline bench press 0.85 x bench press,
trap-bar deadlift 0.9 x deadlift: conservative, most lift as much as their deadlift or
more). The ratios are population rules of thumb, so the kg is shown as an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    # without its own 1RM: (the lift its 1RM is estimated from, the ratio)
    estimate: tuple[Lift, float] | None = None
    max_reps: int | None = None  # a cap whatever the phase (Nordic curls: eccentric work)
    # its sets never above max_sets, even to absorb another exercise's lone set
    # (`strength.allocate`): Nordic curls, eccentric work
    hard_cap: bool = False
    reps: int | None = None  # bodyweight: the reps its ladder's rung gives (`session_moves`)

    @property
    def sides(self) -> int:
        """2 when the reps are per leg, side or arm ('(each leg)'): twice the time."""
        return 2 if "(each " in self.name else 1


def variant(
    move: Move, name: str, lift: Lift | None = None,
    estimate: tuple[Lift, float] | None = None, max_reps: int | None = None,
) -> Move:  # fmt: skip
    """`move` under another name and load source: the same muscle groups, role and most
    sets, so it takes exactly the sets `move` would (`strength.allocate` reads only those)."""
    return replace(move, name=name, lift=lift, estimate=estimate, max_reps=max_reps)


BACK_SQUAT = Move("back squat", "quads", ("glutes",), "main", "back_squat", 5)
RDL = Move(
    "Romanian deadlift",
    "hamstrings",
    ("glutes",),
    "main",
    "romanian_deadlift",
    4,
    ("deadlift", 0.7),
)
DEADLIFT = Move("deadlift", "hamstrings", ("glutes", "back"), "main", "deadlift", 3)
BENCH = Move("bench press", "chest", (), "main", "bench_press", 5)
ROW = Move("barbell row", "back", (), "main", "barbell_row", 5)
OHP = Move("overhead press", "shoulders", (), "main", "overhead_press", 4, ("bench_press", 0.65))
HIP_THRUST = Move("hip thrust", "glutes", (), "accessory", "hip_thrust", 3)
CALF_RAISE = Move("standing calf raise", "calves", (), "accessory", None, 4)
PALLOF = Move("Pallof press (each side)", "core", (), "core", None, 3)
DEAD_BUG = Move("dead bug", "core", (), "core", None, 2)
# eccentric-heavy: at most 3 x 5 (the sets cap is max_sets), never in a first exposure
NORDIC = Move("Nordic hamstring curl", "hamstrings", max_sets=3, max_reps=5, hard_cap=True)

GYM: dict[str, tuple[Move, ...]] = {
    "lower_heavy": (BACK_SQUAT, RDL, CALF_RAISE, PALLOF),
    "lower_light": (
        Move("Bulgarian split squat (each leg)", "quads", ("glutes",), max_sets=2),
        Move("step-up (each leg)", "quads", ("glutes",), max_sets=3),
        Move("single-leg Romanian deadlift (each leg)", "hamstrings", ("glutes",), max_sets=3),
        HIP_THRUST,
        CALF_RAISE,
        PALLOF,
    ),
    "posterior_chain": (
        DEADLIFT,
        HIP_THRUST,
        NORDIC,
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

# Bodyweight moves are named by their ladder's first rung (`LADDERS`).
_BW_LOWER = (
    Move("bodyweight squat", "quads", ("glutes",), max_sets=3),
    Move("hamstring bridge", "hamstrings", ("glutes",), max_sets=3),
    Move("glute bridge", "glutes", max_sets=3),
    Move("calf raise", "calves", max_sets=4),
    DEAD_BUG,
)
BODYWEIGHT: dict[str, tuple[Move, ...]] = {
    "lower_heavy": _BW_LOWER,
    "lower_light": _BW_LOWER,
    "posterior_chain": _BW_LOWER,
    "upper": (
        Move("incline push-up", "chest", ("arms",), max_sets=3),
        Move("bent-knee inverted row", "back", max_sets=3),
        Move("prone Y-T-W raise", "shoulders", max_sets=3),
        Move("bent-knee chair dip", "arms", max_sets=3),
        DEAD_BUG,
    ),
    "full_body": (
        Move("bodyweight squat", "quads", ("glutes",), max_sets=3),
        Move("hamstring bridge", "hamstrings", ("glutes",), max_sets=3),
        Move("incline push-up", "chest", max_sets=3),
        Move("bent-knee inverted row", "back", max_sets=3),
        Move("prone Y-T-W raise", "shoulders", max_sets=3),
        Move("calf raise", "calves", max_sets=3),
        DEAD_BUG,
    ),
    "core": GYM["core"],
    "plyometrics": GYM["plyometrics"],
}

# Bodyweight ladders: first rung's name -> rungs, easiest first, each (A, B): the week's
# first and second session of a type take the two names of the same rung. Every rung is a
# variant of the move (the same muscle groups and sets), for 8-12 reps at RPE 7-8 with a
# slow 3 s lowering; the harder rung when 12 have become easy.
LADDERS: dict[str, tuple[tuple[str, str], ...]] = {
    "bodyweight squat": (
        ("bodyweight squat", "reverse lunge (each leg)"),
        ("split squat (each leg)", "step-up (each leg)"),
        ("rear-foot-elevated split squat (each leg)", "deficit reverse lunge (each leg)"),
        ("single-leg box squat (each leg)", "skater squat (each leg)"),
    ),
    "hamstring bridge": (
        ("hamstring bridge", "single-leg Romanian deadlift (each leg)"),
        ("sliding leg curl", "single-leg hamstring bridge (each leg)"),
        ("single-leg sliding leg curl (each leg)", "hamstring walkout"),
    ),
    "glute bridge": (
        ("glute bridge", "glute bridge march"),
        ("single-leg glute bridge (each leg)", "B-stance glute bridge (each leg)"),
        ("shoulders-elevated hip thrust", "B-stance hip thrust (each leg)"),
        ("single-leg hip thrust (each leg)", "paused single-leg hip thrust (each leg)"),
    ),
    "calf raise": (
        ("calf raise", "bent-knee calf raise"),
        ("single-leg calf raise (each leg)", "single-leg bent-knee calf raise (each leg)"),
        ("single-leg calf raise off a step (each leg)",
         "single-leg bent-knee calf raise off a step (each leg)"),
    ),
    "incline push-up": (
        ("incline push-up", "kneeling push-up"),
        ("push-up", "wide-grip push-up"),
        ("feet-elevated push-up", "deficit push-up"),
        ("archer push-up (each side)", "feet-elevated deficit push-up"),
    ),
    "bent-knee inverted row": (
        ("bent-knee inverted row", "bent-knee underhand inverted row"),
        ("inverted row", "underhand inverted row"),
        ("feet-elevated inverted row", "single-arm inverted row (each arm)"),
    ),
    "prone Y-T-W raise": (
        ("prone Y-T-W raise", "wall slide"),
        ("pike push-up", "paused pike push-up"),
        ("feet-elevated pike push-up", "paused feet-elevated pike push-up"),
    ),
    "bent-knee chair dip": (
        ("bent-knee chair dip", "close-grip incline push-up"),
        ("chair dip", "close-grip push-up"),
        ("straight-leg chair dip", "diamond push-up"),
    ),
}  # fmt: skip
Rung = tuple[int, int, bool]  # a ladder's rung (0: the first), the reps, B (not A)
LOW_REPS, TOP_REPS = 8, 12  # a rung's reps: from 8 to 12, then the next rung

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
    "hamstrings": Move("single-leg glute bridge (each leg)", "hamstrings", max_sets=100),
    "glutes": Move("glute bridge", "glutes", max_sets=100),
    "calves": Move("calf raise", "calves", max_sets=100),
    "chest": Move("push-up", "chest", max_sets=100),
    "back": Move("inverted row", "back", max_sets=100),
    "shoulders": Move("pike push-up", "shoulders", max_sets=100),
    "arms": Move("chair dip", "arms", max_sets=100),
    "core": Move("dead bug", "core", (), "core", None, 100),
}

# ------------------------------------------------------------------------------ variants
# name -> the names it rotates through, week by week (the first is the move itself); the
# same muscle groups by construction (`variant`).
WEEKLY: dict[str, tuple[str, ...]] = {
    # gym accessories
    "standing calf raise": (
        "standing calf raise", "seated calf raise", "single-leg calf raise (each leg)",
    ),
    "Pallof press (each side)": (
        "Pallof press (each side)", "half-kneeling cable chop (each side)",
        "suitcase march (each side)",
    ),
    "dead bug": ("dead bug", "reverse crunch"),
    "Bulgarian split squat (each leg)": (
        "Bulgarian split squat (each leg)", "reverse lunge (each leg)",
        "walking lunge (each leg)",
    ),
    "step-up (each leg)": ("step-up (each leg)", "lateral step-up (each leg)"),
    "single-leg Romanian deadlift (each leg)": (
        "single-leg Romanian deadlift (each leg)", "hamstring curl", "kettlebell swing",
    ),
    "hip thrust": ("hip thrust", "single-leg hip thrust (each leg)", "cable pull-through"),
    "Nordic hamstring curl": (
        "Nordic hamstring curl", "hamstring curl", "single-leg Romanian deadlift (each leg)",
    ),
    "chest-supported row": (
        "chest-supported row", "single-arm dumbbell row (each arm)", "seated cable row",
    ),
    "pull-up": ("pull-up", "lat pulldown", "chin-up"),
    "biceps curl + triceps extension": (
        "biceps curl + triceps extension", "hammer curl + triceps pushdown",
    ),
}  # fmt: skip

# main lift -> (name, its own 1RM, or the 1RM it is estimated from and the ratio): the
# main lifts of the week's second session of a type (A / B)
SECOND: dict[str, tuple[str, Lift | None, tuple[Lift, float] | None]] = {
    "back squat": ("front squat", None, ("back_squat", 0.8)),
    "deadlift": ("trap-bar deadlift", None, ("deadlift", 0.9)),
    "bench press": ("incline bench press", None, ("bench_press", 0.85)),
    "barbell row": ("chest-supported row", None, None),
    "overhead press": ("seated dumbbell shoulder press", None, None),
}

# first exposures: the easier variant (main lifts for a novice; Nordic curls for everyone)
EASIER: dict[str, str] = {
    "back squat": "goblet squat",
    "front squat": "goblet squat",
    "deadlift": "kettlebell deadlift",
    "trap-bar deadlift": "kettlebell deadlift",
    "Romanian deadlift": "dumbbell Romanian deadlift",
    "bench press": "dumbbell bench press",
    "incline bench press": "dumbbell bench press",
    "barbell row": "chest-supported row",
    "overhead press": "seated dumbbell shoulder press",
    "Bulgarian split squat (each leg)": "split squat (each leg)",
}
GENTLE_HAMSTRINGS = "hamstring bridge"  # for Nordic curls where they do not belong


def session_moves(
    kind: str, bodyweight: bool, turn: int, second: bool, first: bool, novice: bool,
    easy: bool, rung: Rung | None = None,
) -> tuple[Move, ...]:  # fmt: skip
    """A session type's moves: accessories and core at their `turn` of `WEEKLY` (it moves
    on a step a week, and a step more for the week's second session of the type), the
    main lifts' `SECOND` variants in the week's `second` session of the type, and in a
    `first` exposure (the first weeks) the easier variants: every athlete's Nordic curls,
    and a `novice`'s main lifts. Nordic curls stay out of `easy` (deload and taper) weeks
    too: the soreness of eccentric work is what those weeks shed. Given a `rung` (the
    loaded weeks' rung of a bodyweight session), its laddered moves take that rung's
    variation (its A or B name; past a ladder's last rung, its last at `TOP_REPS`) and
    reps, a rung back in `easy` weeks (on the first rung, 2 reps fewer); its other
    accessories `TOP_REPS` (2 fewer in `easy` weeks). Without one, the plain moves."""
    moves = (BODYWEIGHT if bodyweight else GYM).get(kind, ())
    if first and novice:  # a novice's first weeks repeat the plain moves: learning them
        turn = 0
    out = []
    for move in moves:
        if bodyweight and move.name in LADDERS and rung is not None:
            level, reps, b = rung
            rungs = LADDERS[move.name]
            if level >= len(rungs):  # past the last rung: the last, at its most reps
                level, reps = len(rungs) - 1, TOP_REPS
            if easy:  # deload and taper: a rung back, or fewer reps on the first
                level, reps = (level - 1, reps) if level else (0, max(LOW_REPS, reps - 2))
            name = rungs[level][int(b)]
            if name != move.name:
                move = variant(move, name)
            out.append(replace(move, reps=reps))
            continue
        if move.role == "main" and second and move.name in SECOND:
            name, lift, ratio = SECOND[move.name]
            move = variant(move, name, lift, ratio)
        elif move.role != "main" and move.name in WEEKLY:
            names = WEEKLY[move.name]
            if names[turn % len(names)] != move.name:
                move = variant(move, names[turn % len(names)])
        if move.name == NORDIC.name and (first or easy):
            move = variant(move, GENTLE_HAMSTRINGS)
        elif first and novice and move.name in EASIER:
            move = variant(move, EASIER[move.name])
        if bodyweight and rung is not None and move.role == "accessory":
            # no ladder, so no rung's reps (they start again on each rung): its most reps,
            # fewer in easy weeks
            move = replace(move, reps=TOP_REPS - (2 if easy else 0))
        out.append(move)
    return tuple(out)
