"""The rule `one_per_slot`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    assert_nothing_returned,
    place,
    scenario,
    triples,
)
from rule_helpers import (
    assert_binds,
    assert_feasible,
    check,
    free_week,
    solved,
)


class TestOnePerSlot:
    RULE = "one_per_slot"

    def test_feasible_one_session_in_each_slot(self) -> None:
        data = scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        _, result = assert_feasible(data, "availability", "one_per_slot", "run_count")
        slots = [(s.day, s.slot) for s in result.sessions]
        assert sorted(slots) == [("mon", "am"), ("tue", "am")]

    def test_infeasible_two_sessions_for_one_slot(self) -> None:
        # (the variables allow one session per slot even without the rule)
        data = scenario({"mon": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        _, result = solved(data, "availability", "one_per_slot", "run_count")
        assert result.status == "infeasible"
        assert_nothing_returned(result)
        assert_feasible(data | {"targets": {"runs": 1, "long_run": 0}}, "one_per_slot", "run_count")

    def test_overlapping_slot_windows_hold_one_session_at_a_time(self) -> None:
        # am 06:00 with 60 free minutes and a 06:30 slot: a 45-minute session in each would
        # overlap; with a 30-minute run first, the lift at 06:30 starts as the run ends.
        slots = {"am": "06:00", "mid": "06:30"}
        avail = {"mon": {"am": 60, "mid": 60}}
        targets = {"runs": 1, "strength": 1}
        long_first = scenario(avail, ["easy_45", "upper_45"], targets=targets, slots=slots)
        helpers = ("availability", "run_count", "strength_count")
        assert_binds(long_first, self.RULE, *helpers)
        short_run = scenario(avail, ["easy_30", "upper_45"], targets=targets, slots=slots)
        _, result = assert_feasible(short_run, self.RULE, *helpers)
        assert triples(result) == [("mon", "am", "easy_30"), ("mon", "mid", "upper_45")]

    def test_check(self) -> None:
        wk = free_week()
        assert (
            check(self.RULE, place(wk, ("mon", "am", "easy_30"), ("mon", "pm", "upper_45"))) == []
        )
        found = check(self.RULE, place(wk, ("mon", "am", "easy_30"), ("mon", "am", "upper_45")))
        assert len(found) == 1 and "at most 1" in found[0].detail
