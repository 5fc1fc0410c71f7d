"""The rule `spread`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

import pytest

from helpers import (
    place,
    scenario,
)
from rule_helpers import (
    HARD_PAIR,
    assert_feasible,
    assert_penalty,
    check,
    free_week,
)


class TestSpread:
    RULE = "spread"
    HELPERS = ("availability", "strength_count")

    def test_zero_when_a_day_lies_between(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "wed": {"am": 60}}, ["upper_45"], targets={"strength": 2}
        )
        _, result = assert_feasible(data, *self.HELPERS, self.RULE)
        assert_penalty(result, self.RULE, 0)

    @pytest.mark.parametrize(
        "availability",
        [{"mon": {"am": 60}, "tue": {"am": 60}}, {"mon": {"am": 60, "pm": 60}}],
        ids=["consecutive-days", "same-day"],
    )
    def test_two_lifts_close_together(self, availability: dict[str, dict[str, int]]) -> None:
        data = scenario(availability, ["upper_45"], targets={"strength": 2})
        _, result = assert_feasible(data, *self.HELPERS, self.RULE)
        assert_penalty(result, self.RULE, 5)
        _, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"consecutive": False}))
        assert_penalty(result, self.RULE, 0)

    def test_lift_on_a_hard_run_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}}, ["tempo_40", "full_body_60"], targets=HARD_PAIR
        )
        helpers = ("availability", "run_count", "strength_count")
        _, result = assert_feasible(data, *helpers, (self.RULE, {"weight": 7}))
        assert_penalty(result, self.RULE, 7)
        _, result = assert_feasible(data, *helpers, (self.RULE, {"hard_run_days": False}))
        assert_penalty(result, self.RULE, 0)

    def test_a_moderate_lift_before_speed_work_is_endorsed(self) -> None:
        """001's Wednesday, 004's advice: a moderate lift earlier the same day as a quality
        run costs nothing; after it, or before the long run, it does."""
        data = scenario({"mon": {"am": 60, "pm": 60}}, ["tempo_40", "upper_45"], targets=HARD_PAIR)
        helpers = ("availability", "run_count", "strength_count")
        _, result = assert_feasible(data, *helpers, (self.RULE, {"weight": 7}))
        assert_penalty(result, self.RULE, 0)
        assert [s.session for s in result.sessions] == ["upper_45", "tempo_40"]
        wk = free_week()
        after = place(wk, ("mon", "am", "tempo_40"), ("mon", "pm", "upper_45"))
        assert len(check(self.RULE, after)) == 1

    def test_easy_run_day_is_fine(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}},
            ["easy_30", "tempo_40", "upper_45"],
            targets={"runs": 1, "strength": 1, "quality_runs": 1},
        )
        # tempo alone on tue, the lift on mon: both same-day slots, one of them a rest
        _, result = assert_feasible(
            data, "availability", "run_count", "strength_count", "quality_runs", self.RULE
        )
        assert_penalty(result, self.RULE, 0)

    def test_check(self) -> None:
        wk = free_week()
        three = place(wk, *[(d, "am", "upper_45") for d in ("mon", "tue", "wed")])
        assert [p.amount for p in check(self.RULE, three, weight=5)] == [5, 5]  # mon-wed is fine
        lift_long = place(wk, ("sat", "am", "long_90"), ("sat", "pm", "upper_45"))
        assert len(check(self.RULE, lift_long)) == 1
        assert check(self.RULE, lift_long, hard_run_days=False) == []
        lift_easy = place(wk, ("sat", "am", "easy_30"), ("sat", "pm", "lower_heavy_60"))
        assert check(self.RULE, lift_easy) == []
        apart = place(wk, ("mon", "am", "upper_45"), ("wed", "am", "upper_45"))
        assert check(self.RULE, apart) == []
        assert check(self.RULE, three, weight=0) == []
