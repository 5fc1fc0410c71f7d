"""The rule `hard_separation`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

import pytest

from helpers import (
    gap_scenario,
    hours_between,
    place,
    rule_set,
    scenario,
    week,
)
from rule_helpers import (
    ALL_FREE,
    HARD_PAIR,
    assert_binds,
    assert_feasible,
    check,
)


class TestHardSeparation:
    RULE = "hard_separation"
    HELPERS = ("availability", "run_count", "strength_count")

    # (first, second, hours); the first session alone fits the Monday slot. Lift-first
    # pairs skip 24 h: plyometrics_30 + 23.5 h would need a slot at the same clock time.
    CASES = (
        ("tempo_40", "lower_heavy_60", 24),
        ("tempo_40", "lower_heavy_60", 12),
        ("tempo_40", "lower_heavy_60", 36),
        ("plyometrics_30", "tempo_60", 23),
        ("plyometrics_30", "tempo_60", 36),
        ("plyometrics_30", "tempo_60", 12),
    )

    @pytest.mark.parametrize(("first", "second", "hours"), CASES)
    def test_feasible_exactly_hours_apart(self, first: str, second: str, hours: float) -> None:
        data, _, _ = gap_scenario(first, second, hours, targets=HARD_PAIR)
        wk, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"hours": hours}))
        assert hours_between(wk, result, first, second) >= hours
        assert hours_between(wk, result, first, second) == hours  # the only way to place them

    @pytest.mark.parametrize(("first", "second", "hours"), CASES)
    def test_infeasible_half_an_hour_short(self, first: str, second: str, hours: float) -> None:
        data, _, _ = gap_scenario(first, second, hours - 0.5, targets=HARD_PAIR)
        assert_binds(data, (self.RULE, {"hours": hours}), *self.HELPERS)

    def test_solver_keeps_the_gap_among_many_slots(self) -> None:
        data = scenario(
            {d: {"am": 60, "pm": 60} for d in ("mon", "tue", "wed")},
            ["tempo_40", "lower_heavy_60"],
            targets=HARD_PAIR,
        )
        wk, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"hours": 24}))
        assert hours_between(wk, result, "tempo_40", "lower_heavy_60") >= 24

    @pytest.mark.parametrize("hours", [24, 12, 36, 0.5])
    @pytest.mark.parametrize(
        ("first", "second"), [("tempo_40", "lower_heavy_60"), ("lower_heavy_60", "intervals_45")]
    )
    def test_check_boundary(self, first: str, second: str, hours: float) -> None:
        for gap, ok in ((hours, True), (hours - 0.5, False)):
            data, a, b = gap_scenario(first, second, gap)
            plan = place(week(data, rule_set()), a, b)
            found = check(self.RULE, plan, hours=hours)
            assert (found == []) is ok, (gap, found)

    def test_check_measures_from_the_end_of_the_first_session(self) -> None:
        wk = week(scenario(ALL_FREE), rule_set())
        # starts 24 h apart, but the tempo run ends 40 min later: 23.3 h of rest
        plan = place(wk, ("mon", "am", "tempo_40"), ("tue", "am", "lower_heavy_60"))
        found = check(self.RULE, plan, hours=24)
        assert len(found) == 1 and "23.3 h" in found[0].detail

    def test_check_only_hard_run_with_hard_lift(self) -> None:
        wk = week(scenario(ALL_FREE), rule_set())
        for run_id, lift_id in (
            ("easy_30", "lower_heavy_60"),
            ("tempo_40", "upper_45"),
            ("long_90", "full_body_60"),
        ):
            plan = place(wk, ("mon", "am", run_id), ("mon", "pm", lift_id))
            assert check(self.RULE, plan, hours=24) == []
        # two hard runs (or two hard lifts) are not this rule's business
        plan = place(wk, ("mon", "am", "tempo_40"), ("mon", "pm", "intervals_45"))
        assert check(self.RULE, plan, hours=24) == []
