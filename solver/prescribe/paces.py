"""Training paces from a race time: Jack Daniels' VDOT.

Daniels and Gilbert (Oxygen Power, 1979) fitted two curves to the performances of trained
runners; Daniels' Running Formula (2nd ed. 2005, 3rd ed. 2014) builds its pace tables on
them:

- the oxygen cost of running at v metres per minute (ml/kg/min):
  VO2(v) = -4.60 + 0.182258 v + 0.000104 v²
- the share of VO2max that can be held for t minutes:
  share(t) = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)

A race of d metres in t minutes gives VDOT = VO2(d / t) / share(t) (a "pseudo VO2max"
that folds in running economy). A training pace is the velocity whose oxygen cost is a
share of VDOT, so every pace follows from one race:

| pace | share of VDOT | what for (Daniels) |
|---|---|---|
| E (easy, long) | 62-70%; the tables' single E pace is 67% | easy and long runs, warm-ups |
| recovery | 59-65% | recovery runs, jogs between reps |
| M (marathon) | the marathon time the VDOT predicts | marathon-pace segments |
| T (threshold) | 88% | tempo runs, cruise intervals |
| I (interval) | 97.5% | 3-5 min repeats |
| R (repetition) | I pace less 6 s per 400 m | strides, short fast reps |

The shares were checked against the published tables (Daniels' Running Formula, 2nd ed.,
Tables 3.1 and 3.2): T, I, R, M and the single E pace fall within 3 s per km of the table
for VDOT 40-60 (tests/prescribe/test_paces.py lists the rows). A threshold pace given
instead of a race is T at 88%, which fixes the VDOT the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hybridplan.models.athlete import MILE_KM, Athlete

E_FAST, E_REFERENCE, E_SLOW = 0.70, 0.67, 0.62
RECOVERY_FAST, RECOVERY_SLOW = 0.65, 0.59
T_SHARE = 0.88
I_SHARE = 0.975
R_FASTER_PER_400 = 6.0  # seconds (Daniels: R is about 6 s per 400 m faster than I)
MARATHON_METRES = 42195.0


def oxygen_cost(v: float) -> float:
    """VO2 (ml/kg/min) of running at v metres per minute (Daniels & Gilbert)."""
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def sustainable_share(minutes: float) -> float:
    """The share of VO2max that can be held for `minutes` (Daniels & Gilbert)."""
    return (
        0.8
        + 0.1894393 * math.exp(-0.012778 * minutes)
        + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def velocity(vo2: float) -> float:
    """Metres per minute whose oxygen cost is `vo2` (the root of the cost quadratic)."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def vdot(metres: float, seconds: float) -> float:
    """The VDOT of a race of `metres` run in `seconds`."""
    minutes = seconds / 60
    return oxygen_cost(metres / minutes) / sustainable_share(minutes)


def race_seconds(value: float, metres: float) -> float:
    """The time (seconds) a runner of VDOT `value` is predicted to run `metres` in: the t
    where vdot(metres, t) == value (vdot falls as t grows; bisection)."""
    low, high = metres / 1000 * 60, metres / 20 * 60  # 1000 m/min to 20 m/min
    for _ in range(80):
        mid = (low + high) / 2
        if vdot(metres, mid) > value:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def vdot_from_threshold(seconds_per_km: float) -> float:
    """The VDOT whose T pace (88%) is `seconds_per_km`."""
    return oxygen_cost(60000 / seconds_per_km) / T_SHARE


def _pace(value: float, share: float) -> float:
    """Seconds per km at `share` of VDOT `value`."""
    return 60000 / velocity(share * value)


@dataclass(frozen=True)
class TrainingPaces:
    """Daniels' training paces for one VDOT, in seconds per km; bands are (fast, slow)."""

    vdot: float
    easy: tuple[float, float]
    easy_reference: float
    recovery: tuple[float, float]
    marathon: float
    threshold: float
    interval: float
    repetition: float


def training_paces(value: float) -> TrainingPaces:
    interval = _pace(value, I_SHARE)
    return TrainingPaces(
        vdot=value,
        easy=(_pace(value, E_FAST), _pace(value, E_SLOW)),
        easy_reference=_pace(value, E_REFERENCE),
        recovery=(_pace(value, RECOVERY_FAST), _pace(value, RECOVERY_SLOW)),
        marathon=race_seconds(value, MARATHON_METRES) / (MARATHON_METRES / 1000),
        threshold=_pace(value, T_SHARE),
        interval=interval,
        repetition=interval - R_FASTER_PER_400 * 2.5,
    )


def athlete_vdot(athlete: Athlete | None) -> float | None:
    """The athlete's VDOT from a recent race or a threshold pace; None without either."""
    if athlete is None:
        return None
    if athlete.recent_race is not None:
        return vdot(athlete.recent_race.metres, athlete.recent_race.seconds)
    threshold = athlete.threshold_seconds_per_km
    return vdot_from_threshold(threshold) if threshold is not None else None


def athlete_paces(athlete: Athlete | None) -> TrainingPaces | None:
    value = athlete_vdot(athlete)
    return training_paces(value) if value is not None else None


def per_unit(seconds_per_km: float, unit: str) -> float:
    return seconds_per_km * MILE_KM if unit == "mile" else seconds_per_km


def pace_text(seconds_per_km: float, unit: str = "km") -> str:
    """'4:38' for 278 s per km (per mile when unit is mile), to the nearest second."""
    seconds = round(per_unit(seconds_per_km, unit))
    return f"{seconds // 60}:{seconds % 60:02d}"
