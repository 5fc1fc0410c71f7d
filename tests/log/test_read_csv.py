"""CSV logs read back: the planner's own columns (write_csv round trip, lifts grouped into
one activity), Strava's activities.csv and Garmin Connect's export; bad rows give one line
per problem, naming file, line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from log.activity_files import write_csv

from hybridplan.log.csvfile import read_csv
from hybridplan.models.activity import Activity, LiftSet
from hybridplan.models.errors import InputError

ACTIVITIES = [
    Activity(date=dt.date(2026, 3, 2), start="06:45", sport="run", minutes=45.5,
             distance_km=9.3, avg_hr=150, rpe=6.5, name="easy, with \"quotes\""),
    Activity(date=dt.date(2026, 3, 3), start="18:00", sport="strength", minutes=50.0, rpe=7.0,
             lifts=[LiftSet(exercise="back squat", sets=4, reps=5, kg=82.5, rir=2),
                    LiftSet(exercise="pull-up", sets=3, reps=8, kg=0.0)]),
    Activity(date=dt.date(2026, 3, 8), sport="run", minutes=21.3, distance_km=5.0, race=True),
]  # fmt: skip


def _read(path: Path) -> list[Activity]:
    return read_csv(path.read_bytes(), str(path))


def _problems(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        _read(path)
    return str(info.value).splitlines()


def test_the_planners_columns_give_back_every_field(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    write_csv(ACTIVITIES, path)
    read = _read(path)
    assert [a.model_dump(exclude={"source"}) for a in read] == [
        a.model_dump(exclude={"source"}) for a in ACTIVITIES
    ]
    assert [a.source for a in read] == [f"{path}:2", f"{path}:3", f"{path}:5"]


def test_strava_and_garmin_exports(tmp_path: Path) -> None:
    strava = tmp_path / "activities.csv"
    strava.write_text(
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
        "Max Heart Rate,Moving Time,Distance,Average Heart Rate\n"
        '1,"Mar 2, 2026, 6:45:00 AM",Morning Run,Run,2900,9.30,171,2730.0,9300.0,150.4\n'
        '2,"Mar 3, 2026, 6:05:10 PM",Gym,Weight Training,3000,0.00,,,0.0,\n',
        encoding="utf-8",
    )
    run, gym = _read(strava)
    assert (run.date, run.start, run.sport, run.minutes) == (
        dt.date(2026, 3, 2),
        "06:45",
        "run",
        45.5,
    )
    assert (run.distance_km, run.avg_hr, run.name) == (9.3, 150, "Morning Run")
    assert (gym.start, gym.sport, gym.minutes, gym.avg_hr) == ("18:05", "strength", 50.0, None)
    garmin = tmp_path / "Activities.csv"
    garmin.write_text(
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR\n"
        'Running,2026-03-02 06:45:00,false,Turin Running,9.30,"1,012",00:45:30,150,171\n'
        "Yoga,2026-03-04 07:00:00,false,Yoga,0.00,80,00:20:00,--,--\n",
        encoding="utf-8",
    )
    run, yoga = _read(garmin)
    assert (run.date, run.start, run.sport, run.minutes, run.distance_km, run.avg_hr) == (
        dt.date(2026, 3, 2), "06:45", "run", 45.5, 9.3, 150,
    )  # fmt: skip
    assert (yoga.sport, yoga.minutes, yoga.avg_hr, yoga.source) == (
        "mobility",
        20.0,
        None,
        f"{garmin}:3",
    )


def test_every_bad_cell_is_one_line_with_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    lines = _problems(
        path,
        "date,sport,minutes,avg_hr,exercise,reps\n"
        "2026-03-02,run,-5,150,,\n"
        "2026-13-02,swim,NaN,400,,\n"
        "2026-03-02,strength,1e309,,squat,\n"
        "1989-12-30,run,30,,,\n",
    )
    assert lines == [
        f"{path}:2: minutes: -5 is out of range; a number above 0, at most 1,440",
        f"{path}:3: date: not a date (got '2026-13-02'); written as Y-m-d",
        f"{path}:3: sport: got 'swim'; allowed: run, strength, mobility, other",
        f"{path}:3: minutes: not a finite number (got 'NaN'); a number above 0, at most 1,440",
        f"{path}:3: avg_hr: 400 is out of range; a number from 30 to 230",
        f"{path}:4: minutes: not a finite number (got '1e309'); a number above 0, at most 1,440",
        f"{path}:4: reps: required with an exercise: the reps of each set",
        f"{path}:5: date: 1989-12-30 is out of range; dates from 1990-01-01 to 2099-12-31",
    ]


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    assert _problems(path, "date,sprot,minutes\n2026-03-02,run,30\n") == [
        f"{path}:1: sprot: unknown column; allowed: date, start, sport, minutes, distance, "
        "avg_hr, rpe, race, name, exercise, sets, reps, kg, rir",
        f"{path}:1: sport: required column is missing",
    ]


def test_many_bad_rows_are_cut_at_the_problem_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    lines = _problems(path, "date,sport,minutes\n" + "2026-03-02,run,0\n" * 80)
    assert len(lines) == 51 and lines[-1] == f"{path}: ... and 30 more problems"


def test_binary_junk_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(InputError) as info:
        _read(path)
    assert str(info.value) == f"{path}: not UTF-8 text (byte 0xff at offset 0)"
