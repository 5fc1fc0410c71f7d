"""The rule `mobility` (NO-MOB): 1-2 mobility sessions a week, priced."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import check, free_week, pen


class TestMobility:
    RULE = "mobility"

    def test_check_short_and_over(self) -> None:
        wk = free_week()
        assert [p.amount for p in check(self.RULE, place(wk))] == [10]
        one = place(wk, ("mon", "am", "mobility_20"))
        assert check(self.RULE, one) == []
        three = place(wk, *[(d, "am", "mobility_20") for d in ("mon", "tue", "wed")])
        assert [p.amount for p in check(self.RULE, three, weight=4)] == [4]

    def test_solved_a_free_slot_gets_mobility(self) -> None:
        data = scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30", "mobility_20"],
                        targets={"runs": 1})  # fmt: skip
        wk = week(data, rule_set("availability", "run_count", self.RULE))
        result = run(wk)
        assert pen(result) == []
        assert sorted(s.session for s in result.sessions) == ["easy_30", "mobility_20"]
        assert_agrees(wk, result)

    def test_a_full_calendar_drops_mobility_and_pays(self) -> None:
        data = scenario({"mon": {"am": 60}}, ["easy_30", "mobility_20"], targets={"runs": 1})
        wk = week(data, rule_set("availability", "run_count", self.RULE))
        result = run(wk)
        assert pen(result) == [(self.RULE, 10)]
        assert_agrees(wk, result)

    def test_no_slot_that_could_hold_it_costs_nothing(self) -> None:
        wk = week(scenario({"mon": {"am": 15}}, ["mobility_20"]), rule_set(self.RULE))
        assert check(self.RULE, place(wk)) == []
