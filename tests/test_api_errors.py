"""Through the Python API every bad argument raises InputError, never a
TypeError, ValueError, RecursionError, OSError or RuntimeError from deep inside."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import hybridplan
from hybridplan import InputError, Scenario

ROOT = Path(__file__).resolve().parent.parent
WEEK = ROOT / "scenarios" / "marathon-build.yaml"


@pytest.fixture(scope="module")
def result() -> hybridplan.Result:
    return hybridplan.solve(WEEK, time_limit=5)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"time_limit": float("nan")},
        {"time_limit": float("inf")},
        {"time_limit": 0},
        {"time_limit": -1},
        {"time_limit": "10"},
        {"time_limit": True},
        {"time_limit": 10**6},
        {"seed": -1},
        {"seed": 2**31},
        {"seed": 1.5},
        {"workers": 0},
        {"workers": 10**6},
        {"params": {"no_such_parameter": 1}},
        {"params": {"num_workers": "many"}},
        {"params": ["num_workers"]},
    ],
)
def test_solve_options(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InputError):
        hybridplan.solve(WEEK, **kwargs)


@pytest.mark.parametrize(
    "scenario",
    [42, None, b"bytes", ["a"], "", "x" * 10_000, "no\0such.yaml", Path("/dev/zero")],
)
def test_solve_scenario_of_the_wrong_kind(scenario: Any) -> None:
    with pytest.raises(InputError):
        hybridplan.solve(scenario)


def test_solve_rules_of_the_wrong_kind() -> None:
    for rules in (42, ["balanced"], "r" * 100_000):
        with pytest.raises(InputError):
            hybridplan.solve(WEEK, rules)  # type: ignore[arg-type]


def test_explain_options() -> None:
    with pytest.raises(InputError):
        hybridplan.explain(WEEK, time_limit=float("nan"))
    with pytest.raises(InputError):
        hybridplan.explain(3.5)  # type: ignore[arg-type]


def test_replan_arguments(result: hybridplan.Result) -> None:
    for kwargs in (
        {"done": [("funday", "am")]},
        {"done": "mon:am"},
        {"missed": [("mon", 3)]},
        {"unavailable": [("mon",)]},
        {"from_day": "someday"},
        {"time_limit": -5},
    ):
        with pytest.raises(InputError):
            hybridplan.replan(result, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        hybridplan.replan({"scenario": "x"})  # type: ignore[arg-type]
    with pytest.raises(InputError):
        hybridplan.replan("result.json")  # type: ignore[arg-type]


def test_export_arguments(result: hybridplan.Result) -> None:
    for to, options in (
        ("pdf", {}),
        ("ics", {"start": "2026-11-30"}),
        ("ics", {"colour": "red"}),
        ("ics", {"busy_only": "yes"}),
        (42, {}),
    ):
        with pytest.raises(InputError):
            hybridplan.export(result, to, **options)  # type: ignore[arg-type]
    assert hybridplan.export(result, "ics", start=dt.date(2026, 11, 30)).startswith(b"BEGIN")


def test_diff_and_solve_many_arguments(result: hybridplan.Result) -> None:
    with pytest.raises(InputError):
        hybridplan.diff(result, "other")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        hybridplan.solve_many("scenarios/")  # a string is not a list of items
    with pytest.raises(InputError):
        hybridplan.solve_many([WEEK], jobs=10_000)


def test_a_result_whose_input_was_tampered_with(result: hybridplan.Result) -> None:
    data = result.to_dict()
    data["input"]["scenario"]["availability"] = {"funday": {}}
    with pytest.raises(InputError) as info:
        hybridplan.export(data, "ics", start=dt.date(2026, 11, 30))  # type: ignore[arg-type]
    assert "input.scenario.availability.funday" in str(info.value)
    data = result.to_dict()
    data["input"]["scenario"] = [[[[]]]]
    with pytest.raises(InputError):
        hybridplan.replan(data)  # type: ignore[arg-type]
    data = result.to_dict()
    data["sessions"][0]["slot"] = "noon"
    with pytest.raises(InputError) as info:
        hybridplan.export(data, "png")  # type: ignore[arg-type]
    assert "sessions.0.slot: unknown slot 'noon'" in str(info.value)


def test_scenario_planner_calls() -> None:
    week = Scenario.model_validate({"name": "w", "availability": {"mon": {"am": 60}}})
    with pytest.raises(InputError):
        week.pin("funday", "am", "easy_30")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        week.ban("mon", "x" * 1000)
    with pytest.raises(InputError):
        week.block("mon", "a b")


def test_input_from_result_of_the_wrong_kind() -> None:
    with pytest.raises(InputError):
        hybridplan.input_from_result({"input": {}})  # type: ignore[arg-type]
