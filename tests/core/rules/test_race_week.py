"""The rule `race_week`: the days before the race (RACE-*) and race week's volume (TAPER)."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import assert_agrees, rule_set, run, scenario, week
from hybridplan.models import Plan
from rule_helpers import check

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class TestRaceWeek:
    RULE = "race_week"

    def data(self, distance: str = "half", weeks: int = 2) -> dict[str, Any]:
        return scenario(
            {d: {"am": 150, "pm": 90} for d in DAYS},
            ["easy_30", "easy_45", "tempo_40", "long_120", "lower_heavy_60", "upper_45",
             "lower_light_45", "mobility_20"],
            targets={"runs": [0, 7], "strength": [0, 7], "quality_runs": [0, 7]},
            weeks=weeks,
            phases=["build"] * (weeks - 1) + ["taper"],
            start="2027-03-08",
            race={"distance": distance},
        )  # fmt: skip

    def plan(self, wk: Any, *items: tuple[str, str, str, int]) -> Plan:
        race = [("sun", "am", f"race_{wk.scenario.race.distance}", wk.weeks)]
        return Plan.from_placements(wk, [*items, *race])

    @pytest.mark.parametrize(
        ("item", "key", "ok"),
        [
            (("mon", "am", "long_120", 2), "long run", False),  # 6 days before
            (("sun", "am", "long_120", 1), "long run", True),  # 7 days before
            (("mon", "pm", "lower_heavy_60", 2), "lifting", False),  # 6 days: heavy legs
            (("sun", "pm", "lower_heavy_60", 1), "lifting", False),  # 7 days before
            (("sat", "pm", "lower_heavy_60", 1), "lifting", True),  # 8 days before a half
            (("thu", "pm", "upper_45", 2), "lifting", True),  # moderate, no legs
            (("fri", "pm", "lower_light_45", 2), "lifting", True),  # light legs, 2 days
            (("fri", "am", "tempo_40", 2), "quality", False),  # 2 days before
            (("thu", "am", "tempo_40", 2), "quality", True),  # 3 days before
            (("sat", "am", "easy_30", 2), "eve", True),  # a short easy run the day before
            (("sat", "am", "easy_45", 2), "eve", False),  # too long
            (("sat", "pm", "upper_45", 2), "eve", False),  # no lifting the day before
            (("sat", "pm", "mobility_20", 2), "eve", True),
        ],
    )
    def test_check_the_days_before(
        self, item: tuple[str, str, str, int], key: str, ok: bool
    ) -> None:
        wk = week(self.data(), rule_set(self.RULE))
        found = check(
            self.RULE, self.plan(wk, item, ("wed", "am", "easy_45", 1)), taper_percent=100
        )
        assert (found == []) is ok, found

    def test_ten_days_without_heavy_lifting_before_a_marathon(self) -> None:
        wk = week(self.data("marathon"), rule_set(self.RULE))
        thursday = ("thu", "pm", "lower_heavy_60", 1)  # 10 days before
        assert len(check(self.RULE, self.plan(wk, thursday), taper_percent=100)) == 1
        wk = week(self.data("half"), rule_set(self.RULE))
        assert check(self.RULE, self.plan(wk, thursday), taper_percent=100) == []

    def test_taper_cuts_race_week_running_against_the_highest_week(self) -> None:
        wk = week(self.data(), rule_set(self.RULE))
        peak = [("mon", "am", "easy_45", 1), ("wed", "am", "easy_45", 1)]  # 90 min
        fine = self.plan(wk, *peak, ("tue", "am", "easy_30", 2), ("wed", "am", "easy_30", 2))
        assert check(self.RULE, fine) == []  # 60 <= 70% of 90 (the race aside)
        heavy = self.plan(wk, *peak, ("tue", "am", "easy_45", 2), ("wed", "am", "easy_30", 2))
        found = check(self.RULE, heavy)
        assert len(found) == 1 and "75 running minutes" in found[0].detail
        assert check(self.RULE, heavy, taper_percent=90) == []

    def test_solved_every_requirement_holds(self) -> None:
        data = self.data()
        data["targets"] = {"runs": 4, "strength": 2, "quality_runs": 1, "long_run": 1}
        wk = week(data, rule_set("availability", "run_count", "strength_count", "quality_runs",
                                 "daily_sessions", self.RULE))  # fmt: skip
        result = run(wk)
        assert result.status == "optimal"
        assert_agrees(wk, result)
        race_day = 13  # the second Sunday
        for s in result.sessions:
            day = (s.week - 1) * 7 + DAYS.index(s.day)
            if s.run_type == "long":
                assert race_day - day > 6
            if s.kind == "strength" and (s.legs == "heavy" or s.intensity == "hard"):
                assert race_day - day > 7

    def test_infeasible_when_race_week_must_hold_a_quality_run_it_cannot(self) -> None:
        data = scenario(
            {"fri": {"am": 60}, "sat": {"am": 60}},
            ["tempo_40"],
            targets={"runs": [0, 2], "quality_runs": 1},
            race={"distance": "10k"},
        )
        rules = ("availability", "quality_runs")
        assert run(week(data, rule_set(*rules, self.RULE))).status == "infeasible"
        assert run(week(data, rule_set(*rules))).found
