"""Paces and strength re-estimated from what the athlete did: races and hard workouts move
the VDOT the paces come from, lifts logged at a known RIR move the one-repetition maxima
the loads come from. Each change is one line for the plan's log, saying what changed and
why; the prescriptions made afterwards (`hybridplan.prescribe`) read the new athlete.

**VDOT** (Daniels & Gilbert's formula, `prescribe.paces.vdot`):

- A race (`Activity.race`, or an activity matched to a planned race) sets the VDOT in any
  direction: a race is the measurement Daniels asks for ("to train faster, you first must
  justify a higher VDOT by performing better in a race situation": J. Daniels, "Running
  Training, Part 4: Determining your current level of fitness", CoachesEducation.com,
  November 2000). A race within 3% of 5k, 10k, half or marathon is that distance (courses
  are measured to it; a watch reads a little long), other races from 1.5 km (the shortest
  distance of Daniels' tables) to the marathon count at their measured distance.
- A race implying a VDOT more than `RACE_JUMP` (5) away from the current one is not
  applied but reported ("check the file"). Daniels holds one VDOT unit every 4 to 6
  weeks to be what an effective programme gains (as quoted in "Measure of a Season",
  runawaylife.wordpress.com, 2010-10-29), so 5 units is 20 to 30 weeks of it, about the
  longest block this planner plans (26 weeks); and at VDOT 40-55 a unit is about 2% of a
  race's time, so 5 units (about 10%) is also beyond a watch's distance error. What is
  left: the wrong distance, a race flag on a training run, a time with stops.
- A tempo run (planned tempo, at least `TEMPO_MINUTES` (20) minutes, with a distance) is
  read as run at threshold pace (T, 88% of VDOT, `vdot_from_threshold`) over its whole
  average pace. It only raises the VDOT, never lowers it (a slow tempo says more about the
  day than the fitness), and an import's workouts raise it by at most `WORKOUT_STEP` (1)
  above where the import found it: Daniels' one unit at a time. The reading is
  conservative on purpose: the average takes in the warm-up, cool-down and any jogs, so it
  is slower than the T segments; a tempo run faster than T (a 20-minute effort raced
  would read about 8% high) is bounded by the step. After a race in the same import,
  workouts raise nothing (the race is the newer measurement).
- Intervals are left out: an activity holds one average pace, which mixes the reps (I
  pace, 97.5%) with the jogs between them in proportions the activity does not record, so
  it neither gives the I pace nor a bound worth raising paces on.
- Without a VDOT (no recent race, no threshold pace) a race sets the first one; workouts
  set none (there is nothing to raise from; Daniels takes a first VDOT from a race or a
  time trial, which an activity marks as a race).

The new VDOT is stored the way the athlete holds it, so the paces follow: a race becomes
`recent_race` (at a standard distance as run; at another distance as the time the VDOT
predicts at the nearest standard distance, `race_seconds`, nearest by the ratio of
distances), replacing a threshold pace; a workout's raise keeps the athlete's own form (the
recent race's distance with the VDOT's predicted time, or the threshold pace). Predicted
times and paces are rounded up to the whole second, so the stored VDOT never exceeds the
one logged.

**One-repetition maxima** (B. Epley, Boyd Epley Workout, 1985: 1RM = kg x (1 + reps /
30), reps to failure):

- Only sets logged with their reps in reserve (RIR), read as reps to failure = reps +
  RIR, and only up to `EPLEY_MAX_REPS` (10) reps to failure: the load falls off non-
  linearly with the reps, so a linear formula such as Epley's holds to about 10 (Reynolds,
  Gordon & Robergs, J Strength Cond Res 20(3):584-592, 2006: "no more than 10
  repetitions should be used in linear equations"; Whisenant et al., J Strength Cond Res
  17(2):221-227, 2003: the equations are more valid the fewer the reps). A single to
  failure is the 1RM itself.
- Exercise names map to the athlete's lifts by `ALIASES` (case, spaces, hyphens and
  underscores ignored: "Back Squat", "squat", "BARBELL_BACK_SQUAT" from a FIT file);
  variants with other maxima (front squat, trap-bar deadlift, incline bench press) map to
  nothing.
- The best estimate of an import per lift raises the 1RM, by at most `LIFT_STEP` (10%) an
  import: an RIR misjudged by 1 rep moves Epley's estimate by about 3%, 2 reps by about
  6%, so 10% is above the formula's noise, and an outdated maximum climbs to the truth in
  a few imports while the loads prescribed meanwhile (at RIR 2 or more) stay near what the
  athlete has shown. An athlete without a 1RM for the lift takes the estimate as it is.
- An import never lowers a 1RM: the athlete's stated maximum is theirs, and a light day
  (a deload, a session after a long run, a conservative RIR) says little about the
  maximum; a coach lowers it after a test or repeated misses. An estimate more than 10%
  under it is reported, for the coach to look at.

Estimates are rounded down to 0.5 kg. Text from files (exercise names, file names) is
written out on one line (`models.errors.one_line`): it cannot break the log's line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from hybridplan.models import limits
from hybridplan.models.activity import Activity, LiftSet
from hybridplan.models.athlete import METRES, MILE_KM, Athlete, Lift, RaceDistance, RecentRace
from hybridplan.models.errors import ECHO_CHARS, one_line
from hybridplan.models.session import RunType
from hybridplan.prescribe.paces import (
    athlete_vdot,
    pace_text,
    race_seconds,
    training_paces,
    vdot,
    vdot_from_threshold,
)

__all__ = [
    "ALIASES",
    "Effort",
    "epley",
    "lift_of",
    "reestimate",
]

Effort = tuple[Activity, RunType | None]
"""An activity and the run type of the planned session it matched (None: unmatched)."""

RACE_JUMP = 5.0
"""A race more than this many VDOT units from the current VDOT is reported, not applied."""
WORKOUT_STEP = 1.0
"""The most an import's workouts raise the VDOT (Daniels: one unit at a time)."""
TEMPO_MINUTES = 20.0
"""A tempo run this long or longer is read as threshold pace."""
STANDARD_SLACK = 0.03
"""A race within this share of a standard distance is that distance."""
MIN_RACE_METRES = 1500.0
MAX_RACE_METRES = METRES["marathon"] * (1 + STANDARD_SLACK)
EPLEY_MAX_REPS = 10
LIFT_STEP = 0.10
"""The most an import raises a 1RM, as a share of it."""
LIFT_LOW_NOTE = 0.10
"""An estimate this share or more under the 1RM is reported (the 1RM is kept)."""
KG_STEP = 0.5

