"""The solver and the pure-Python checks agree, on every shipped scenario and built-in
rule set: a returned schedule breaks no hard rule, and the objective (in total and per
rule) equals the penalties the checks recompute from the JSON schedule.

Scenario files are globbed from scenarios/ (JSON Schema and rule set files there are
skipped); a few scenarios of our own make the test meaningful without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import (
    BUILTIN_RULE_SETS,
    ROOT,
    SHIPPED_SCENARIOS,
    assert_agrees,
    assert_nothing_returned,
    run,
    shipped_params,
    solve_once,
)
from hybridplan import models
from hybridplan.models.week import DAYS

SCENARIO_DIR = ROOT / "scenarios"
TIME_LIMIT = 20.0


SCENARIO_FILES = SHIPPED_SCENARIOS
FEASIBLE_FILES = [p for p in SCENARIO_FILES if not p.name.startswith("infeasible")]
INFEASIBLE_FILES = [p for p in SCENARIO_FILES if p.name.startswith("infeasible")]
RULE_CHOICES: list[str | None] = [None, *BUILTIN_RULE_SETS]  # None: the file's own


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


# ------------------------------------------------------------------------------ files
@pytest.mark.parametrize(("path", "rules"), shipped_params(SCENARIO_FILES, RULE_CHOICES))
def test_scenario_file_agrees(path: Path, rules: str | None) -> None:
    wk, result = solve_once(path, rules)  # shared with the other modules' tests
    assert result.status != "invalid"
    if result.found:
        assert_agrees(wk, result)
    else:
        assert_nothing_returned(result)


@pytest.mark.parametrize("path", FEASIBLE_FILES, ids=_ids(FEASIBLE_FILES))
def test_shipped_scenario_is_feasible_under_its_own_rule_set(path: Path) -> None:
    _, result = solve_once(path)
    assert result.status == "optimal", result.message
    assert result.sessions


@pytest.mark.parametrize("path", INFEASIBLE_FILES, ids=_ids(INFEASIBLE_FILES))
def test_infeasible_scenario_is_infeasible(path: Path) -> None:
    result = run(models.load_plan_input(path), time_limit=TIME_LIMIT)
    assert result.status == "infeasible"
    assert_nothing_returned(result)


def test_every_shipped_file_is_a_scenario_that_loads() -> None:
    """Guards the list the tests above run on: scenarios/ holds only scenarios (and the
    JSON Schema), there are some, and each loads with its own rule set; a file that does
    not load fails here with its file, line and field."""
    assert len(SCENARIO_FILES) >= 10, SCENARIO_FILES
    assert {p.suffix for p in SCENARIO_FILES} >= {".yaml", ".toml", ".json"}
    for path in SCENARIO_FILES:
        models.load_plan_input(path)
    assert (SCENARIO_DIR / "scenario.schema.json").is_file()


# ------------------------------------------------------------------------------ our own
WEEK = DAYS

OWN_SCENARIOS: dict[str, dict[str, Any]] = {
    "open-week": {
        "name": "open-week",
        "availability": {d: {"am": 60, "pm": 90} for d in WEEK[:6]} | {"sun": {"am": 150}},
        "weekly_minutes": 480,
        "targets": {
            "runs": [4, 5],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": [1, 2],
            "run_minutes": 240,
            "sets": {m: [4, 8] for m in ("quads", "hamstrings", "glutes", "chest", "back")},
        },
        "preferences": {"long_run_day": "sun", "rest_days": ["fri"]},
    },
    "three-slots-odd-clocks": {
        "name": "three-slots-odd-clocks",
        "slots": {"early": "05:45", "noon": "12:10", "late": "19:55"},
        "availability": {d: {"early": 45, "noon": 40, "late": 75} for d in ("mon", "tue", "thu")}
        | {"sat": {"early": 120}},
        "targets": {
            "runs": [3, 5],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": [1, 2],
            "run_minutes": 240,
            "sets": {"quads": [8, 12], "back": [6, 8], "core": [2, 4]},
        },
        "preferences": {"long_run_day": "sat"},
    },
    "bodyweight-tight": {
        "name": "bodyweight-tight",
        "equipment": "none",
        "availability": {
            "mon": {"pm": 45},
            "tue": {"pm": 45},  # room for the long run to be half the running (LONG-SHARE)
            "wed": {"pm": 45},
            "fri": {"pm": 45},
            "sat": {"am": 90},
        },
        "weekly_minutes": 200,
        "targets": {
            "runs": [2, 3],
            "strength": 2,
            "long_run": 1,
            "quality_runs": [0, 1],
            "run_minutes": 150,
            "sets": {"quads": [4, 8], "chest": [3, 8]},
        },
    },
    "overrides": {
        "name": "overrides",
        "availability": {d: {"am": 75, "pm": 75} for d in WEEK[:4]} | {"sat": {"am": 120}},
        "targets": {
            "runs": [3, 4],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": 1,
            "run_minutes": 180,
            "sets": {"glutes": [8, 12], "shoulders": [4, 8], "chest": [6, 8]},
        },
        "preferences": {"long_run_day": "sat", "rest_days": ["sun"]},
        "rules": {
            "use": "balanced",
            "override": {
                "hard_separation": {"hours": 36},
                "muscle_recovery": {"hours": 72, "hard": True},
                "no_consecutive_hard_days": {"include_long_run": True},
                "preferences": {"order": "run_first", "weight": 7},
                "spread": {"weight": 3},
                "rest_days": {"min_days": 2, "mobility_ok": True},
            },
        },
    },
}
OWN_INFEASIBLE = {
    "name": "too-many-sessions",
    "availability": {"mon": {"am": 60}, "tue": {"am": 60}, "wed": {"am": 60}},
    "targets": {"runs": 3, "strength": 1, "long_run": 0, "quality_runs": [0, 3]},
}


@pytest.mark.parametrize("rules", RULE_CHOICES, ids=lambda r: r or "own")
@pytest.mark.parametrize("name", list(OWN_SCENARIOS))
def test_own_scenario_agrees(name: str, rules: str | None) -> None:
    data = OWN_SCENARIOS[name]
    wk = models.input_from_dict(data, rules)
    result = run(wk, time_limit=TIME_LIMIT)
    assert result.status == "optimal", result.message
    assert result.sessions
    assert_agrees(wk, result)


def test_own_scenarios_pay_penalties_somewhere() -> None:
    """At least some of our own weeks must cost something, or the objective checks above
    would only ever compare zeros."""
    paid = {
        name: run(models.input_from_dict(data), time_limit=TIME_LIMIT).objective
        for name, data in OWN_SCENARIOS.items()
    }
    assert sum(1 for v in paid.values() if v) >= 2, paid


@pytest.mark.parametrize("rules", RULE_CHOICES, ids=lambda r: r or "own")
def test_own_infeasible_scenario(rules: str | None) -> None:
    # four sessions wanted, three slots of one session each
    result = run(models.input_from_dict(OWN_INFEASIBLE, rules), time_limit=TIME_LIMIT)
    assert result.status == "infeasible"
    assert_nothing_returned(result)


def test_overrides_reach_the_rules() -> None:
    """The override scenario really runs with the overridden parameters (else the test
    above would silently check the balanced defaults)."""
    wk = models.input_from_dict(OWN_SCENARIOS["overrides"])
    rules = wk.rules.rules
    assert rules["hard_separation"].hours == 36  # type: ignore[attr-defined]
    assert rules["muscle_recovery"].hours == 72  # type: ignore[attr-defined]
    assert rules["muscle_recovery"].min_sets == 3  # type: ignore[attr-defined]  # kept
    assert "no_consecutive_hard_days" in rules  # added to balanced
    assert rules["preferences"].weight == 7  # type: ignore[attr-defined]
    assert wk.rules.name == "balanced+overrides"
