"""The rule `long_run_eve` (LEGS>LONG): no leg lift at all the day before the long run."""

from __future__ import annotations

from helpers import place, scenario
from rule_helpers import assert_binds, assert_priced_only_when_unavoidable, check, free_week


class TestLongRunEve:
    RULE = "long_run_eve"

    def test_check_any_leg_lift_the_day_before(self) -> None:
        wk = free_week()
        for items, found in (
            ((("fri", "pm", "full_body_light_45"), ("sat", "am", "long_90")), 1),
            ((("fri", "pm", "bodyweight_lower_30"), ("sat", "am", "long_90")), 1),
            ((("fri", "pm", "upper_45"), ("sat", "am", "long_90")), 0),
            ((("thu", "pm", "lower_heavy_60"), ("sat", "am", "long_90")), 0),
            ((("sat", "pm", "lower_light_45"), ("sat", "am", "long_90")), 0),  # after it
            ((("fri", "pm", "lower_light_45"), ("sat", "am", "tempo_40")), 0),  # not long
        ):
            assert len(check(self.RULE, place(wk, *items), hard=True)) == found, items

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "strength_count", "long_run", "run_count")
        targets = {"strength": 1, "runs": 1, "long_run": 1}
        tight = scenario({"fri": {"pm": 60}, "sat": {"am": 120}},
                         ["full_body_light_45", "long_90"], targets=targets)  # fmt: skip
        roomy = scenario({"thu": {"pm": 60}, "fri": {"pm": 60}, "sat": {"am": 120}},
                         ["full_body_light_45", "long_90"], targets=targets,
                         forbid=[{"day": "sat", "session": "full_body_light_45"}])  # fmt: skip
        assert_binds(tight, (self.RULE, {"hard": True}), *helpers)
        result = assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
        assert [s.day for s in result.sessions if s.kind == "strength"] == ["thu"]
