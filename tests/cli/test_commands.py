"""The command line: exit codes, output formats, --out safety and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hybridplan.cli import app

SCENARIO = """\
name: cli-week
availability:
  mon: {am: 60, pm: 75}
  tue: {pm: 60}
  wed: {am: 60}
  thu: {pm: 60}
  sat: {am: 150}
weekly_minutes: 420
targets:
  runs: {min: 3, max: 4}
  strength: 2
  long_run: 1
  quality_runs: [1, 1]
  run_minutes: 200
  sets: {quads: [4, 8], back: [4, 8]}
preferences: {long_run_day: sat, rest_days: [sun]}
"""

INFEASIBLE = SCENARIO.replace("cli-week", "too-much").replace("strength: 2", "strength: 5")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "week.yaml"
    good.write_text(SCENARIO)
    bad = tmp_path / "too-much.yaml"
    bad.write_text(INFEASIBLE)
    broken = tmp_path / "broken.yaml"
    broken.write_text(SCENARIO.replace("runs: {min: 3, max: 4}", "runs: {min: 5, max: 4}"))
    return {"good": good, "infeasible": bad, "broken": broken}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_table_shows_week_grid(files: dict[str, Path]) -> None:
    code, out, _ = run("solve", str(files["good"]))
    assert code == 0
    assert "cli-week · rules balanced · optimal" in out
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        assert f"│ {day} " in out
    assert "long_" in out


def test_json_is_one_object_matching_the_contract(files: dict[str, Path]) -> None:
    code, out, _ = run("solve", str(files["good"]), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert isinstance(doc, dict)
    assert doc["status"] == "optimal" and doc["scenario"] == "cli-week"
    assert doc["objective"] == sum(p["amount"] for p in doc["penalties"])
    assert doc["bound"] == doc["objective"]
    first = doc["sessions"][0]
    for key in (
        "week",
        "day",
        "slot",
        "start",
        "minutes",
        "session",
        "kind",
        "intensity",
        "run_type",
        "legs",
        "sets",
        "load",
    ):
        assert key in first
    long_runs = [s for s in doc["sessions"] if s.get("run_type") == "long"]
    assert len(long_runs) == 1 and long_runs[0]["day"] == "sat"
    assert long_runs[0]["start"] == "06:30"


def test_infeasible_exits_1(files: dict[str, Path]) -> None:
    code, out, _ = run("solve", str(files["infeasible"]), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["status"] == "infeasible" and doc["sessions"] == [] and doc["objective"] is None


def test_several_files_json_array_and_worst_exit(files: dict[str, Path]) -> None:
    code, out, _ = run("solve", str(files["good"]), str(files["infeasible"]), "--format", "json")
    assert code == 1
    docs = json.loads(out)
    assert [d["status"] for d in docs] == ["optimal", "infeasible"]


def test_bad_input_exits_2_with_one_line_per_problem(files: dict[str, Path]) -> None:
    code, out, err = run("solve", str(files["good"]), str(files["broken"]))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert lines == [f"error: {files['broken']}:10: targets.runs: min (5) is above max (4)"]
    assert "Traceback" not in err


def test_csv_and_md(files: dict[str, Path]) -> None:
    code, out, _ = run("solve", str(files["good"]), "--format", "csv")
    assert code == 0
    header, *rows = out.strip().splitlines()
    assert header.startswith("scenario,week,day,date,slot,start,minutes,session,kind")
    assert "sets_quads" in header
    assert len(rows) >= 5
    code, out, _ = run("solve", str(files["good"]), "--format", "md")
    assert code == 0 and "| day | am | pm |" in out and "| sat | long_" in out


def test_out_dir_never_overwrites_without_force(files: dict[str, Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, _, _ = run("solve", str(files["good"]), "--format", "json", "--out", str(out_dir))
    assert code == 0
    written = out_dir / "week.json"
    assert json.loads(written.read_text())["status"] == "optimal"
    written.write_text("mine")
    code, _, err = run("solve", str(files["good"]), "--format", "json", "--out", str(out_dir))
    assert code == 2 and "exist already" in err and "--force" in err
    assert written.read_text() == "mine"
    code, _, _ = run(
        "solve", str(files["good"]), "--format", "json", "--out", str(out_dir), "--force"
    )
    assert code == 0 and json.loads(written.read_text())["scenario"] == "cli-week"


def test_out_dir_batch_records_bad_input_and_goes_on(
    files: dict[str, Path], tmp_path: Path
) -> None:
    out_dir = tmp_path / "out2"
    code, _, _ = run("solve", str(files["good"]), str(files["broken"]), "--out", str(out_dir))
    assert code == 1
    assert (out_dir / "week.json").exists() and not (out_dir / "broken.json").exists()
    rows = (out_dir / "summary.csv").read_text()
    assert "targets.runs: min (5) is above max (4)" in rows


def test_rules_option_replaces_the_set(files: dict[str, Path]) -> None:
    code, out, _ = run("solve", str(files["good"]), "--rules", "minimal", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["rule_set"] == "minimal" and doc["objective"] == 0 and doc["penalties"] == []
    code, _, err = run("solve", str(files["good"]), "--rules", "nope")
    assert code == 2 and err.startswith("error: --rules: unknown rule set 'nope'")


def test_rules_sessions_schema_validate(files: dict[str, Path]) -> None:
    code, out, _ = run("rules")
    assert code == 0
    for name in ("balanced", "stacked", "strict", "minimal", "hard_separation", "set_volume"):
        assert name in out
    code, out, _ = run("rules", "--show", "strict")
    assert code == 0 and out.startswith("name: strict")
    code, out, _ = run("sessions")
    assert code == 0 and "lower_heavy_60" in out
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "Scenario"
    code, out, _ = run("validate", str(files["good"]))
    assert code == 0 and "ok (cli-week, rules balanced" in out


def test_console_script_runs_without_traceback(files: dict[str, Path]) -> None:
    """The real entry point in a subprocess: exit code 2 and no traceback on bad input."""
    proc = subprocess.run(
        [sys.executable, "-m", "solver", "solve", str(files["broken"]), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "targets.runs" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "solver", "solve", "--time-limit", "-1", str(files["good"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_explain_infeasible_json_and_exit_1(files: dict[str, Path]) -> None:
    code, out, _ = run("explain", str(files["infeasible"]), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["status"] == "infeasible" and doc["minimal"] is True
    assert doc["conflicts"]
    for conflict in doc["conflicts"]:
        assert set(conflict) >= {"rule", "message", "relaxation"}
    assert "strength_count.min" in {c["key"] for c in doc["conflicts"]}


def test_explain_feasible_table_has_why(files: dict[str, Path]) -> None:
    code, out, _ = run("explain", str(files["good"]))
    assert code == 0
    assert "cli-week · rules balanced · optimal" in out and "explained in" in out


def test_diff_two_results(files: dict[str, Path], tmp_path: Path) -> None:
    for name, rules in (("a", "balanced"), ("b", "strict")):
        code, out, _ = run("solve", str(files["good"]), "--rules", rules, "--format", "json")
        assert code == 0
        (tmp_path / f"{name}.json").write_text(out)
    code, out, _ = run(
        "diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["before"] == "cli-week (balanced)" and doc["after"] == "cli-week (strict)"
    (tmp_path / "bad.json").write_text('{"status": "maybe"}')
    code, _, err = run("diff", str(tmp_path / "a.json"), str(tmp_path / "bad.json"))
    assert code == 2 and "not a hybridplan result" in err
