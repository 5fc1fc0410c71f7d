"""The rule `after_long_run` (LONG>HARD): no quality run the day after the long run, and no
heavy legs after a long run of `long_minutes` or more."""

from __future__ import annotations

from helpers import place, scenario
from rule_helpers import assert_binds, assert_priced_only_when_unavoidable, check, free_week


class TestAfterLongRun:
    RULE = "after_long_run"

    def test_check_the_day_after(self) -> None:
        wk = free_week()
        for items, found in (
            ((("sat", "am", "long_90"), ("sun", "am", "tempo_40")), 1),
            ((("sat", "am", "long_90"), ("sun", "am", "easy_45")), 0),
            ((("sat", "am", "long_90"), ("mon", "am", "intervals_45")), 0),
            ((("sat", "am", "long_90"), ("sun", "pm", "lower_heavy_60")), 0),  # short long run
            ((("sat", "am", "long_120"), ("sun", "pm", "lower_heavy_60")), 1),
            ((("sat", "am", "long_150"), ("sun", "pm", "lower_light_45")), 0),  # light legs
        ):
            assert len(check(self.RULE, place(wk, *items), hard=True)) == found, items
        assert check(self.RULE, place(wk, ("sat", "am", "long_120"), ("sun", "pm",
                     "lower_heavy_60")), hard=True, long_minutes=150) == []  # fmt: skip

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "run_count", "quality_runs", "long_run")
        targets = {"runs": 2, "quality_runs": 1, "long_run": 1}
        tight = scenario({"sat": {"am": 120}, "sun": {"am": 60}},
                         ["tempo_40", "long_90"], targets=targets,
                         forbid=[{"day": "sun", "session": "long_90"}])  # fmt: skip
        roomy = scenario({"thu": {"am": 60}, "sat": {"am": 120}, "sun": {"am": 60}},
                         ["tempo_40", "long_90"], targets=targets,
                         forbid=[{"day": "sun", "session": "long_90"}])  # fmt: skip
        assert_binds(tight, (self.RULE, {"hard": True}), *helpers)
        assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
