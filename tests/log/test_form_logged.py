"""The form of a plan whose log covers its first days: the logged activities' loads up to
the log's last day, the plan's after it, summed in closed form here (each day's load
weighted by exp(-age / tau)); one method throughout; and `hybridplan form`'s --load,
--png and --compare, with its refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import ROOT, solve_once
from hybridplan.cli import app
from hybridplan.log.form import plan_form
from hybridplan.models.activity import Activity, LogEntry, TrainingLog
from hybridplan.models.errors import InputError
from hybridplan.models.result import Result

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONDAY = dt.date(2026, 11, 30)  # marathon-build's start


@pytest.fixture(scope="module")
def week() -> Result:
    _, result = solve_once(ROOT / "scenarios" / "marathon-build.yaml")
    assert result.status == "optimal"
    return result


def _closed_form(loads: list[float], tau: int) -> list[float]:
    """X(d) = sum over s <= d of (1 - q) q^(d - s) load(s), q = e^(-1/tau), from 0."""
    q = math.exp(-1 / tau)
    return [sum((1 - q) * q ** (d - s) * loads[s] for s in range(d + 1)) for d in range(len(loads))]


def _planned(result: Result) -> list[int]:
    loads = [0] * 7
    for s in result.sessions:
        loads[DAYS.index(s.day)] += s.load
    return loads


def _fingerprint(date: dt.date, start: str, sport: str, minutes: float) -> str:
    """As models/activity.py documents it: SHA-256 of date|start|sport|whole minutes."""
    key = f"{date.isoformat()}|{start}|{sport}|{round(minutes)}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _logged(result: Result, through: dt.date, athlete: dict[str, Any] | None = None) -> Result:
    """The week with a log through `through`: Monday's tempo done (no RPE: the planned
    session's), a 50-min run at RPE 4, a 90-min ride on Wednesday (no RPE: its sport's), and
    a run on Saturday, after the log's last day."""
    tempo = next(s for s in result.sessions if s.session == "tempo_60")
    activities = [
        Activity(date=MONDAY, start="18:00", sport="run", minutes=60.0, avg_hr=165,
                 distance_km=12.0),
        Activity(date=MONDAY + dt.timedelta(days=1), start="07:00", sport="run", minutes=50.0,
                 rpe=4.0, avg_hr=140, distance_km=9.0),
        Activity(date=MONDAY + dt.timedelta(days=2), start="10:00", sport="other",
                 minutes=90.0),
        Activity(date=MONDAY + dt.timedelta(days=5), start="07:00", sport="run", minutes=90.0,
                 rpe=5.0),
    ]  # fmt: skip
    entry = LogEntry(
        status="done", week=1, day="mon", slot="pm", session="tempo_60", uid=tempo.uid,
        activity=_fingerprint(MONDAY, "18:00", "run", 60.0),
    )  # fmt: skip
    log = TrainingLog(activities=activities, entries=[entry], through=through)
    update: dict[str, Any] = {"log": log}
    if athlete is not None:
        assert result.input is not None
        scenario = {**result.input["scenario"], "athlete": athlete}
        update["input"] = {**result.input, "scenario": scenario}
    return result.model_copy(update=update)


def test_the_logged_days_then_the_planned_ones_in_closed_form(week: Result) -> None:
    through = MONDAY + dt.timedelta(days=3)  # Thursday: days 0-3 logged, 4-6 planned
    form = plan_form(_logged(week, through))
    planned = _planned(week)
    tempo_rpe = 420 / 60  # the planned tempo_60: load 420 over 60 minutes
    expected = [
        60 * tempo_rpe,  # Monday: the tempo, by its planned session's RPE
        50 * 4,  # Tuesday: the run's own RPE
        90 * 4,  # Wednesday: a ride, RPE 4 ("other"'s usual, documented)
        0,  # Thursday: logged, nothing done (the planned recovery run is not counted)
        *planned[4:],  # Friday on: as planned (Saturday's run is after the log's last day)
    ]
    assert [d.load for d in form.days] == expected
    assert form.through == 3 and form.method == "srpe" and form.scale is None
    fitness, fatigue = _closed_form(expected, 42), _closed_form(expected, 7)
    for day, f, a in zip(form.days, fitness, fatigue, strict=True):
        assert day.fitness == pytest.approx(f, abs=1e-9)
        assert day.fatigue == pytest.approx(a, abs=1e-9)
    # the unlogged week is unchanged: the plan's own loads
    assert [d.load for d in plan_form(week).days] == planned


