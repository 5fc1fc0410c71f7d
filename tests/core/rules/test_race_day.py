"""The rule `race_day`: the race is on race day, alone, and nothing follows it."""

from __future__ import annotations

from typing import Any

from helpers import assert_agrees, rule_set, run, scenario, week
from hybridplan.models import Plan
from rule_helpers import check


class TestRaceDay:
    RULE = "race_day"

    def data(self, **extra: Any) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "targets": {"runs": [0, 7]},
            "start": "2027-03-15",
            "race": {"date": "2027-03-20", "distance": "10k", "finish": "50:00"},
            "preferences": {"rest_days": ["sat"]},
        }
        return scenario(
            {d: {"am": 60, "pm": 60} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
            ["easy_30"],
            **(fields | extra),
        )

    def test_the_race_is_placed_alone_on_race_day_overriding_a_rest_day(self) -> None:
        wk = week(self.data(), rule_set("availability", "run_count", "rest_days", self.RULE))
        result = run(wk)
        assert result.status == "optimal"
        assert_agrees(wk, result)
        races = [s for s in result.sessions if s.run_type == "race"]
        assert [(s.day, s.slot, s.minutes) for s in races] == [("sat", "am", 50)]
        assert not [s for s in result.sessions if s.day in ("sat", "sun") and s.run_type != "race"]
        assert result.summary.runs == len([s for s in result.sessions if s.kind == "run"])

    def test_the_race_counts_in_its_week_and_takes_a_typical_finish_without_one(self) -> None:
        data = self.data(race={"date": "2027-03-20", "distance": "half"})
        wk = week(data | {"targets": {"runs": 1}}, rule_set("availability", "run_count"))
        result = run(wk)
        assert [(s.session, s.minutes) for s in result.sessions] == [("race_half", 130)]

    def test_a_pin_on_race_day_cannot_hold(self) -> None:
        data = self.data(fixed=[{"day": "sat", "slot": "pm", "session": "easy_30"}])
        assert run(week(data, rule_set("availability", "pinned", self.RULE))).status == "infeasible"

    def test_check(self) -> None:
        wk = week(self.data(), rule_set(self.RULE))
        good = Plan.from_placements(wk, [("sat", "am", "race_10k"), ("fri", "am", "easy_30")])
        assert check(self.RULE, good) == []
        assert len(check(self.RULE, Plan.from_placements(wk, []))) == 1  # missing
        crowded = Plan.from_placements(wk, [("sat", "am", "race_10k"), ("sat", "pm", "easy_30")])
        assert "on race day" in check(self.RULE, crowded)[0].detail
        after = Plan.from_placements(wk, [("sat", "am", "race_10k"), ("sun", "am", "easy_30")])
        assert "after the race" in check(self.RULE, after)[0].detail
