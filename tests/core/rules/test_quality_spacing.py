"""The rule `quality_spacing`: no two quality runs on consecutive days (QQ)."""

from __future__ import annotations

from helpers import rule_set, scenario, week
from rule_helpers import check


class TestQualitySpacing:
    RULE = "quality_spacing"

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
