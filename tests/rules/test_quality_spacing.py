"""The rule `quality_spacing`: no two quality runs on consecutive days (QQ)."""

from __future__ import annotations

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import assert_binds, check, free_week, pen


class TestQualitySpacing:
    RULE = "quality_spacing"

    def test_check_calendar_days(self) -> None:
        wk = free_week()
        for items, ok in (
            ((("mon", "am", "tempo_40"), ("tue", "pm", "intervals_45")), False),
            ((("mon", "am", "tempo_40"), ("wed", "am", "intervals_45")), True),
        ):
            found = check(self.RULE, place(wk, *items))
            assert (found == []) is ok, (items, found)
        # soft: a penalty of `weight` per pair instead of a violation
        soft = check(
            self.RULE,
            place(wk, *(("mon", "am", "tempo_40"), ("tue", "pm", "intervals_45"))),
            hard=False,
            weight=100,
        )
        assert [p.amount for p in soft] == [100]

    def test_binds_and_is_priced_only_when_unavoidable(self) -> None:
        data = {
            "helpers": ("availability", "run_count", "quality_runs"),
            "tight": scenario(
                {"mon": {"am": 60}, "tue": {"am": 60}},
                ["tempo_40", "hills_45"],
                targets={"runs": 2, "quality_runs": 2},
            ),
            "roomy": scenario(
                {"mon": {"am": 60}, "tue": {"am": 60}, "wed": {"am": 60}},
                ["tempo_40", "hills_45"],
                targets={"runs": 2, "quality_runs": 2},
            ),
        }
        assert_binds(data["tight"], self.RULE, *data["helpers"])
        soft = (self.RULE, {"hard": False, "weight": 100})
        wk = week(data["tight"], rule_set(*data["helpers"], soft))
        result = run(wk)
        assert pen(result) == [(self.RULE, 100)]
        assert_agrees(wk, result)
        wk = week(data["roomy"], rule_set(*data["helpers"], soft))
        result = run(wk)
        assert result.status == "optimal" and pen(result) == []
        assert_agrees(wk, result)

    def test_sunday_to_monday_counts(self) -> None:
        data = scenario({"sun": {"am": 60}}, ["tempo_40"], targets={"runs": 1, "quality_runs": 1},
                        weeks=2, phases=["build", "build"])  # fmt: skip
        data["availability"]["mon"] = {"am": 60}
        wk = week(data, rule_set(self.RULE))
        from hybridplan.models import Plan

        plan = Plan.from_placements(
            wk, [("sun", "am", "tempo_40", 1), ("mon", "am", "tempo_40", 2)]
        )
        assert len(check(self.RULE, plan)) == 1
