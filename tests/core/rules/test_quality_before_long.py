"""The rule `quality_before_long`: no quality run the day before the long run (Q>LONG)."""

from __future__ import annotations

from helpers import place
from rule_helpers import check, free_week


class TestQualityBeforeLong:
    RULE = "quality_before_long"

    def test_after_the_long_run_is_fine(self) -> None:
        wk = free_week()
        assert (
            check(self.RULE, place(wk, ("sat", "am", "long_90"), ("sun", "am", "tempo_40"))) == []
        )
