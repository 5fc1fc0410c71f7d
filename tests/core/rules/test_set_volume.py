"""The rule `set_volume`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    scenario,
    triples,
)
from rule_helpers import (
    assert_feasible,
    assert_penalty,
    check,
    free_week,
)


class TestSetVolume:
    RULE = "set_volume"

    def test_zero_when_the_range_is_reachable(self) -> None:
        data = scenario(
            {"mon": {"am": 60}}, ["lower_heavy_60"], targets={"sets": {"quads": [4, 8]}}
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("mon", "am", "lower_heavy_60")]  # else 4 sets short

    def test_below_the_minimum(self) -> None:
        # two slots, 4 quad sets each: 8 of the 10 wanted, 2 short x 10 points
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["lower_heavy_60"],
            targets={"sets": {"quads": [10, 12]}},
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 20)
        assert [(p.rule, p.amount, p.detail) for p in result.penalties] == [
            (self.RULE, 20, "quads: 2 sets below 10")
        ]

    def test_above_the_maximum_with_weight(self) -> None:
        data = scenario(
            {"mon": {"am": 60}},
            ["lower_heavy_60"],
            targets={"strength": 1, "sets": {"quads": [0, 2]}},
        )
        _, result = assert_feasible(
            data, "availability", "strength_count", (self.RULE, {"weight": 3})
        )
        assert_penalty(result, self.RULE, 6)
        assert result.penalties[0].detail == "quads: 2 sets above 2"

    def test_trade_off_between_muscles(self) -> None:
        # placing lower_heavy_60: quads 4 (in range), core 2 (1 above) -> 10 points;
        # leaving it out: quads 0 (4 below) -> 40 points. The optimum places it.
        data = scenario(
            {"mon": {"am": 60}},
            ["lower_heavy_60"],
            targets={"sets": {"quads": [4, 4], "core": [0, 1]}},
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 10)
        assert [p.detail for p in result.penalties] == ["core: 1 set above 1"]

    def test_weight_zero_pays_nothing(self) -> None:
        data = scenario(
            {"mon": {"am": 60}}, ["lower_heavy_60"], targets={"sets": {"quads": [10, 12]}}
        )
        _, result = assert_feasible(data, "availability", (self.RULE, {"weight": 0}))
        assert_penalty(result, self.RULE, 0)

    def test_check(self) -> None:
        wk = free_week(targets={"sets": {"quads": [4, 6], "chest": [2, 3], "arms": [0, 0]}})
        plan = place(wk, ("mon", "am", "lower_heavy_60"), ("wed", "am", "lower_heavy_60"))
        found = check(self.RULE, plan, weight=10)
        assert sorted((p.amount, p.detail) for p in found) == [
            (20, "chest: 2 sets below 2"),
            (20, "quads: 2 sets above 6"),
        ]
        assert check(self.RULE, plan, weight=0) == []
        upper = place(wk, ("mon", "am", "upper_45"), ("wed", "am", "lower_heavy_60"))
        # quads 4 ok, chest 4 (1 above 3), arms 2 (2 above 0)
        assert sum(p.amount for p in check(self.RULE, upper, weight=1)) == 3
