"""Bodyweight progressions as a coach writes them (issue: bodyweight strength got easier
over a block), sharing no code with hybridplan: with no load to add, a bodyweight exercise
gets harder by its variation, 8-12 reps at RPE 7-8 (RIR 2-3) with a slow lowering, and a
deload or taper week goes back a variation or cuts reps.

Each progression is a list, easiest first: split squat -> rear-foot-elevated split squat;
glute bridge -> single-leg bridge -> shoulders-elevated hip thrust; incline push-up ->
push-up -> feet-elevated push-up; and their like for the other movements. A name is in one
progression only; words in brackets ('(each leg)') are not part of it."""

from __future__ import annotations

import re

PROGRESSIONS: dict[str, tuple[str, ...]] = {
    "squat": ("bodyweight squat", "split squat", "rear-foot-elevated split squat",
              "single-leg box squat"),
    "lunge": ("reverse lunge", "step-up", "deficit reverse lunge", "skater squat"),
    "leg curl": ("hamstring bridge", "sliding leg curl", "single-leg sliding leg curl"),
    "hinge": ("single-leg Romanian deadlift", "single-leg hamstring bridge",
              "hamstring walkout"),
    "bridge": ("glute bridge", "single-leg glute bridge", "shoulders-elevated hip thrust",
               "single-leg hip thrust"),
    "split bridge": ("glute bridge march", "B-stance glute bridge", "B-stance hip thrust",
                     "paused single-leg hip thrust"),
    "calf": ("calf raise", "single-leg calf raise", "single-leg calf raise off a step"),
    "soleus": ("bent-knee calf raise", "single-leg bent-knee calf raise",
               "single-leg bent-knee calf raise off a step"),
    "push": ("incline push-up", "push-up", "feet-elevated push-up", "archer push-up"),
    "wide push": ("kneeling push-up", "wide-grip push-up", "deficit push-up",
                  "feet-elevated deficit push-up"),
    "row": ("bent-knee inverted row", "inverted row", "feet-elevated inverted row"),
    "underhand row": ("bent-knee underhand inverted row", "underhand inverted row",
                      "single-arm inverted row"),
    "shoulders": ("prone Y-T-W raise", "pike push-up", "feet-elevated pike push-up"),
    "paused shoulders": ("wall slide", "paused pike push-up",
                         "paused feet-elevated pike push-up"),
    "dip": ("bent-knee chair dip", "chair dip", "straight-leg chair dip"),
    "close push": ("close-grip incline push-up", "close-grip push-up", "diamond push-up"),
    "back extension": ("back extension",),
}  # fmt: skip

REPS = (8, 12)  # a variation's reps
RIR = (2, 3)  # RPE 7-8


def plain(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def where(name: str) -> tuple[str, int]:
    """(progression, its place in it: 0 the easiest) of an exercise's name; KeyError for a
    name in none."""
    key = plain(name)
    for progression, names in PROGRESSIONS.items():
        if key in names:
            return progression, names.index(key)
    raise KeyError(name)
