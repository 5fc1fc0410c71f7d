"""A week's lexicographic order (fewest coach objections, then the least penalty, then the
least coach preference) is searched at once, as one weighted objective (solving._at_once);
when that search is cut short, the stages go on from its plan. Both ways must reach the
same optimum, and the one search must order the levels strictly (its weights exceed what
the levels below can add up to). Brute force over tiny weeks (test_bruteforce.py) checks
the order itself against every plan; here, weeks too big to enumerate."""

from __future__ import annotations

from typing import Any

import pytest

from hybridplan.batch.generate import generate
from hybridplan.core import solving, stages
from hybridplan.core.solving import as_week, solve
from hybridplan.models import InputError
from hybridplan.models.result import Result

WORK = 20.0  # deterministic seconds: every week below is proven well within it


def _weeks() -> list[Any]:
    out = []
    for data in generate(40, seed=3):
        try:
            out.append(as_week(data))
        except InputError:
            continue
    return out


WEEKS = _weeks()


def _order(result: Result, week: Any) -> tuple[int, int, int]:
    """(coach objections, penalty, preference), counted from the result's own lists."""
    priority = {rid for rid, cfg in week.rule_items() if cfg.priority}
    breaks = sum(1 for p in result.penalties if p.rule in priority)
    penalty = sum(p.amount for p in result.penalties)
    return breaks, penalty, sum(t.amount for t in result.coach_preference_terms)


def test_there_are_weeks_with_ties_to_break() -> None:
    # the order only matters where the penalty leaves a choice; the set must have such weeks
    optimal = [solve(w, time_limit=600, deterministic_time=WORK) for w in WEEKS[:10]]
    assert sum(1 for r in optimal if r.status == "optimal" and r.coach_preference) >= 5


@pytest.mark.parametrize("index", range(0, 40, 4))
def test_one_search_and_the_stages_reach_the_same_optimum(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if index >= len(WEEKS):
        pytest.fail(f"only {len(WEEKS)} generated weeks could be read")
    week = WEEKS[index]
    at_once = solve(week, time_limit=600, deterministic_time=WORK)
    # no time for the one search: the stages alone, from nothing
    monkeypatch.setattr(solving, "AT_ONCE_SHARE", 0.0)
    staged = solve(week, time_limit=600, deterministic_time=WORK)
    assert at_once.status == staged.status
    if at_once.status != "optimal":
        assert at_once.status == "infeasible"
        return
    assert at_once.coach_preference_optimal and staged.coach_preference_optimal
    assert _order(at_once, week) == _order(staged, week)
    assert at_once.objective == at_once.bound == staged.objective
    assert at_once.bound_source == "plan"


def test_an_order_past_the_limit_is_solved_in_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Weights whose weighted order could pass ORDER_LIMIT (CP-SAT's relaxation works in
    doubles) are not searched at once: the week is solved in stages, to the same optimum,
    and the order of a shipped-size week is well inside the limit."""
    from hybridplan.core.model import build_model

    week = WEEKS[0]
    assert solving.lexicographic_order(build_model(week)) is not None
    want = solve(week, time_limit=600, deterministic_time=WORK)
    assert want.status == "optimal"
    monkeypatch.setattr(stages, "ORDER_LIMIT", 0)
    assert solving.lexicographic_order(build_model(week)) is None
    got = solve(week, time_limit=600, deterministic_time=WORK)
    assert got.status == "optimal" and not got.message and got.coach_preference_optimal
    assert _order(got, week) == _order(want, week)


def test_the_heaviest_weights_allowed_stay_inside_the_limit() -> None:
    """Every soft rule on at its largest weight (10 000), the coach's objections priced, on
    the generated week with the most candidates: the one search is still tried
    (ORDER_LIMIT is not reached by anything a scenario may say)."""
    from hybridplan.core.model import build_model
    from hybridplan.models.rules import RULES, CoachRuleConfig, SoftRuleConfig

    heavy: dict[str, Any] = {
        cls.ID: {"weight": 10_000} | ({"hard": False} if issubclass(cls, CoachRuleConfig) else {})
        for cls in RULES
        if issubclass(cls, SoftRuleConfig)
    }
    biggest = max(WEEKS, key=lambda w: len(build_model(w).candidates))
    data = biggest.scenario.model_dump(mode="json", exclude_unset=True)
    week = as_week(data | {"rules": {"use": "strict", "override": heavy}})
    ctx = build_model(week)
    assert ctx.priority_rules and len(ctx.penalties) >= 10
    assert solving.lexicographic_order(ctx) is not None


def test_a_search_cut_short_keeps_its_plan_and_claims_no_more_than_it_proved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tiny work limits stop the one search with a plan (or none). A plan it found is never
    dropped when the stages after it find nothing, and the bound reported (after the
    stages, or with no time left for them) never exceeds the week's true optimum: the one
    search's own bound is of its weighted order, not of the penalty."""
    seen: list[str] = []
    original = solving._at_once

    def spy(ctx: Any, stages: Any) -> str:
        status = original(ctx, stages)
        seen.append(status)
        return status

    monkeypatch.setattr(solving, "_at_once", spy)
    optimum = {
        i: solve(w, time_limit=600, deterministic_time=WORK).objective
        for i, w in enumerate(WEEKS[:24])
    }
    found_then = 0
    for work in (0.001, 0.002, 0.005, 0.02):
        for i, week in enumerate(WEEKS[:24]):
            seen.clear()
            result = solve(week, time_limit=600, deterministic_time=work)
            if seen and seen[0] == "feasible":
                found_then += 1
                assert result.found, (i, work, result.status)
            if result.found:
                assert optimum[i] is not None and result.bound is not None
                assert result.bound <= optimum[i] <= result.objective
    assert found_then >= 3  # the path above was taken


def test_no_time_left_after_a_search_cut_short_is_not_optimal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one search stops with a plan and the clock has run out for the stages: the plan
    is reported as feasible with a bound no higher than the optimum, not as optimal."""
    original = solving._at_once
    cut = {"n": 0}

    def then_no_time(ctx: Any, stages: Any) -> str:
        status = original(ctx, stages)
        if status == "feasible":
            cut["n"] += 1
            stages.budget.wall = 0.0  # the wall clock spent: no stage may run
        return status

    monkeypatch.setattr(solving, "_at_once", then_no_time)
    for i, week in enumerate(WEEKS[:24]):
        result = solve(week, time_limit=600, deterministic_time=0.01)
        if not result.found:
            continue
        with monkeypatch.context() as m:
            m.setattr(solving, "_at_once", original)
            best = solve(week, time_limit=600, deterministic_time=WORK).objective
        assert best is not None and result.bound is not None
        assert result.bound <= best, (i, result.bound, best)
        if result.status == "optimal":
            assert result.objective == best
    assert cut["n"] >= 1
