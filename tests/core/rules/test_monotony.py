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
        from hybridplan.core.metrics import monotony
        from hybridplan.core.rules.monotony import too_monotonous

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


def test_the_limit_is_exact_not_rounded_to_tenths() -> None:
    """A limit is read exactly: 1.55 used to act as 1.6. These loads have monotony sqrt(2.5)."""
    from fractions import Fraction

    from hybridplan.core.metrics import monotony
    from hybridplan.core.rules.monotony import too_monotonous

    loads = [0, 0, 3, 3, 3, 3, 3]
    value = monotony(loads)
    assert value is not None and 1.58 < value < 1.59
    for limit, expected in ((1.55, True), (1.58, True), (1.581, True), (1.582, False)):
        cfg = models.RULE_CONFIGS["monotony"](limit=limit)
        assert too_monotonous(loads, cfg) is expected, limit  # type: ignore[arg-type]
    cfg = models.RULE_CONFIGS["monotony"](limit=1.6)
    assert not too_monotonous(loads, cfg)  # type: ignore[arg-type]
    assert Fraction(1.581).limit_denominator(1000) == Fraction(1581, 1000)


def test_the_largest_limit_with_the_largest_loads_is_a_valid_model() -> None:
    """Every product of the exact test fits in 64 bits at the limits' extremes."""
    from hybridplan.models import limits

    slots = {f"s{i}": f"{i * 4:02d}:00" for i in range(limits.MAX_SLOTS_PER_DAY)}
    data = {
        "name": "extreme",
        "slots": slots,
        "availability": {"mon": {"s0": 600}, "wed": {"s0": 600}},
        "targets": {"runs": [0, 2], "strength": 0, "long_run": 0, "quality_runs": 0},
        "sessions": {
            "marathon_600": {
                "kind": "run",
                "run_type": "easy",
                "minutes": 600,
                "intensity": "easy",
                "rpe": limits.MAX_RPE,
            }
        },
        "include": ["marathon_600", "easy_30"],
        "rules": {"use": "minimal", "override": {"monotony": {"limit": 4.999}}},
    }
    wk = models.input_from_dict(data)
    result = run(wk)
    assert result.status == "optimal"
    assert_agrees(wk, result)
