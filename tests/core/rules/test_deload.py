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
            ["easy_30", "easy_45", "easy_60"],
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
        # the same week again: neither the training minutes nor the running minutes cut
        assert sorted(v.detail.split(":")[1].split()[0] for v in check(self.RULE, same)) == [
            "minutes",
            "running",
        ]
        assert check(self.RULE, same, cut_percent=0, run_cut_percent=0) == []
        # 60 -> 45 running minutes: 25% less, enough for the running cut, not the 30% one
        lighter = Plan.from_placements(
            wk, [("mon", "am", "easy_60", 1), ("mon", "am", "easy_45", 2)]
        )
        found = check(self.RULE, lighter)
        assert [v.detail.split(":")[1].split()[0] for v in found] == ["minutes"]
        assert check(self.RULE, lighter, cut_percent=25) == []

    def test_the_long_run_must_be_shorter_in_a_deload_week(self) -> None:
        data = scenario(
            {"sat": {"am": 150}},
            ["long_90", "long_120"],
            targets={"runs": 1, "long_run": 1},
            weeks=2,
            phases=["build", "deload"],
        )
        wk = week(data, rule_set(self.RULE))
        same = Plan.from_placements(wk, [("sat", "am", "long_90", 1), ("sat", "am", "long_90", 2)])
        longs = [v for v in check(self.RULE, same, cut_percent=0, run_cut_percent=0)]
        assert len(longs) == 1 and "long run" in longs[0].detail
        shorter = Plan.from_placements(
            wk, [("sat", "am", "long_120", 1), ("sat", "am", "long_90", 2)]
        )
        assert check(self.RULE, shorter, cut_percent=0, run_cut_percent=0) == []
        # solved: week 2 can only be the 90 when week 1 takes the 120
        only_long = (self.RULE, {"cut_percent": 0, "run_cut_percent": 0})
        result = run(week(data, rule_set("availability", "run_count", "long_run", only_long)))
        assert [s.session for s in result.sessions] == ["long_120", "long_90"]