ALIASES: dict[str, Lift] = {
    **dict.fromkeys(
        ("back squat", "squat", "barbell squat", "barbell back squat", "back squats",
         "high bar squat", "low bar squat", "high bar back squat", "low bar back squat"),
        "back_squat",
    ),
    **dict.fromkeys(
        ("deadlift", "barbell deadlift", "conventional deadlift", "dead lift"), "deadlift"
    ),
    **dict.fromkeys(
        ("romanian deadlift", "rdl", "barbell romanian deadlift", "romanian dead lift"),
        "romanian_deadlift",
    ),
    **dict.fromkeys(
        ("bench press", "bench", "barbell bench press", "flat bench press"), "bench_press"
    ),
    **dict.fromkeys(
        ("overhead press", "ohp", "military press", "military", "strict press",
         "barbell overhead press", "overhead barbell press", "barbell shoulder press",
         "standing overhead press"),
        "overhead_press",
    ),
    **dict.fromkeys(
        ("hip thrust", "barbell hip thrust", "barbell hip thrust with bench"), "hip_thrust"
    ),
    **dict.fromkeys(
        ("barbell row", "bent over row", "barbell bent over row", "bent over barbell row",
         "bent over row with barbell"),
        "barbell_row",
    ),
}  # fmt: skip
"""Exercise names (lower case, words split by single spaces) -> the athlete's lift."""

_SEPARATORS = re.compile(r"[\s_\-]+")


def lift_of(exercise: str) -> Lift | None:
    """The athlete's lift an exercise name stands for, or None."""
    return ALIASES.get(_SEPARATORS.sub(" ", exercise.lower()).strip())


def epley(kg: float, reps_to_failure: int) -> float:
    """Epley's one-repetition maximum: kg x (1 + reps / 30); one rep to failure is kg."""
    return kg if reps_to_failure <= 1 else kg * (1 + reps_to_failure / 30)


def reestimate(
    athlete: Athlete | None, efforts: Sequence[Effort]
) -> tuple[Athlete | None, list[str]]:
    """The athlete after `efforts` (an import: activities with the run type of the planned
    session each matched), and one log line per change or refused reading, in date order:
    VDOT lines first, then 1RM lines. `athlete` is returned as it was when nothing
    changes (None stays None unless a race or a lift gives a first value)."""
    ordered = sorted(efforts, key=lambda e: (e[0].date, e[0].start or ""))
    athlete, lines = _paces(athlete, ordered)
    athlete, lifted = _lifts(athlete, [a for a, _ in ordered])
    return athlete, lines + lifted


