"""The rule `heavy_lifts` (NO-HEAVY): an athlete with a gym (not a beginner) lifts heavy at
least once in the plan."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import check, free_week, pen


class TestHeavyLifts:
    RULE = "heavy_lifts"

    def test_check_the_whole_plan(self) -> None:
        wk = free_week()
        light = place(wk, ("mon", "am", "full_body_light_45"), ("thu", "am", "upper_45"))
        assert len(check(self.RULE, light, hard=True)) == 1
        for heavy in ("lower_heavy_45", "lower_heavy_60", "full_body_60"):
            assert check(self.RULE, place(wk, ("mon", "am", heavy)), hard=True) == [], heavy
        for not_key in ("lower_hypertrophy_60", "plyometrics_30", "posterior_chain_45"):
            assert len(check(self.RULE, place(wk, ("mon", "am", not_key)), hard=True)) == 1

    def test_who_it_is_for(self) -> None:
        plan_of = lambda wk: place(wk, ("mon", "am", "full_body_light_45"))  # noqa: E731
        beginner = free_week(targets={"quality_runs": [0, 1]})
        assert check(self.RULE, plan_of(beginner), hard=True) == []
        no_gym = free_week(equipment="none")
        assert check(self.RULE, place(no_gym, ("mon", "am", "bodyweight_full_40")),
                     hard=True) == []  # fmt: skip
        taper = free_week(phase="taper")
        assert check(self.RULE, plan_of(taper), hard=True) == []
        short = week(scenario({"mon": {"am": 40}}), rule_set())  # no slot holds 45 minutes
        assert check(self.RULE, place(short, ("mon", "am", "bodyweight_full_40")),
                     hard=True) == []  # fmt: skip

    def test_priced_and_met_where_it_fits(self) -> None:
        helpers = ("availability", "strength_count", "spread")
        data = scenario({"mon": {"pm": 60}, "thu": {"pm": 60}},
                        ["full_body_light_45", "lower_heavy_60", "upper_45"],
                        targets={"strength": 2})  # fmt: skip
        wk = week(data, rule_set(*helpers, (self.RULE, {"weight": 100})))
        result = run(wk)
        assert result.status == "optimal" and pen(result) == []
        assert any(s.session == "lower_heavy_60" for s in result.sessions)
        assert_agrees(wk, result)
        hard = week(data, rule_set(*helpers, (self.RULE, {"hard": True})))
        assert run(hard).status == "optimal"
        # no heavy key lift allowed on the days that hold one: priced
        forbid = [{"day": d, "session": "lower_heavy_60"} for d in ("mon", "thu")]
        banned = dict(data, forbid=forbid)
        wk = week(banned, rule_set(*helpers, (self.RULE, {"weight": 100})))
        result = run(wk)
        assert pen(result) == [(self.RULE, 100)]
        assert_agrees(wk, result)
