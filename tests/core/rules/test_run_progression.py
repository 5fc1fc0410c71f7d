"""The rule `run_progression`: the smallest passing and failing cases, solved and checked."""

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


class TestRunProgression:
    RULE = "run_progression"

    def data(self, **extra: Any) -> dict[str, Any]:
        return scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30", "easy_60"],
            targets={"runs": [1, 2]},
            weeks=2,
            phases=["build", "build"],
            **extra,
        )

    def test_feasible_within_ten_percent(self) -> None:
        # week 1 pinned to 60 min; week 2 may not exceed 66: one hour, not ninety minutes
        data = self.data(
            fixed=[{"day": "mon", "slot": "am", "session": "easy_60", "week": 1}],
            forbid=[
                {"day": "tue", "session": "easy_30", "week": 1},
                {"day": "tue", "session": "easy_60", "week": 1},
            ],
        )
        data["targets"]["run_minutes"] = 120
        rules = rule_set(
            "availability",
            "run_count",
            "pinned",
            (self.RULE, {"percent": 10}),
            ("run_volume", {"weight": 1}),
        )
        wk = week(data, rules)
        result = run(wk)
        assert result.found
        assert sum(s.minutes for s in result.sessions if s.week == 2) == 60
        assert_agrees(wk, result)

    def test_infeasible_when_week_two_must_double(self) -> None:
        data = self.data(
            fixed=[
                {"day": "mon", "slot": "am", "session": "easy_30", "week": 1},
                {"day": "mon", "slot": "am", "session": "easy_60", "week": 2},
            ],
            forbid=[{"day": "tue", "session": "easy_30"}, {"day": "tue", "session": "easy_60"}],
        )
        rules = ("availability", "run_count", "pinned")
        assert run(week(data, rule_set(*rules, self.RULE))).status == "infeasible"
        assert run(week(data, rule_set(*rules))).found

    def test_check_and_the_week_after_a_deload(self) -> None:
        wk = week(self.data(), rule_set(self.RULE))
        jump = Plan.from_placements(wk, [("mon", "am", "easy_30", 1), ("mon", "am", "easy_60", 2)])
        assert len(check(self.RULE, jump, percent=10)) == 1
        assert check(self.RULE, jump, percent=100) == []
        after_deload = week(self.data() | {"phases": ["deload", "build"]}, rule_set(self.RULE))
        jump = Plan.from_placements(
            after_deload, [("mon", "am", "easy_30", 1), ("mon", "am", "easy_60", 2)]
        )
        assert check(self.RULE, jump, percent=10) == []

    def test_return_after_a_deload_is_measured_from_the_last_loaded_week(self) -> None:
        """RETURN: after a deload, at most +10% over the week before the deload (not over
        the deload week itself, which would allow a jump, nor unlimited as before)."""
        data = self.data() | {"weeks": 3, "phases": ["build", "deload", "build"]}
        data["include"] = ["easy_30", "easy_60", "easy_75"]
        wk = week(data, rule_set(self.RULE))

        def plan(*minutes: int) -> Plan:
            return Plan.from_placements(
                wk, [("mon", "am", f"easy_{m}", w) for w, m in enumerate(minutes, start=1)]
            )

        assert check(self.RULE, plan(60, 30, 60), percent=10) == []
        found = check(self.RULE, plan(60, 30, 75), percent=10)
        assert len(found) == 1 and "after 60 in w1" in found[0].detail
        assert check(self.RULE, plan(60, 30, 75), percent=25) == []
