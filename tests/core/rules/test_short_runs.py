"""The rule `short_runs` (PAD): a loaded week holds at most one run of 20 minutes or less."""

from __future__ import annotations

from helpers import place, scenario
from rule_helpers import assert_binds, assert_priced_only_when_unavoidable, check, free_week


class TestShortRuns:
    RULE = "short_runs"

    def test_check_counts_jogs_per_week(self) -> None:
        wk = free_week()
        for items, found in (
            ((("mon", "am", "recovery_20"), ("wed", "am", "recovery_20")), 1),
            ((("mon", "am", "recovery_20"), ("wed", "am", "recovery_30")), 0),
            ((("mon", "am", "recovery_20"), ("wed", "am", "recovery_20"),
              ("fri", "am", "recovery_20")), 1),
            ((("mon", "am", "recovery_20"), ("wed", "am", "mobility_20")), 0),
        ):
            assert len(check(self.RULE, place(wk, *items), hard=True)) == found, items
        assert len(check(self.RULE, place(wk, ("mon", "am", "recovery_30"),
                         ("wed", "am", "recovery_30")), hard=True, minutes=30)) == 1  # fmt: skip

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "run_count")
        tight = scenario({"mon": {"am": 20}, "wed": {"am": 20}}, ["recovery"],
                         targets={"runs": 2, "long_run": 0})  # fmt: skip
        assert_binds(tight, (self.RULE, {"hard": True}), *helpers)
        roomy = dict(tight, availability={"mon": {"am": 20}, "wed": {"am": 30}})
        result = assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
        assert sorted(s.minutes for s in result.sessions) == [20, 30]
