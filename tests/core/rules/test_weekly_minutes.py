"""The rule `weekly_minutes`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import ClassVar

from helpers import (
    place,
    scenario,
)
from rule_helpers import (
    assert_binds,
    assert_feasible,
    check,
    free_week,
)


class TestWeeklyMinutes:
    RULE = "weekly_minutes"
    AVAIL: ClassVar[dict[str, dict[str, int]]] = {"mon": {"am": 60}, "tue": {"am": 60}}

    def test_feasible_exactly_at_the_budget(self) -> None:
        data = scenario(self.AVAIL, ["easy_30", "easy_45"], targets={"runs": 2}, weekly_minutes=60)
        _, result = assert_feasible(data, "availability", "weekly_minutes", "run_count")
        assert [s.session for s in result.sessions] == ["easy_30", "easy_30"]
        assert sum(s.minutes for s in result.sessions) == 60

    def test_infeasible_one_minute_short(self) -> None:
        data = scenario(self.AVAIL, ["easy_30", "easy_45"], targets={"runs": 2}, weekly_minutes=59)
        assert_binds(data, "weekly_minutes", "availability", "run_count")

    def test_check(self) -> None:
        plan_of = lambda budget: place(  # noqa: E731
            free_week(weekly_minutes=budget), ("mon", "am", "easy_30"), ("tue", "am", "easy_45")
        )
        assert check(self.RULE, plan_of(75)) == []
        assert check(self.RULE, plan_of(None)) == []
        found = check(self.RULE, plan_of(74))
        assert len(found) == 1 and "75 min planned" in found[0].detail
