"""The rule `no_consecutive_hard_days`: smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    scenario,
)
from rule_helpers import (
    HARD_PAIR,
    assert_binds,
    assert_feasible,
    check,
    free_week,
)


class TestNoConsecutiveHardDays:
    RULE = "no_consecutive_hard_days"

    def test_feasible_skips_a_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}, "wed": {"am": 60}},
            ["tempo_40"],
            targets={"quality_runs": 2},
        )
        _, result = assert_feasible(data, "availability", "quality_runs", self.RULE)
        assert sorted(s.day for s in result.sessions) == ["mon", "wed"]

    def test_infeasible_two_days_in_a_row(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}}, ["tempo_40"], targets={"quality_runs": 2}
        )
        assert_binds(data, self.RULE, "availability", "quality_runs")

    def test_stacking_on_one_day_is_allowed(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}}, ["tempo_40", "lower_heavy_60"], targets=HARD_PAIR
        )
        assert_feasible(data, "availability", "run_count", "strength_count", self.RULE)

    def test_long_run_counts_only_with_include_long_run(self) -> None:
        data = scenario(
            {"sat": {"am": 120}, "sun": {"am": 120}},
            ["long_90", "tempo_40"],
            targets={"runs": 2, "long_run": 1, "quality_runs": 1},
        )
        helpers = ("availability", "run_count", "long_run", "quality_runs")
        assert_feasible(data, *helpers, (self.RULE, {"include_long_run": False}))
        assert_binds(data, (self.RULE, {"include_long_run": True}), *helpers)

    def test_check(self) -> None:
        wk = free_week()
        bad = place(wk, ("mon", "pm", "tempo_40"), ("tue", "am", "lower_heavy_60"))
        found = check(self.RULE, bad)
        assert len(found) == 1 and "consecutive" in found[0].detail
        assert (
            check(self.RULE, place(wk, ("mon", "am", "tempo_40"), ("wed", "am", "tempo_40"))) == []
        )
        same_day = place(wk, ("mon", "am", "tempo_40"), ("mon", "pm", "lower_heavy_60"))
        assert check(self.RULE, same_day) == []
        moderate = place(wk, ("mon", "am", "upper_45"), ("tue", "am", "long_90"))
        assert check(self.RULE, moderate) == []
        long_then_hard = place(wk, ("sat", "am", "long_90"), ("sun", "am", "tempo_40"))
        assert check(self.RULE, long_then_hard, include_long_run=False) == []
        assert len(check(self.RULE, long_then_hard, include_long_run=True)) == 1
        # three hard days in a row: two offending pairs
        three = place(wk, *[(d, "am", "tempo_40") for d in ("mon", "tue", "wed")])
        assert len(check(self.RULE, three)) == 2