def test_trimp_throughout_scales_the_session_rpe_loads_by_the_logs_ratio(week: Result) -> None:
    """With max_hr 190 and rest_hr 50: Monday's tempo at 165 bpm, HRr = 115 / 140 =
    0.821429, 60 x 0.821429 x 0.64 x e^1.577143 (4.84100) = 152.70 -> 153; Tuesday's run at
    140, HRr = 90 / 140 = 0.642857, 50 x 0.642857 x 0.64 x e^1.234286 (3.43599) = 70.68 ->
    71. Both have an RPE (the planned 7, their own 4): the ratio is (153 + 71) / (420 +
    200). The ride has no heart rate: its 360 and the planned days are scaled by it."""
    athlete = {"max_hr": 190, "rest_hr": 50}
    form = plan_form(_logged(week, MONDAY + dt.timedelta(days=3), athlete), "trimp")
    scale = (153 + 71) / (420 + 200)
    assert form.scale == pytest.approx(scale)
    planned = _planned(week)
    expected = [153, 71, round(360 * scale), 0, *(round(p * scale) for p in planned[4:])]
    assert [d.load for d in form.days] == expected
    assert any("no heart rate" in n for n in form.notes)
    fitness = _closed_form(expected, 42)
    assert [d.fitness for d in form.days] == pytest.approx(fitness, abs=1e-9)


def test_trimp_without_anything_to_scale_by_is_refused(week: Result) -> None:
    with pytest.raises(InputError, match="no logged activity has both"):
        plan_form(week, "trimp")  # no log: the plan's session-RPE loads have no TRIMP scale


@pytest.fixture(scope="module")
def files(week: Result, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("form")
    plain, logged = folder / "week.json", folder / "logged.json"
    plain.write_text(week.to_json())
    logged.write_text(_logged(week, MONDAY + dt.timedelta(days=3)).to_json())
    return plain, logged


def test_the_command_draws_a_png_and_refuses_to_overwrite_it(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    plain, logged = files
    runner = CliRunner()
    png = tmp_path / "form.png"
    done = runner.invoke(app, ["form", str(logged), "--png", str(png), "--compare", str(plain)])
    assert done.exit_code == 0, done.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "logged through day 4 (2026-12-03), planned after it" in done.output
    again = runner.invoke(app, ["form", str(logged), "--png", str(png)])
    assert again.exit_code == 2
    assert again.output.strip().splitlines() == [
        f"error: --png: {png} exists; add --force to replace it"
    ]
    forced = runner.invoke(app, ["form", str(plain), "--png", str(png), "--force"])
    assert forced.exit_code == 0, forced.output


@pytest.mark.parametrize(
    "which,args,says",
    [
        (1, ["--compare", "{plain}"], "--compare: draws a second plan on the chart"),
        (0, ["--load", "trimp"], "--load: trimp: no logged activity has both"),
        (1, ["--load", "tss"], "Invalid value for '--load'"),
    ],
)
def test_the_command_refuses_with_one_line(
    files: tuple[Path, Path], which: int, args: list[str], says: str
) -> None:
    plain = files[0]
    shown = [a.format(plain=plain) for a in args]
    done = CliRunner().invoke(app, ["form", str(files[which]), *shown])
    assert done.exit_code == 2
    assert says in done.output
    if says.startswith("--"):
        assert len(done.output.strip().splitlines()) == 1


def test_json_says_the_method_and_the_logs_last_day(files: tuple[Path, Path]) -> None:
    _, logged = files
    out = json.loads(CliRunner().invoke(app, ["form", str(logged), "--format", "json"]).output)
    assert out["load"] == "srpe" and out["through"] == "2026-12-03"
    assert [d["load"] for d in out["days"]][:4] == [420, 200, 360, 0]
