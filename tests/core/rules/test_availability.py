"""The rule `availability`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    rule_set,
    scenario,
    triples,
    week,
)
from rule_helpers import (
    assert_binds,
    assert_feasible,
    check,
    rules_of,
)


class TestAvailability:
    RULE = "availability"

    def test_feasible_only_in_the_slot_that_fits(self) -> None:
        # mon am has 44 free minutes (too short), tue pm exactly 45: an exact fit is allowed
        data = scenario({"mon": {"am": 44}, "tue": {"pm": 45}}, ["easy_45"], targets={"runs": 1})
        _, result = assert_feasible(data, "availability", "run_count")
        assert triples(result) == [("tue", "pm", "easy_45")]

    def test_infeasible_when_no_slot_is_long_enough(self) -> None:
        data = scenario({"mon": {"am": 44}}, ["easy_45"], targets={"runs": 1})
        assert_binds(data, "availability", "run_count")

    def test_check(self) -> None:
        wk = week(scenario({"mon": {"am": 44}, "tue": {"pm": 45}}), rule_set())
        assert check(self.RULE, place(wk, ("tue", "pm", "easy_45"))) == []
        too_long = check(self.RULE, place(wk, ("mon", "am", "easy_45")))
        assert len(too_long) == 1 and "45 min" in too_long[0].detail
        closed = check(self.RULE, place(wk, ("wed", "am", "easy_30")))
        assert len(closed) == 1 and "not available" in closed[0].detail
        both = check(self.RULE, place(wk, ("mon", "am", "easy_45"), ("wed", "pm", "easy_30")))
        assert len(both) == 2 and rules_of(both) == {self.RULE}
