"""The rule `deload`: the smallest passing and failing cases, solved and checked."""

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
)


class TestDeload:
    RULE = "deload"

    def data(self, phases: list[str]) -> dict[str, Any]:
        return scenario(
            {"mon": {"am": 60}},
            ["easy_30", "easy_60"],
            targets={"runs": 1},
            weeks=2,
            phases=phases,
            fixed=[{"day": "mon", "slot": "am", "session": "easy_60", "week": 1}],
        )

    def test_feasible_deload_week_is_lighter(self) -> None:
        wk = week(
            self.data(["build", "deload"]),
            rule_set("availability", "run_count", "pinned", (self.RULE, {})),
        )
        result = run(wk)
        assert [s.session for s in result.sessions if s.week == 2] == ["easy_30"]
        assert_agrees(wk, result)

    def test_infeasible_when_the_deload_cannot_be_lighter(self) -> None:
        data = self.data(["build", "deload"]) | {"include": ["easy_60"]}
        rules = ("availability", "run_count", "pinned")
        assert run(week(data, rule_set(*rules, self.RULE))).status == "infeasible"
        assert run(week(data, rule_set(*rules))).found

    def test_check(self) -> None:
        wk = week(self.data(["build", "deload"]), rule_set(self.RULE))
        same = Plan.from_placements(wk, [("mon", "am", "easy_60", 1), ("mon", "am", "easy_60", 2)])
        assert len(check(self.RULE, same)) == 1
        assert check(self.RULE, same, cut_percent=0) == []
