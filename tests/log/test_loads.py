"""The training load of one activity by srpe, trimp and rtss, each checked against an
example worked by hand from the published definition, and the fallbacks to session RPE
when a method cannot apply."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from hybridplan.log.loads import activity_load
from hybridplan.models.activity import Activity
from hybridplan.models.athlete import Athlete

DAY = dt.date(2027, 1, 4)


def _activity(**fields: Any) -> Activity:
    return Activity.model_validate({"date": DAY, "start": "07:00", "sport": "run"} | fields)


def test_srpe_is_rpe_times_minutes() -> None:
    """Foster: 45 min at RPE 6 is 270."""
    assert activity_load(_activity(minutes=45.0, rpe=6.0), None, "srpe") == (
        270,
        "srpe: RPE 6 (its own)",
    )


def test_trimp_from_the_published_formula() -> None:
    """60 min at 150 bpm, rest 50, max 190: HRr = 100 / 140 = 0.714286; e^(1.92 x 0.714286)
    = e^1.371429 = 3.94098; 60 x 0.714286 x 0.64 x 3.94098 = 108.10 -> 108."""
    athlete = Athlete(max_hr=190, rest_hr=50)
    run = _activity(minutes=60.0, avg_hr=150)
    assert activity_load(run, athlete, "trimp") == (108, "trimp")


def test_trimp_assumes_a_resting_heart_rate_of_60_and_says_so() -> None:
    """45 min at 150, max 190, rest 60 assumed: HRr = 90 / 130 = 0.692308; e^(1.329231) =
    3.77778; 45 x 0.692308 x 0.64 x 3.77778 = 75.33 -> 75."""
    load, used = activity_load(_activity(minutes=45.0, avg_hr=150), Athlete(max_hr=190), "trimp")
    assert load == 75 and "resting heart rate 60 assumed" in used


def test_trimp_takes_the_maximum_from_the_threshold_heart_rate() -> None:
    """threshold_hr 171 gives a maximum of 171 / 0.90 = 190: the first example again."""
    athlete = Athlete(threshold_hr=171, rest_hr=50)
    assert activity_load(_activity(minutes=60.0, avg_hr=150), athlete, "trimp")[0] == 108


def test_rtss_from_pace_and_threshold_pace() -> None:
    """40 min over 8 km is 300 s/km; threshold 4:30/km is 270 s/km: IF = 270 / 300 = 0.9;
    40 / 60 x 0.81 x 100 = 54."""
    athlete = Athlete(threshold_pace="4:30")
    run = _activity(minutes=40.0, distance_km=8.0)
    assert activity_load(run, athlete, "rtss") == (54, "rtss")


def test_rtss_per_mile_threshold() -> None:
    """A threshold of 8:02 per mile is 482 / 1.609344 = 299.5 s/km; 60 min over 12 km is
    300 s/km: IF = 0.99835, 1 x 0.99671 x 100 = 99.67 -> 100."""
    athlete = Athlete(threshold_pace="8:02", pace_unit="mile")
    assert activity_load(_activity(minutes=60.0, distance_km=12.0), athlete, "rtss")[0] == 100


def test_rtss_takes_daniels_t_pace_from_a_recent_race() -> None:
    """10k in 45:00 is VDOT 45.3, T pace 4:37/km (277 s; Daniels' table); 50 min over 10 km
    at 300 s/km: IF = 277 / 300 = 0.92333, 50 / 60 x 0.85254 x 100 = 71.0."""
    athlete = Athlete.model_validate({"recent_race": {"distance": "10k", "time": "45:00"}})
    load, used = activity_load(_activity(minutes=50.0, distance_km=10.0), athlete, "rtss")
    assert used == "rtss" and abs(load - 71) <= 1


@pytest.mark.parametrize(
    "method,athlete,fields,why",
    [
        ("trimp", Athlete(max_hr=190), {}, "no heart rate"),
        ("trimp", None, {"avg_hr": 150}, "no max_hr or threshold_hr"),
        ("rtss", Athlete(threshold_pace="4:30"), {}, "no distance"),
        ("rtss", Athlete(max_hr=190), {"distance_km": 8.0}, "no threshold_pace or recent_race"),
        ("rtss", Athlete(threshold_pace="4:30"), {"sport": "strength"}, "not strength"),
    ],
)
def test_a_method_that_cannot_apply_falls_back_to_session_rpe(
    method: str, athlete: Athlete | None, fields: dict[str, Any], why: str
) -> None:
    activity = _activity(minutes=40.0, **fields)
    # its own RPE first, then the planned session's, then its sport's
    own = activity.model_copy(update={"rpe": 7.0})
    load, used = activity_load(own, athlete, method, fallback_rpe=3)
    assert load == 280 and why in used and "its own" in used
    load, used = activity_load(activity, athlete, method, fallback_rpe=3)
    assert load == 120 and why in used and "the planned session's" in used
    load, used = activity_load(activity, athlete, method)
    sport_rpe = {"run": 5, "strength": 6}[activity.sport]  # the documented SPORT_RPE
    assert load == 40 * sport_rpe and why in used and f"RPE {sport_rpe}" in used


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="srpe, trimp, rtss"):
        activity_load(_activity(minutes=40.0), None, "tss")


def test_rest_hr_is_bounded_and_below_the_maximum() -> None:
    Athlete(rest_hr=25)
    for bad in ({"rest_hr": 24}, {"rest_hr": 100}, {"rest_hr": 95, "threshold_hr": 95}):
        with pytest.raises(ValidationError):
            Athlete.model_validate(bad)
