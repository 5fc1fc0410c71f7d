"""TCX files read back: tests/data/track.tcx (written by hand as Garmin writes TCX) gives
the values computed by hand from it; bad files are one line per problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import ROOT
from hybridplan.log.tcx import read_tcx
from hybridplan.models.errors import InputError

DATA = ROOT / "tests" / "data" / "track.tcx"


def _problems(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_tcx(path.read_bytes(), str(path))
    return str(info.value).splitlines()


def test_the_data_file_holds_the_values_computed_by_hand() -> None:
    [a] = read_tcx(DATA.read_bytes(), str(DATA))
    # laps of 1200 s and 600 s, 3500 m and 2500 m, 140 and 170 bpm: 30 min, 6 km,
    # (140 x 1200 + 170 x 600) / 1800 = 150 bpm
    assert (a.date, a.start, a.sport) == (dt.date(2026, 3, 4), "17:30", "run")
    assert (a.minutes, a.distance_km, a.avg_hr) == (30.0, 6.0, 150)
    assert (a.name, a.source) == ("Track session", str(DATA))


def test_a_time_zone_moves_the_utc_start_to_the_athletes_clock() -> None:
    from zoneinfo import ZoneInfo

    [a] = read_tcx(DATA.read_bytes(), str(DATA), ZoneInfo("America/New_York"))
    assert (a.date, a.start) == (dt.date(2026, 3, 4), "12:30")


def test_every_bad_lap_value_is_its_own_line(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    text = text.replace("<TotalTimeSeconds>1200.0<", "<TotalTimeSeconds>NaN<")
    text = text.replace("<TotalTimeSeconds>600.0<", "<TotalTimeSeconds>-5<")
    text = text.replace("<DistanceMeters>2500.0<", "<DistanceMeters>1e309<")
    path = tmp_path / "bad.tcx"
    assert _problems(path, text) == [
        f"{path}: Activity.Lap 1.TotalTimeSeconds: not a finite number (got 'NaN'); "
        "a number from 0 to 86,400",
        f"{path}: Activity.Lap 2.TotalTimeSeconds: -5 is out of range; a number from 0 to 86,400",
        f"{path}: Activity.Lap 2.DistanceMeters: not a finite number (got '1e309'); "
        "a number from 0 to 1,000,000",
    ]


def test_a_date_out_of_range_and_a_bad_id(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    path = tmp_path / "old.tcx"
    [line] = _problems(path, text.replace("<Id>2026-03-04", "<Id>1985-03-04"))
    assert (
        line
        == f"{path}: Activity.Id: 1985-03-04 is out of range; dates from 1990-01-01 to 2099-12-31"
    )
    [line] = _problems(path, text.replace("<Id>2026-03-04T17:30:00.000Z", "<Id>yesterday"))
    assert line.startswith(f"{path}: Activity.Id: not a date and time (got 'yesterday')")


def test_entities_and_other_roots_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.tcx"
    [line] = _problems(
        path, '<!DOCTYPE x [<!ENTITY e "e">]><TrainingCenterDatabase>&e;</TrainingCenterDatabase>'
    )
    assert "holds a DTD" in line
    [line] = _problems(path, "<gpx/>")
    assert line == f"{path}: not a TCX file: its root is <gpx>"
    [line] = _problems(path, "<TrainingCenterDatabase><Activities>")
    assert line.startswith(f"{path}:1: not a TCX file: not well-formed XML")
