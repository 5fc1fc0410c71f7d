"""The rule `first_week` (FIRST-WEEK): with a history of weekly loads, the first week's load
(the race aside) at most 120% of the history's mean."""

from __future__ import annotations

from helpers import place, scenario
from rule_helpers import assert_binds, assert_priced_only_when_unavoidable, check, free_week


class TestFirstWeek:
    RULE = "first_week"

    def test_check_against_the_mean(self) -> None:
        # easy_60 at RPE 3: 180; long_120 at RPE 5: 600; together 780
        for history, found in (([650, 650], 0), ([600, 700], 0), ([640, 660], 0),
                               ([600, 600], 1), ([], 0)):  # fmt: skip
            wk = free_week(history=history)
            plan = place(wk, ("tue", "am", "easy_60"), ("sat", "am", "long_120"))
            assert len(check(self.RULE, plan, hard=True)) == found, history
        wk = free_week(history=[600, 600])
        plan = place(wk, ("tue", "am", "easy_60"), ("sat", "am", "long_120"))
        assert check(self.RULE, plan, hard=True, percent=130) == []

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "run_count")
        tight = scenario({"tue": {"am": 60}}, ["easy_60"], targets={"runs": 1, "long_run": 0},
                         history=[100, 100])  # fmt: skip
        assert_binds(tight, (self.RULE, {"hard": True}), *helpers)
        roomy = dict(tight, include=["easy"])  # a 30-minute easy run is 90: within 120
        result = assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
        assert [s.minutes for s in result.sessions] == [30]
