"""Paces and maxima re-estimated from an import (`hybridplan.log.estimates`), checked
against the published formulas written out here, never by the package's own helpers:

- Daniels & Gilbert (Oxygen Power, 1979): a race of d metres in t minutes has
  VDOT = VO2(d / t) / share(t), with VO2(v) = -4.60 + 0.182258 v + 0.000104 v^2 and
  share(t) = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t); threshold pace
  is the velocity whose VO2 is 88% of VDOT.
- Epley (1985): 1RM = kg x (1 + reps to failure / 30).

Then the rules: a workout never lowers the VDOT and raises it by 1 at most, a race moves
it either way unless it jumps more than 5, 1RMs climb 10% an import at most and are never
lowered, names are aliased, an athlete without values gets them, the log's lines stay
lines, and a prescription made afterwards uses the new paces and loads."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import pytest
import yaml

from helpers import ROOT, solve_once
from hybridplan.log.estimates import Effort, lift_of, reestimate
from hybridplan.models import input_from_dict
from hybridplan.models.activity import Activity, LiftSet
from hybridplan.models.athlete import Athlete
from hybridplan.prescribe import attach

DAY = dt.date(2027, 3, 14)
METRES = {"5k": 5000.0, "10k": 10000.0, "half": 21097.5, "marathon": 42195.0}


# -- the published formulas, written out -------------------------------------------------


def vo2(v: float) -> float:
    return -4.60 + 0.182258 * v + 0.000104 * v**2


def daniels(metres: float, seconds: float) -> float:
    t = seconds / 60
    share = 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)
    return vo2(metres / t) / share


def from_threshold(seconds_per_km: float) -> float:
    return vo2(60000 / seconds_per_km) / 0.88


def threshold_pace(value: float) -> float:
    """Seconds per km whose VO2 is 88% of `value` (the cost quadratic's root)."""
    a, b, c = 0.000104, 0.182258, -4.60 - 0.88 * value
    return 60000 / ((-b + math.sqrt(b * b - 4 * a * c)) / (2 * a))


def epley(kg: float, reps: int) -> float:
    return kg * (1 + reps / 30)


def seconds(text: str) -> int:
    out = 0
    for part in text.split(":"):
        out = out * 60 + int(part)
    return out


# -- activities --------------------------------------------------------------------------


def race(km: float, time: str, day: dt.date = DAY, source: str = "race.fit") -> Effort:
    return Activity(
        date=day, sport="run", minutes=seconds(time) / 60, distance_km=km, race=True,
        source=source,
    ), None  # fmt: skip


def run(minutes: float, per_km: float, planned: str | None, day: dt.date = DAY) -> Effort:
    activity = Activity(
        date=day, sport="run", minutes=minutes, distance_km=minutes * 60 / per_km,
        source="run.fit",
    )  # fmt: skip
    return activity, planned  # type: ignore[return-value]


def lifts(*sets: LiftSet, day: dt.date = DAY, source: str = "gym.csv") -> Effort:
    return Activity(date=day, sport="strength", minutes=60, lifts=list(sets), source=source), None


def athlete(**data: Any) -> Athlete:
    return Athlete.model_validate(data)


TEN_K_45 = {"recent_race": {"distance": "10k", "time": "45:00"}}
FAST = 252.0  # 4:12 per km: read as T pace, VDOT 50.8
SLOW = 330.0  # 5:30 per km
START = daniels(10000, 45 * 60)  # 45.3


# -- VDOT from races ---------------------------------------------------------------------


def test_a_faster_race_raises_the_vdot_to_daniels_value() -> None:
    new, lines = reestimate(athlete(**TEN_K_45), [race(10.0, "43:00")])
    assert new is not None and new.recent_race is not None
    assert (new.recent_race.distance, new.recent_race.time) == ("10k", "43:00")
    after = daniels(10000, 43 * 60)
    assert lines == [f"VDOT {START:.1f} -> {after:.1f}: 10k race 2027-03-14 in 43:00 (race.fit)"]


def test_a_slower_race_lowers_it() -> None:
    new, lines = reestimate(athlete(**TEN_K_45), [race(10.0, "47:30")])
    assert new is not None and new.recent_race is not None
    assert new.recent_race.time == "47:30"
    assert daniels(10000, 47.5 * 60) < START
    assert lines[0].startswith(f"VDOT {START:.1f} -> {daniels(10000, 47.5 * 60):.1f}: ")


def test_a_race_a_watch_reads_long_counts_at_its_standard_distance() -> None:
    new, _ = reestimate(athlete(**TEN_K_45), [race(10.12, "44:00")])
    assert new is not None and new.recent_race is not None
    assert (new.recent_race.distance, new.recent_race.time) == ("10k", "44:00")


@pytest.mark.parametrize(
    ("km", "time", "nearest"), [(8.0, "34:30", "10k"), (15.0, "1:05:00", "half")]
)
def test_a_race_at_another_distance_is_stored_at_the_nearest_standard_one(
    km: float, time: str, nearest: str
) -> None:
    """Its VDOT is the race's; the stored time is the one that VDOT predicts, rounded up
    to the second (so the stored VDOT is at most the race's, and within 0.02 of it)."""
    new, lines = reestimate(athlete(**TEN_K_45), [race(km, time)])
    assert new is not None and new.recent_race is not None
    assert new.recent_race.distance == nearest
    wanted = daniels(km * 1000, seconds(time))
    stored = daniels(METRES[nearest], seconds(new.recent_race.time))
    assert wanted - 0.02 <= stored <= wanted
    assert f"-> {wanted:.1f}: {km:g} km race 2027-03-14 in {time}" in lines[0]


def test_an_implausible_race_is_reported_and_not_applied() -> None:
    """A jump of more than 5 VDOT either way is refused; 4.7 is applied."""
    before = athlete(**TEN_K_45)
    assert daniels(10000, 40 * 60) - START > 5
    new, lines = reestimate(before, [race(10.0, "40:00")])
    assert new is before
    (line,) = lines
    assert line.startswith(f"VDOT kept at {START:.1f}: 10k race 2027-03-14 in 40:00 gives")
    assert "check the file" in line
    assert START - daniels(10000, 51 * 60) > 5
    assert reestimate(before, [race(10.0, "51:00")])[0] is before
    assert 4.5 < daniels(10000, 41 * 60 + 20) - START < 5
    new, _ = reestimate(before, [race(10.0, "41:20")])
    assert new is not None and new.recent_race is not None and new.recent_race.time == "41:20"


def test_a_race_without_distance_or_too_short_is_reported() -> None:
    before = athlete(**TEN_K_45)
    no_distance = Activity(date=DAY, sport="run", minutes=40, race=True)
    new, lines = reestimate(before, [(no_distance, None), race(0.8, "2:30")])
    assert new is before
    assert len(lines) == 2 and all(
        line.startswith("VDOT kept: race on 2027-03-14") for line in lines
    )


# -- VDOT from workouts ------------------------------------------------------------------


def stored_vdot(a: Athlete | None) -> float:
    assert a is not None and a.recent_race is not None
    race_ = a.recent_race
    return daniels(METRES[race_.distance], seconds(race_.time))


def test_a_tempo_at_a_faster_threshold_pace_raises_the_vdot_to_its_reading() -> None:
    pace = threshold_pace(START) - 3  # 3 s per km faster than the athlete's T pace
    reading = from_threshold(pace)
    assert 0 < reading - START < 1
    new, lines = reestimate(athlete(**TEN_K_45), [run(40, pace, "tempo")])
    assert reading - 0.02 <= stored_vdot(new) <= reading
    assert new is not None and new.recent_race is not None
    assert new.recent_race.distance == "10k"  # the athlete's own form
    assert lines[0].startswith(f"VDOT {START:.1f} -> {reading:.1f}: tempo 2027-03-14, 40 min")
    assert "read as threshold pace" in lines[0]


def test_a_workout_raises_the_vdot_by_one_at_most_in_an_import() -> None:
    assert from_threshold(FAST) - START > 2
    efforts = [run(40, FAST, "tempo"), run(40, FAST, "tempo", DAY + dt.timedelta(days=3))]
    new, lines = reestimate(athlete(**TEN_K_45), efforts)
    assert START + 1 - 0.02 <= stored_vdot(new) <= START + 1
    (line,) = lines
    assert f"-> {START + 1:.1f}" in line and "at most 1 an import" in line


@pytest.mark.parametrize(
    "effort",
    [
        run(40, SLOW, "tempo"),  # a slow tempo: never lowers
        run(15, FAST, "tempo"),  # too short to read
        run(40, FAST, "intervals"),  # intervals are left out
        run(40, FAST, "easy"),
        run(40, FAST, None),  # unmatched
    ],
    ids=["slow-tempo", "short-tempo", "intervals", "easy", "unmatched"],
)
def test_a_workout_never_lowers_and_others_are_not_read(effort: Effort) -> None:
    before = athlete(**TEN_K_45)
    assert reestimate(before, [effort]) == (before, [])


def test_after_a_race_workouts_of_the_same_import_raise_nothing() -> None:
    later = DAY + dt.timedelta(days=2)
    new, lines = reestimate(
        athlete(**TEN_K_45), [run(40, FAST, "tempo", later), race(10.0, "44:00")]
    )
    assert new is not None and new.recent_race is not None and new.recent_race.time == "44:00"
    assert len(lines) == 1


def test_a_threshold_pace_athlete_keeps_a_threshold_pace_until_a_race() -> None:
    before = athlete(threshold_pace="7:30", pace_unit="mile")
    per_km = 450 / 1.609344
    start = from_threshold(per_km)
    new, _ = reestimate(before, [run(40, FAST, "tempo")])
    assert new is not None and new.recent_race is None and new.threshold_pace is not None
    per_mile = seconds(new.threshold_pace)  # whole seconds per mile, rounded slower:
    assert from_threshold(per_mile / 1.609344) <= start + 1  # at most the step
    assert from_threshold((per_mile - 1) / 1.609344) > start + 1  # a second faster: beyond
    new, _ = reestimate(before, [race(10.0, "45:00")])
    assert new is not None and new.threshold_pace is None and new.recent_race is not None
    assert new.pace_unit == "mile"


def test_without_a_vdot_a_race_sets_the_first_and_a_workout_none() -> None:
    assert reestimate(None, [run(40, FAST, "tempo")]) == (None, [])
    new, lines = reestimate(None, [race(5.0, "22:00")])
    assert new is not None and new.recent_race is not None
    assert (new.recent_race.distance, new.recent_race.time) == ("5k", "22:00")
    assert lines == [
        f"VDOT none -> {daniels(5000, 22 * 60):.1f}: 5k race 2027-03-14 in 22:00 (race.fit)"
    ]


def test_a_vdot_whose_paces_are_beyond_the_plausible_ones_is_not_stored() -> None:
    """A 5k at 2:20 per km, the fastest pace an athlete may give: one unit more is
    faster, so it is reported and the athlete kept."""
    before = athlete(recent_race={"distance": "5k", "time": "11:40"})
    new, lines = reestimate(before, [run(40, 140.0, "tempo")])
    assert new is before
    assert lines[-1].endswith("not stored: its paces are beyond the plausible ones")


# -- one-repetition maxima ---------------------------------------------------------------


def squat(kg: float, reps: int, rir: int | None, name: str = "Back Squat") -> LiftSet:
    return LiftSet(exercise=name, sets=3, reps=reps, kg=kg, rir=rir)


def test_epley_raises_a_1rm_and_says_from_which_set() -> None:
    before = athlete(lifts={"back_squat": 100.0})
    new, lines = reestimate(before, [lifts(squat(90, 3, 2), squat(85, 5, 2))])
    best = max(epley(90, 5), epley(85, 7))  # 105.0 and 104.83
    assert new is not None and new.lifts["back_squat"] == math.floor(best * 2) / 2 == 105.0
    assert lines == [
        "back_squat 1RM 100 -> 105 kg: 3 x 3 at 90 kg, 2 in reserve on 2027-03-14 "
        "(Epley 105.0 kg; Back Squat, gym.csv)"
    ]


def test_a_1rm_climbs_10_percent_an_import_at_most() -> None:
    new, lines = reestimate(
        athlete(lifts={"deadlift": 120.0}), [lifts(squat(120, 5, 2, "deadlift"))]
    )
    assert epley(120, 7) > 132
    assert new is not None and new.lifts["deadlift"] == 132.0
    assert "at most 10% an import" in lines[0]


def test_a_1rm_is_never_lowered_and_a_much_lighter_day_is_reported() -> None:
    before = athlete(lifts={"back_squat": 100.0})
    assert 90 < epley(80, 5) < 100  # a light day: kept, nothing said
    assert reestimate(before, [lifts(squat(80, 3, 2))]) == (before, [])
    assert epley(60, 7) < 90  # far under: kept, reported
    new, (line,) = reestimate(before, [lifts(squat(60, 5, 2))])
    assert new is before and line.startswith("back_squat 1RM kept at 100 kg:")


def test_only_sets_with_rir_and_ten_reps_to_failure_at_most_count() -> None:
    before = athlete(lifts={"back_squat": 100.0})
    sets = [squat(100, 5, None), squat(90, 8, 3), squat(95, 10, 0)]  # no RIR, 11, 10 reps
    new, _ = reestimate(before, [lifts(*sets)])
    assert new is not None and new.lifts["back_squat"] == min(
        math.floor(epley(95, 10) * 2) / 2, 110.0
    )
    assert reestimate(before, [lifts(*sets[:2])]) == (before, [])


def test_a_single_to_failure_is_the_1rm() -> None:
    new, _ = reestimate(athlete(lifts={"bench_press": 70.0}), [lifts(squat(75, 1, 0, "bench"))])
    assert new is not None and new.lifts["bench_press"] == 75.0


@pytest.mark.parametrize(
    ("name", "lift"),
    [
        ("Back Squat", "back_squat"), ("squat", "back_squat"), ("BACK_SQUAT", "back_squat"),
        ("BARBELL_BACK_SQUAT", "back_squat"), ("barbell-deadlift", "deadlift"),
        ("Romanian Deadlift", "romanian_deadlift"), ("RDL", "romanian_deadlift"),
        ("BARBELL_BENCH_PRESS", "bench_press"), ("military_press", "overhead_press"),
        ("OHP", "overhead_press"), ("barbell hip thrust", "hip_thrust"),
        ("bent_over_row_with_barbell", "barbell_row"), ("front squat", None),
        ("trap-bar deadlift", None), ("incline bench press", None), ("dumbbell bench press", None),
    ],
)  # fmt: skip
def test_exercise_names_are_aliased_to_the_athletes_lifts(name: str, lift: str | None) -> None:
    assert lift_of(name) == lift


def test_an_athlete_without_maxima_takes_the_estimates() -> None:
    new, lines = reestimate(None, [lifts(squat(60, 8, 2, "OVERHEAD_PRESS"))])
    assert new is not None and new.lifts == {"overhead_press": math.floor(epley(60, 10) * 2) / 2}
    assert new.recent_race is None and lines[0].startswith("overhead_press 1RM none -> 80 kg")


def test_text_from_files_cannot_break_a_line() -> None:
    _, lines = reestimate(
        None,
        [
            race(10.0, "45:00", source="evil\n.fit"),
            lifts(squat(60, 5, 2, "squat"), source="a\x1b[2Jb"),
        ],
    )
    assert len(lines) == 2
    assert all("\n" not in line and "\x1b" not in line for line in lines)
    assert "evil\\n.fit" in lines[0] and "a\\x1b[2Jb" in lines[1]


# -- a prescription made afterwards ------------------------------------------------------


def test_a_prescription_made_with_the_updated_athlete_uses_the_new_paces_and_kg() -> None:
    """marathon-build, solved once: its tempo run's T pace and its back squat's kg before
    and after a 10k in 43:00 and a squat set giving a 110 kg 1RM."""
    path = ROOT / "scenarios" / "marathon-build.yaml"
    _, result = solve_once(path)
    data = yaml.safe_load(path.read_text())
    old = Athlete.model_validate(data["athlete"])
    new, _ = reestimate(old, [race(10.0, "43:00"), lifts(squat(90, 5, 2))])
    assert new is not None and new.lifts["back_squat"] == 110.0

    def content(a: Athlete) -> tuple[str, float]:
        data["athlete"] = a.model_dump(exclude_none=True)
        done = attach(result.model_copy(deep=True), input_from_dict(data))
        tempo = next(s for s in done.sessions if s.run_type == "tempo")
        assert tempo.prescription is not None
        found = re.search(r"at (\d+:\d\d)/km \(T\)", tempo.prescription.summary)
        assert found is not None, tempo.prescription.summary
        kg = [
            e.kg for s in done.sessions if s.prescription
            for e in s.prescription.exercises if e.name == "back squat" and e.kg
        ]  # fmt: skip
        assert kg
        return found.group(1), max(kg)

    pace_before, kg_before = content(old)
    pace_after, kg_after = content(new)
    assert abs(seconds(pace_before) - threshold_pace(START)) <= 1
    assert abs(seconds(pace_after) - threshold_pace(daniels(10000, 43 * 60))) <= 1
    assert seconds(pace_after) < seconds(pace_before)
    assert abs(kg_after - kg_before * 1.10) <= 2.5  # the same share of a 10% higher 1RM