# -- VDOT ---------------------------------------------------------------------------------


def _where(activity: Activity) -> str:
    source = one_line(activity.source, ECHO_CHARS)
    return f" ({source})" if source else ""


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


STANDARD: tuple[RaceDistance, ...] = get_args(RaceDistance)


def _standard(metres: float) -> RaceDistance | None:
    for name in STANDARD:
        if abs(metres - METRES[name]) <= STANDARD_SLACK * METRES[name]:
            return name
    return None


def _nearest(metres: float) -> RaceDistance:
    """The standard distance nearest `metres` by their ratio (8 km: 10k; 15 km: half)."""
    return min(STANDARD, key=lambda n: abs(math.log(metres / METRES[n])))


def _km(metres: float) -> str:
    return f"{metres / 1000:.3g} km"


@dataclass
class _Race:
    value: float
    stored: RecentRace
    what: str  # "10k race 2027-03-14 in 41:20"


def _read_race(activity: Activity) -> _Race | str:
    """The race's VDOT and the race to store, or why it cannot be read."""
    day = activity.date.isoformat()
    if not activity.distance_km:
        return f"race on {day} not read: no distance{_where(activity)}"
    metres = activity.distance_km * 1000
    seconds = activity.minutes * 60
    if not MIN_RACE_METRES <= metres <= MAX_RACE_METRES:
        return (
            f"race on {day} not read: {_km(metres)} is outside 1.5 km to the marathon, the "
            f"distances Daniels' formula is fitted to{_where(activity)}"
        )
    standard = _standard(metres)
    if standard is not None:
        value = vdot(METRES[standard], seconds)
        time = _clock(seconds)
        what = f"{standard} race {day} in {time}"
        distance = standard
    else:
        value = vdot(metres, seconds)
        distance = _nearest(metres)
        time = _clock(math.ceil(race_seconds(value, METRES[distance])))
        what = f"{_km(metres)} race {day} in {_clock(seconds)} (a {distance} of {time})"
    try:
        stored = RecentRace(distance=distance, time=time)
    except ValueError:
        return f"{what} not read: its pace is outside the plausible paces{_where(activity)}"
    return _Race(value, stored, what)


def _store(athlete: Athlete | None, value: float, race: RecentRace | None) -> Athlete:
    """`athlete` holding VDOT `value`: `race` as its recent race when a race set it, else
    the athlete's own form (recent race distance or threshold pace) at `value`."""
    fields = dict(athlete) if athlete is not None else {}
    if race is None and athlete is not None and athlete.threshold_pace is not None:
        per_km = training_paces(value).threshold
        per_unit = per_km * MILE_KM if athlete.pace_unit == "mile" else per_km
        whole = math.ceil(per_unit)
        fields["threshold_pace"] = f"{whole // 60}:{whole % 60:02d}"
    else:
        if race is None:
            assert athlete is not None and athlete.recent_race is not None
            distance = athlete.recent_race.distance
            race = RecentRace(
                distance=distance, time=_clock(math.ceil(race_seconds(value, METRES[distance])))
            )
        fields["recent_race"] = race
        fields["threshold_pace"] = None
    return Athlete(**fields)


