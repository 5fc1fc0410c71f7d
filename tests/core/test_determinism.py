"""Same input, same seed, one worker: the same schedule, every time, in this process and
in fresh interpreters with different PYTHONHASHSEED values (which reorder every set and
dict of strings that depends on hashing, so any hash-order dependence shows up here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from helpers import ROOT, SHIPPED_SCENARIOS, SOLVE_ONCE_WORK, run, solve_once, work
from hybridplan import models
from hybridplan.core.solving import solve
from hybridplan.models import Result
from hybridplan.models.week import DAYS

WEEK = DAYS

# Open weeks with many equally good schedules: the solver's choice among the ties is what
# must not move.
SCENARIOS: dict[str, dict[str, Any]] = {
    "open-zero": {
        "name": "open-zero",
        "availability": {d: {"am": 90, "pm": 90} for d in WEEK},
        "targets": {
            "runs": [3, 5],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": [1, 2],
            "run_minutes": 200,
            "sets": {"quads": [4, 8], "back": [4, 8]},
        },
        "rules": "balanced",
    },
    "tight-penalised": {
        "name": "tight-penalised",
        "slots": {"early": "05:50", "noon": "12:15", "late": "19:40"},
        "availability": {d: {"early": 45, "noon": 40, "late": 75} for d in ("mon", "tue", "thu")}
        | {"sat": {"early": 120}},
        "targets": {
            "runs": [3, 5],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": [1, 2],
            "run_minutes": 240,
            "sets": {"quads": [8, 12], "back": [6, 8], "core": [2, 4], "chest": [4, 8]},
        },
        "preferences": {"long_run_day": "sat", "rest_days": ["sun"]},
        "rules": {"use": "strict", "override": {"spread": {"weight": 2}}},
    },
}
SEEDS = (0, 7)


def fingerprint(result: Result) -> dict[str, Any]:
    """What must be reproducible: status, schedule, objective and penalties (not times)."""
    return {
        "status": result.status,
        "objective": result.objective,
        "sessions": [s.model_dump(mode="json") for s in result.sessions],
        "penalties": [p.model_dump(mode="json") for p in result.penalties],
        "objective_by_rule": result.objective_by_rule,
    }


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_repeated_solves_are_identical(name: str, seed: int) -> None:
    wk = models.input_from_dict(SCENARIOS[name])
    first = fingerprint(run(wk, seed=seed))
    assert first["status"] == "optimal"
    assert first["sessions"]
    for _ in range(3):
        assert fingerprint(run(wk, seed=seed)) == first


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_way_in_gives_the_same_schedule(name: str) -> None:
    """A dict, a Scenario and a PlanInput of the same week are the same input."""
    data = SCENARIOS[name]
    by_dict = fingerprint(solve(data, time_limit=200, deterministic_time=20, workers=1))
    by_model = fingerprint(
        solve(models.Scenario.model_validate(data), time_limit=200, deterministic_time=20)
    )
    by_week = fingerprint(
        solve(models.input_from_dict(data), time_limit=200, deterministic_time=20)
    )
    assert by_dict == by_model == by_week


def test_result_json_is_stable_apart_from_timings() -> None:
    wk = models.input_from_dict(SCENARIOS["tight-penalised"])
    texts = []
    for _ in range(2):
        data = run(wk).to_dict()
        for timing in (
            "solve_seconds",
            "build_seconds",
            "first_solution_seconds",
            "best_solution_seconds",
        ):
            data.pop(timing)
        texts.append(json.dumps(data, sort_keys=True))
    assert texts[0] == texts[1]


_CHILD = """
import json, sys
from hybridplan.core.solving import solve
from hybridplan import models
specs = json.load(sys.stdin)
out = []
for spec in specs:
    if "path" in spec:
        week = models.load_plan_input(spec["path"])
    else:
        week = models.input_from_dict(spec["scenario"])
    work = spec.get("work", 20)
    r = solve(week, time_limit=10 * work, deterministic_time=work, seed=spec["seed"], workers=1)
    out.append({
        "status": r.status,
        "objective": r.objective,
        "sessions": [s.model_dump(mode="json") for s in r.sessions],
        "penalties": [p.model_dump(mode="json") for p in r.penalties],
        "objective_by_rule": r.objective_by_rule,
    })
json.dump(out, sys.stdout)
"""


def _solve_in_child(hash_seed: str, specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = hash_seed
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(specs),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def test_fresh_interpreters_with_other_hash_seeds_agree() -> None:
    specs = [{"scenario": SCENARIOS[name], "seed": seed} for name in SCENARIOS for seed in SEEDS]
    here = [
        fingerprint(run(models.input_from_dict(spec["scenario"]), seed=spec["seed"]))
        for spec in specs
    ]
    assert all(h["status"] == "optimal" and h["sessions"] for h in here)
    for hash_seed in ("0", "1", "123456789"):
        assert _solve_in_child(hash_seed, specs) == here, f"PYTHONHASHSEED={hash_seed}"


def _shipped(blocks: bool) -> list[Any]:
    return [p for p in SHIPPED_SCENARIOS if (models.load_plan_input(p).weeks > 1) == blocks]


# The weeks and the shortest block always; every block (a minute of solving in the child)
# with `make test-slow`.
@pytest.mark.parametrize(
    "paths",
    [
        pytest.param([*_shipped(False), ROOT / "scenarios" / "10k-block-8w.yaml"], id="weeks"),
        pytest.param(_shipped(True), id="blocks", marks=pytest.mark.slow),
    ],
)
def test_fresh_interpreter_agrees_on_shipped_scenario_files(paths: list[Any]) -> None:
    """The same for the shipped scenario files, each with its own rule set (a shipped file
    that does not load fails the test: load_plan_input raises)."""
    assert paths
    solved = [solve_once(path) for path in paths]  # shared with the other modules' tests
    specs = [
        {"path": str(path), "seed": 0, "work": work(wk, SOLVE_ONCE_WORK)}
        for path, (wk, _) in zip(paths, solved, strict=True)
    ]
    here = [fingerprint(result) for _, result in solved]
    assert _solve_in_child("2024", specs) == here
