"""The rule `legs_before_key_run`: no heavy-leg lift the day before a key run (LEGS>KEY)."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import assert_binds, check, free_week, pen


class TestLegsBeforeKeyRun:
    RULE = "legs_before_key_run"

    def test_check_calendar_days(self) -> None:
        wk = free_week()
        for items, ok in (
            ((("thu", "pm", "posterior_chain_45"), ("fri", "pm", "tempo_40")), False),
            ((("thu", "pm", "upper_45"), ("fri", "pm", "tempo_40")), True),
        ):
            found = check(self.RULE, place(wk, *items))
            assert (found == []) is ok, (items, found)
        # soft: a penalty of `weight` per pair instead of a violation
        soft = check(
            self.RULE,
            place(wk, *(("thu", "pm", "posterior_chain_45"), ("fri", "pm", "tempo_40"))),
            hard=False,
            weight=100,
        )
        assert [p.amount for p in soft] == [100]

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        data = {
            "helpers": ("availability", "run_count", "strength_count", "long_run"),
            "tight": scenario(
                {"fri": {"pm": 60}, "sat": {"am": 120}},
                ["lower_heavy_60", "long_90"],
                targets={"runs": 1, "strength": 1, "long_run": 1},
            ),
            "roomy": scenario(
                {"thu": {"pm": 60}, "fri": {"pm": 60}, "sat": {"am": 120}},
                ["lower_heavy_60", "long_90"],
                targets={"runs": 1, "strength": 1, "long_run": 1},
                forbid=[{"day": "sat", "session": "lower_heavy_60"}],
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

    def test_any_leg_work_under_legs_any(self) -> None:
        wk = free_week()
        light = place(wk, ("fri", "pm", "lower_light_45"), ("sat", "am", "long_90"))
        assert check(self.RULE, light) == []
        assert len(check(self.RULE, light, legs="any")) == 1
