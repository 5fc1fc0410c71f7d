"""The rule `acute_chronic`: the smallest passing and failing cases, solved and checked."""

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


class TestAcuteChronic:
    RULE = "acute_chronic"

    def data(self, history: list[int]) -> dict[str, Any]:
        # easy_45 has load 135; two of them: 270
        return scenario(
            {"mon": {"am": 60}, "wed": {"am": 60}},
            ["easy_45"],
            targets={"runs": 2},
            history=history,
        )

    def test_inside_the_band_pays_nothing(self) -> None:
        wk = week(
            self.data([270, 270, 270]),
            rule_set("availability", "run_count", (self.RULE, {"weight": 10})),
        )
        result = run(wk)
        assert result.objective == 0
        assert_agrees(wk, result)

    def test_a_spike_pays(self) -> None:
        wk = week(
            self.data([100, 100, 100]),
            rule_set("availability", "run_count", (self.RULE, {"weight": 10})),
        )
        result = run(wk)
        # acute 270 over chronic (300 + 270) / 4 = 142.5: ratio 1.89, above 1.3
        assert pen(result) == [(self.RULE, 10)]
        assert_agrees(wk, result)

    def test_not_judged_without_four_weeks(self) -> None:
        wk = week(self.data([100]), rule_set(self.RULE))
        plan = Plan.from_placements(wk, [("mon", "am", "easy_45"), ("wed", "am", "easy_45")])
        assert check(self.RULE, plan, weight=10) == []

    def test_a_planned_drop_is_not_detraining(self) -> None:
        # two easy runs (270) against 2700 before: ratio 0.37; a deload or taper week means
        # it, a build week pays
        for phase, points in (("build", [(self.RULE, 10)]), ("deload", []), ("taper", [])):
            data = self.data([900, 900, 900])
            data["phase"] = phase
            wk = week(data, rule_set("availability", "run_count", (self.RULE, {"weight": 10})))
            result = run(wk)
            assert pen(result) == points, phase
            assert_agrees(wk, result)

    def test_the_race_is_not_training_load(self) -> None:
        # race week (the race is one of the two runs): training 135 against (3 x 135 + 135)
        # / 4 is 1.0, the 10k's own load (540: counted, a ratio of 2.5) left out
        data = self.data([135, 135, 135])
        data["race"] = {"distance": "10k"}
        data["availability"]["sun"] = {"am": 90}
        wk = week(
            data,
            rule_set("availability", "run_count", "race_day", (self.RULE, {"weight": 10})),
        )
        result = run(wk)
        assert [s.session for s in result.sessions if s.day == "sun"] == ["race_10k"]
        assert result.objective == 0
        assert_agrees(wk, result)
