"""The rule `long_share` (LONG-SHARE): in a loaded week the long run is at most half of the
week's running minutes (the race aside)."""

from __future__ import annotations

from helpers import place, scenario
from rule_helpers import assert_binds, assert_priced_only_when_unavoidable, check, free_week


class TestLongShare:
    RULE = "long_share"

    def test_check_the_share(self) -> None:
        wk = free_week()
        for items, found in (
            ((("sat", "am", "long_120"), ("tue", "am", "easy_60"), ("thu", "am", "easy_60")), 0),
            ((("sat", "am", "long_120"), ("tue", "am", "easy_60"), ("thu", "am", "easy_45")), 1),
            ((("sat", "am", "long_90"),), 1),
            ((("tue", "am", "easy_45"),), 0),
        ):
            assert len(check(self.RULE, place(wk, *items), hard=True)) == found, items
        plan = place(
            wk, ("sat", "am", "long_90"), ("tue", "am", "easy_30"), ("thu", "am", "easy_30")
        )
        assert len(check(self.RULE, plan, hard=True)) == 1  # 90 of 150: 60%
        assert check(self.RULE, plan, hard=True, percent=60) == []

    def test_not_in_easier_weeks_nor_the_off_season(self) -> None:
        for phase in ("taper", "deload", "offseason"):
            wk = free_week(phase=phase)
            assert check(self.RULE, place(wk, ("sat", "am", "long_90")), hard=True) == []
        wk = free_week(phase="peak")
        assert len(check(self.RULE, place(wk, ("sat", "am", "long_90")), hard=True)) == 1

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "run_count", "long_run")
        tight = scenario({"tue": {"am": 30}, "sat": {"am": 90}}, ["easy", "long"],
                         targets={"runs": 2, "long_run": 1})  # fmt: skip
        assert_binds(tight, (self.RULE, {"hard": True}), *helpers)
        roomy = dict(tight, availability={"tue": {"am": 60}, "sat": {"am": 90}})
        result = assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
        minutes = {s.session: s.minutes for s in result.sessions}
        assert 2 * minutes[next(m for m in minutes if m.startswith("long"))] <= sum(
            minutes.values()
        )
