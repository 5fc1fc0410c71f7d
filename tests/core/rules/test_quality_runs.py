"""The rule `quality_runs`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    scenario,
)
from rule_helpers import (
    CountRuleTests,
    assert_binds,
    assert_feasible,
)


class TestQualityRuns(CountRuleTests):
    RULE = "quality_runs"
    SESSION = "tempo_40"
    OTHER = "easy_30"
    TARGET = "quality_runs"

    def test_feasible_exactly_one_of_two_runs(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "wed": {"am": 60}},
            ["easy_30", "tempo_40"],
            targets={"runs": 2, "quality_runs": 1},
        )
        _, result = assert_feasible(data, "availability", "run_count", "quality_runs")
        assert sorted(s.session for s in result.sessions) == ["easy_30", "tempo_40"]

    def test_infeasible_above_the_maximum(self) -> None:
        # run_count wants one run, and the only run on offer is a quality run
        data = scenario({"mon": {"am": 60}}, ["tempo_40"], targets={"quality_runs": 0, "runs": 1})
        assert_binds(data, "quality_runs", "availability", "run_count")
