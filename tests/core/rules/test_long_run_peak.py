"""The rule `long_run_peak` (LONG-PEAK): before a race, the longest long run falls 2-5 weeks
before race week and is long enough for the distance."""

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

# 7 weeks before a half marathon: race week 7, the window is weeks 2-5 (5-2 weeks out)
WEEKS = 7


class TestLongRunPeak:
    RULE = "long_run_peak"

    def data(self, longs: list[str], **extra: Any) -> dict[str, Any]:
        return scenario(
            {"sat": {"am": 150}},
            longs,
            targets={"runs": [0, 1], "long_run": 1},
            weeks=WEEKS,
            phases=["build"] * 5 + ["peak", "taper"],
            race={"distance": "half"},
            **extra,
        )

    def plan(self, wk: Any, minutes: list[int]) -> Plan:
        return Plan.from_placements(
            wk, [("sat", "am", f"long_{m}", w) for w, m in enumerate(minutes, start=1)]
        )

    def test_check_window_and_floor(self) -> None:
        wk = week(self.data(["long"]), rule_set(self.RULE))
        # the peak (105) in week 4, three weeks out; week 6 (one week out) shorter
        good = self.plan(wk, [60, 75, 90, 105, 90, 75])
        assert check(self.RULE, good, hard=False, weight=100) == []
        # too short for a half (100 min wanted): the longest in the window is 90
        short = self.plan(wk, [60, 75, 90, 90, 90, 75])
        found = check(self.RULE, short, hard=False, weight=100)
        assert [p.amount for p in found] == [100] and "wanted 100+" in found[0].detail
        # the longest long run one week out, outside the window: 120 > 105
        late = self.plan(wk, [60, 75, 90, 105, 90, 120])
        found = check(self.RULE, late, hard=False, weight=100)
        assert len(found) == 1 and found[0].detail.startswith("w6")
        # week 1 is 6 weeks out, outside the window too
        early = self.plan(wk, [120, 75, 90, 105, 90, 75])
        assert len(check(self.RULE, early, hard=False, weight=100)) == 1
        # hard: the same findings as violations
        assert len(check(self.RULE, late, hard=True)) == 1

    def test_check_without_a_race_is_silent(self) -> None:
        data = self.data(["long"])
        del data["race"]
        wk = week(data, rule_set(self.RULE))
        assert check(self.RULE, self.plan(wk, [120, 60, 60, 60, 60, 60])) == []

    def test_solved_the_peak_lands_in_the_window(self) -> None:
        data = self.data(["long_90", "long_105", "long_120"])
        rules = rule_set("availability", "run_count", "long_run", (self.RULE, {"hard": True}))
        wk = week(data, rules)
        result = run(wk)
        assert result.status == "optimal"
        assert_agrees(wk, result)
        longest = {s.week: s.minutes for s in result.sessions if s.run_type == "long"}
        window = [longest[w] for w in range(2, 6)]
        assert max(window) >= 100
        assert all(longest[w] <= max(window) for w in (1, 6))

    def test_priced_when_the_calendar_is_too_short(self) -> None:
        """Only 90-minute windows: no long run can reach 100; soft, it costs its weight."""
        data = self.data(["long"]) | {"availability": {"sat": {"am": 90}}}
        rules = rule_set("availability", "run_count", "long_run", (self.RULE, {"hard": False}))
        wk = week(data, rules)
        result = run(wk)
        assert pen(result) == [(self.RULE, 100)]
        assert_agrees(wk, result)
        hard = rule_set("availability", "run_count", "long_run", (self.RULE, {"hard": True}))
        assert run(week(data, hard)).status == "infeasible"
