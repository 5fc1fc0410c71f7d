"""read_activities and new_activities: directories read one level deep in name order,
extensions deciding the format in any case, unknown ones refused; one import's problems
from every bad file together; the file limits; and the same activity (from two formats,
twice in one import, or already in the log) counted once."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from log.activity_files import write_csv, write_fit, write_gpx

from helpers import ROOT
from hybridplan.log import importing
from hybridplan.log.importing import new_activities, read_activities
from hybridplan.models import limits
from hybridplan.models.activity import Activity
from hybridplan.models.errors import InputError

RUN = Activity(
    date=dt.date(2026, 3, 2), start="06:45", sport="run", minutes=45.5, distance_km=9.3, avg_hr=150
)


def test_a_directory_is_read_in_name_order_with_any_case_of_extension(tmp_path: Path) -> None:
    write_fit(RUN, tmp_path / "b.FIT")
    write_gpx(RUN.model_copy(update={"date": dt.date(2026, 3, 1)}), tmp_path / "a.Gpx")
    (tmp_path / "sub").mkdir()  # one level deep: not read
    write_csv([RUN], tmp_path / "sub" / "c.csv")
    found = read_activities([tmp_path, ROOT / "tests" / "data" / "track.tcx"])
    assert [Path(a.source).name for a in found] == ["a.Gpx", "b.FIT", "track.tcx"]


def test_the_same_activity_counts_once(tmp_path: Path) -> None:
    write_fit(RUN, tmp_path / "run.fit")
    write_gpx(RUN, tmp_path / "run.gpx")
    write_csv([RUN, RUN.model_copy(update={"minutes": 30.0})], tmp_path / "log.csv")
    found = read_activities([tmp_path, tmp_path / "run.fit"])
    assert len(found) == 5
    new, repeats = new_activities(found, set())
    assert [Path(a.source).name for a in new] == ["log.csv:2", "log.csv:3"]
    assert len(repeats) == 3
    new, repeats = new_activities(found, {RUN.fingerprint})
    assert [a.minutes for a in new] == [30.0] and len(repeats) == 4


def test_every_bad_file_of_an_import_is_reported_together(tmp_path: Path) -> None:
    (tmp_path / "a.fit").write_bytes(b"junk")
    (tmp_path / "b.gpx").write_bytes(b"\x00\x01")
    (tmp_path / "c.txt").write_text("notes")
    write_fit(RUN, tmp_path / "d.fit")
    with pytest.raises(InputError) as info:
        read_activities([tmp_path, tmp_path / "missing.csv"])
    lines = str(info.value).splitlines()
    assert [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in lines] == [
        "missing.csv", "a.fit", "b.gpx:1", "c.txt",
    ]  # fmt: skip
    assert lines[0].endswith("cannot read: No such file or directory")
    assert lines[3].endswith("not an activity file: allowed extensions .fit, .gpx, .tcx, .csv")


def test_a_file_over_16_mib_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.gpx"
    with path.open("wb") as out:  # sparse: 2 GB on no disk
        out.truncate(2 << 30)
    with pytest.raises(InputError) as info:
        read_activities([path])
    assert str(info.value) == (f"{path}: file is 2,147,483,648 bytes; at most 16,777,216 (16 MiB)")
    assert limits.MAX_ACTIVITY_FILE_BYTES == 16 << 20


def test_too_many_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing.limits, "MAX_ACTIVITY_FILES", 3)
    for k in range(4):
        (tmp_path / f"{k}.csv").write_text("date,sport,minutes\n")
    with pytest.raises(InputError) as info:
        read_activities([tmp_path])
    assert str(info.value) == f"{tmp_path}: more than 3 files in one import"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.fit"
    os.mkfifo(path)
    with pytest.raises(InputError) as info:
        read_activities([path])
    assert str(info.value) == f"{path}: cannot read file: a FIFO (named pipe), not a regular file"
