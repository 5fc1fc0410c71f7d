"""Daniels' VDOT paces against the published tables.

The table values below are from Daniels' Running Formula, 2nd edition (Human Kinetics,
2005): Table 3.1 (race times for each VDOT) and Table 3.2 (training intensities for each
VDOT: E/L pace per km, M pace per mile, T pace per 1000 m, I pace per 1000 m, R pace per
400 m). They were checked against two independent transcriptions: the CSV files of the
open-source VDOT-Calculator project (data/vdot-paces-jack-daniels-running-formula-2.csv,
data/vdot-times-...csv) and, for VDOT 49, a reader's copy of the same row (E 8:40/mile,
M 7:24/mile, T 4:20/km, I 3:59/km, R 89 s/400); the race times of VDOT 30, 40 and 50 also
match the 3rd edition's Table 5.1 as quoted by the r/artc "Dissecting Daniels" series.
"A few seconds": every pace within 3 s per km (R within 1.5 s per 400 m).
"""

from __future__ import annotations

import pytest

from hybridplan.models.athlete import MILE_KM, Athlete
from hybridplan.prescribe.paces import (
    athlete_paces,
    athlete_vdot,
    pace_text,
    race_seconds,
    training_paces,
    vdot,
)


def s(text: str) -> int:
    parts = [int(p) for p in text.split(":")]
    out = 0
    for p in parts:
        out = out * 60 + p
    return out


# VDOT: E/L per km, M per mile, T per km, I per km, R per 400 m (Table 3.2, 2nd ed.)
TABLE_PACES = {
    40: ("6:19", "8:46", "5:06", "4:42", "1:46"),
    45: ("5:46", "7:57", "4:38", "4:16", "1:36"),
    50: ("5:18", "7:17", "4:15", "3:55", "1:27"),
    55: ("4:55", "6:43", "3:56", "3:37", "1:21"),
    60: ("4:35", "6:14", "3:40", "3:23", "1:15"),
}
# Race times of a VDOT (Table 3.1, 2nd ed.): (distance, metres, time)
TABLE_RACES = {
    40: ("half", 21097.5, "1:50:59"),
    45: ("10k", 10000.0, "45:16"),
    50: ("5k", 5000.0, "19:57"),
    55: ("marathon", 42195.0, "2:56:01"),
}
KM = 3.0  # seconds per km
R400 = 1.5  # seconds per 400 m


def assert_row(value: float, row: tuple[str, str, str, str, str]) -> None:
    e, m_mile, t, i, r400 = row
    p = training_paces(value)
    assert p.easy_reference == pytest.approx(s(e), abs=KM), "E"
    assert p.easy[0] < s(e) < p.easy[1], "E inside the easy band"
    assert p.marathon == pytest.approx(s(m_mile) / MILE_KM, abs=KM), "M"
    assert p.threshold == pytest.approx(s(t), abs=KM), "T"
    assert p.interval == pytest.approx(s(i), abs=KM), "I"
    assert p.repetition * 0.4 == pytest.approx(s(r400), abs=R400), "R"


@pytest.mark.parametrize("value", sorted(TABLE_PACES))
def test_paces_of_each_vdot_match_the_table(value: int) -> None:
    assert_row(value, TABLE_PACES[value])


@pytest.mark.parametrize("value", sorted(TABLE_RACES))
def test_race_times_give_the_tables_vdot_and_its_paces(value: int) -> None:
    """Four race times of four distances: the VDOT the table gives them, and from it the
    table's paces (an athlete may give three race times or more)."""
    _, metres, time = TABLE_RACES[value]
    found = vdot(metres, s(time))
    assert found == pytest.approx(value, abs=0.1)
    assert_row(found, TABLE_PACES[value])
    assert race_seconds(value, metres) == pytest.approx(s(time), abs=0.003 * s(time))


def test_a_45_minute_10k_is_vdot_45_with_threshold_near_4_40() -> None:
    athlete = Athlete.model_validate({"recent_race": {"distance": "10k", "time": "45:00"}})
    value = athlete_vdot(athlete)
    assert value == pytest.approx(45.3, abs=0.1)
    paces = athlete_paces(athlete)
    assert paces is not None
    assert s("4:35") <= paces.threshold <= s("4:45")
    assert pace_text(paces.threshold) == "4:37"
    # the VDOT 45 row (a 45:16 10k), a second or so faster: 45:00 is a little quicker
    assert paces.threshold == pytest.approx(s("4:38"), abs=KM)
    assert paces.interval == pytest.approx(s("4:16"), abs=KM)


def test_a_threshold_pace_gives_the_same_paces_as_the_race_behind_it() -> None:
    from_race = athlete_paces(Athlete.model_validate(
        {"recent_race": {"distance": "5k", "time": "19:57"}}))  # fmt: skip
    assert from_race is not None
    t = pace_text(from_race.threshold)
    from_t = athlete_paces(Athlete(threshold_pace=t))
    assert from_t is not None
    assert from_t.threshold == pytest.approx(s(t), abs=0.01)
    assert from_t.interval == pytest.approx(from_race.interval, abs=1.0)
    assert from_t.easy[1] == pytest.approx(from_race.easy[1], abs=1.5)
    per_mile = Athlete(threshold_pace="6:51", pace_unit="mile")  # the table's VDOT 50 T mile
    paces = athlete_paces(per_mile)
    assert paces is not None
    assert paces.threshold == pytest.approx(s("6:51") / MILE_KM, abs=0.01)
    assert pace_text(paces.threshold, "mile") == "6:51"


def test_the_marathon_prediction_is_the_tables_for_vdot_50() -> None:
    assert race_seconds(50, 42195) == pytest.approx(s("3:10:49"), abs=30)


@pytest.mark.parametrize(
    "athlete, message",
    [
        ({"recent_race": {"distance": "10k", "time": "9:00"}}, "between 2:20 and 15:00"),
        ({"recent_race": {"distance": "5k", "time": "4:00:00"}}, "between 2:20 and 15:00"),
        ({"threshold_pace": "4:5"}, "is not M:SS"),
        ({"threshold_pace": "4:30", "recent_race": {"distance": "5k", "time": "20:00"}},
         "not both"),
        ({"max_hr": 300}, "less than or equal to 230"),
        ({"lifts": {"back_squat": 900}}, "less than or equal to 500"),
        ({"lifts": {"curl": 20}}, "back_squat"),
        ({"pace_unit": "furlong"}, "'km' or 'mile'"),
    ],
)  # fmt: skip
def test_athlete_inputs_are_bounded(athlete: dict[str, object], message: str) -> None:
    import yaml

    from helpers import ROOT
    from hybridplan.models import InputError, input_from_dict

    data = yaml.safe_load((ROOT / "scenarios" / "marathon-build.yaml").read_text())
    with pytest.raises(InputError) as caught:
        input_from_dict({**data, "athlete": athlete})
    text = " ".join(str(p) for p in caught.value.problems)
    assert "athlete" in text and message in text, text
