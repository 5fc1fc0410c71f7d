"""The rule `run_quality`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import (
    gap_scenario,
    place,
    rule_set,
    scenario,
    triples,
    week,
)
from rule_helpers import (
    HARD_PAIR,
    assert_feasible,
    assert_penalty,
    check,
    free_week,
)


class TestRunQuality:
    RULE = "run_quality"
    INCLUDE = ("tempo_40", "lower_heavy_60")

    def test_zero_when_the_run_can_come_first(self) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, self.INCLUDE, targets=HARD_PAIR)
        _, result = assert_feasible(data, "availability", "run_count", "strength_count", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("mon", "am", "tempo_40"), ("mon", "pm", "lower_heavy_60")]

    def test_lift_forced_first_on_the_same_day(self) -> None:
        # the 40-minute evening fits only the tempo run: the lift must come first
        data = scenario({"mon": {"am": 60, "pm": 40}}, self.INCLUDE, targets=HARD_PAIR)
        _, result = assert_feasible(data, "availability", "run_count", "strength_count", self.RULE)
        assert_penalty(result, self.RULE, 20)
        assert "earlier the same day" in result.penalties[0].detail

    @pytest.mark.parametrize("hours", [24, 20])
    def test_gap_boundary_with_the_solver(self, hours: float) -> None:
        helpers = ("availability", "run_count", "strength_count")
        # lower_light_45 fits the first slot alone; tempo_40 must follow `gap` hours later
        for gap, amount in ((hours, 0), (hours - 0.5, 20)):
            data, _, _ = gap_scenario("lower_light_45", "tempo_60", gap, targets=HARD_PAIR)
            _, result = assert_feasible(data, *helpers, (self.RULE, {"hours": hours}))
            assert_penalty(result, self.RULE, amount)

    @pytest.mark.parametrize("hours", [24, 36, 18])
    def test_check_boundary(self, hours: float) -> None:
        # (gaps of 18 h and more start on the next day: the same-day clause stays out)
        for gap, n in ((hours, 0), (hours - 0.5, 1)):
            data, a, b = gap_scenario("lower_heavy_60", "tempo_40", gap)
            found = check(self.RULE, place(week(data, rule_set()), a, b), hours=hours, weight=7)
            assert [p.amount for p in found] == [7] * n

    def test_check_which_pairs_count(self) -> None:
        wk = free_week()

        def n(first: str, second: str, **cfg: Any) -> int:
            plan = place(wk, ("mon", "am", first), ("mon", "pm", second))
            return len(check(self.RULE, plan, **cfg))

        # earlier the same day counts whatever `hours` says
        assert n("lower_heavy_60", "tempo_40", hours=0) == 1
        assert n("lower_heavy_60", "long_90") == 1
        assert n("tempo_40", "lower_heavy_60") == 0  # run first: fresh legs
        assert n("lower_heavy_60", "easy_30") == 0  # not a key run
        assert n("upper_45", "tempo_40") == 0  # moderate, no legs
        # a moderate lift, then speed work the same day: endorsed (001, 004), never priced
        assert n("lower_light_45", "hills_45", legs="any") == 0
        assert n("posterior_chain_45", "tempo_40", legs="heavy") == 0
        assert n("posterior_chain_45", "long_90", legs="heavy") == 1  # not before the long run
        # a light-leg lift the evening before: priced with legs any, not with legs heavy
        evening = place(wk, ("mon", "pm", "lower_light_45"), ("tue", "am", "hills_45"))
        assert len(check(self.RULE, evening, legs="any")) == 1
        assert check(self.RULE, evening, legs="heavy") == []
        assert n("plyometrics_30", "intervals_45", legs="heavy") == 1  # hard lifting always
        assert n("lower_heavy_60", "tempo_40", weight=0) == 0
