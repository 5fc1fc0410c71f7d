"""The rule `shortfall` (automatic when replanning): minimum counts become priced shortfalls.

The independent count below reads the plan's sessions and the scenario's targets directly
(the definition: `weight` points per session under each minimum), not the rule's code."""

from __future__ import annotations

from typing import Any

from helpers import assert_agrees, place, rule_set, run, scenario, week
from hybridplan.models.result import Result
from rule_helpers import check, pen

PREVIOUS = [
    {"day": "mon", "slot": "am", "session": "easy_30"},
    {"day": "tue", "slot": "am", "session": "easy_30"},
    {"day": "wed", "slot": "am", "session": "easy_30"},
]
THREE_DAYS = {"mon": {"am": 60}, "tue": {"am": 60}, "wed": {"am": 60}}


def _replan(blocked: list[dict[str, Any]], **rules: dict[str, Any]) -> tuple[Any, Result]:
    data = scenario(THREE_DAYS, ["easy_30"], targets={"runs": 3}, previous=PREVIOUS,
                    blocked=blocked)  # fmt: skip
    items = ["availability", "run_count", *((rid, cfg) for rid, cfg in rules.items())]
    wk = week(data, rule_set(*items))
    return wk, run(wk)


def _short_by_definition(result: Result, runs_min: int, weight: int) -> int:
    """Points owed by the definition: weight per run under the minimum."""
    runs = sum(1 for s in result.sessions if s.session.startswith(("easy", "tempo", "long")))
    return weight * max(0, runs_min - runs)


class TestShortfall:
    RULE = "shortfall"

    def test_not_in_force_without_a_previous_plan(self) -> None:
        data = scenario({"mon": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        wk = week(data, rule_set("availability", "run_count"))
        assert "shortfall" not in dict(wk.rule_items())
        assert run(wk).status == "infeasible"  # the minimum stays hard

    def test_a_lost_day_is_a_priced_shortfall_not_a_failure(self) -> None:
        wk, result = _replan([{"day": "wed"}])
        assert result.status == "optimal"
        assert sorted(s.day for s in result.sessions) == ["mon", "tue"]
        assert pen(result) == [("shortfall", 100), ("stability", 10)]
        assert _short_by_definition(result, 3, 100) == 100
        detail = next(p.detail for p in result.penalties if p.rule == "shortfall")
        assert "2 runs instead of 3" in detail and "the week lost wed" in detail
        assert_agrees(wk, result)

    def test_keeps_as_many_sessions_as_the_calendar_allows(self) -> None:
        # the shortfall costs more than any change: nothing is dropped that could stay
        wk, result = _replan([{"day": "wed"}], stability={"weight": 1000})
        assert len(result.sessions) == 2
        assert _short_by_definition(result, 3, 100) == 100
        assert_agrees(wk, result)

    def test_hard_keeps_the_minimum_hard(self) -> None:
        _, result = _replan([{"day": "wed"}], shortfall={"hard": True})
        assert result.status == "infeasible"

    def test_maximums_stay_hard(self) -> None:
        data = scenario(THREE_DAYS, ["easy_30"], targets={"runs": [0, 1]}, previous=PREVIOUS)
        wk = week(data, rule_set("availability", "run_count"))
        result = run(wk)
        assert result.status == "optimal" and len(result.sessions) == 1

    def test_check_prices_each_missing_session(self) -> None:
        data = scenario(THREE_DAYS, ["easy_30"], targets={"runs": 3}, previous=PREVIOUS,
                        blocked=[{"day": "tue"}])  # fmt: skip
        wk = week(data, rule_set("availability", "run_count"))
        full = place(wk, *((d, "am", "easy_30") for d in ("mon", "tue", "wed")))
        assert check(self.RULE, full) == []
        one = check(self.RULE, place(wk, ("mon", "am", "easy_30")), weight=7)
        assert [p.amount for p in one] == [14]
        assert "1 run instead of 3 (the week lost tue)" in one[0].detail
        # and the count rule itself no longer calls it a violation
        assert check("run_count", place(wk, ("mon", "am", "easy_30"))) == []
