"""Daniels' paces and per-session limits, written from their definitions alone (no code
shared with hybridplan.prescribe), to hold the run prescriptions to.

Paces (Daniels & Gilbert, Oxygen Power, 1979; Daniels' Running Formula):
- oxygen cost of running at v m/min: VO2 = -4.60 + 0.182258 v + 0.000104 v^2;
- share of VO2max held for t minutes: 0.8 + 0.1894393 e^(-0.012778 t)
  + 0.2989558 e^(-0.1932605 t);
- VDOT of a race = VO2(d / t) / share(t); a training pace is the speed whose cost is a
  share of VDOT: E 67% (band 62-70%), recovery 59-65%, T 88%, I 97.5%, R = I less 6 s per
  400 m, M = the marathon time the VDOT predicts.

Limits (Daniels' Running Formula, 3rd ed., ch. 4), one session's work at most: T 10% of the
week's distance; I 8% and 10 km; R 5% and 8 km; M 20%, 29 km and 110 minutes. A week's hard
running (T, I, R) at most 20% of its distance (the 80/20 intensity distribution).
"""

from __future__ import annotations

import math

MARATHON = 42195.0
RACE_METRES = {"5k": 5000.0, "10k": 10000.0, "half": 21097.5, "marathon": MARATHON}
MILE = 1.609344
SESSION_LIMITS = {  # share of the week's distance, km, minutes
    "threshold": (0.10, math.inf, math.inf),
    "interval": (0.08, 10.0, math.inf),
    "repetition": (0.05, 8.0, math.inf),
    "marathon": (0.20, 29.0, 110.0),
}
WEEK_HARD = 0.20
REFERENCE_VDOT = 40.0


def cost(v: float) -> float:
    return -4.60 + 0.182258 * v + 0.000104 * v**2


def held(t: float) -> float:
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)


def vdot_of(metres: float, seconds: float) -> float:
    t = seconds / 60
    return cost(metres / t) / held(t)


def speed_at(vo2: float) -> float:
    """m/min whose cost is vo2: solved by bisection (the writer solves the quadratic)."""
    low, high = 1.0, 2000.0
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if cost(mid) < vo2 else (low, mid)
    return (low + high) / 2


def pace_at(vdot: float, share: float) -> float:
    """Seconds per km at `share` of VDOT."""
    return 60000 / speed_at(vdot * share)


def predicted_seconds(vdot: float, metres: float) -> float:
    """The race time (seconds) a VDOT predicts: bisection on the time."""
    low, high = 60.0, 400000.0
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if vdot_of(metres, mid) > vdot else (low, mid)
    return (low + high) / 2


def paces(vdot: float) -> dict[str, float]:
    """Seconds per km of each intensity (recovery: the middle of its 59-65% band)."""
    interval = pace_at(vdot, 0.975)
    return {
        "easy": pace_at(vdot, 0.67),
        "recovery": pace_at(vdot, 0.62),
        "threshold": pace_at(vdot, 0.88),
        "interval": interval,
        "repetition": interval - 6 * 1000 / 400,
        "marathon": predicted_seconds(vdot, MARATHON) / (MARATHON / 1000),
        "easy_fast": pace_at(vdot, 0.70),
        "easy_slow": pace_at(vdot, 0.62),
    }


def athlete_vdot(athlete: dict[str, object] | None) -> float | None:
    if not athlete:
        return None
    race = athlete.get("recent_race")
    if isinstance(race, dict):
        metres = RACE_METRES[str(race["distance"])]
        return vdot_of(metres, clock_seconds(str(race["time"])))
    threshold = athlete.get("threshold_pace")
    if threshold:
        per_km = clock_seconds(str(threshold))
        if athlete.get("pace_unit") == "mile":
            per_km /= MILE
        return cost(60000 / per_km) / 0.88
    return None


def clock_seconds(text: str) -> float:
    out = 0
    for part in text.split(":"):
        out = out * 60 + int(part)
    return float(out)
