"""The rule `preferences`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    scenario,
    triples,
)
from rule_helpers import (
    HARD_PAIR,
    assert_feasible,
    assert_penalty,
    check,
    free_week,
)


class TestPreferences:
    RULE = "preferences"

    def test_zero_when_the_long_run_day_is_free(self) -> None:
        data = scenario(
            {"fri": {"am": 90}, "sat": {"am": 90}},
            ["long_90"],
            targets={"long_run": 1},
            preferences={"long_run_day": "sat"},
        )
        _, result = assert_feasible(data, "availability", "long_run", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("sat", "am", "long_90")]

    def test_long_run_on_another_day(self) -> None:
        data = scenario(
            {"fri": {"am": 90}},
            ["long_90"],
            targets={"long_run": 1},
            preferences={"long_run_day": "sat"},
        )
        _, result = assert_feasible(data, "availability", "long_run", self.RULE)
        assert_penalty(result, self.RULE, 15)
        assert "long run wanted on sat" in result.penalties[0].detail

    def test_session_on_a_named_rest_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon"]},
        )
        _, result = assert_feasible(data, "availability", "run_count", (self.RULE, {"weight": 4}))
        assert_penalty(result, self.RULE, 4)
        assert "rest day" in result.penalties[0].detail

    def test_rest_day_wish_is_kept_when_possible(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon"]},
        )
        _, result = assert_feasible(data, "availability", "run_count", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("tue", "am", "easy_30")]

    def test_order(self) -> None:
        lift_first = scenario(
            {"mon": {"am": 30, "pm": 60}}, ["easy_45", "core_30"], targets=HARD_PAIR
        )
        helpers = ("availability", "run_count", "strength_count")
        _, result = assert_feasible(lift_first, *helpers, (self.RULE, {"order": "run_first"}))
        assert_penalty(result, self.RULE, 15)
        _, result = assert_feasible(lift_first, *helpers, (self.RULE, {"order": "lift_first"}))
        assert_penalty(result, self.RULE, 0)
        _, result = assert_feasible(lift_first, *helpers, (self.RULE, {"order": "none"}))
        assert_penalty(result, self.RULE, 0)

    def test_check(self) -> None:
        wk = free_week(preferences={"long_run_day": "sat", "rest_days": ["sun"]})
        plan = place(
            wk,
            ("fri", "am", "long_90"),  # wrong day
            ("sun", "am", "easy_30"),  # rest day
            ("mon", "am", "upper_45"),  # lift before run
            ("mon", "pm", "easy_30"),
        )
        assert [p.amount for p in check(self.RULE, plan, weight=15, order="none")] == [15, 15]
        assert len(check(self.RULE, plan, weight=15, order="run_first")) == 3
        assert len(check(self.RULE, plan, weight=15, order="lift_first")) == 2
        assert check(self.RULE, plan, weight=0, order="run_first") == []
        good = place(
            wk, ("sat", "am", "long_90"), ("mon", "am", "easy_30"), ("mon", "pm", "upper_45")
        )
        assert check(self.RULE, good, order="run_first") == []

    def test_one_session_can_miss_two_wishes(self) -> None:
        """A long run on a named rest day that is also not the wanted long-run day misses
        two wishes at once, and hybridplan.models.rules.Preferences charges "`weight` points per
        unmet wish"."""
        wk = free_week(preferences={"long_run_day": "sat", "rest_days": ["sun"]})
        found = check(self.RULE, place(wk, ("sun", "am", "long_90")), weight=15)
        assert sorted(p.amount for p in found) == [15, 15], found
        # the solver, with Sunday the only free slot, must pay both
        data = scenario(
            {"sun": {"am": 90}},
            ["long_90"],
            targets={"long_run": 1},
            preferences={"long_run_day": "sat", "rest_days": ["sun"]},
        )
        _, result = assert_feasible(data, "availability", "long_run", self.RULE)
        assert_penalty(result, self.RULE, 30)
