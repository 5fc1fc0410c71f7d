"""The rule `rest_days`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    scenario,
    triples,
)
from rule_helpers import (
    assert_binds,
    assert_feasible,
    check,
    free_week,
)


class TestRestDays:
    RULE = "rest_days"

    def test_feasible_both_runs_on_one_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"runs": 2}
        )
        _, result = assert_feasible(
            data, "availability", "run_count", ("rest_days", {"min_days": 6})
        )
        assert {s.day for s in result.sessions} == {"mon"}

    def test_infeasible_no_day_left_for_a_run(self) -> None:
        data = scenario({"mon": {"am": 60}}, ["easy_30"], targets={"runs": 1})
        assert_binds(data, ("rest_days", {"min_days": 7}), "availability", "run_count")
        assert_feasible(data, "availability", "run_count", ("rest_days", {"min_days": 6}))

    def test_named_rest_day_stays_empty(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon"]},
        )
        _, result = assert_feasible(
            data, "availability", "run_count", ("rest_days", {"min_days": 0})
        )
        assert triples(result) == [("tue", "am", "easy_30")]

    def test_named_rest_days_infeasible_unless_keep_named_is_off(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon", "tue"]},
        )
        assert_binds(data, ("rest_days", {"min_days": 0}), "availability", "run_count")
        assert_feasible(
            data, "availability", "run_count", ("rest_days", {"min_days": 0, "keep_named": False})
        )

    def test_check(self) -> None:
        wk = free_week(preferences={"rest_days": ["sun"]})
        six = [(d, "am", "easy_30") for d in ("mon", "tue", "wed", "thu", "fri", "sat")]
        assert check(self.RULE, place(wk, *six), min_days=1) == []
        found = check(self.RULE, place(wk, *six), min_days=2)
        assert len(found) == 1 and "1 rest days" in found[0].detail
        on_sunday = check(self.RULE, place(wk, ("sun", "pm", "easy_30")), min_days=1)
        assert len(on_sunday) == 1 and "named rest day" in on_sunday[0].detail
        assert check(self.RULE, place(wk, ("sun", "pm", "easy_30")), keep_named=False) == []

    def test_check_mobility_ok(self) -> None:
        wk = free_week()
        daily = [
            (d, "am", "mobility_20") for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        ]
        assert check(self.RULE, place(wk, *daily), mobility_ok=True) == []
        assert "0 rest days" in check(self.RULE, place(wk, *daily), mobility_ok=False)[0].detail
        # a run still breaks a rest day even when mobility does not
        with_run = place(wk, *daily, ("sun", "pm", "easy_30"))
        assert check(self.RULE, with_run, mobility_ok=True, min_days=6) == []
        found = check(self.RULE, with_run, mobility_ok=True, min_days=7)
        assert len(found) == 1 and "6 rest days" in found[0].detail
