"""The rule `race_taper` (RACE-LEGS, RACE-EASY, TAPER-LONG): no leg lift in the last 3
days before a 5k-half (5 before a marathon), no run of 60+ min in the last 2 days, and the
last long run at most 80% (marathon 65%) of the peak before it."""

from __future__ import annotations

from helpers import place, rule_set, scenario, week
from hybridplan.models import Plan
from rule_helpers import ALL_FREE, assert_priced_only_when_unavoidable, check, free_week


def raced(distance: str, **extra: object) -> object:
    return free_week(race={"distance": distance}, **extra)


class TestRaceTaper:
    RULE = "race_taper"

    def test_legs_before_the_race(self) -> None:
        half, marathon = raced("half"), raced("marathon")  # race day: sunday
        for wk, day, found in (
            (half, "thu", 1), (half, "wed", 0), (marathon, "tue", 1), (marathon, "mon", 0),
        ):  # fmt: skip
            plan = place(wk, (day, "pm", "full_body_light_45"), ("sun", "am", wk.race.id))
            assert len(check(self.RULE, plan, hard=True)) == found, (wk.race.id, day)
        upper = place(half, ("fri", "pm", "upper_45"), ("sun", "am", half.race.id))
        assert check(self.RULE, upper, hard=True) == []

    def test_long_easy_runs_before_the_race(self) -> None:
        wk = raced("10k")
        for item, found in (
            (("fri", "am", "easy_60"), 1), (("fri", "am", "easy_45"), 0),
            (("thu", "am", "easy_75"), 0), (("sat", "am", "easy_75"), 1),
        ):  # fmt: skip
            plan = place(wk, item, ("sun", "am", wk.race.id))
            assert len(check(self.RULE, plan, hard=True)) == found, item

    def test_the_last_long_run_shrinks(self) -> None:
        for distance, last, found in (
            ("half", "long_90", 0), ("half", "long_105", 1),  # peak 120: 80% is 96
            ("marathon", "long_75", 0), ("marathon", "long_90", 1),  # 65% of 120 is 78
        ):  # fmt: skip
            wk = week(
                scenario(ALL_FREE, weeks=3, race={"distance": distance}), rule_set()
            )
            plan = Plan.from_placements(wk, [
                ("sat", "am", "long_120", 1), ("sat", "am", last, 2), ("sun", "am", wk.race.id, 3),
            ])  # fmt: skip
            assert len(check(self.RULE, plan, hard=True)) == found, (distance, last)

    def test_priced_only_when_unavoidable(self) -> None:
        helpers = ("availability", "strength_count", "race_day")
        tight = scenario({"fri": {"pm": 60}}, ["bodyweight_lower_30"],
                         targets={"strength": 1, "long_run": 0},
                         race={"distance": "10k"})  # fmt: skip
        roomy = dict(tight, availability={"tue": {"pm": 60}, "fri": {"pm": 60}})
        result = assert_priced_only_when_unavoidable(self.RULE, tight, roomy, *helpers)
        assert [s.day for s in result.sessions if s.kind == "strength"] == ["tue"]
