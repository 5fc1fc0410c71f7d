"""The rule `lift_before_long_run`: no lift earlier the same day than the long run (LIFT<LONG)."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import assert_binds, check, free_week, pen


class TestLiftBeforeLongRun:
    RULE = "lift_before_long_run"

    def test_check_calendar_days(self) -> None:
        wk = free_week()
        for items, ok in (
            ((("sat", "am", "upper_45"), ("sat", "pm", "long_90")), False),
            ((("sat", "am", "long_90"), ("sat", "pm", "upper_45")), True),
        ):
            found = check(self.RULE, place(wk, *items))
            assert (found == []) is ok, (items, found)
        # soft: a penalty of `weight` per pair instead of a violation
        soft = check(
            self.RULE,
            place(wk, *(("sat", "am", "upper_45"), ("sat", "pm", "long_90"))),
            hard=False,
            weight=100,
        )
        assert [p.amount for p in soft] == [100]

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        data = {
            "helpers": ("availability", "run_count", "strength_count", "long_run"),
            "tight": scenario(
                {"sat": {"am": 60, "pm": 120}},
                ["upper_45", "long_90"],
                targets={"runs": 1, "strength": 1, "long_run": 1},
            ),
            "roomy": scenario(
                {"sat": {"am": 120, "pm": 120}},
                ["upper_45", "long_90"],
                targets={"runs": 1, "strength": 1, "long_run": 1},
            ),
        }
        assert_binds(data["tight"], self.RULE, *data["helpers"])
        soft = (self.RULE, {"hard": False, "weight": 100})
        wk = week(data["tight"], rule_set(*data["helpers"], soft))
        result = run(wk)
        assert pen(result) == [(self.RULE, 100)]
        assert_agrees(wk, result)
        wk = week(data["roomy"], rule_set(*data["helpers"], soft))
        result = run(wk)
        assert result.status == "optimal" and pen(result) == []
        assert_agrees(wk, result)
