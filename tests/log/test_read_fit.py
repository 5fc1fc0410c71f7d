"""FIT files read back: activity files written by fit-tool (tests/log/activity_files.py)
give the activity they were written from; the planner's own exported workouts of a solved
week give each session's date, start, sport and minutes; bad files are refused with one
line per problem, naming the file and the record and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from log.activity_files import write_fit

from helpers import ROOT
from hybridplan import solve
from hybridplan.log.fit import REP_SECONDS, read_fit
from hybridplan.log.importing import read_activities
from hybridplan.log.matching import match
from hybridplan.models.activity import Activity, LiftSet
from hybridplan.models.errors import InputError
from hybridplan.outputs.watch import workouts
from hybridplan.prescribe.strength import TEMPO_S

RUN = Activity(
    date=dt.date(2026, 3, 2), start="06:45", sport="run", minutes=45.5, distance_km=9.3, avg_hr=150
)
LIFTS = Activity(
    date=dt.date(2026, 3, 3), start="18:10", sport="strength", minutes=52.25, avg_hr=118,
    lifts=[LiftSet(exercise="back squat", sets=3, reps=5, kg=80.0),
           LiftSet(exercise="push-up", sets=2, reps=12, kg=0.0)],
)  # fmt: skip
SAME = ("date", "start", "sport", "minutes", "distance_km", "avg_hr")


def _read(path: Path) -> list[Activity]:
    return read_fit(path.read_bytes(), str(path))


@pytest.mark.parametrize("hours", [0, 2, -5, 13])
@pytest.mark.parametrize(
    "activity",
    [RUN, LIFTS, RUN.model_copy(update={"sport": "mobility", "distance_km": None}),
     RUN.model_copy(update={"sport": "other", "avg_hr": None})],
    ids=["run", "strength", "mobility", "other"],
)  # fmt: skip
def test_an_activity_file_gives_back_its_activity_in_local_time(
    tmp_path: Path, activity: Activity, hours: int
) -> None:
    path = tmp_path / "a.fit"
    write_fit(activity, path, offset=dt.timedelta(hours=hours))
    [read] = _read(path)
    for field in SAME:
        assert getattr(read, field) == pytest.approx(getattr(activity, field)), field
    assert read.source == str(path)
    assert read.fingerprint == activity.fingerprint


def test_strength_sets_become_lifts_named_as_fit_names_them(tmp_path: Path) -> None:
    path = tmp_path / "lift.fit"
    write_fit(LIFTS, path)
    [read] = _read(path)
    assert [(x.exercise, x.sets, x.reps, x.kg) for x in read.lifts] == [
        ("barbell back squat", 3, 5, 80.0),
        ("push up", 2, 12, 0.0),
    ]


def test_the_planners_exported_workouts_read_back_as_their_sessions(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "scenarios" / "marathon-build.yaml").read_text())
    lifts = {"back_squat": 100, "deadlift": 120, "bench_press": 70}
    data["athlete"] = {"recent_race": {"distance": "10k", "time": "45:00"}, "lifts": lifts}
    result = solve(data, work_limit=1)
    for name, data_ in workouts(result).items():
        (tmp_path / name).write_bytes(data_)
    read = {(a.date, a.start): a for a in read_activities([tmp_path])}
    sessions = {(s.date, s.start): s for s in result.sessions if s.prescription is not None}
    assert len(read) == len(sessions) == len(workouts(result)) and set(read) == set(sessions)
    kinds = {"run": "run", "strength": "strength", "mobility": "mobility"}
    for key, s in sessions.items():
        a = read[key]
        assert a.sport == kinds[s.kind], s.session
        assert a.source.startswith(str(tmp_path))
        if s.kind == "strength":  # the file holds the prescription: sets at the tempo, rests
            assert s.prescription is not None and s.prescription.minutes_estimate is not None
            assert abs(a.minutes - s.prescription.minutes_estimate) < 1, s.session
        else:
            assert a.minutes == s.minutes, s.session
    # and matched to the plan, one to one, every session done
    dates = [s.date for s in sessions.values() if s.date is not None]
    assert len(dates) == len(sessions)
    found = match(result.sessions, list(read.values()), min(dates), max(dates))
    assert [m.status for m in found] == ["done"] * len(sessions)
    assert {(m.session.date, m.session.start) for m in found if m.session} == set(sessions)
    assert {m.activity.fingerprint for m in found if m.activity} == {
        a.fingerprint for a in read.values()
    }


def test_a_rep_lasts_the_planners_tempo() -> None:
    assert REP_SECONDS == TEMPO_S


def test_a_truncated_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "cut.fit"
    write_fit(RUN, path)
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(InputError) as info:
        _read(path)
    [line] = str(info.value).splitlines()
    assert line.startswith(f"{path}: not a FIT file that can be read: it ends early")


@pytest.mark.parametrize("junk", [b"", b"\x00" * 64, b"<gpx>not fit</gpx>" * 10, bytes(range(256))])
def test_junk_is_one_problem(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.fit"
    path.write_bytes(junk)
    with pytest.raises(InputError) as info:
        _read(path)
    [line] = str(info.value).splitlines()
    assert line.startswith(f"{path}: ") and "FIT" in line


def test_a_damaged_byte_fails_the_crc(tmp_path: Path) -> None:
    path = tmp_path / "crc.fit"
    write_fit(RUN, path)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        _read(path)
    assert (
        str(info.value)
        == f"{path}: not a FIT file that can be read: its CRC does not match (damaged)"
    )


def test_values_out_of_range_are_named_by_record_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.fit"
    write_fit(RUN.model_copy(update={"minutes": 1441.0, "avg_hr": 20}), path)
    with pytest.raises(InputError) as info:
        _read(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{path}: record ") for line in lines)
    assert "session.total_timer_time: 86,460 is out of range" in lines[0]
    assert "at most 86,400" in lines[0]
    assert "session.avg_heart_rate: 20 is out of range; a number from 30 to 230" in lines[1]


def test_a_workout_repeating_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import FileType, Sport

    from hybridplan.outputs.fit import WatchStep, _repeat_message, _step_message

    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.time_created = 1_780_000_000_000
    head = WorkoutMessage()
    head.sport = Sport.RUNNING
    step = _step_message(0, WatchStep(name="work", intensity="active", seconds=60))
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add_all([file_id, head, step, _repeat_message(1, 0, 1000)])
    path = tmp_path / "w.fit"
    path.write_bytes(builder.build().to_bytes())
    with pytest.raises(InputError) as info:
        _read(path)
    [line] = str(info.value).splitlines()
    assert line.startswith(f"{path}: record 4 workout_step.repeat_steps: 1,000 is out of range")
    assert line.endswith("a number from 1 to 99")
