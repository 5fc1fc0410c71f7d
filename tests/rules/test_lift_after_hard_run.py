"""The rule `lift_after_hard_run`: no hard lift the day after a hard run (RUN>LIFT)."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import assert_binds, check, free_week, pen


class TestLiftAfterHardRun:
    RULE = "lift_after_hard_run"

    def test_check_calendar_days(self) -> None:
        wk = free_week()
        for items, ok in (
            ((("mon", "pm", "intervals_45"), ("tue", "am", "lower_heavy_60")), False),
            ((("mon", "pm", "intervals_45"), ("tue", "am", "upper_45")), True),
        ):
            found = check(self.RULE, place(wk, *items))
            assert (found == []) is ok, (items, found)
        # soft: a penalty of `weight` per pair instead of a violation
        soft = check(
            self.RULE,
            place(wk, *(("mon", "pm", "intervals_45"), ("tue", "am", "lower_heavy_60"))),
            hard=False,
            weight=100,
        )
        assert [p.amount for p in soft] == [100]

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        data = {
            "helpers": ("availability", "run_count", "strength_count", "pinned"),
            "tight": scenario(
                {"mon": {"pm": 60}, "tue": {"pm": 60}},
                ["intervals_45", "full_body_60"],
                targets={"runs": 1, "strength": 1},
                fixed=[{"day": "mon", "slot": "pm", "session": "intervals_45"}],
            ),
            "roomy": scenario(
                {"mon": {"pm": 60}, "tue": {"pm": 60}, "wed": {"pm": 60}},
                ["intervals_45", "full_body_60"],
                targets={"runs": 1, "strength": 1},
                fixed=[{"day": "mon", "slot": "pm", "session": "intervals_45"}],
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

    def test_the_other_order_and_easy_runs_are_fine(self) -> None:
        wk = free_week()
        assert (
            check(
                self.RULE, place(wk, ("mon", "am", "lower_heavy_60"), ("tue", "am", "intervals_45"))
            )
            == []
        )
        assert (
            check(self.RULE, place(wk, ("mon", "am", "easy_60"), ("tue", "am", "lower_heavy_60")))
            == []
        )
