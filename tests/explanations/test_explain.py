"""Explanations: crafted infeasible weeks with a known minimal conflict (exactly that set,
verified minimal by re-solving, each relaxation checked by the plain solver), the score
analysis of planned weeks, and diffs."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from helpers import rule_set, run, scenario, week
from hybridplan.explanations.conflicts import _Oracle, diagnose
from hybridplan.explanations.diff import diff
from hybridplan.explanations.explainer import explain
from hybridplan.models import Result, RuleSet

COUNTS = ("availability", "run_count", "strength_count", "long_run", "quality_runs")


def conflict_keys(data: dict[str, Any], *rules: Any) -> tuple[set[str], Any]:
    wk = week(data, rule_set(*rules))
    exp = explain(wk)
    assert exp.status == "infeasible"
    assert exp.minimal
    keys = {c.key for c in exp.conflicts}
    # Minimal, re-solved: the conflict alone is infeasible, and without any one element
    # the others can all be met.
    oracle = _Oracle(wk, 10.0, 60.0, 0)
    by_key = {r.key: r for r in oracle.requirements}
    core = [by_key[k] for k in keys]
    assert not oracle.feasible(core)
    for r in core:
        assert oracle.feasible([q for q in core if q is not r]), r.key
    return keys, exp


def relaxed(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def test_budget_against_counts() -> None:
    data = scenario(
        {d: {"am": 60} for d in ("mon", "tue", "wed")},
        ["easy_30"],
        targets={"runs": 3},
        weekly_minutes=60,
    )
    keys, exp = conflict_keys(data, *COUNTS, "weekly_minutes")
    assert keys == {"weekly_minutes", "run_count.min"}
    advice = {c.key: c.relaxation for c in exp.conflicts}
    assert advice["weekly_minutes"] == "raise weekly_minutes from 60 to 90"
    assert advice["run_count.min"] == "allow 2 runs instead of 3"
    rules = rule_set(*COUNTS, "weekly_minutes")
    assert run(week(relaxed(data, ("weekly_minutes",), 90), rules)).status == "optimal"
    assert run(week(relaxed(data, ("targets", "runs"), 2), rules)).status == "optimal"
    assert run(week(relaxed(data, ("weekly_minutes",), 89), rules)).status == "infeasible"


def test_long_run_against_slot_sizes() -> None:
    data = scenario(
        {"mon": {"am": 60}, "sat": {"am": 60}},
        ["long_90", "easy_30"],
        targets={"runs": [1, 2], "long_run": 1},
    )
    keys, exp = conflict_keys(data, *COUNTS)
    assert keys == {"availability", "long_run.min"}
    advice = {c.key: c.relaxation for c in exp.conflicts}
    assert advice["long_run.min"] == "allow 0 long runs instead of 1"
    assert advice["availability"] is not None
    assert "long_90 (90 min; 60 min free now)" in advice["availability"]
    assert exp.diagnosis == [
        "no slot can hold a long run: the longest free slot is 60 min, the shortest long run "
        "(long_90) takes 90 min"
    ]
    rules = rule_set(*COUNTS)
    assert run(week(relaxed(data, ("availability", "sat", "am"), 90), rules)).found


def test_rest_day_against_counts() -> None:
    data = scenario(
        {"mon": {"am": 60}, "tue": {"am": 60}},
        ["easy_30"],
        targets={"runs": 2},
        preferences={"rest_days": ["mon"]},
    )
    keys, exp = conflict_keys(data, *COUNTS, ("rest_days", {"min_days": 0}))
    # freeing another day would do as well as giving up the rest day
    assert keys == {"availability", "rest_days.mon", "run_count.min"}
    advice = {c.key: c.relaxation for c in exp.conflicts}
    assert advice["rest_days.mon"] == "train on mon (easy_30)"
    assert advice["run_count.min"] == "allow 1 run instead of 2"
    assert next(c.rule for c in exp.conflicts if c.key == "rest_days.mon") == "rest_days"


def test_spacing_against_availability() -> None:
    data = scenario(
        {"mon": {"am": 60, "pm": 60}},
        ["tempo_40", "lower_heavy_60"],
        targets={"runs": [0, 1], "quality_runs": 1, "strength": 1},
    )
    keys, exp = conflict_keys(data, *COUNTS, ("hard_separation", {"hours": 24}))
    assert keys == {"availability", "quality_runs.min", "strength_count.min", "hard_separation.mon"}
    advice = {c.key: c.relaxation for c in exp.conflicts}
    assert advice["hard_separation.mon"] is not None
    assert advice["hard_separation.mon"].startswith("allow tempo_40 (mon ")


def test_legs_before_long_run_against_days() -> None:
    data = scenario(
        {"fri": {"pm": 60}, "sat": {"am": 90}},
        ["long_90", "lower_heavy_60"],
        targets={"runs": [0, 1], "long_run": 1, "strength": 1},
        slots={"am": "06:30", "pm": "18:00"},
    )
    keys, exp = conflict_keys(
        data, *COUNTS, ("legs_before_long_run", {"hours": 24, "legs": "heavy"})
    )
    assert keys == {
        "availability",
        "long_run.min",
        "strength_count.min",
        "legs_before_long_run.fri-sat",
    }
    advice = {c.key: c.relaxation for c in exp.conflicts}
    assert "ends 11.5 h before long_90 (sat am)" in (advice["legs_before_long_run.fri-sat"] or "")


def test_quality_runs_against_hard_separation() -> None:
    data = scenario(
        {d: {"am": 60} for d in ("mon", "tue", "wed")},
        ["tempo_40", "lower_heavy_60"],
        targets={"runs": [0, 2], "quality_runs": 2, "strength": 1},
    )
    keys, _ = conflict_keys(data, *COUNTS, ("hard_separation", {"hours": 24}))
    assert keys == {
        "availability",
        "quality_runs.min",
        "strength_count.min",
        "hard_separation.mon-tue",
        "hard_separation.tue-wed",
    }


def test_shipped_infeasible_scenario_is_explained() -> None:
    exp = explain("scenarios/infeasible-on-purpose.yaml")
    assert exp.status == "infeasible" and exp.minimal and exp.conflicts
    assert all(c.relaxation for c in exp.conflicts)
    doc = exp.model_dump(mode="json")
    assert doc["status"] == "infeasible"
    assert set(doc["conflicts"][0]) >= {"rule", "message", "relaxation"}


def test_diagnosis_names_missing_sessions() -> None:
    data = scenario({"mon": {"am": 60}}, ["easy_30"], targets={"strength": 1})
    wk = week(data, rule_set(*COUNTS))
    assert diagnose(wk) == [
        "no strength session is on offer (targets.strength wants 1): "
        "check include, exclude and equipment"
    ]


@pytest.mark.parametrize("name", ["seed-001-sample-week", "hypertrophy-hybrid"])
def test_feasible_week_analysis_adds_up(name: str) -> None:
    exp = explain(f"scenarios/{name}.yaml", "strict")
    assert exp.result is not None and exp.analysis is not None
    result = exp.result
    assert exp.analysis.objective == result.objective
    assert sum(r.amount for r in exp.analysis.rules) == result.objective
    assert sum(r.matches for r in exp.analysis.rules) == len(result.penalties)
    for day in exp.analysis.days:  # a day's cost = penalties involving a session that day
        assert day.amount == sum(p.amount for p in result.penalties if day.day in p.days)
    base = week({"name": "x", "availability": {}}, "strict")  # only to read the rule set
    for tight in exp.analysis.tight:
        rules = {k: v for k, v in base.rules.rules.items() if k != tight.rule}
        without = run(week(_scenario_dict(name), RuleSet(name="x", rules=rules)))
        assert without.objective == tight.objective_without < result.objective  # type: ignore[operator]


def _scenario_dict(name: str) -> dict[str, Any]:
    import yaml

    with open(f"scenarios/{name}.yaml") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    data.pop("rules", None)
    return data


def test_diff_accounts_for_every_session() -> None:
    a = run(week(_scenario_dict("seed-001-sample-week"), "balanced"))
    b = run(week(_scenario_dict("seed-001-sample-week"), "strict"))
    d = diff(a, b)
    assert d.unchanged + len(d.moved) + len(d.removed) == len(a.sessions)
    assert d.unchanged + len(d.moved) + len(d.added) == len(b.sessions)
    assert sum(r.delta for r in d.penalties) == (b.objective or 0) - (a.objective or 0)
    same = diff(a, Result.model_validate_json(a.to_json()))
    assert same.unchanged == len(a.sessions) and not (same.moved or same.added or same.removed)
    assert same.penalties == []
