"""Random but realistic scenarios for scale tests and benchmarks. The same seed gives the
same files. A known share (every scenario named `...-infeasible`) is infeasible by
construction: more sessions wanted than there are free slots."""

from __future__ import annotations

import random
from typing import Any

from hybridplan.models.week import DAYS

PROFILES: dict[str, dict[str, Any]] = {
    # runs, strength, quality, set range: after the domain brief's figures
    "marathon": {"runs": (4, 5), "strength": (2, 2), "quality": (1, 2), "sets": (4, 8)},
    "offseason": {"runs": (2, 3), "strength": (3, 4), "quality": (0, 1), "sets": (8, 14)},
    "busy": {"runs": (2, 3), "strength": (1, 2), "quality": (0, 1), "sets": (3, 8)},
    "hypertrophy": {"runs": (2, 3), "strength": (3, 4), "quality": (0, 1), "sets": (10, 16)},
    "beginner": {"runs": (3, 3), "strength": (2, 2), "quality": (0, 0), "sets": (2, 6)},
}
MUSCLE_SETS = ("quads", "hamstrings", "glutes", "calves", "chest", "back", "shoulders", "core")
RULE_SETS = ("balanced", "balanced", "stacked", "strict", "minimal")


def generate(count: int, seed: int, infeasible_share: float = 0.1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [_one(rng, i, rng.random() < infeasible_share) for i in range(1, count + 1)]


def _one(rng: random.Random, index: int, infeasible: bool) -> dict[str, Any]:
    profile_name = rng.choice(sorted(PROFILES))
    profile = PROFILES[profile_name]
    runs_lo, runs_hi = profile["runs"]
    lifts_lo, lifts_hi = profile["strength"]
    long_day = rng.choice(("sat", "sun"))
    rest_day = "sun" if long_day == "sat" else "mon"
    availability: dict[str, dict[str, int]] = {}
    for day in DAYS:
        if day == rest_day:
            continue
        if day == long_day:
            availability[day] = {"am": rng.choice((120, 150, 180))}
            continue
        slots = {}
        if rng.random() < 0.6:
            slots["am"] = rng.choice((30, 45, 60))
        if rng.random() < 0.85:
            slots["pm"] = rng.choice((45, 60, 75, 90))
        if slots:
            availability[day] = slots
    runs = [runs_lo, runs_hi]
    strength = [lifts_lo, lifts_hi]
    free_slots = sum(len(s) for s in availability.values())
    if infeasible:
        # more sessions wanted than slots: no rule set can plan it
        runs = [runs_lo + 2, runs_hi + 2]
        strength = [max(lifts_lo, free_slots - runs[0] + 1)] * 2
    lo, hi = profile["sets"]
    chosen = rng.sample(MUSCLE_SETS, k=rng.randint(3, len(MUSCLE_SETS)))
    name = f"gen-{index:05d}" + ("-infeasible" if infeasible else "")
    data: dict[str, Any] = {
        "name": name,
        "description": f"generated ({profile_name}); "
        + (
            "infeasible by construction: more sessions than free slots"
            if infeasible
            else "realistic random week"
        ),
        "phase": rng.choice(("base", "build", "peak", "offseason")),
        "availability": availability,
        "weekly_minutes": rng.choice((None, 300, 360, 420, 480, 540)),
        "targets": {
            "runs": runs,
            "strength": strength,
            "long_run": 1,
            "quality_runs": list(profile["quality"]),
            "run_minutes": rng.choice((None, 150, 180, 210, 240)),
            "sets": {m: [lo, hi] for m in sorted(chosen)},
        },
        "preferences": {"long_run_day": long_day, "rest_days": [rest_day]},
        "equipment": "none" if profile_name == "beginner" else "gym",
        "rules": rng.choice(RULE_SETS),
    }
    if data["weekly_minutes"] is None:
        del data["weekly_minutes"]
    if data["targets"]["run_minutes"] is None:
        del data["targets"]["run_minutes"]
    return data
