"""The rule `monotony`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    assert_agrees,
    rule_set,
    run,
    scenario,
    week,
)
from hybridplan import models
from rule_helpers import (
    pen,
)


class TestMonotony:
    RULE = "monotony"

    def test_a_varied_week_pays_nothing(self) -> None:
        data = scenario({"mon": {"am": 60}, "wed": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        wk = week(data, rule_set("availability", "run_count", (self.RULE, {"weight": 10})))
        result = run(wk)
        assert result.objective == 0  # two run days and five rest days: monotony 0.63
        assert_agrees(wk, result)

    def test_seven_equal_days_pay(self) -> None:
        every_day = {d: {"am": 60} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
        data = scenario(every_day, ["easy_30"], targets={"runs": 7})
        wk = week(data, rule_set("availability", "run_count", (self.RULE, {"weight": 10})))
        result = run(wk)
        assert pen(result) == [(self.RULE, 10)]
        assert_agrees(wk, result)

    def test_check_at_the_limit(self) -> None:
        from hybridplan.metrics import monotony
        from hybridplan.rules.monotony import too_monotonous

        cfg = models.RULE_CONFIGS[self.RULE](limit=2.0)
        # against the plain float formula (metrics.monotony: mean / population sd)
        for loads in (
            [0, 4, 2, 2, 2, 2, 2],
            [1, 3, 2, 2, 2, 2, 2],
            [0, 0, 300, 0, 300, 0, 400],
            [100, 90, 110, 100, 95, 105, 0],
        ):
            expected = (monotony(loads) or 0) > 2.0
            assert too_monotonous(loads, cfg) == expected, loads  # type: ignore[arg-type]
        assert not too_monotonous([0, 4, 2, 2, 2, 2, 2], cfg)  # type: ignore[arg-type]
        assert too_monotonous([1, 3, 2, 2, 2, 2, 2], cfg)  # type: ignore[arg-type]
        assert not too_monotonous([0] * 7, cfg)  # type: ignore[arg-type]
