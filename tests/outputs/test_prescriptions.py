"""Prescriptions wherever a person reads a plan: FIT workouts' names and files, decoded by an
independent library (fitdecode, not the fit-tool that wrote them; their steps against the
prescription, with a second decoder, in test_fit_workouts.py), the calendar's descriptions, the
HTML page, Markdown, CSV and the DataFrame, the terminal's --detail view, and result files
whose prescription was tampered with."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import fitdecode
import pytest
import yaml
from icalendar import Calendar
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan import export, solve
from hybridplan.cli import app
from hybridplan.models import InputError, Result
from hybridplan.models.loading import read_result
from hybridplan.outputs.watch import workouts

ATHLETE = {
    "recent_race": {"distance": "10k", "time": "45:00"},
    "max_hr": 188,
    "lifts": {"back_squat": 100, "deadlift": 120, "bench_press": 70},
}


def week(**athlete: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "scenarios" / "marathon-build.yaml").read_text())
    return {**data, "athlete": {**ATHLETE, **athlete}}


@pytest.fixture(scope="module")
def result() -> Result:
    r = solve(week())
    assert r.found
    return r


def decode(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        return [
            (frame.name, {f.name: f.value for f in frame.fields})
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage)
        ]


def test_every_workout_of_a_block_has_a_name_of_its_own() -> None:
    """A watch lists workouts by name: in an 8-week block each run's name is its own and
    says the session's date, slot and session (as decoded by fitdecode)."""
    data = yaml.safe_load((ROOT / "scenarios" / "10k-block-8w.yaml").read_text())
    r = solve({**data, "athlete": ATHLETE}, work_limit=1)
    assert r.found
    runs = [s for s in r.sessions if s.kind == "run"]
    files = workouts(r)
    names = {}
    for s in runs:
        (file,) = [n for n in files if n.startswith(f"w{s.week:02d}-") and s.session in n
                   and f"-{s.slot}-" in n and s.day in n]  # fmt: skip
        head = next(f for m, f in decode(files[file]) if m == "workout")
        names[file] = head["wkt_name"]
        assert s.date is not None
        assert head["wkt_name"] == f"{s.date.isoformat()} {s.slot} {s.session}"[:40]
    assert len(runs) > 25 and len(set(names.values())) == len(runs)


def test_export_fit_is_a_zip_and_the_cli_writes_one_file_per_run(
    result: Result, tmp_path: Path
) -> None:
    archive = zipfile.ZipFile(io.BytesIO(export(result, "fit")))
    assert sorted(archive.namelist()) == sorted(workouts(result))
    assert export(result, "fit") == export(result, "fit")  # same plan, same bytes
    path = tmp_path / "week.json"
    path.write_text(result.to_json())
    out = tmp_path / "watch"
    run = CliRunner().invoke(app, ["export", str(path), "--to", "fit", "--out", f"{out}/"])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in out.iterdir()) == sorted(archive.namelist())
    again = CliRunner().invoke(app, ["export", str(path), "--to", "fit", "--out", str(out)])
    assert again.exit_code == 2 and "exists" in again.output


def test_the_calendar_describes_what_to_do(result: Result) -> None:
    calendar = Calendar.from_ical(export(result, "ics"))
    events = [e for e in calendar.walk() if e.name == "VEVENT"]
    assert len(events) == len(result.sessions)
    for event, s in zip(events, result.sessions, strict=True):
        assert s.prescription is not None
        text = str(event.get("description"))
        assert text.startswith(s.prescription.summary)
        for e in s.prescription.exercises:
            assert e.text() in text
    tempo = next(s for s in result.sessions if s.run_type in ("tempo", "hills", "intervals"))
    text = str(
        next(e for e in events if f"session {tempo.session}," in str(e.get("description"))).get(
            "description"
        )
    )
    assert "warmup" in text and "cooldown" in text and "bpm" in text


