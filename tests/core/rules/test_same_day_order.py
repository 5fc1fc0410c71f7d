"""The rule `same_day_order`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

import pytest

from helpers import (
    gap_scenario,
    hours_between,
    place,
    rule_set,
    scenario,
    triples,
    week,
)
from rule_helpers import (
    HARD_PAIR,
    assert_binds,
    assert_feasible,
    check,
    free_week,
)


class TestSameDayOrder:
    RULE = "same_day_order"
    HELPERS = ("availability", "run_count", "strength_count")
    # core_30 alone fits the 30-minute morning: the lift must come first
    LIFT_FIRST = scenario({"mon": {"am": 30, "pm": 60}}, ["easy_45", "core_30"], targets=HARD_PAIR)

    def test_feasible_run_first(self) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, ["easy_45", "core_30"], targets=HARD_PAIR)
        _, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"order": "run_first"}))
        assert triples(result) == [("mon", "am", "easy_45"), ("mon", "pm", "core_30")]

    def test_infeasible_when_only_lift_first_fits(self) -> None:
        assert_binds(self.LIFT_FIRST, (self.RULE, {"order": "run_first"}), *self.HELPERS)
        assert_feasible(self.LIFT_FIRST, *self.HELPERS, (self.RULE, {"order": "lift_first"}))
        assert_feasible(self.LIFT_FIRST, *self.HELPERS, (self.RULE, {"order": "any"}))

    @pytest.mark.parametrize("hours", [6, 3, 0.5])
    def test_min_gap_feasible_and_infeasible(self, hours: float) -> None:
        ok, _, _ = gap_scenario("easy_30", "upper_45", hours, targets=HARD_PAIR)
        cfg = (self.RULE, {"order": "any", "min_gap_hours": hours})
        wk, result = assert_feasible(ok, *self.HELPERS, cfg)
        assert hours_between(wk, result, "easy_30", "upper_45") == hours
        tight, _, _ = gap_scenario("easy_30", "upper_45", hours - 0.5, targets=HARD_PAIR)
        assert_binds(tight, cfg, *self.HELPERS)

    @pytest.mark.parametrize("hours", [6, 12])
    def test_check_boundary(self, hours: float) -> None:
        for gap, ok in ((hours, True), (hours - 0.5, False)):
            data, a, b = gap_scenario("easy_30", "upper_45", gap)
            found = check(
                self.RULE,
                place(week(data, rule_set()), a, b),
                order="run_first",
                min_gap_hours=hours,
            )
            assert (found == []) is ok, (gap, found)

    def test_check_order(self) -> None:
        wk = free_week()
        lift_first = place(wk, ("mon", "am", "upper_45"), ("mon", "pm", "easy_30"))
        run_first = place(wk, ("mon", "am", "easy_30"), ("mon", "pm", "upper_45"))
        assert len(check(self.RULE, lift_first, order="run_first")) == 1
        assert check(self.RULE, run_first, order="run_first") == []
        assert len(check(self.RULE, run_first, order="lift_first")) == 1
        assert check(self.RULE, lift_first, order="lift_first") == []
        assert check(self.RULE, lift_first, order="any") == []
        # different days: no order and no gap apply
        apart = place(wk, ("mon", "pm", "upper_45"), ("tue", "am", "easy_30"))
        assert check(self.RULE, apart, order="run_first", min_gap_hours=24) == []

    def test_check_zero_gap_still_forbids_overlap(self) -> None:
        wk = week(scenario({}, slots={"am": "06:00", "pm": "06:30"}), rule_set())
        plan = place(wk, ("mon", "am", "easy_45"), ("mon", "pm", "upper_45"))  # overlaps 15 min
        assert len(check(self.RULE, plan, order="any", min_gap_hours=0)) == 1
