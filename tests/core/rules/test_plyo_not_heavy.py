"""The rule `plyo_not_heavy`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    scenario,
)
from rule_helpers import (
    assert_binds,
    assert_feasible,
    check,
    free_week,
)


class TestPlyoNotHeavy:
    RULE = "plyo_not_heavy"
    # muscle_recovery rules out two plyo or two heavy sessions within 48 h, so two strength
    # sessions on one day must be one of each
    HELPERS = ("availability", "strength_count", "muscle_recovery")
    INCLUDE = ("plyometrics_30", "lower_heavy_60")

    def test_feasible_on_different_days(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}}, self.INCLUDE, targets={"strength": 2}
        )
        _, result = assert_feasible(data, *self.HELPERS, self.RULE)
        by_id = {s.session: s.day for s in result.sessions}
        assert set(by_id) == set(self.INCLUDE)
        assert by_id["plyometrics_30"] != by_id["lower_heavy_60"]

    def test_infeasible_on_one_day(self) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, self.INCLUDE, targets={"strength": 2})
        assert_binds(data, self.RULE, *self.HELPERS)

    def test_check(self) -> None:
        wk = free_week()
        found = check(
            self.RULE, place(wk, ("mon", "am", "lower_heavy_60"), ("mon", "pm", "plyometrics_30"))
        )
        assert len(found) == 1 and "plyometrics_30" in found[0].detail
        assert (
            check(
                self.RULE, place(wk, ("mon", "am", "plyometrics_30"), ("mon", "pm", "full_body_60"))
            )
            != []
        )
        assert (
            check(self.RULE, place(wk, ("mon", "am", "plyometrics_30"), ("mon", "pm", "upper_45")))
            == []
        )
        assert (
            check(
                self.RULE,
                place(wk, ("mon", "pm", "plyometrics_30"), ("tue", "am", "lower_heavy_60")),
            )
            == []
        )
        assert (
            check(self.RULE, place(wk, ("mon", "am", "plyometrics_30"), ("mon", "pm", "tempo_40")))
            == []
        )