def test_html_and_markdown_show_the_content_escaped(result: Result) -> None:
    html = export(result, "html").decode()
    md = export(result, "md").decode()
    for s in result.sessions:
        assert s.prescription is not None
        assert s.prescription.summary.replace("'", "&#x27;") in html
        assert s.prescription.summary in md
    assert "back squat" in html and "<ul>" in html
    assert "### Sessions" in md and "  - " in md
    hostile = result.model_copy(deep=True)
    first = hostile.sessions[0]
    assert first.prescription is not None
    first.prescription = first.prescription.model_copy(update={"summary": "<script>x</script> | a"})
    assert "<script>x" not in export(hostile, "html").decode()
    shown = export(hostile, "md").decode()
    assert "<script>" not in shown and "\\| a" in shown


def test_csv_and_the_dataframe_carry_the_prescription(result: Result) -> None:
    frame = result.to_dataframe()
    assert {"prescription", "steps", "exercises"} <= set(frame.columns)
    tempo = frame[frame["run_type"].isin(["hills", "tempo", "intervals"])].iloc[0]
    assert "warmup" in tempo["steps"] and "/km" in tempo["steps"]
    lift = frame[frame["kind"] == "strength"].iloc[0]
    assert "back squat" in lift["exercises"]
    text = export(result, "csv").decode()
    assert "prescription,steps,exercises" in text.splitlines()[0].replace('"', "")


def test_solve_detail_shows_each_session_s_content(tmp_path: Path) -> None:
    path = tmp_path / "week.yaml"
    path.write_text(yaml.safe_dump(week()))
    run = CliRunner().invoke(app, ["solve", str(path), "--detail"], env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.output
    assert "sessions in detail" in run.output
    assert "/km" in run.output and "back squat" in run.output and "bpm" in run.output
    plain = CliRunner().invoke(app, ["solve", str(path)], env={"COLUMNS": "200"})
    assert "sessions in detail" not in plain.output


def test_a_tampered_prescription_is_bad_input(result: Result, tmp_path: Path) -> None:
    data = json.loads(result.to_json())
    run = next(s for s in data["sessions"] if s["kind"] == "run")
    run["prescription"]["steps"][0]["minutes"] += 5
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as caught:
        read_result(path)
    assert "prescription steps add up to" in str(caught.value.problems[0])
    data = json.loads(result.to_json())
    lift = next(s for s in data["sessions"] if s["kind"] == "strength")
    lift["prescription"]["exercises"][0]["sets"] += 1
    lift["prescription"]["exercises"][0]["muscles"] = {"quads": 9}
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as caught:
        read_result(path)
    assert "prescription exercises give sets" in str(caught.value.problems[0])
    data = json.loads(result.to_json())
    run = next(s for s in data["sessions"] if s["kind"] == "run")
    run["prescription"]["steps"][0]["pace"] = ["0:00", "0:00"]
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as caught:
        read_result(path)
    assert "must be [fast, slow], above 0:00" in str(caught.value.problems[0])


def test_results_without_prescriptions_get_them_at_export(result: Result) -> None:
    old = result.model_copy(deep=True)
    for s in old.sessions:
        s.prescription = None
    assert export(old, "md") == export(result, "md")
    assert export(old, "fit") == export(result, "fit")


def test_the_zones_are_defined_where_they_appear_and_missing_inputs_are_named() -> None:
    """Markdown and HTML say what Z1-Z5 mean (contiguous, in % of max HR, written out again
    here) wherever a step names a zone, and tell an athlete without inputs what would add
    paces, heart rates and kilograms; with every input given, nothing is asked."""
    zones = ("Z1 55-65 recovery", "Z2 65-80 easy", "Z3 80-88 marathon", "Z4 88-93 threshold",
             "Z5 93-100 interval")  # fmt: skip
    data = week()
    full = solve({**data, "athlete": {**ATHLETE, "lifts": {"back_squat": 100}}})
    bare = solve({k: v for k, v in data.items() if k != "athlete"})
    for r, asks in ((full, False), (bare, True)):
        text = export(r, "md").decode()
        html = export(r, "html").decode()
        assert all(z in text for z in zones) and all(z in html for z in zones)
        for wanted in ("recent_race", "max_hr", "lifts"):
            assert (wanted in text) == asks and (wanted in html) == asks
