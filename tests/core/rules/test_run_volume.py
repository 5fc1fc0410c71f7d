"""The rule `run_volume`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

import pytest

from helpers import (
    place,
    rule_set,
    scenario,
    week,
)
from hybridplan.models import Plan
from rule_helpers import (
    assert_feasible,
    assert_penalty,
    check,
    free_week,
)


class TestRunVolume:
    RULE = "run_volume"

    def test_zero_when_the_minutes_fit(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"run_minutes": 60}
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert sum(s.minutes for s in result.sessions) == 60

    @pytest.mark.parametrize(("weight", "amount"), [(1, 10), (3, 30)])
    def test_short_by_ten_minutes(self, weight: int, amount: int) -> None:
        # two 45-minute runs at most: 90 of 100 minutes
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_45"], targets={"run_minutes": 100}
        )
        _, result = assert_feasible(data, "availability", (self.RULE, {"weight": weight}))
        assert_penalty(result, self.RULE, amount)
        assert result.penalties[0].detail == "90 running minutes; 10 short of 100"

    def test_check(self) -> None:
        wk = free_week(targets={"run_minutes": 100})
        assert [p.amount for p in check(self.RULE, place(wk), weight=2)] == [200]
        strength_only = place(wk, ("mon", "am", "lower_heavy_60"))
        assert [p.amount for p in check(self.RULE, strength_only)] == [100]
        enough = place(wk, ("mon", "am", "easy_60"), ("tue", "am", "tempo_40"))
        assert check(self.RULE, enough) == []
        assert check(self.RULE, place(free_week())) == []  # no target, no penalty

    def test_a_block_ramps_and_prices_minutes_above_the_band(self) -> None:
        """In a block the weekly targets ramp (from 10 points below the first phase's level
        to the last phase's) and more than `over_percent` above a week's target costs too,
        so the plan builds instead of starting high."""
        data = scenario(
            {"mon": {"am": 90}},
            ["easy_30", "easy_45", "easy_60", "easy_75"],
            targets={"runs": 1, "run_minutes": 60},
            weeks=3,
            phases=["build", "build", "build"],
        )
        wk = week(data, rule_set(self.RULE))
        # build is 100%: the ramp starts at 90% (54 -> 55 min) and reaches 100% in week 3
        wanted = [wk.targets_for(w).run_minutes for w in (1, 2, 3)]
        assert wanted == [55, 55, 60]
        flat_high = Plan.from_placements(wk, [("mon", "am", "easy_75", w) for w in (1, 2, 3)])
        # 75 is above 55 * 1.1 = 60 (by 15) in weeks 1 and 2, above 66 in week 3 (by 9)
        assert [p.amount for p in check(self.RULE, flat_high)] == [15, 15, 9]
        ramp = Plan.from_placements(
            wk,
            [("mon", "am", "easy_60", 1), ("mon", "am", "easy_60", 2), ("mon", "am", "easy_60", 3)],
        )
        assert check(self.RULE, ramp) == []
