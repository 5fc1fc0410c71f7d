"""The rule `stability`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    rule_set,
    scenario,
    triples,
    week,
)
from rule_helpers import (
    assert_feasible,
    check,
    pen,
)


class TestStability:
    RULE = "stability"

    def test_no_change_costs_nothing(self) -> None:
        previous = [{"day": "mon", "slot": "am", "session": "easy_30"}]
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            previous=previous,
        )
        _, result = assert_feasible(data, "availability", "run_count", (self.RULE, {"weight": 10}))
        assert triples(result) == [("mon", "am", "easy_30")] and result.objective == 0

    def test_a_move_counts_once(self) -> None:
        # monday is taken away: the run has to move, one change
        previous = [{"day": "mon", "slot": "am", "session": "easy_30"}]
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            previous=previous,
            blocked=[{"day": "mon"}],
        )
        _, result = assert_feasible(data, "availability", "run_count", (self.RULE, {"weight": 10}))
        assert triples(result) == [("tue", "am", "easy_30")]
        assert pen(result) == [("stability", 10)]

    def test_check(self) -> None:
        previous = [
            {"day": "mon", "slot": "am", "session": "easy_30"},
            {"day": "tue", "slot": "am", "session": "easy_30"},
        ]
        wk = week(
            scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30"], previous=previous),
            rule_set(("stability", {"weight": 7})),
        )
        same = place(wk, ("mon", "am", "easy_30"), ("tue", "am", "easy_30"))
        assert check(self.RULE, same, weight=7) == []
        dropped = check(self.RULE, place(wk, ("mon", "am", "easy_30")), weight=7)
        assert [p.amount for p in dropped] == [7]
        moved = check(
            self.RULE, place(wk, ("mon", "am", "easy_30"), ("wed", "am", "easy_30")), weight=7
        )
        assert [p.amount for p in moved] == [7]
