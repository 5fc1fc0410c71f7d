"""The rule `legs_consecutive` (LEGS-CONSEC): no leg lifts, light circuits included, on two
consecutive calendar days."""

from __future__ import annotations

from helpers import place, scenario
from rule_helpers import assert_binds, assert_priced_only_when_unavoidable, check, free_week


class TestLegsConsecutive:
    RULE = "legs_consecutive"

    def test_check_counts_any_lower_body_sets(self) -> None:
        wk = free_week()
        for items, found in (
            ((("mon", "pm", "lower_heavy_60"), ("tue", "am", "full_body_light_45")), 1),
            ((("mon", "pm", "core_30"), ("tue", "am", "full_body_light_45")), 0),  # no legs
            ((("mon", "pm", "lower_heavy_60"), ("wed", "am", "lower_light_45")), 0),
            ((("sun", "pm", "plyometrics_30"), ("mon", "am", "bodyweight_lower_30")), 0),
            ((("mon", "am", "upper_45"), ("tue", "am", "posterior_chain_45"),
              ("wed", "am", "lower_light_45")), 1),
            ((("mon", "am", "lower_light_45"), ("tue", "am", "posterior_chain_45"),
              ("wed", "am", "lower_light_45")), 2),
        ):
            assert len(check(self.RULE, place(wk, *items), hard=True)) == found, items
        soft = check(self.RULE, place(wk, ("mon", "pm", "lower_heavy_60"),
                                      ("tue", "am", "full_body_light_45")))  # fmt: skip
        assert [p.amount for p in soft] == [100]

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "strength_count")
        lifts = ["lower_heavy_60", "full_body_light_45"]
        tight = scenario({"mon": {"pm": 60}, "tue": {"pm": 60}}, lifts, targets={"strength": 2})
        roomy = scenario(
            {"mon": {"pm": 60}, "tue": {"pm": 60}, "wed": {"pm": 60}}, lifts,
            targets={"strength": 2},
        )  # fmt: skip
        assert_binds(tight, (self.RULE, {"hard": True}), *helpers)
        result = assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
        days = sorted(s.day for s in result.sessions)
        assert days == ["mon", "wed"]
