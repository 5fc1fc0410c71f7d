"""Results that prove themselves (a result file can be edited): a result file read back in is
re-verified against the scenario and rule set it carries; any edit to what follows from
its sessions is bad input (exit 2, one line per problem naming file, line and field) in
every command that reads results, the Python API and a batch's --resume."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import hybridplan
from helpers import SHIPPED_SCENARIOS, solve_once
from hybridplan.cli import app
from hybridplan.models import Result
from hybridplan.models.errors import InputError
from hybridplan.prescribe import attach
from hybridplan.verify import verify_result

ROOT = Path(__file__).resolve().parent.parent
WEEK = ROOT / "scenarios" / "marathon-build.yaml"
PENALISED = ROOT / "scenarios" / "lunch-break-runner.yaml"
INFEASIBLE = ROOT / "scenarios" / "infeasible-on-purpose.yaml"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def cli(*args: str) -> tuple[int, str, str]:
    run = CliRunner().invoke(app, list(args))
    if run.exception and not isinstance(run.exception, SystemExit):
        raise run.exception
    return run.exit_code, run.stdout, run.stderr


def solved(path: Path) -> dict[str, Any]:
    code, out, err = cli("solve", str(path), "--format", "json", "--time-limit", "30")
    assert code in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture(scope="module")
def week() -> dict[str, Any]:
    return solved(WEEK)


@pytest.fixture(scope="module")
def penalised() -> dict[str, Any]:
    data = solved(PENALISED)
    assert data["objective"] > 0 and data["penalties"]  # so that editing them means something
    return data


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=lambda p: p.stem)
def test_every_shipped_result_proves_itself(path: Path) -> None:
    """What the solver writes passes: sessions, penalty, summary, metrics, prescriptions."""
    wk, result = solve_once(path)
    back = Result.model_validate_json(attach(result.model_copy(deep=True), wk).to_json())
    assert verify_result(back).weeks == wk.weeks


def _first_free_day(scenario: dict[str, Any]) -> str:
    """A day the scenario gives no minutes, read from the file itself."""
    availability = scenario["availability"]
    return next(d for d in DAYS if not any((availability.get(d) or {}).values()))


def _move_to_a_free_day(data: dict[str, Any]) -> None:
    scenario = yaml.safe_load(WEEK.read_text())
    day = _first_free_day(scenario)
    s = data["sessions"][0]
    s["day"] = day
    start = dt.date.fromisoformat(str(scenario["start"])) if "start" in scenario else None
    s["date"] = (start + dt.timedelta(days=DAYS.index(day))).isoformat() if start else None


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = data
        for key in head:
            target = target[key]
        target[last] = value

    return edit


def _bump(path: str, by: int) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = data
        for key in head:
            target = target[key]
        target[last] += by

    return edit


def _heavier(data: dict[str, Any]) -> None:
    s = next(s for s in data["sessions"] if s["kind"] == "strength")
    s["prescription"]["exercises"][0]["kg"] = 500.0


def _easier(data: dict[str, Any]) -> None:
    s = data["sessions"][0]
    s["intensity"] = "easy" if s["intensity"] != "easy" else "hard"


def _duplicate_first(data: dict[str, Any]) -> None:
    twin = copy.deepcopy(data["sessions"][0])
    twin["uid"] = "twin-1"
    data["sessions"].append(twin)


# (edit, the field the refusal names): each changes something a coach or a calendar sees
EDITS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "objective": (_set("objective", -999999), "objective"),
    "moved to a day without availability": (_move_to_a_free_day, "availability"),
    "load": (_bump("sessions.0.load", 100), "sessions.0.load"),
    "intensity": (_easier, "sessions.0.intensity"),
    "start time": (_set("sessions.0.start", "03:00"), "sessions.0.start"),
    "summary": (_bump("summary.minutes", 60), "summary"),
    "coach preference": (_set("coach_preference", -5), "coach_preference"),
    "metrics": (lambda d: d["metrics"]["coach_objections"].update(x=1), "metrics"),
    "a weight": (_heavier, "prescription"),
    "two sessions in one slot": (_duplicate_first, "holds sessions.0 already"),
    "scenario name": (_set("scenario", "someone else"), "scenario"),
    "violations": (_set("violations", [{"rule": "x", "detail": "y"}]), "violations"),
    # numbers are numbers in a result as in a scenario (read as 0 and 1 before)
    "objective as text": (_set("objective", "0"), "objective"),
    "minutes as a boolean": (_set("sessions.0.minutes", True), "sessions.0.minutes"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edited_result_is_refused_by_every_command(
    tmp_path: Path, week: dict[str, Any], name: str
) -> None:
    edit, field = EDITS[name]
    data = copy.deepcopy(week)
    edit(data)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, indent=2))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(week, indent=2))
    out = tmp_path / "out.md"
    commands = [
        ("export", str(path), "--to", "md", "--out", str(out)),
        ("diff", str(good), str(path)),
        ("replan", str(path), "--missed", "tue", "--format", "json"),
        ("validate", str(path)),
    ]
    for command in commands:
        code, stdout, err = cli(*command)
        assert code == 2, (command, stdout, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and all(line.startswith(f"error: {path}:") for line in lines), err
        assert field in err, (command, err)
        assert "Traceback" not in err
    assert not out.exists()  # nothing written from a refused file


def test_the_refusal_names_the_line_of_the_field(tmp_path: Path, week: dict[str, Any]) -> None:
    data = copy.deepcopy(week)
    data["objective"] = -999999
    text = json.dumps(data, indent=2)
    path = tmp_path / "r.json"
    path.write_text(text)
    lines = enumerate(text.splitlines(), 1)
    line = next(i for i, t in lines if t.strip().startswith('"objective"'))
    code, _, err = cli("export", str(path), "--to", "md", "--out", "-")
    assert code == 2 and f"{path}:{line}: objective: -999999 is not the plan's penalty" in err


def test_penalties_are_the_checks_own(tmp_path: Path, penalised: dict[str, Any]) -> None:
    """A result with penalties: dropping one, changing an amount or its text is refused;
    listing them in another order is not."""
    path = tmp_path / "r.json"
    for edit in (
        lambda d: d["penalties"].pop(),
        lambda d: d["penalties"][0].update(amount=d["penalties"][0]["amount"] + 1),
        lambda d: d["penalties"][0].update(detail="<script>x</script>"),
    ):
        data = copy.deepcopy(penalised)
        edit(data)
        path.write_text(json.dumps(data))
        code, _, err = cli("export", str(path), "--to", "csv", "--out", "-")
        assert code == 2 and "penalties" in err, err
    data = copy.deepcopy(penalised)
    data["penalties"].reverse()
    path.write_text(json.dumps(data))
    assert cli("export", str(path), "--to", "csv", "--out", "-")[0] == 0


def test_an_infeasible_result_made_optimal_is_refused(tmp_path: Path, week: dict[str, Any]) -> None:
    data = solved(INFEASIBLE)
    assert data["status"] == "infeasible"
    data.update(status="optimal", objective=0, bound=0)
    data["sessions"] = copy.deepcopy(week["sessions"][:2])
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    code, _, err = cli("export", str(path), "--to", "ics", "--out", "-")
    assert code == 2 and "hard rule" in err, err
    # and its sessions alone, on an infeasible status, are refused too
    data["status"] = "infeasible"
    path.write_text(json.dumps(data))
    code, _, err = cli("export", str(path), "--to", "ics", "--out", "-")
    assert code == 2 and "sessions" in err and "found no plan" in err, err


def test_a_replanned_result_proves_itself_and_chains(tmp_path: Path, week: dict[str, Any]) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(week))
    tuesday = next(s for s in week["sessions"] if s["day"] == "tue")
    missed = f"tue:{tuesday['slot']}"
    code, out, err = cli("replan", str(path), "--missed", missed, "--format", "json")
    assert code == 0, err
    again = tmp_path / "r2.json"
    again.write_text(out)
    code, _, err = cli("replan", str(again), "--unavailable", "sat", "--format", "json")
    assert code in (0, 1), err  # a second replan reads the first back: it verified
    assert cli("export", str(again), "--to", "md", "--out", "-")[0] == 0


def test_the_api_verifies_a_dict_and_names_the_argument(week: dict[str, Any]) -> None:
    data = copy.deepcopy(week)
    data["summary"]["load"] += 1
    with pytest.raises(InputError) as info:
        hybridplan.export(data, "md")
    assert [p.field for p in info.value.problems] == ["result.summary"]
    with pytest.raises(InputError) as info:
        hybridplan.diff(week, data)
    assert [p.field for p in info.value.problems] == ["after.summary"]
    assert hybridplan.export(copy.deepcopy(week), "md")  # the file as written passes


def test_batch_resume_solves_an_edited_result_again(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "w.yaml").write_text(WEEK.read_text())
    out = tmp_path / "out"
    args = ("solve", str(source), "--out", str(out), "--work-limit", "30")
    assert cli(*args)[0] == 0
    written = out / "w.json"
    data = json.loads(written.read_text())
    honest = data["objective"]
    data["objective"] = -999999
    written.write_text(json.dumps(data))
    code, _, err = cli(*args, "--resume")
    assert code == 0, err
    assert json.loads(written.read_text())["objective"] == honest
