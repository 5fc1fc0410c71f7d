"""The rule `run_count`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    scenario,
)
from rule_helpers import (
    CountRuleTests,
    assert_binds,
)


class TestRunCount(CountRuleTests):
    RULE = "run_count"
    SESSION = "easy_30"
    TARGET = "runs"

    def test_infeasible_above_the_maximum(self) -> None:
        # quality_runs wants one tempo run; run_count allows no run at all
        data = scenario({"mon": {"am": 60}}, ["tempo_40"], targets={"runs": 0, "quality_runs": 1})
        assert_binds(data, "run_count", "availability", "quality_runs")
