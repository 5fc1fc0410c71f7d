"""GPX files read back: tests/data/run.gpx (made by tests/data/make_gpx.py) gives the run
its script describes, a track written from an activity gives the activity back, and bad
files (binary junk, an entity bomb, a file without times) are one line per problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from log.activity_files import write_gpx

from helpers import ROOT
from hybridplan.log.gpx import read_gpx
from hybridplan.models.activity import Activity
from hybridplan.models.errors import InputError

DATA = ROOT / "tests" / "data" / "run.gpx"


def _read(path: Path) -> list[Activity]:
    return read_gpx(path.read_bytes(), str(path))


def _problems(path: Path, data: bytes) -> list[str]:
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        _read(path)
    return str(info.value).splitlines()


def test_the_data_file_holds_the_run_its_script_wrote() -> None:
    [run] = _read(DATA)
    # 7 points 5 min apart from 06:45 UTC, 1 km apart; hr 140..164 in steps of 4: mean 152
    assert (run.date, run.start, run.sport, run.minutes) == (
        dt.date(2026, 3, 2),
        "06:45",
        "run",
        30,
    )
    assert run.distance_km == pytest.approx(6.0, abs=1e-9)
    assert (run.avg_hr, run.name, run.source) == (152, "Tempo Tuesday", str(DATA))


@pytest.mark.parametrize("sport", ["run", "strength", "mobility", "other"])
def test_a_track_gives_back_its_activity(tmp_path: Path, sport: str) -> None:
    activity = Activity(
        date=dt.date(2026, 5, 9), start="07:05", sport=sport, minutes=61.5, distance_km=11.2,
        avg_hr=139, name="Saturday",
    )  # fmt: skip
    path = tmp_path / "t.gpx"
    write_gpx(activity, path)
    [read] = _read(path)
    for field in ("date", "start", "sport", "minutes", "avg_hr", "name"):
        assert getattr(read, field) == getattr(activity, field), field
    assert read.distance_km == pytest.approx(11.2, abs=1e-6)


def test_binary_junk_named_gpx_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "junk.gpx"
    [line] = _problems(path, bytes(range(256)))
    assert line.startswith(f"{path}:1: not a GPX file: not well-formed XML")


def test_an_entity_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    levels = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a0 "lol">{levels}]><gpx>&a9;</gpx>'
    path = tmp_path / "bomb.gpx"
    [line] = _problems(path, bomb.encode())
    assert line == f"{path}: not a GPX file this planner reads: it holds a DTD (<!DOCTYPE ...>)"


def test_an_external_entity_is_refused(tmp_path: Path) -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx>&x;</gpx>'
    path = tmp_path / "xxe.gpx"
    [line] = _problems(path, data)
    assert "holds a DTD" in line


def test_a_track_without_times_and_a_bad_heart_rate_are_two_problems(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8").replace("<gpxtpx:hr>148<", "<gpxtpx:hr>NaN<")
    path = tmp_path / "hr.gpx"
    [line] = _problems(path, text.encode())
    assert line == (
        f"{path}: trk.trkpt.hr: not a finite number (got 'NaN'); a number from 30 to 230"
    )
    no_times = "".join(part.split("</time>")[-1] for part in text.split("<time>"))
    [line] = _problems(path, no_times.encode())
    assert line == f"{path}: trk.trkpt.time: no point with a time: the activity's time is unknown"
