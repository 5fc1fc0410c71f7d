"""The training load of one logged activity, by a named method. The three are on
different scales (an hour at threshold is 100 rTSS, about 150-200 TRIMP and 420 session-RPE
units), so a fitness-fatigue curve is drawn with one method throughout
(`hybridplan.log.form.plan_form`), never with loads of two methods added up.

- **srpe**: session RPE x minutes (Foster et al. 2001, "A new approach to monitoring
  exercise training", J Strength Cond Res 15(1)), the load the plan's sessions carry.
  Works for every sport, strength included.
- **trimp**: Banister's training impulse from the average heart rate, in the form of
  Morton, Fitz-Clarke and Banister (1990, "Modeling human performance in running",
  J Appl Physiol 69(3)): minutes x HRr x 0.64 x e^(1.92 x HRr), HRr = (average - rest) /
  (max - rest), clamped to [0, 1]. The coefficients 0.64 and 1.92 are the men's; the
  women's (0.86, 1.67) weigh the same session 13-19% more over HRr 0.5-0.8. The scenario
  says nothing about sex, and since the fitness-fatigue model is linear in the loads, an
  almost constant factor scales fitness, fatigue and form alike: the shape of the curve
  and the sign of form do not depend on it. The maximum is `athlete.max_hr` (else
  threshold_hr / 0.90, as for the zones), the rest `athlete.rest_hr` (else 60 bpm,
  assumed and said).
- **rtss**: TrainingPeaks' running stress score: hours x IF^2 x 100, IF = average speed /
  threshold speed (threshold pace over average pace). rTSS proper uses normalised graded
  pace (pace adjusted for hills and for surges); an activity here carries only its
  distance and moving time, so the average pace stands in for it: a hilly or uneven run
  scores lower than TrainingPeaks would score it. The threshold pace is
  `athlete.threshold_pace`, else Daniels' T pace from `athlete.recent_race` (88% of
  VDOT, about the pace held for an hour: what functional threshold pace means).

Where a method cannot apply (no heart rate or no maximum for trimp; not a run, no
distance or no threshold pace for rtss) the load falls back to session RPE, and the
method used says so: the activity's own RPE, else `fallback_rpe` (the matched planned
session's), else the RPE of its sport (`SPORT_RPE`)."""

from __future__ import annotations

import math
from typing import Literal, get_args

from hybridplan.models.activity import Activity, Sport
from hybridplan.models.athlete import Athlete
from hybridplan.prescribe.paces import athlete_paces

Method = Literal["srpe", "trimp", "rtss"]
METHODS: tuple[str, ...] = get_args(Method)

SPORT_RPE: dict[Sport, int] = {"run": 5, "strength": 6, "mobility": 2, "other": 4}
"""The RPE of an activity with none of its own and no planned session: run 5 (the
catalogue's easy and long runs), strength 6 (its full-body sessions), mobility 2 (its
mobility sessions), other 4 ("somewhat hard" on Foster's CR-10: a ride or a swim)."""

DEFAULT_REST_HR = 60
"""The resting heart rate TRIMP assumes when the athlete gives none (bpm)."""

TRIMP_A, TRIMP_B = 0.64, 1.92  # Banister's weighting, men's coefficients (see above)


def srpe(minutes: float, rpe: float) -> float:
    """Session-RPE load: minutes x RPE."""
    return minutes * rpe


def trimp(minutes: float, avg_hr: float, rest_hr: float, max_hr: float) -> float:
    """Banister's TRIMP: minutes x HRr x 0.64 x e^(1.92 HRr), HRr clamped to [0, 1]."""
    reserve = min(1.0, max(0.0, (avg_hr - rest_hr) / (max_hr - rest_hr)))
    return minutes * reserve * TRIMP_A * math.exp(TRIMP_B * reserve)


def rtss(minutes: float, seconds_per_km: float, threshold_seconds_per_km: float) -> float:
    """Running stress score: hours x IF^2 x 100, IF = threshold pace / average pace."""
    intensity = threshold_seconds_per_km / seconds_per_km
    return minutes / 60 * intensity**2 * 100


def threshold_pace(athlete: Athlete | None) -> float | None:
    """The athlete's threshold pace in seconds per km: given, or Daniels' T from a race."""
    if athlete is None:
        return None
    if athlete.threshold_seconds_per_km is not None:
        return athlete.threshold_seconds_per_km
    paces = athlete_paces(athlete)
    return paces.threshold if paces is not None else None


def fallback(activity: Activity, fallback_rpe: float | None, why: str) -> tuple[int, str]:
    """Session-RPE load of an activity, saying where its RPE came from and why."""
    if activity.rpe is not None:
        rpe, whose = activity.rpe, "its own"
    elif fallback_rpe is not None:
        rpe, whose = fallback_rpe, "the planned session's"
    else:
        rpe, whose = SPORT_RPE[activity.sport], f"{activity.sport}'s usual"
    label = f"srpe: {why}, RPE {rpe:g} ({whose})" if why else f"srpe: RPE {rpe:g} ({whose})"
    return round(srpe(activity.minutes, rpe)), label


def activity_load(
    activity: Activity,
    athlete: Athlete | None,
    method: str,
    fallback_rpe: float | None = None,
) -> tuple[int, str]:
    """The activity's load by `method` and the method actually used, in words: "trimp",
    "rtss", or "srpe: <why the method did not apply>, RPE <n> (<whose>)"."""
    if method not in METHODS:
        raise ValueError(f"unknown load method {method!r}; one of {', '.join(METHODS)}")
    if method == "srpe":
        return fallback(activity, fallback_rpe, "")
    if method == "trimp":
        maximum = athlete.zone_max_hr if athlete is not None else None
        if activity.avg_hr is None:
            return fallback(activity, fallback_rpe, "no heart rate")
        if maximum is None:
            return fallback(activity, fallback_rpe, "no max_hr or threshold_hr")
        rest = athlete.rest_hr if athlete is not None else None
        load = trimp(activity.minutes, activity.avg_hr, rest or DEFAULT_REST_HR, maximum)
        label = "trimp" if rest else f"trimp (resting heart rate {DEFAULT_REST_HR} assumed)"
        return round(load), label
    if activity.sport != "run":
        return fallback(activity, fallback_rpe, f"rtss is for runs, not {activity.sport}")
    pace = activity.pace_seconds_per_km
    if pace is None:
        return fallback(activity, fallback_rpe, "no distance")
    threshold = threshold_pace(athlete)
    if threshold is None:
        return fallback(activity, fallback_rpe, "no threshold_pace or recent_race")
    return round(rtss(activity.minutes, pace, threshold)), "rtss"
