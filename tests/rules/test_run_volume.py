"""The rule `run_volume`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

import pytest

from helpers import (
    place,
    scenario,
)
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
