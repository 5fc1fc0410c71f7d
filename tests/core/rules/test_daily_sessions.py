"""The rule `daily_sessions`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from typing import ClassVar

import pytest

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


class TestDailySessions:
    RULE = "daily_sessions"
    LOOSE: ClassVar[dict[str, int]] = {"max_per_day": 2, "max_runs": 2, "max_strength": 2}

    def test_feasible_spreads_over_days(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"runs": 2}
        )
        cfg = (self.RULE, self.LOOSE | {"max_per_day": 1})
        _, result = assert_feasible(data, "availability", cfg, "run_count")
        days = [s.day for s in result.sessions]
        assert sorted(days) == ["mon", "tue"]

    def test_infeasible_two_sessions_on_the_only_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}},
            ["easy_30", "upper_45"],
            targets={"runs": 1, "strength": 1},
        )
        helpers = ("availability", "run_count", "strength_count")
        assert_binds(data, (self.RULE, self.LOOSE | {"max_per_day": 1}), *helpers)
        # a run and a lift on one day: within every default limit
        assert_feasible(data, *helpers, self.RULE)

    @pytest.mark.parametrize(
        ("limit", "session", "target"),
        [("max_runs", "easy_30", "runs"), ("max_strength", "upper_45", "strength")],
    )
    def test_two_runs_or_two_lifts_on_the_only_day(
        self, limit: str, session: str, target: str
    ) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, [session], targets={target: 2})
        helpers = ("availability", "run_count", "strength_count")
        assert_binds(data, (self.RULE, self.LOOSE | {limit: 1}), *helpers)
        _, result = assert_feasible(data, *helpers, (self.RULE, self.LOOSE))
        assert [s.day for s in result.sessions] == ["mon", "mon"]

    def test_feasible_run_limit_moves_a_run_to_another_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}},
            ["easy_30", "upper_45"],
            targets={"runs": 2, "strength": 1},
        )
        cfg = (self.RULE, {"max_per_day": 2, "max_runs": 1, "max_strength": 1})
        _, result = assert_feasible(data, "availability", "run_count", "strength_count", cfg)
        runs_by_day = [s.day for s in result.sessions if s.session == "easy_30"]
        assert sorted(runs_by_day) == ["mon", "tue"]

    def test_check(self) -> None:
        wk = free_week()
        two = place(
            wk, ("mon", "am", "easy_30"), ("mon", "pm", "upper_45"), ("tue", "am", "easy_30")
        )
        assert check(self.RULE, two, **self.LOOSE) == []
        found = check(self.RULE, two, **self.LOOSE | {"max_per_day": 1})
        assert [v.detail for v in found] == ["mon: 2 sessions; at most 1"]
        runs = place(wk, ("wed", "am", "easy_30"), ("wed", "pm", "tempo_40"))
        assert check(self.RULE, runs, **self.LOOSE) == []
        assert [v.detail for v in check(self.RULE, runs, **self.LOOSE | {"max_runs": 1})] == [
            "wed: 2 runs; at most 1"
        ]
        lifts = place(wk, ("thu", "am", "core_30"), ("thu", "pm", "upper_45"))
        assert check(self.RULE, lifts, **self.LOOSE) == []
        found = check(self.RULE, lifts, **self.LOOSE | {"max_strength": 1})
        assert len(found) == 1 and "2 strength sessions" in found[0].detail
        # mobility counts as a session, but neither as a run nor as a lift
        mixed = place(wk, ("fri", "am", "mobility_20"), ("fri", "pm", "easy_30"))
        assert check(self.RULE, mixed, max_per_day=2, max_runs=1, max_strength=0) == []
        assert len(check(self.RULE, mixed, max_per_day=1)) == 1
