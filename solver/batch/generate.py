"""Random but realistic scenarios for scale tests and benchmarks: weeks, and race blocks of
several weeks that end in a race. The same seed gives the same files. A known share of the
weeks (every scenario named `...-infeasible`) is infeasible by construction: more sessions
wanted than there are free slots."""

from __future__ import annotations

import datetime as dt
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


def generate(
    count: int, seed: int, infeasible_share: float = 0.1, blocks: int = 0
) -> list[dict[str, Any]]:
    """`count` weeks, then `blocks` race blocks (from their own random stream, so adding
    blocks never changes the weeks)."""
    rng = random.Random(seed)
    weeks = [_one(rng, i, rng.random() < infeasible_share) for i in range(1, count + 1)]
    block_rng = random.Random(f"blocks-{seed}")
    return weeks + [_block(block_rng, i) for i in range(1, blocks + 1)]


# A race block per distance: weeks, the build level of running minutes, the longest slot
# the long run gets (room for the distance's peak), a typical finish.
RACES: dict[str, dict[str, Any]] = {
    "5k": {"weeks": (6, 8), "run_minutes": (120, 160), "long": (90, 120), "finish": "24:00"},
    "10k": {"weeks": (6, 10), "run_minutes": (150, 190), "long": (105, 150), "finish": "50:00"},
    "half": {"weeks": (8, 12), "run_minutes": (180, 230), "long": (120, 180), "finish": "1:55:00"},
    "marathon": {
        "weeks": (10, 16), "run_minutes": (220, 270), "long": (150, 210), "finish": "4:10:00",
    },
}  # fmt: skip
FIRST_MONDAY = dt.date(2027, 1, 4)


def _block(rng: random.Random, index: int) -> dict[str, Any]:
    """A race block: base, build, peak and taper with deloads, the race on the last
    Saturday or Sunday, a weekly calendar with room for the long run on the weekend."""
    distance = rng.choice(sorted(RACES))
    race = RACES[distance]
    weeks = rng.randint(*race["weeks"])
    start = FIRST_MONDAY + dt.timedelta(weeks=rng.randint(0, 30))
    race_day = rng.choice(("sat", "sun"))
    long_day = "sun" if race_day == "sat" else rng.choice(("sat", "sun"))
    long_day = "sat" if long_day == race_day and rng.random() < 0.5 else long_day
    rest_day = rng.choice(("mon", "fri"))
    availability: dict[str, dict[str, int]] = {}
    for day in DAYS:
        if day == rest_day:
            continue
        if day == long_day:
            availability[day] = {"am": rng.choice(race["long"])}
            continue
        slots = {}
        if rng.random() < 0.5:
            slots["am"] = rng.choice((45, 60))
        if rng.random() < 0.9:
            slots["pm"] = rng.choice((60, 75, 90))
        if slots:
            availability[day] = slots
    chosen = rng.sample(MUSCLE_SETS, k=rng.randint(3, 6))
    data: dict[str, Any] = {
        "name": f"race-{index:04d}-{distance}-{weeks}w",
        "description": f"generated race block: {weeks} weeks to a {distance}",
        "start": start.isoformat(),
        "weeks": weeks,
        "race": {
            "date": (start + dt.timedelta(weeks=weeks - 1, days=DAYS.index(race_day))).isoformat(),
            "distance": distance,
            "finish": race["finish"],
        },
        "availability": availability,
        "weekly_minutes": rng.choice((None, 450, 540)),
        "targets": {
            "runs": [4, 5] if distance in ("half", "marathon") else [3, 4],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": [1, 2],
            "run_minutes": rng.randint(*race["run_minutes"]) // 5 * 5,
            "sets": {m: [4, 8] for m in sorted(chosen)},
        },
        "preferences": {"long_run_day": long_day, "rest_days": [rest_day]},
        "rules": rng.choice(("balanced", "stacked", "strict")),
    }
    if data["weekly_minutes"] is None:
        del data["weekly_minutes"]
    return data


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
    # a week meant to be feasible has a slot for every session wanted and one to spare:
    # evenings are added (in day order, no random draw, so other weeks stay as they were)
    for day in DAYS:
        if sum(len(s) for s in availability.values()) > runs_lo + lifts_lo:
            break
        if day not in (rest_day, long_day) and "pm" not in availability.get(day, {}):
            availability.setdefault(day, {})["pm"] = 60
    availability = {d: availability[d] for d in DAYS if d in availability}
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
