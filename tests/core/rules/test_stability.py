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

    def test_a_session_replaced_by_another_is_two_changes(self) -> None:
        """README: a change is a session dropped, added or moved, a move counting once.
        Found by the reference checker (tests/reference/rules.py): the rule counted
        max(dropped, added) over all sessions, so swapping upper_45 for core_30 cost one
        change like moving it, and the coach preference's `less_time` then chose the swap."""
        previous = [{"day": "mon", "slot": "am", "session": "upper_45"}]
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["upper_45", "core_30"],
            targets={"strength": 1},
            previous=previous,
            blocked=[{"day": "mon"}],
        )
        rules = ("availability", "strength_count", (self.RULE, {"weight": 10}))
        wk, result = assert_feasible(data, *rules)
        assert triples(result) == [("tue", "am", "upper_45")]
        assert pen(result) == [("stability", 10)]
        swapped = check(self.RULE, place(wk, ("tue", "am", "core_30")), weight=10)
        assert [p.amount for p in swapped] == [20]

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
        replaced = check(
            self.RULE, place(wk, ("mon", "am", "easy_30"), ("tue", "am", "easy_45")), weight=7
        )
        assert [p.amount for p in replaced] == [14]
