"""The rule `quality_before_long`: no quality run the day before the long run (Q>LONG)."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import assert_binds, check, free_week, pen


class TestQualityBeforeLong:
    RULE = "quality_before_long"

    def test_check_calendar_days(self) -> None:
        wk = free_week()
        for items, ok in (
            ((("fri", "pm", "tempo_40"), ("sat", "am", "long_90")), False),
            ((("thu", "pm", "tempo_40"), ("sat", "am", "long_90")), True),
        ):
            found = check(self.RULE, place(wk, *items))
            assert (found == []) is ok, (items, found)
        # soft: a penalty of `weight` per pair instead of a violation
        soft = check(
            self.RULE,
            place(wk, *(("fri", "pm", "tempo_40"), ("sat", "am", "long_90"))),
            hard=False,
            weight=100,
        )
        assert [p.amount for p in soft] == [100]

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        data = {
            "helpers": ("availability", "run_count", "quality_runs", "long_run"),
            "tight": scenario(
                {"fri": {"am": 60}, "sat": {"am": 120}},
                ["tempo_40", "long_90"],
                targets={"runs": 2, "quality_runs": 1, "long_run": 1},
            ),
            "roomy": scenario(
                {"thu": {"am": 60}, "fri": {"am": 60}, "sat": {"am": 120}},
                ["tempo_40", "long_90"],
                targets={"runs": 2, "quality_runs": 1, "long_run": 1},
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

    def test_after_the_long_run_is_fine(self) -> None:
        wk = free_week()
        assert (
            check(self.RULE, place(wk, ("sat", "am", "long_90"), ("sun", "am", "tempo_40"))) == []
        )
