"""The rule `quality_fit` (QUALITY-FIT): a 5k/10k plan holds intervals, and no 4 weeks in a
row have quality runs of one type only."""

from __future__ import annotations

from typing import Any

from helpers import assert_agrees, rule_set, run, scenario, week
from hybridplan.models import Plan
from rule_helpers import ALL_FREE, check, pen


def block(weeks: int, **extra: Any) -> Any:
    return week(scenario(ALL_FREE, weeks=weeks, **extra), rule_set())


class TestQualityFit:
    RULE = "quality_fit"

    def test_intervals_in_a_short_race_plan(self) -> None:
        wk = block(3, race={"distance": "10k"})
        tempo_only = Plan.from_placements(wk, [("tue", "am", "tempo_40", 1),
                                               ("tue", "am", "tempo_50", 2)])  # fmt: skip
        assert len(check(self.RULE, tempo_only, hard=True)) == 1
        with_intervals = Plan.from_placements(wk, [("tue", "am", "intervals_45", 2)])
        assert check(self.RULE, with_intervals, hard=True) == []
        half = block(3, race={"distance": "half"})
        assert check(self.RULE, Plan.from_placements(half, [("tue", "am", "tempo_40", 1)]),
                     hard=True) == []  # fmt: skip

    def test_one_type_four_weeks_running(self) -> None:
        wk = block(6)
        tempo = [("tue", "am", "tempo_40", w) for w in range(1, 6)]  # weeks 1-5
        assert len(check(self.RULE, Plan.from_placements(wk, tempo), hard=True)) == 2
        broken = [*tempo[:2], ("tue", "am", "hills_45", 3), *tempo[3:]]
        assert check(self.RULE, Plan.from_placements(wk, broken), hard=True) == []
        two_types = [*tempo, *[("thu", "am", "intervals_45", w) for w in range(1, 6)]]
        assert check(self.RULE, Plan.from_placements(wk, two_types), hard=True) == []
        gap = [*tempo[:2], *tempo[3:]]  # no quality in week 3: no streak
        assert check(self.RULE, Plan.from_placements(wk, gap), hard=True) == []
        asked = block(6, include=["tempo", "easy", "long", "upper_45"])  # one type on offer
        assert check(self.RULE, Plan.from_placements(asked, tempo), hard=True) == []

    def test_priced_and_met_in_a_solved_block(self) -> None:
        helpers = ("availability", "run_count", "quality_runs")
        data = scenario({"tue": {"am": 45}}, ["tempo_40", "hills_45"], weeks=4,
                        targets={"runs": 1, "quality_runs": 1, "long_run": 0})  # fmt: skip
        soft = (self.RULE, {"weight": 100})
        wk = week(data, rule_set(*helpers, soft))
        result = run(wk)
        assert result.status == "optimal" and pen(result) == []
        assert len({s.session for s in result.sessions}) == 2
        assert_agrees(wk, result)
        only = dict(data, forbid=[{"day": "tue", "session": "hills_45", "week": w}
                                  for w in range(1, 5)])  # fmt: skip
        wk = week(only, rule_set(*helpers, soft))
        result = run(wk)
        assert pen(result) == [(self.RULE, 100)]
        assert_agrees(wk, result)

    def test_a_beginner_meets_hills_before_tempo(self) -> None:
        """A beginner (at most one quality run a week): a tempo or intervals run on its
        week's menu counts unless a hills run came in an earlier week; the first week with
        room for hills has nothing earlier to follow, and one off the menu is counted as
        that alone."""
        wk = block(4, race={"distance": "half"}, phases=["build"] * 3 + ["taper"],
                   targets={"quality_runs": {"min": 0, "max": 1}})  # fmt: skip

        def findings(*placed: tuple[str, str, str, int]) -> list[str]:
            plan = Plan.from_placements(wk, list(placed))
            return [v.detail for v in check(self.RULE, plan, hard=True)]

        assert findings(("tue", "am", "tempo_40", 1)) == []  # no earlier week
        (only,) = findings(("tue", "am", "tempo_40", 2))
        assert "before any hills run" in only
        assert findings(("tue", "am", "hills_45", 1), ("tue", "am", "tempo_40", 2)) == []
        # hills the same week do not come before: an earlier week's do
        assert len(findings(("mon", "am", "hills_45", 2), ("thu", "am", "tempo_40", 2))) == 1
        # intervals are off a half beginner's build menu: one finding, not two
        assert len(findings(("tue", "am", "intervals_45", 2))) == 1
        # not a beginner: any order
        seasoned = block(4, race={"distance": "half"}, phases=["build"] * 3 + ["taper"])
        plan = Plan.from_placements(seasoned, [("tue", "am", "tempo_40", 2)])
        assert check(self.RULE, plan, hard=True) == []

    def test_a_solved_beginner_block_starts_with_hills(self) -> None:
        """The 40-minute tempo is the shorter run (less_time), so without the order every
        week would hold it; with it, no tempo after the first week comes before a week of
        hills (the first week has nothing earlier to follow, so a tempo there is as good as
        hills: the plan may take either, and its preference is proven)."""
        data = scenario(
            {"tue": {"am": 45}, "sun": {"am": 180}}, ["tempo_40", "hills_45"], weeks=3,
            race={"distance": "half"}, phases=["build"] * 2 + ["taper"],
            targets={"runs": [1, 2], "quality_runs": {"min": 1, "max": 1}, "long_run": 0},
        )  # fmt: skip
        wk = week(data, rule_set("availability", "run_count", "quality_runs",
                                 (self.RULE, {"weight": 100})))  # fmt: skip
        result = run(wk)
        assert result.status == "optimal" and pen(result) == []
        assert result.coach_preference_optimal
        quality = [(s.week, s.session) for s in result.sessions if s.session != "race_half"]
        assert {w for w, _ in quality} == {1, 2, 3}
        for w, session in quality:
            if session == "tempo_40" and w > 1:
                assert any(v < w and s == "hills_45" for v, s in quality), quality
        assert any(s == "hills_45" for _, s in quality)  # not the shorter tempo every week
        assert_agrees(wk, result)
