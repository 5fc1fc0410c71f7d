"""Fitness, fatigue and form of a plan (`hybridplan form`), checked from the published
definition alone: a hand-computed example, and a solved block's result JSON summed in
closed form (each day's load weighted by exp(-age / tau)), never by the code under test."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import hybridplan
from helpers import ROOT
from hybridplan.cli import app
from hybridplan.log.form import curve, plan_form

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_a_hand_computed_example() -> None:
    """Loads 70, 0, 50 from nothing. By hand: 1 - e^(-1/42) = 0.0235283, 1 - e^(-1/7) =
    0.1331221; day 1 fitness 70 x 0.0235283 = 1.6470, fatigue 70 x 0.1331221 = 9.3185."""
    days = curve([70, 0, 50])
    expected = [(1.6470, 9.3185), (1.6082, 8.0780), (2.7468, 13.6588)]
    for (fitness, fatigue), (f, a) in zip(days, expected, strict=True):
        assert fitness == pytest.approx(f, abs=1e-4) and fatigue == pytest.approx(a, abs=1e-4)


@pytest.fixture(scope="module")
def half() -> tuple[hybridplan.Result, dict[str, Any]]:
    result = hybridplan.solve(ROOT / "scenarios" / "beginner-half-10w.yaml", work_limit=10)
    assert result.status == "optimal"
    return result, json.loads(result.to_json())


def _closed_form(loads: list[int], start: float, tau: int) -> list[float]:
    """X(d) = sum over s <= d of (1 - q) q^(d - s) load(s) + q^(d + 1) start, q = e^(-1/tau):
    the exponentially weighted average written as its sum."""
    q = math.exp(-1 / tau)
    return [
        sum((1 - q) * q ** (d - s) * loads[s] for s in range(d + 1)) + q ** (d + 1) * start
        for d in range(len(loads))
    ]


def test_a_block_matches_the_definition(half: tuple[hybridplan.Result, dict[str, Any]]) -> None:
    result, data = half
    scenario = data["input"]["scenario"]
    weeks = len(data["phases"])
    loads = [0] * (7 * weeks)
    for s in data["sessions"]:
        loads[7 * (s["week"] - 1) + DAYS.index(s["day"])] += s["load"]
    history = scenario["history"]
    fitness = _closed_form(loads, sum(history[-6:]) / (7 * len(history[-6:])), 42)
    fatigue = _closed_form(loads, history[-1] / 7, 7)
    form = plan_form(result)
    assert [d.load for d in form.days] == loads
    for day, f, a in zip(form.days, fitness, fatigue, strict=True):
        assert day.fitness == pytest.approx(f, abs=1e-9)
        assert day.fatigue == pytest.approx(a, abs=1e-9)
        assert day.form == pytest.approx(f - a, abs=1e-9)
    race = next(s for s in data["sessions"] if s["run_type"] == "race")
    race_day = 7 * (race["week"] - 1) + DAYS.index(race["day"])
    assert form.race_form == pytest.approx(fitness[race_day - 1] - fatigue[race_day - 1])
    # the taper does what it is for: fresher on race day than at the end of any loaded week
    assert form.race_form is not None and form.race_form > 0
    assert all(form.days[7 * w + 6].form < form.race_form for w in range(8))


def test_the_command_prints_weeks_days_and_race_day_form(
    half: tuple[hybridplan.Result, dict[str, Any]],
    tmp_path: Path,
) -> None:
    result, data = half
    path = tmp_path / "half.json"
    path.write_text(result.to_json())
    runner = CliRunner()
    table = runner.invoke(app, ["form", str(path)])
    assert table.exit_code == 0, table.output
    assert len([ln for ln in table.output.splitlines() if ln[:3].strip().isdigit()]) == 10
    assert "race-day form +" in table.output
    text = runner.invoke(app, ["form", str(path), "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 70 and rows[0]["date"] == data["input"]["scenario"]["start"]
    assert sum(int(r["load"]) for r in rows) == sum(s["load"] for s in data["sessions"])
    out = json.loads(runner.invoke(app, ["form", str(path), "--format", "json"]).output)
    assert out["race_day_form"] > 0 and len(out["days"]) == 70
    # an edited result is bad input, as for every command that reads one
    edited = json.loads(result.to_json())
    edited["objective"] = -1
    path.write_text(json.dumps(edited))
    bad = runner.invoke(app, ["form", str(path)])
    assert bad.exit_code == 2 and "objective" in bad.output
