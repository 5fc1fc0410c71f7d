"""Helpers the per-rule tests (tests/rules/test_<rule_id>.py) share: solving a scenario
under a handful of rules with pinned parameters, asserting that a rule binds, running one
rule's check() on a hand-built plan, and the shared shape of the count-rule tests."""

from __future__ import annotations

from typing import Any

from helpers import (
    assert_agrees,
    assert_nothing_returned,
    place,
    rule_set,
    run,
    scenario,
    week,
)
from hybridplan import models
from hybridplan.core.rules import rule_module
from hybridplan.models import PlanInput, Result, RuleSet

RuleItem = str | tuple[str, dict[str, Any]]

# The parameter values the hand computations below rely on, written out so that a change
# of a default in models/rules.py does not silently change what a test means. A test's
# own parameters are merged over these.
PINNED: dict[str, dict[str, Any]] = {
    "daily_sessions": {"max_per_day": 2, "max_runs": 1, "max_strength": 1},
    "rest_days": {"min_days": 1, "keep_named": True, "mobility_ok": False},
    "hard_separation": {"hours": 24},
    "no_consecutive_hard_days": {"include_long_run": False},
    "legs_before_long_run": {"hours": 24, "legs": "heavy"},
    "muscle_recovery": {"hours": 48, "min_sets": 3, "hard": True},
    # the coach's objections: hard here, so a case can bind; their soft face is tested too
    "quality_spacing": {"hard": True},
    "quality_before_long": {"hard": True},
    "lift_after_hard_run": {"hard": True},
    "legs_before_key_run": {"hard": True, "legs": "heavy"},
    "lift_before_long_run": {"hard": True},
    "long_run_peak": {"hard": True},
    "same_day_order": {"order": "run_first", "min_gap_hours": 0},
    "set_volume": {"weight": 10},
    "run_quality": {"weight": 20, "hours": 24, "legs": "any"},
    "run_volume": {"weight": 1},
    "preferences": {"weight": 15, "order": "none"},
    "spread": {"weight": 5, "consecutive": True, "hard_run_days": True},
}


def pinned(item: RuleItem) -> tuple[str, dict[str, Any]]:
    rid, params = (item, {}) if isinstance(item, str) else item
    return rid, PINNED.get(rid, {}) | params


def solved(data: dict[str, Any], *rules: RuleItem) -> tuple[PlanInput, Result]:
    wk = week(data, rule_set(*(pinned(r) for r in rules)))
    return wk, run(wk)


def assert_feasible(data: dict[str, Any], *rules: RuleItem) -> tuple[PlanInput, Result]:
    wk, result = solved(data, *rules)
    assert result.status == "optimal", result.message
    assert_agrees(wk, result)
    return wk, result


def assert_binds(data: dict[str, Any], rule: RuleItem, *helpers: RuleItem) -> None:
    """Infeasible with the rule; feasible with only the helper rules."""
    _, result = solved(data, rule, *helpers)
    assert result.status == "infeasible"
    assert_nothing_returned(result)
    assert_feasible(data, *helpers)


def check(rule: str, plan: models.Plan, **params: Any) -> list[Any]:
    """Run one rule's check() directly, with these parameters (over the pinned ones)."""
    cfg = models.RULE_CONFIGS[rule](**pinned((rule, params))[1])
    return list(rule_module(rule).check(plan, cfg))


def rules_of(findings: list[Any]) -> set[str]:
    return {f.rule for f in findings}


def pen(result: Result) -> list[tuple[str, int]]:
    return sorted((p.rule, p.amount) for p in result.penalties)


ALL_FREE = {
    day: {"am": 600, "pm": 600} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def free_week(rules: RuleSet | None = None, **extra: Any) -> PlanInput:
    """A week with every slot free and the whole catalogue, for hand-built plans."""
    return week(scenario(ALL_FREE, **extra), rules or rule_set())


class CountRuleTests:
    """Shared shape of the five count rules."""

    RULE = ""
    SESSION = ""
    OTHER = "upper_45"  # a session the rule does not count
    TARGET = ""

    def targets(self, value: Any) -> dict[str, Any]:
        return {self.TARGET: value}

    def test_feasible_meets_the_count(self) -> None:
        data = scenario(
            {"mon": {"am": 120}, "tue": {"am": 120}, "wed": {"am": 120}},
            [self.SESSION, self.OTHER],
            targets={"strength": [0, 3]} | self.targets(2),
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        counted = [s for s in result.sessions if s.session == self.SESSION]
        assert len(counted) == 2

    def test_infeasible_too_few_slots(self) -> None:
        data = scenario({"mon": {"am": 120}}, [self.SESSION], targets=self.targets(2))
        assert_binds(data, self.RULE, "availability")

    def test_check(self) -> None:
        wk = free_week(targets={"strength": [0, 9], "runs": [0, 9]} | self.targets([1, 2]))
        for n, ok in ((0, False), (1, True), (2, True), (3, False)):
            items = [(day, "am", self.SESSION) for day in ("mon", "tue", "wed")[:n]]
            found = check(self.RULE, place(wk, *items, ("sun", "pm", self.OTHER)))
            assert (found == []) is ok, (n, found)
            if not ok:
                assert found[0].rule == self.RULE and f"{n} " in found[0].detail


HARD_PAIR = {"runs": 1, "strength": 1}


def hours_between_sessions(a: models.SessionOut, b: models.SessionOut) -> float:
    def start(s: models.SessionOut) -> int:
        h, m = (int(v) for v in s.start.split(":"))
        return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(s.day) * 1440 + h * 60 + m

    first, second = sorted((a, b), key=start)
    return (start(second) - start(first) - first.minutes) / 60


def assert_penalty(result: Result, rule: str, amount: int) -> None:
    """The optimum pays exactly `amount`, all of it to `rule`."""
    assert result.status == "optimal"
    assert result.objective == amount
    assert result.objective_by_rule.get(rule, 0) == amount
    assert sum(p.amount for p in result.penalties if p.rule == rule) == amount
    assert {p.rule for p in result.penalties} <= {rule}


def with_phases(rules: RuleSet, **phases: dict[str, Any]) -> RuleSet:
    return rules.model_copy(
        update={"phases": {p: models.phases.PhaseTargets(**t) for p, t in phases.items()}}
    )


def assert_priced_only_when_unavoidable(
    rule: str, tight: dict[str, Any], roomy: dict[str, Any], *helpers: RuleItem
) -> Result:
    """A coach rule priced at 100: the tight week pays exactly one objection, the roomy one
    none (proven optimal); both agree with the checks. Returns the roomy week's result."""
    soft = (rule, {"weight": 100})
    wk = week(tight, rule_set(*(pinned(h) for h in helpers), soft))
    result = run(wk)
    assert pen(result) == [(rule, 100)]
    assert_agrees(wk, result)
    wk = week(roomy, rule_set(*(pinned(h) for h in helpers), soft))
    result = run(wk)
    assert result.status == "optimal" and pen(result) == []
    assert_agrees(wk, result)
    return result
