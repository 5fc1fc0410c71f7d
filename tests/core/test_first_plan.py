"""Anytime blocks: a block's first plan is built week by week (first_plan.py),
is checked by the reference checker (tests/reference/rules.py, no code shared with
hybridplan), and is what a solve cut short returns, with its bound, gap and what stopped
it. CPU figures live in benchmarks/first_plan.py, never here: every limit below is
deterministic work."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from reference import rules as reference

from helpers import ROOT, assert_agrees, result_data
from hybridplan.batch.generate import generate
from hybridplan.core.first_plan import FirstPlan, first_plan, steps
from hybridplan.core.solving import as_week, solve
from hybridplan.core.stages import Budget
from hybridplan.models import Plan, PlanInput

PHASES = ("base", "build", "peak", "taper", "deload")


@given(st.lists(st.sampled_from(PHASES), min_size=1, max_size=26))
def test_steps_plan_every_week_once_in_order_and_a_deload_with_the_week_before(
    phases: list[str],
) -> None:
    """From the definition: the steps, joined, are weeks 1..n in order; a step is one week,
    or two when the second is a deload week; a deload week after a week that is not one
    shares its step with that week (the deload rule compares the two)."""
    order = steps(phases)
    assert [w for step in order for w in step] == list(range(1, len(phases) + 1))
    for step in order:
        assert len(step) == 1 or (len(step) == 2 and phases[step[1] - 1] == "deload")
    for w in range(2, len(phases) + 1):
        if phases[w - 1] == "deload" and phases[w - 2] != "deload":
            assert [w - 1, w] in order


def _first(week: PlanInput) -> FirstPlan:
    plan = first_plan(week, Budget(600.0, None))
    assert plan is not None
    return plan


def _reference(week: PlanInput, plan: FirstPlan) -> reference.Report:
    """The reference checker's report on a first plan, from its JSON form alone."""
    chosen = Plan.of(week, [p for p, on in plan.values.items() if on])
    data = result_data(week, chosen)
    return reference.check_sessions(data["input"], data["sessions"])


def test_a_first_plan_breaks_no_hard_rule_and_costs_what_the_reference_counts() -> None:
    """Shipped blocks, one of them (crossfit-10k-8w under `strict`) whose third week finds
    no plan after the second until the two are planned again together, and a generated
    5k block (under `strict`) whose fix reaches back two steps: every first plan keeps
    every hard rule and costs what the reference checker counts."""
    blocks: list[tuple[Any, str]] = [
        (ROOT / "scenarios" / "10k-block-8w.yaml", "balanced"),
        (ROOT / "scenarios" / "crossfit-10k-8w.yaml", "strict"),
        (generate(0, 1, blocks=1)[0], "strict"),
    ]
    for scenario, rules in blocks:
        week = as_week(scenario, rules)
        plan = _first(week)
        report = _reference(week, plan)
        assert report.problems == [] and report.violations == {}, (scenario, report.violations)
        assert plan.valid and plan.penalty == report.total, scenario
        # every week of the block is planned: none is left empty by a step that gave up
        planned = {p.slot.week for p, on in plan.values.items() if on}
        assert planned == set(range(1, week.weeks + 1))


def test_the_first_plan_is_deterministic() -> None:
    week = as_week(ROOT / "scenarios" / "crossfit-10k-8w.yaml", "strict")
    assert _first(week).values == _first(week).values


def test_a_block_cut_short_returns_its_first_plan_with_bound_gap_and_what_stopped_it() -> None:
    """A work limit far below what the block needs (0.05 deterministic s): the solve still
    returns a plan (the first plan: its work is not cut), every hard rule kept by the
    reference checker, its penalties as the checks count them, a bound no higher than its
    penalty, and a message naming the work limit and what to pass for more. The same plan
    again on a second solve."""
    path = ROOT / "scenarios" / "10k-block-8w.yaml"
    week = as_week(path, "balanced")
    result = solve(path, "balanced", deterministic_time=0.05, time_limit=600)
    assert result.status == "feasible", result.message
    assert_agrees(week, result)
    report = reference.check(result.to_dict())
    assert report.violations == {} and report.total == result.objective
    assert result.stopped_by == "work_limit"
    assert "work limit of 0.05 deterministic s" in result.message
    assert "--work-limit" in result.message
    assert result.bound is not None and result.objective is not None
    assert result.gap == (result.objective - result.bound) / max(1, result.objective)
    planned = {(s.week, s.day, s.slot, s.session) for s in result.sessions}
    first = {
        (p.slot.week, p.slot.day_name, p.slot.name, p.session.id)
        for p, on in _first(week).values.items()
        if on
    }
    assert planned == first
    again = solve(path, "balanced", deterministic_time=0.05, time_limit=600)
    assert [s.model_dump() for s in again.sessions] == [s.model_dump() for s in result.sessions]
