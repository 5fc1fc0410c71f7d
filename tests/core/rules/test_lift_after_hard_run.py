"""The rule `lift_after_hard_run`: no hard lift the day after a hard run (RUN>LIFT)."""

from __future__ import annotations

from helpers import place
from rule_helpers import check, free_week


class TestLiftAfterHardRun:
    RULE = "lift_after_hard_run"

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
