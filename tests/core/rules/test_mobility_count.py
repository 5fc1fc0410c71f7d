"""The rule `mobility_count`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    scenario,
)
from rule_helpers import (
    CountRuleTests,
    assert_feasible,
    check,
)


class TestMobilityCount(CountRuleTests):
    RULE = "mobility_count"
    SESSION = "mobility_20"
    TARGET = "mobility"

    def test_no_target_means_any_number(self) -> None:
        data = scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["mobility_20"])
        assert "mobility" not in data["targets"]
        wk, result = assert_feasible(data, "availability", self.RULE)
        assert result.objective == 0
        full = place(wk, ("mon", "am", "mobility_20"), ("tue", "am", "mobility_20"))
        assert check(self.RULE, full) == []
