"""The rule `long_run_peak`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import Any

from helpers import (
    assert_agrees,
    rule_set,
    run,
    scenario,
    week,
)
from hybridplan.models import Plan
from rule_helpers import (
    check,
    pen,
)


class TestLongRunPeak:
    RULE = "long_run_peak"

    def data(self, **extra: Any) -> dict[str, Any]:
        return scenario(
            {"sat": {"am": 150}},
            ["long_90", "long_120"],
            targets={"runs": 1, "long_run": 1},
            weeks=4,
            phases=["build", "build", "peak", "taper"],
            race={"distance": "half"},
            **extra,
        )

    def test_zero_when_the_long_run_peaks_on_time(self) -> None:
        # the peak is week 4 - 3 = 1: nothing may be longer than week 1's long run
        wk = week(
            self.data(),
            rule_set(
                "availability",
                "run_count",
                "long_run",
                (self.RULE, {"weight": 10, "weeks_before_race": 3}),
            ),
        )
        result = run(wk)
        assert result.objective == 0
        assert_agrees(wk, result)

    def test_pays_when_a_later_week_must_be_longer(self) -> None:
        data = self.data(
            fixed=[
                {"day": "sat", "slot": "am", "session": "long_90", "week": 1},
                {"day": "sat", "slot": "am", "session": "long_120", "week": 3},
            ]
        )
        wk = week(
            data,
            rule_set(
                "availability",
                "run_count",
                "long_run",
                "pinned",
                (self.RULE, {"weight": 10, "weeks_before_race": 3}),
            ),
        )
        result = run(wk)
        assert pen(result) == [(self.RULE, 10)]
        assert_agrees(wk, result)

    def test_check_without_a_race_is_silent(self) -> None:
        data = self.data()
        del data["race"]
        wk = week(data, rule_set(self.RULE))
        plan = Plan.from_placements(wk, [("sat", "am", "long_90", 1), ("sat", "am", "long_120", 2)])
        assert check(self.RULE, plan, weight=10) == []
