"""The rule `legs_before_key_run`: no heavy-leg lift the day before a key run (LEGS>KEY)."""

from __future__ import annotations

from helpers import place
from rule_helpers import check, free_week


class TestLegsBeforeKeyRun:
    RULE = "legs_before_key_run"

    def test_any_leg_work_under_legs_any(self) -> None:
        wk = free_week()
        light = place(wk, ("fri", "pm", "lower_light_45"), ("sat", "am", "long_90"))
        assert check(self.RULE, light) == []
        assert len(check(self.RULE, light, legs="any")) == 1
