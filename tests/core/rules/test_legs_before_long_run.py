"""The rule `legs_before_long_run`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import ClassVar

import pytest

from helpers import (
    gap_scenario,
    hours_between,
    place,
    rule_set,
    week,
)
from rule_helpers import (
    assert_binds,
    assert_feasible,
    check,
    free_week,
)


class TestLegsBeforeLongRun:
    RULE = "legs_before_long_run"
    HELPERS = ("availability", "strength_count", "long_run")
    TARGETS: ClassVar[dict[str, int]] = {"strength": 1, "long_run": 1}

    @pytest.mark.parametrize("hours", [24, 36, 12])
    def test_feasible_exactly_hours_before(self, hours: float) -> None:
        data, _, _ = gap_scenario("lower_heavy_60", "long_90", hours, targets=self.TARGETS)
        wk, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"hours": hours}))
        assert hours_between(wk, result, "lower_heavy_60", "long_90") == hours

    @pytest.mark.parametrize("hours", [24, 36, 12])
    def test_infeasible_half_an_hour_short(self, hours: float) -> None:
        data, _, _ = gap_scenario("lower_heavy_60", "long_90", hours - 0.5, targets=self.TARGETS)
        assert_binds(data, (self.RULE, {"hours": hours}), *self.HELPERS)

    def test_light_leg_work_only_counts_with_legs_any(self) -> None:
        data, _, _ = gap_scenario("lower_light_45", "long_90", 1, targets=self.TARGETS)
        assert_feasible(data, *self.HELPERS, (self.RULE, {"legs": "heavy"}))
        assert_binds(data, (self.RULE, {"legs": "any"}), *self.HELPERS)

    @pytest.mark.parametrize("hours", [24, 36])
    def test_check_boundary(self, hours: float) -> None:
        for gap, ok in ((hours, True), (hours - 0.5, False)):
            data, a, b = gap_scenario("lower_heavy_60", "long_90", gap)
            found = check(self.RULE, place(week(data, rule_set()), a, b), hours=hours)
            assert (found == []) is ok, (gap, found)

    def test_check_leg_work_after_the_long_run_is_fine(self) -> None:
        wk = free_week()
        plan = place(wk, ("sat", "am", "long_90"), ("sat", "pm", "lower_heavy_60"))
        assert check(self.RULE, plan) == []
        upper = place(wk, ("sat", "am", "upper_45"), ("sat", "pm", "long_90"))
        assert check(self.RULE, upper, legs="any") == []
        light = place(wk, ("fri", "pm", "lower_light_45"), ("sat", "am", "long_90"))
        assert check(self.RULE, light, legs="heavy") == []
        assert len(check(self.RULE, light, legs="any")) == 1
