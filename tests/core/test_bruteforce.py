"""The independent cross-check of optimality: on tiny weeks (2-4 free slots, 3-5 session
types) enumerate every plan in pure Python (nothing or one session type per free slot),
keep those that no hard check rejects, and compare with the solver:

- infeasible exactly when no plan survives;
- otherwise optimal, with the objective equal to the least recomputed penalty;
- and CP-SAT's own set of feasible plans (all solutions, projected on the x variables) is
  exactly the set of plans the checks accept, each with the same penalty.

Every enumerated plan is judged twice: by `check_plan` (the rules' own checks, which share
their predicates with the model) and by the reference checker (tests/reference/rules.py,
written from the README and sharing no code with hybridplan), from a result-like dict of
the plan. Both must find the same feasible plans with the same penalties, and the solver's
plan must be the reference's lexicographic optimum (fewest priced coach objections, then
the least penalty).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from ortools.sat.python import cp_model

from helpers import (
    assert_agrees,
    assert_reference_agrees,
    brute_force,
    brute_force_lexicographic,
    enumerable_slots,
    every_plan,
    random_scenario,
    reference_brute_force,
    run,
    scenario,
)
from hybridplan import models
from hybridplan.core.checking import check_plan
from hybridplan.core.model import build_model
from hybridplan.models import PlanInput


def tiny(max_slots: int, sessions: tuple[int, int]) -> Any:
    return random_scenario(max_slots=max_slots, sessions=sessions)


def assert_matches_brute_force(wk: PlanInput) -> int | None:
    """The solver's plan is the lexicographic optimum: fewest coach objections, then the
    least penalty, then (ties of penalty) the least coach preference, proven; and the
    reference checker, judging the same enumeration, finds the same feasible plans at the
    same penalties and the same optimum (fewest objections, then the least penalty)."""
    best, feasible = brute_force_lexicographic(wk)
    ref_best, ref_feasible, ref_plans = reference_brute_force(wk)
    assert ref_plans == checker_plans(wk)
    assert ref_feasible == feasible
    result = run(wk)
    if best is None:
        assert feasible == 0 and ref_best is None
        assert result.status == "infeasible", f"solver found {result.sessions}"
        return None
    assert result.status == "optimal", f"brute force found {feasible} feasible plans"
    breaks, penalty, tie_break = best
    assert ref_best == (breaks, penalty)
    assert result.objective == penalty
    assert result.coach_preference == tie_break and result.coach_preference_optimal
    assert_agrees(wk, result)
    assert assert_reference_agrees(result).breaks == breaks
    return penalty


# ------------------------------------------------------------------------------ random
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(tiny(max_slots=4, sessions=(3, 5)))
def test_solver_optimum_equals_brute_force(data: dict[str, Any]) -> None:
    wk = models.input_from_dict(data)
    assume(2 <= len(enumerable_slots(wk)) <= 4 and 3 <= len(wk.sessions) <= 5)
    assert_matches_brute_force(wk)


class _Enumerator(cp_model.CpSolverSolutionCallback):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.objective = ctx.objective()
        self.plans: dict[frozenset[tuple[int, str]], set[int]] = {}

    def on_solution_callback(self) -> None:
        key = frozenset(
            (p.slot.start, p.session.id)
            for p in self.ctx.candidates
            if self.boolean_value(self.ctx.x[p])
        )
        self.plans.setdefault(key, set()).add(int(self.value(self.objective)))


def cp_sat_plans(wk: PlanInput) -> dict[frozenset[tuple[int, str]], set[int]]:
    """Every feasible solution of the CP-SAT model (objective removed), projected on the
    placements, with the objective values CP-SAT gives each projection."""
    ctx = build_model(wk)
    ctx.model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60.0
    enumerator = _Enumerator(ctx)
    status = solver.solve(ctx.model, enumerator)
    assert status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)  # i.e. enumeration completed
    return enumerator.plans


def checker_plans(wk: PlanInput) -> dict[frozenset[tuple[int, str]], int]:
    plans = {}
    for plan in every_plan(wk):
        report = check_plan(plan)
        if not report.violations:
            plans[frozenset((p.slot.start, p.session.id) for p in plan.placed)] = report.total
    return plans


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(tiny(max_slots=3, sessions=(3, 4)))
def test_cp_sat_feasible_set_equals_the_checkers(data: dict[str, Any]) -> None:
    """Not only the optimum: the model accepts exactly the plans the checks accept (no
    hard constraint too strong or too weak), and prices each one like the checks do."""
    wk = models.input_from_dict(data)
    assume(2 <= len(enumerable_slots(wk)) <= 3 and 3 <= len(wk.sessions) <= 4)
    expected = checker_plans(wk)
    assert reference_brute_force(wk)[2] == expected  # the reference accepts the same plans
    got = cp_sat_plans(wk)
    missing = set(expected) - set(got)
    extra = set(got) - set(expected)
    assert not missing, f"plans the checks accept but the model forbids: {missing}"
    assert not extra, f"plans the model allows but a hard check rejects: {extra}"
    for key, values in got.items():
        assert values == {expected[key]}, key


# ------------------------------------------------------------------------------ seeded
CASES: dict[str, tuple[dict[str, Any], str | models.RuleSet]] = {
    # tight: a hard run, a hard lift and a long run in four slots over three days
    "balanced-three-days": (
        scenario(
            {"fri": {"am": 60, "pm": 60}, "sat": {"am": 90}, "sun": {"am": 90}},
            ["tempo_40", "lower_heavy_60", "long_90", "upper_45"],
            targets={
                "runs": [1, 3],
                "strength": [1, 2],
                "long_run": 1,
                "run_minutes": 150,
                "sets": {"quads": [4, 8], "chest": [4, 8]},
            },
            preferences={"long_run_day": "sun"},
        ),
        "balanced",
    ),
    "stacked-same-day": (
        scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60, "pm": 60}},
            ["intervals_45", "full_body_60", "easy_30"],
            targets={"runs": [1, 2], "strength": [1, 2], "sets": {"glutes": [3, 6]}},
        ),
        "stacked",
    ),
    "strict-plyo": (
        scenario(
            {"wed": {"am": 60, "pm": 60}, "thu": {"am": 60}},
            ["plyometrics_30", "lower_heavy_60", "upper_45", "easy_45"],
            targets={"runs": [0, 2], "strength": [2, 3], "sets": {"calves": [3, 6]}},
        ),
        "strict",
    ),
    "minimal-budget": (
        scenario(
            {"mon": {"am": 45}, "tue": {"am": 45}, "wed": {"pm": 60}},
            ["easy_45", "upper_45", "core_30"],
            targets={"runs": [1, 2], "strength": [1, 2]},
            weekly_minutes=100,
        ),
        "minimal",
    ),
    "infeasible-long-runs": (
        scenario(
            {"sat": {"am": 90}, "sun": {"am": 60}},
            ["long_90", "easy_30", "upper_45"],
            targets={"long_run": 2},
        ),
        "balanced",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_seeded_cases_match_brute_force(name: str) -> None:
    data, rules = CASES[name]
    wk = models.input_from_scenario(models.Scenario.model_validate(data), rules)
    best = assert_matches_brute_force(wk)
    if name.startswith("infeasible"):
        assert best is None
    else:
        assert best is not None


def test_brute_force_finds_a_known_optimum() -> None:
    """The brute force itself, on a case priced by hand: the 40-minute evening fits only
    the tempo run, so the heavy lift comes first that day and run_quality charges 20."""
    data = scenario(
        {"mon": {"am": 60, "pm": 40}},
        ["tempo_40", "lower_heavy_60"],
        targets={"runs": 1, "strength": 1},
    )
    rules = models.RuleSet(
        name="t",
        rules={
            "availability": models.RULE_CONFIGS["availability"](),
            "run_count": models.RULE_CONFIGS["run_count"](),
            "strength_count": models.RULE_CONFIGS["strength_count"](),
            "run_quality": models.RULE_CONFIGS["run_quality"](),
        },
    )
    wk = models.input_from_scenario(models.Scenario.model_validate(data), rules)
    assert brute_force(wk) == (20, 1)
    assert assert_matches_brute_force(wk) == 20