def _paces(athlete: Athlete | None, efforts: list[Effort]) -> tuple[Athlete | None, list[str]]:
    current = athlete_vdot(athlete)
    reference = current  # what a race is compared with: the VDOT held, or the last race
    cap = None if current is None else current + WORKOUT_STEP
    unit = athlete.pace_unit if athlete is not None else "km"
    lines: list[str] = []
    raced: RecentRace | None = None
    changed = False
    for activity, planned in efforts:
        if activity.sport != "run":
            continue
        if activity.race or planned == "race":
            read = _read_race(activity)
            if isinstance(read, str):
                lines.append(f"VDOT kept: {read}")
                continue
            if reference is not None and abs(read.value - reference) > RACE_JUMP:
                lines.append(
                    f"VDOT kept at {current:.1f}: {read.what} gives {read.value:.1f}, more than "
                    f"{RACE_JUMP:g} from {reference:.1f}; check the file (distance, time, race "
                    f"flag){_where(activity)}"
                )
                continue
            before = "none" if current is None else f"{current:.1f}"
            lines.append(f"VDOT {before} -> {read.value:.1f}: {read.what}{_where(activity)}")
            current = cap = reference = read.value  # workouts after it raise nothing here
            raced, changed = read.stored, True
        elif planned == "tempo" and current is not None and cap is not None:
            pace = activity.pace_seconds_per_km
            if activity.minutes < TEMPO_MINUTES or pace is None:
                continue
            if not limits.MIN_PACE_SECONDS <= pace <= limits.MAX_PACE_SECONDS:
                continue
            reading = vdot_from_threshold(pace)
            new = min(reading, cap)
            if new <= current:
                continue
            capped = (
                f"; a workout raises it by at most {WORKOUT_STEP:g} an import"
                if new < reading
                else ""
            )
            lines.append(
                f"VDOT {current:.1f} -> {new:.1f}: tempo {activity.date.isoformat()}, "
                f"{activity.minutes:.0f} min at {pace_text(pace, unit)}/{unit} read as "
                f"threshold pace (VDOT {reading:.1f}{capped}){_where(activity)}"
            )
            current, raced, changed = new, None, True
    if not changed or current is None:
        return athlete, lines
    try:
        return _store(athlete, current, raced), lines
    except ValueError:  # a pace beyond the plausible ones (`limits.MIN_PACE_SECONDS`)
        lines.append(f"VDOT {current:.1f} not stored: its paces are beyond the plausible ones")
        return athlete, lines


# -- one-repetition maxima ----------------------------------------------------------------


@dataclass(frozen=True)
class _Best:
    kg: float  # Epley's estimate
    lift: LiftSet
    activity: Activity


def _set_text(found: _Best, note: str = "") -> str:
    """'3 x 5 at 90 kg, 2 in reserve on 2027-03-10 (Epley 111 kg; BARBELL_BACK_SQUAT,
    file.fit)', the file's text on one line."""
    s, activity = found.lift, found.activity
    where = ", ".join(one_line(t, ECHO_CHARS) for t in (s.exercise, activity.source) if t)
    return (
        f"{s.sets} x {s.reps} at {s.kg:g} kg, {s.rir} in reserve on "
        f"{activity.date.isoformat()} (Epley {found.kg:.1f} kg{note}; {where})"
    )


def _down(kg: float) -> float:
    return math.floor(kg / KG_STEP + 1e-9) * KG_STEP


def _lifts(athlete: Athlete | None, activities: list[Activity]) -> tuple[Athlete | None, list[str]]:
    best: dict[Lift, _Best] = {}
    for activity in activities:
        for s in activity.lifts:
            lift = lift_of(s.exercise)
            if lift is None or s.rir is None or s.kg <= 0 or s.reps + s.rir > EPLEY_MAX_REPS:
                continue
            estimate = epley(s.kg, s.reps + s.rir)
            if lift not in best or estimate > best[lift].kg:
                best[lift] = _Best(estimate, s, activity)
    maxima = dict(athlete.lifts) if athlete is not None else {}
    lines: list[str] = []
    for lift in sorted(best):
        found = best[lift]
        old = maxima.get(lift)
        estimate = _down(min(found.kg, limits.MAX_LIFT_KG))
        why = _set_text(found)
        if old is None:
            if estimate <= 0:
                continue
            maxima[lift] = estimate
            lines.append(f"{lift} 1RM none -> {estimate:g} kg: {why}")
            continue
        if estimate < old * (1 - LIFT_LOW_NOTE):
            lines.append(
                f"{lift} 1RM kept at {old:g} kg: the best set estimates {estimate:g} kg, "
                f"{(1 - estimate / old) * 100:.0f}% under; a maximum is lowered by a test, "
                f"not by a light day: {why}"
            )
            continue
        ceiling = _down(old * (1 + LIFT_STEP))
        new = min(estimate, ceiling)
        if new <= old:
            continue
        if new < estimate:
            why = _set_text(found, f", raised by at most {LIFT_STEP:.0%} an import")
        maxima[lift] = new
        lines.append(f"{lift} 1RM {old:g} -> {new:g} kg: {why}")
    if not lines or maxima == (dict(athlete.lifts) if athlete is not None else {}):
        return athlete, lines
    fields = dict(athlete) if athlete is not None else {}
    fields["lifts"] = maxima
    return Athlete(**fields), lines
