"""The rule `long_run`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import Any

from helpers import (
    place,
    scenario,
)
from rule_helpers import (
    CountRuleTests,
    assert_binds,
    check,
    free_week,
)


class TestLongRun(CountRuleTests):
    RULE = "long_run"
    SESSION = "long_90"
    OTHER = "easy_30"
    TARGET = "long_run"

    def targets(self, value: Any) -> dict[str, Any]:
        # long_run is an exact number; [1, 2] in test_check means "1"
        return {"long_run": value[0] if isinstance(value, list) else value}

    def test_check(self) -> None:
        wk = free_week(targets={"long_run": 1})
        assert check(self.RULE, place(wk, ("sat", "am", "long_90"))) == []
        assert "0 long runs" in check(self.RULE, place(wk))[0].detail
        two = place(wk, ("sat", "am", "long_90"), ("sun", "am", "long_120"))
        assert "2 long runs" in check(self.RULE, two)[0].detail

    def test_infeasible_above_the_maximum(self) -> None:
        # run_count wants one run, and the only run on offer is a long one
        data = scenario({"sat": {"am": 120}}, ["long_90"], targets={"long_run": 0, "runs": 1})
        assert_binds(data, "long_run", "availability", "run_count")

    def test_infeasible_when_the_slot_is_too_short_for_any_long_run(self) -> None:
        data = scenario({"sat": {"am": 89}}, ["long_90", "easy_30"], targets={"long_run": 1})
        assert_binds(data, "long_run", "availability")
