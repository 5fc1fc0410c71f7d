"""The rule `phase_limits`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import Any

from helpers import (
    assert_agrees,
    rule_set,
    run,
    scenario,
    week,
)
from hybridplan.models import Plan, RuleSet
from rule_helpers import (
    check,
    with_phases,
)


class TestPhaseLimits:
    RULE = "phase_limits"

    def data(self) -> dict[str, Any]:
        return scenario(
            {"mon": {"am": 60}},
            ["lower_heavy_60", "upper_45"],
            targets={"strength": 1},
            weeks=2,
            phases=["build", "taper"],
        )

    def rules(self, *extra: str) -> RuleSet:
        return with_phases(
            rule_set("availability", "strength_count", *extra),
            taper={"max_strength_intensity": "moderate"},
        )

    def test_feasible_taper_week_lifts_moderately(self) -> None:
        wk = week(self.data() | {"include": ["lower_heavy_60", "upper_45"]}, self.rules(self.RULE))
        result = run(wk)
        assert result.found
        assert [(s.week, s.session) for s in result.sessions if s.week == 2] == [(2, "upper_45")]
        assert_agrees(wk, result)

    def test_infeasible_when_only_heavy_lifting_is_on_offer(self) -> None:
        data = self.data() | {"include": ["lower_heavy_60"]}
        assert run(week(data, self.rules(self.RULE))).status == "infeasible"
        assert run(week(data, self.rules())).found

    def test_check(self) -> None:
        wk = week(self.data(), self.rules(self.RULE))
        heavy = Plan.from_placements(wk, [("mon", "am", "lower_heavy_60", 2)])
        found = check(self.RULE, heavy)
        assert [f.detail for f in found] == [
            "lower_heavy_60 (w2 mon am): too hard for a taper week"
        ]
        assert (
            check(self.RULE, Plan.from_placements(wk, [("mon", "am", "lower_heavy_60", 1)])) == []
        )
