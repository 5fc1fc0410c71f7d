"""One test class per rule of models.rules.RULE_CONFIGS.

Hard rules: the smallest feasible case (solved, and the returned schedule respects the
rule by arithmetic done here) and the smallest infeasible case (and the same scenario
without the rule is feasible, so the rule is what binds). Soft rules: a case at penalty 0
and a case whose optimum must pay a penalty computed by hand. Every rule's check() is also
tested on hand-built plans, independently of the solver, with boundary cases for the
hour-based rules (gaps run from the END of the first session to the START of the next).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from conftest import (
    assert_agrees,
    assert_nothing_returned,
    gap_scenario,
    hours_between,
    place,
    rule_set,
    run,
    scenario,
    triples,
    week,
)

import models
import models.phases
from models import Penalty, Plan, Result, RuleSet, Violation, WeekData
from solver.explain import explain
from solver.rules import rule_module

RuleItem = str | tuple[str, dict[str, Any]]


# ------------------------------------------------------------------------------ helpers
# The parameter values the hand computations below rely on, written out so that a change
# of a default in models/rules.py does not silently change what a test means. A test's
# own parameters are merged over these.
PINNED: dict[str, dict[str, Any]] = {
    "daily_sessions": {"max_per_day": 2, "max_runs": 1, "max_strength": 1},
    "rest_days": {"min_days": 1, "keep_named": True, "mobility_ok": False},
    "hard_separation": {"hours": 24},
    "no_consecutive_hard_days": {"include_long_run": False},
    "legs_before_long_run": {"hours": 24, "legs": "heavy"},
    "muscle_recovery": {"hours": 48, "min_sets": 3, "intensity": "hard"},
    "same_day_order": {"order": "run_first", "min_gap_hours": 0},
    "set_volume": {"weight": 10},
    "run_quality": {"weight": 20, "hours": 24, "legs": "any"},
    "run_volume": {"weight": 1},
    "preferences": {"weight": 15, "order": "none"},
    "spread": {"weight": 5, "consecutive": True, "hard_run_days": True},
}


def pinned(item: RuleItem) -> tuple[str, dict[str, Any]]:
    rid, params = (item, {}) if isinstance(item, str) else item
    return rid, PINNED.get(rid, {}) | params


def solved(data: dict[str, Any], *rules: RuleItem) -> tuple[WeekData, Result]:
    wk = week(data, rule_set(*(pinned(r) for r in rules)))
    return wk, run(wk)


def assert_feasible(data: dict[str, Any], *rules: RuleItem) -> tuple[WeekData, Result]:
    wk, result = solved(data, *rules)
    assert result.status == "optimal", result.message
    assert_agrees(wk, result)
    return wk, result


def assert_binds(data: dict[str, Any], rule: RuleItem, *helpers: RuleItem) -> None:
    """Infeasible with the rule; feasible with only the helper rules."""
    _, result = solved(data, rule, *helpers)
    assert result.status == "infeasible"
    assert_nothing_returned(result)
    assert_feasible(data, *helpers)


def check(rule: str, plan: models.Plan, **params: Any) -> list[Any]:
    """Run one rule's check() directly, with these parameters (over the pinned ones)."""
    cfg = models.RULE_CONFIGS[rule](**pinned((rule, params))[1])
    return list(rule_module(rule).check(plan, cfg))


def rules_of(findings: list[Any]) -> set[str]:
    return {f.rule for f in findings}


def pen(result: Result) -> list[tuple[str, int]]:
    return sorted((p.rule, p.amount) for p in result.penalties)


ALL_FREE = {
    day: {"am": 600, "pm": 600} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def free_week(rules: RuleSet | None = None, **extra: Any) -> WeekData:
    """A week with every slot free and the whole catalogue, for hand-built plans."""
    return week(scenario(ALL_FREE, **extra), rules or rule_set())


# ------------------------------------------------------------------------------ meta
def test_every_rule_has_a_test_class() -> None:
    tested = {
        cls.RULE
        for name, cls in globals().items()
        if name.startswith("Test") and isinstance(cls, type) and hasattr(cls, "RULE")
    }
    assert tested == set(models.RULE_CONFIGS)
    assert len(models.RULE_CONFIGS) == 29


@pytest.mark.parametrize("rule", list(models.RULE_CONFIGS))
def test_each_rule_alone_on_an_empty_week_is_feasible_at_zero(rule: str) -> None:
    """The smallest feasible case of all: nothing available, nothing wanted."""
    _, result = solved(scenario({}, targets={"runs": 0, "strength": 0}), rule, "availability")
    assert result.status == "optimal"
    assert result.sessions == []
    assert result.objective == 0
    assert result.penalties == []


@pytest.mark.parametrize("rule", list(models.RULE_CONFIGS))
def test_each_check_accepts_an_empty_plan(rule: str) -> None:
    wk = free_week(targets={"runs": 0, "strength": 0, "quality_runs": 0})
    assert check(rule, place(wk)) == []


# ====================================================================== hard rules
class TestAvailability:
    RULE = "availability"

    def test_feasible_only_in_the_slot_that_fits(self) -> None:
        # mon am has 44 free minutes (too short), tue pm exactly 45: an exact fit is allowed
        data = scenario({"mon": {"am": 44}, "tue": {"pm": 45}}, ["easy_45"], targets={"runs": 1})
        _, result = assert_feasible(data, "availability", "run_count")
        assert triples(result) == [("tue", "pm", "easy_45")]

    def test_infeasible_when_no_slot_is_long_enough(self) -> None:
        data = scenario({"mon": {"am": 44}}, ["easy_45"], targets={"runs": 1})
        assert_binds(data, "availability", "run_count")

    def test_check(self) -> None:
        wk = week(scenario({"mon": {"am": 44}, "tue": {"pm": 45}}), rule_set())
        assert check(self.RULE, place(wk, ("tue", "pm", "easy_45"))) == []
        too_long = check(self.RULE, place(wk, ("mon", "am", "easy_45")))
        assert len(too_long) == 1 and "45 min" in too_long[0].detail
        closed = check(self.RULE, place(wk, ("wed", "am", "easy_30")))
        assert len(closed) == 1 and "not available" in closed[0].detail
        both = check(self.RULE, place(wk, ("mon", "am", "easy_45"), ("wed", "pm", "easy_30")))
        assert len(both) == 2 and rules_of(both) == {self.RULE}


class TestOnePerSlot:
    RULE = "one_per_slot"

    def test_feasible_one_session_in_each_slot(self) -> None:
        data = scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        _, result = assert_feasible(data, "availability", "one_per_slot", "run_count")
        slots = [(s.day, s.slot) for s in result.sessions]
        assert sorted(slots) == [("mon", "am"), ("tue", "am")]

    def test_infeasible_two_sessions_for_one_slot(self) -> None:
        # (the variables allow one session per slot even without the rule)
        data = scenario({"mon": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        _, result = solved(data, "availability", "one_per_slot", "run_count")
        assert result.status == "infeasible"
        assert_nothing_returned(result)
        assert_feasible(data | {"targets": {"runs": 1, "long_run": 0}}, "one_per_slot", "run_count")

    def test_overlapping_slot_windows_hold_one_session_at_a_time(self) -> None:
        # am 06:00 with 60 free minutes and a 06:30 slot: a 45-minute session in each would
        # overlap; with a 30-minute run first, the lift at 06:30 starts as the run ends.
        slots = {"am": "06:00", "mid": "06:30"}
        avail = {"mon": {"am": 60, "mid": 60}}
        targets = {"runs": 1, "strength": 1}
        long_first = scenario(avail, ["easy_45", "upper_45"], targets=targets, slots=slots)
        helpers = ("availability", "run_count", "strength_count")
        assert_binds(long_first, self.RULE, *helpers)
        short_run = scenario(avail, ["easy_30", "upper_45"], targets=targets, slots=slots)
        _, result = assert_feasible(short_run, self.RULE, *helpers)
        assert triples(result) == [("mon", "am", "easy_30"), ("mon", "mid", "upper_45")]

    def test_check(self) -> None:
        wk = free_week()
        assert (
            check(self.RULE, place(wk, ("mon", "am", "easy_30"), ("mon", "pm", "upper_45"))) == []
        )
        found = check(self.RULE, place(wk, ("mon", "am", "easy_30"), ("mon", "am", "upper_45")))
        assert len(found) == 1 and "at most 1" in found[0].detail


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


class TestWeeklyMinutes:
    RULE = "weekly_minutes"
    AVAIL: ClassVar[dict[str, dict[str, int]]] = {"mon": {"am": 60}, "tue": {"am": 60}}

    def test_feasible_exactly_at_the_budget(self) -> None:
        data = scenario(self.AVAIL, ["easy_30", "easy_45"], targets={"runs": 2}, weekly_minutes=60)
        _, result = assert_feasible(data, "availability", "weekly_minutes", "run_count")
        assert [s.session for s in result.sessions] == ["easy_30", "easy_30"]
        assert sum(s.minutes for s in result.sessions) == 60

    def test_infeasible_one_minute_short(self) -> None:
        data = scenario(self.AVAIL, ["easy_30", "easy_45"], targets={"runs": 2}, weekly_minutes=59)
        assert_binds(data, "weekly_minutes", "availability", "run_count")

    def test_check(self) -> None:
        plan_of = lambda budget: place(  # noqa: E731
            free_week(weekly_minutes=budget), ("mon", "am", "easy_30"), ("tue", "am", "easy_45")
        )
        assert check(self.RULE, plan_of(75)) == []
        assert check(self.RULE, plan_of(None)) == []
        found = check(self.RULE, plan_of(74))
        assert len(found) == 1 and "75 min planned" in found[0].detail


class _CountRuleTests:
    """Shared shape of the five count rules."""

    RULE = ""
    SESSION = ""
    OTHER = "upper_45"  # a session the rule does not count
    TARGET = ""

    def targets(self, value: Any) -> dict[str, Any]:
        return {self.TARGET: value}

    def test_feasible_meets_the_count(self) -> None:
        data = scenario(
            {"mon": {"am": 120}, "tue": {"am": 120}, "wed": {"am": 120}},
            [self.SESSION, self.OTHER],
            targets={"strength": [0, 3]} | self.targets(2),
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        counted = [s for s in result.sessions if s.session == self.SESSION]
        assert len(counted) == 2

    def test_infeasible_too_few_slots(self) -> None:
        data = scenario({"mon": {"am": 120}}, [self.SESSION], targets=self.targets(2))
        assert_binds(data, self.RULE, "availability")

    def test_check(self) -> None:
        wk = free_week(targets={"strength": [0, 9], "runs": [0, 9]} | self.targets([1, 2]))
        for n, ok in ((0, False), (1, True), (2, True), (3, False)):
            items = [(day, "am", self.SESSION) for day in ("mon", "tue", "wed")[:n]]
            found = check(self.RULE, place(wk, *items, ("sun", "pm", self.OTHER)))
            assert (found == []) is ok, (n, found)
            if not ok:
                assert found[0].rule == self.RULE and f"{n} " in found[0].detail


class TestRunCount(_CountRuleTests):
    RULE = "run_count"
    SESSION = "easy_30"
    TARGET = "runs"

    def test_infeasible_above_the_maximum(self) -> None:
        # quality_runs wants one tempo run; run_count allows no run at all
        data = scenario({"mon": {"am": 60}}, ["tempo_40"], targets={"runs": 0, "quality_runs": 1})
        assert_binds(data, "run_count", "availability", "quality_runs")


class TestStrengthCount(_CountRuleTests):
    RULE = "strength_count"
    SESSION = "upper_45"
    OTHER = "easy_30"
    TARGET = "strength"


class TestLongRun(_CountRuleTests):
    RULE = "long_run"
    SESSION = "long_90"
    OTHER = "easy_30"
    TARGET = "long_run"

    def targets(self, value: Any) -> dict[str, Any]:
        # long_run is an exact number; [1, 2] in test_check means "1"
        return {"long_run": value[0] if isinstance(value, list) else value}

    def test_check(self) -> None:
        wk = free_week(targets={"long_run": 1})
        assert check(self.RULE, place(wk, ("sat", "am", "long_90"))) == []
        assert "0 long runs" in check(self.RULE, place(wk))[0].detail
        two = place(wk, ("sat", "am", "long_90"), ("sun", "am", "long_120"))
        assert "2 long runs" in check(self.RULE, two)[0].detail

    def test_infeasible_above_the_maximum(self) -> None:
        # run_count wants one run, and the only run on offer is a long one
        data = scenario({"sat": {"am": 120}}, ["long_90"], targets={"long_run": 0, "runs": 1})
        assert_binds(data, "long_run", "availability", "run_count")

    def test_infeasible_when_the_slot_is_too_short_for_any_long_run(self) -> None:
        data = scenario({"sat": {"am": 89}}, ["long_90", "easy_30"], targets={"long_run": 1})
        assert_binds(data, "long_run", "availability")


class TestQualityRuns(_CountRuleTests):
    RULE = "quality_runs"
    SESSION = "tempo_40"
    OTHER = "easy_30"
    TARGET = "quality_runs"

    def test_feasible_exactly_one_of_two_runs(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "wed": {"am": 60}},
            ["easy_30", "tempo_40"],
            targets={"runs": 2, "quality_runs": 1},
        )
        _, result = assert_feasible(data, "availability", "run_count", "quality_runs")
        assert sorted(s.session for s in result.sessions) == ["easy_30", "tempo_40"]

    def test_infeasible_above_the_maximum(self) -> None:
        # run_count wants one run, and the only run on offer is a quality run
        data = scenario({"mon": {"am": 60}}, ["tempo_40"], targets={"quality_runs": 0, "runs": 1})
        assert_binds(data, "quality_runs", "availability", "run_count")


class TestMobilityCount(_CountRuleTests):
    RULE = "mobility_count"
    SESSION = "mobility_20"
    TARGET = "mobility"

    def test_no_target_means_any_number(self) -> None:
        data = scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["mobility_20"])
        assert "mobility" not in data["targets"]
        wk, result = assert_feasible(data, "availability", self.RULE)
        assert result.objective == 0
        full = place(wk, ("mon", "am", "mobility_20"), ("tue", "am", "mobility_20"))
        assert check(self.RULE, full) == []


class TestRestDays:
    RULE = "rest_days"

    def test_feasible_both_runs_on_one_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"runs": 2}
        )
        _, result = assert_feasible(
            data, "availability", "run_count", ("rest_days", {"min_days": 6})
        )
        assert {s.day for s in result.sessions} == {"mon"}

    def test_infeasible_no_day_left_for_a_run(self) -> None:
        data = scenario({"mon": {"am": 60}}, ["easy_30"], targets={"runs": 1})
        assert_binds(data, ("rest_days", {"min_days": 7}), "availability", "run_count")
        assert_feasible(data, "availability", "run_count", ("rest_days", {"min_days": 6}))

    def test_named_rest_day_stays_empty(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon"]},
        )
        _, result = assert_feasible(
            data, "availability", "run_count", ("rest_days", {"min_days": 0})
        )
        assert triples(result) == [("tue", "am", "easy_30")]

    def test_named_rest_days_infeasible_unless_keep_named_is_off(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon", "tue"]},
        )
        assert_binds(data, ("rest_days", {"min_days": 0}), "availability", "run_count")
        assert_feasible(
            data, "availability", "run_count", ("rest_days", {"min_days": 0, "keep_named": False})
        )

    def test_check(self) -> None:
        wk = free_week(preferences={"rest_days": ["sun"]})
        six = [(d, "am", "easy_30") for d in ("mon", "tue", "wed", "thu", "fri", "sat")]
        assert check(self.RULE, place(wk, *six), min_days=1) == []
        found = check(self.RULE, place(wk, *six), min_days=2)
        assert len(found) == 1 and "1 rest days" in found[0].detail
        on_sunday = check(self.RULE, place(wk, ("sun", "pm", "easy_30")), min_days=1)
        assert len(on_sunday) == 1 and "named rest day" in on_sunday[0].detail
        assert check(self.RULE, place(wk, ("sun", "pm", "easy_30")), keep_named=False) == []

    def test_check_mobility_ok(self) -> None:
        wk = free_week()
        daily = [
            (d, "am", "mobility_20") for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        ]
        assert check(self.RULE, place(wk, *daily), mobility_ok=True) == []
        assert "0 rest days" in check(self.RULE, place(wk, *daily), mobility_ok=False)[0].detail
        # a run still breaks a rest day even when mobility does not
        with_run = place(wk, *daily, ("sun", "pm", "easy_30"))
        assert check(self.RULE, with_run, mobility_ok=True, min_days=6) == []
        found = check(self.RULE, with_run, mobility_ok=True, min_days=7)
        assert len(found) == 1 and "6 rest days" in found[0].detail


# ------------------------------------------------------------------ hour-based hard rules
HARD_PAIR = {"runs": 1, "strength": 1}


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


class TestNoConsecutiveHardDays:
    RULE = "no_consecutive_hard_days"

    def test_feasible_skips_a_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}, "wed": {"am": 60}},
            ["tempo_40"],
            targets={"quality_runs": 2},
        )
        _, result = assert_feasible(data, "availability", "quality_runs", self.RULE)
        assert sorted(s.day for s in result.sessions) == ["mon", "wed"]

    def test_infeasible_two_days_in_a_row(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}}, ["tempo_40"], targets={"quality_runs": 2}
        )
        assert_binds(data, self.RULE, "availability", "quality_runs")

    def test_stacking_on_one_day_is_allowed(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}}, ["tempo_40", "lower_heavy_60"], targets=HARD_PAIR
        )
        assert_feasible(data, "availability", "run_count", "strength_count", self.RULE)

    def test_long_run_counts_only_with_include_long_run(self) -> None:
        data = scenario(
            {"sat": {"am": 120}, "sun": {"am": 120}},
            ["long_90", "tempo_40"],
            targets={"runs": 2, "long_run": 1, "quality_runs": 1},
        )
        helpers = ("availability", "run_count", "long_run", "quality_runs")
        assert_feasible(data, *helpers, (self.RULE, {"include_long_run": False}))
        assert_binds(data, (self.RULE, {"include_long_run": True}), *helpers)

    def test_check(self) -> None:
        wk = free_week()
        bad = place(wk, ("mon", "pm", "tempo_40"), ("tue", "am", "lower_heavy_60"))
        found = check(self.RULE, bad)
        assert len(found) == 1 and "consecutive" in found[0].detail
        assert (
            check(self.RULE, place(wk, ("mon", "am", "tempo_40"), ("wed", "am", "tempo_40"))) == []
        )
        same_day = place(wk, ("mon", "am", "tempo_40"), ("mon", "pm", "lower_heavy_60"))
        assert check(self.RULE, same_day) == []
        moderate = place(wk, ("mon", "am", "upper_45"), ("tue", "am", "long_90"))
        assert check(self.RULE, moderate) == []
        long_then_hard = place(wk, ("sat", "am", "long_90"), ("sun", "am", "tempo_40"))
        assert check(self.RULE, long_then_hard, include_long_run=False) == []
        assert len(check(self.RULE, long_then_hard, include_long_run=True)) == 1
        # three hard days in a row: two offending pairs
        three = place(wk, *[(d, "am", "tempo_40") for d in ("mon", "tue", "wed")])
        assert len(check(self.RULE, three)) == 2


class TestLegsBeforeLongRun:
    RULE = "legs_before_long_run"
    HELPERS = ("availability", "strength_count", "long_run")
    TARGETS: ClassVar[dict[str, int]] = {"strength": 1, "long_run": 1}

    @pytest.mark.parametrize("hours", [24, 36, 12])
    def test_feasible_exactly_hours_before(self, hours: float) -> None:
        data, _, _ = gap_scenario("lower_heavy_60", "long_90", hours, targets=self.TARGETS)
        wk, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"hours": hours}))
        assert hours_between(wk, result, "lower_heavy_60", "long_90") == hours

    @pytest.mark.parametrize("hours", [24, 36, 12])
    def test_infeasible_half_an_hour_short(self, hours: float) -> None:
        data, _, _ = gap_scenario("lower_heavy_60", "long_90", hours - 0.5, targets=self.TARGETS)
        assert_binds(data, (self.RULE, {"hours": hours}), *self.HELPERS)

    def test_light_leg_work_only_counts_with_legs_any(self) -> None:
        data, _, _ = gap_scenario("lower_light_45", "long_90", 1, targets=self.TARGETS)
        assert_feasible(data, *self.HELPERS, (self.RULE, {"legs": "heavy"}))
        assert_binds(data, (self.RULE, {"legs": "any"}), *self.HELPERS)

    @pytest.mark.parametrize("hours", [24, 36])
    def test_check_boundary(self, hours: float) -> None:
        for gap, ok in ((hours, True), (hours - 0.5, False)):
            data, a, b = gap_scenario("lower_heavy_60", "long_90", gap)
            found = check(self.RULE, place(week(data, rule_set()), a, b), hours=hours)
            assert (found == []) is ok, (gap, found)

    def test_check_leg_work_after_the_long_run_is_fine(self) -> None:
        wk = free_week()
        plan = place(wk, ("sat", "am", "long_90"), ("sat", "pm", "lower_heavy_60"))
        assert check(self.RULE, plan) == []
        upper = place(wk, ("sat", "am", "upper_45"), ("sat", "pm", "long_90"))
        assert check(self.RULE, upper, legs="any") == []
        light = place(wk, ("fri", "pm", "lower_light_45"), ("sat", "am", "long_90"))
        assert check(self.RULE, light, legs="heavy") == []
        assert len(check(self.RULE, light, legs="any")) == 1


class TestMuscleRecovery:
    RULE = "muscle_recovery"
    HELPERS = ("availability", "strength_count")

    @pytest.mark.parametrize("hours", [48, 24, 36])
    def test_feasible_exactly_hours_apart(self, hours: float) -> None:
        data, _, _ = gap_scenario(
            "lower_heavy_60", "lower_heavy_60", hours, targets={"strength": 2}
        )
        _, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"hours": hours}))
        (a, b) = result.sessions
        assert a.session == b.session == "lower_heavy_60"
        gap = hours_between_sessions(a, b)
        assert gap == hours

    @pytest.mark.parametrize("hours", [48, 24, 36])
    def test_infeasible_half_an_hour_short(self, hours: float) -> None:
        data, _, _ = gap_scenario(
            "lower_heavy_60", "lower_heavy_60", hours - 0.5, targets={"strength": 2}
        )
        assert_binds(data, (self.RULE, {"hours": hours}), *self.HELPERS)

    def test_different_muscles_may_follow_at_once(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}}, ["lower_heavy_60", "upper_45"], targets={"strength": 2}
        )
        _, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"intensity": "moderate"}))
        assert sorted(s.session for s in result.sessions) == ["lower_heavy_60", "upper_45"]

    @pytest.mark.parametrize("hours", [48, 24])
    def test_check_boundary(self, hours: float) -> None:
        for gap, ok in ((hours, True), (hours - 0.5, False)):
            data, a, b = gap_scenario("full_body_60", "lower_heavy_60", gap)
            found = check(self.RULE, place(week(data, rule_set()), a, b), hours=hours)
            assert (found == []) is ok, (gap, found)
            if not ok:
                # they share quads and glutes at >= 3 sets (hamstrings: 2 in full_body_60)
                assert "glutes, quads" in found[0].detail

    def test_check_intensity_and_min_sets(self) -> None:
        wk = free_week()
        uppers = place(wk, ("mon", "am", "upper_45"), ("mon", "pm", "upper_45"))  # moderate
        assert check(self.RULE, uppers, intensity="hard") == []
        assert len(check(self.RULE, uppers, intensity="moderate")) == 1
        # upper_45: chest 4, back 4, shoulders 3: min_sets 5 makes none of them count
        assert check(self.RULE, uppers, intensity="moderate", min_sets=5) == []
        assert "back, chest" in check(self.RULE, uppers, intensity="moderate", min_sets=4)[0].detail
        # easy sessions never count, whatever min_sets
        cores = place(wk, ("mon", "am", "core_30"), ("mon", "pm", "core_30"))
        assert check(self.RULE, cores, intensity="moderate", min_sets=1) == []
        # runs never load muscles here
        runs = place(wk, ("mon", "am", "intervals_45"), ("mon", "pm", "hills_45"))
        assert check(self.RULE, runs, intensity="moderate", min_sets=1) == []


def hours_between_sessions(a: models.SessionOut, b: models.SessionOut) -> float:
    def start(s: models.SessionOut) -> int:
        h, m = (int(v) for v in s.start.split(":"))
        return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(s.day) * 1440 + h * 60 + m

    first, second = sorted((a, b), key=start)
    return (start(second) - start(first) - first.minutes) / 60


class TestSameDayOrder:
    RULE = "same_day_order"
    HELPERS = ("availability", "run_count", "strength_count")
    # core_30 alone fits the 30-minute morning: the lift must come first
    LIFT_FIRST = scenario({"mon": {"am": 30, "pm": 60}}, ["easy_45", "core_30"], targets=HARD_PAIR)

    def test_feasible_run_first(self) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, ["easy_45", "core_30"], targets=HARD_PAIR)
        _, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"order": "run_first"}))
        assert triples(result) == [("mon", "am", "easy_45"), ("mon", "pm", "core_30")]

    def test_infeasible_when_only_lift_first_fits(self) -> None:
        assert_binds(self.LIFT_FIRST, (self.RULE, {"order": "run_first"}), *self.HELPERS)
        assert_feasible(self.LIFT_FIRST, *self.HELPERS, (self.RULE, {"order": "lift_first"}))
        assert_feasible(self.LIFT_FIRST, *self.HELPERS, (self.RULE, {"order": "any"}))

    @pytest.mark.parametrize("hours", [6, 3, 0.5])
    def test_min_gap_feasible_and_infeasible(self, hours: float) -> None:
        ok, _, _ = gap_scenario("easy_30", "upper_45", hours, targets=HARD_PAIR)
        cfg = (self.RULE, {"order": "any", "min_gap_hours": hours})
        wk, result = assert_feasible(ok, *self.HELPERS, cfg)
        assert hours_between(wk, result, "easy_30", "upper_45") == hours
        tight, _, _ = gap_scenario("easy_30", "upper_45", hours - 0.5, targets=HARD_PAIR)
        assert_binds(tight, cfg, *self.HELPERS)

    @pytest.mark.parametrize("hours", [6, 12])
    def test_check_boundary(self, hours: float) -> None:
        for gap, ok in ((hours, True), (hours - 0.5, False)):
            data, a, b = gap_scenario("easy_30", "upper_45", gap)
            found = check(
                self.RULE,
                place(week(data, rule_set()), a, b),
                order="run_first",
                min_gap_hours=hours,
            )
            assert (found == []) is ok, (gap, found)

    def test_check_order(self) -> None:
        wk = free_week()
        lift_first = place(wk, ("mon", "am", "upper_45"), ("mon", "pm", "easy_30"))
        run_first = place(wk, ("mon", "am", "easy_30"), ("mon", "pm", "upper_45"))
        assert len(check(self.RULE, lift_first, order="run_first")) == 1
        assert check(self.RULE, run_first, order="run_first") == []
        assert len(check(self.RULE, run_first, order="lift_first")) == 1
        assert check(self.RULE, lift_first, order="lift_first") == []
        assert check(self.RULE, lift_first, order="any") == []
        # different days: no order and no gap apply
        apart = place(wk, ("mon", "pm", "upper_45"), ("tue", "am", "easy_30"))
        assert check(self.RULE, apart, order="run_first", min_gap_hours=24) == []

    def test_check_zero_gap_still_forbids_overlap(self) -> None:
        wk = week(scenario({}, slots={"am": "06:00", "pm": "06:30"}), rule_set())
        plan = place(wk, ("mon", "am", "easy_45"), ("mon", "pm", "upper_45"))  # overlaps 15 min
        assert len(check(self.RULE, plan, order="any", min_gap_hours=0)) == 1


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


# ====================================================================== soft rules
def assert_penalty(result: Result, rule: str, amount: int) -> None:
    """The optimum pays exactly `amount`, all of it to `rule`."""
    assert result.status == "optimal"
    assert result.objective == amount
    assert result.objective_by_rule.get(rule, 0) == amount
    assert sum(p.amount for p in result.penalties if p.rule == rule) == amount
    assert {p.rule for p in result.penalties} <= {rule}


class TestSetVolume:
    RULE = "set_volume"

    def test_zero_when_the_range_is_reachable(self) -> None:
        data = scenario(
            {"mon": {"am": 60}}, ["lower_heavy_60"], targets={"sets": {"quads": [4, 8]}}
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("mon", "am", "lower_heavy_60")]  # else 4 sets short

    def test_below_the_minimum(self) -> None:
        # two slots, 4 quad sets each: 8 of the 10 wanted, 2 short x 10 points
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["lower_heavy_60"],
            targets={"sets": {"quads": [10, 12]}},
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 20)
        assert [(p.rule, p.amount, p.detail) for p in result.penalties] == [
            (self.RULE, 20, "quads: 2 sets below 10")
        ]

    def test_above_the_maximum_with_weight(self) -> None:
        data = scenario(
            {"mon": {"am": 60}},
            ["lower_heavy_60"],
            targets={"strength": 1, "sets": {"quads": [0, 2]}},
        )
        _, result = assert_feasible(
            data, "availability", "strength_count", (self.RULE, {"weight": 3})
        )
        assert_penalty(result, self.RULE, 6)
        assert result.penalties[0].detail == "quads: 2 sets above 2"

    def test_trade_off_between_muscles(self) -> None:
        # placing lower_heavy_60: quads 4 (in range), core 2 (1 above) -> 10 points;
        # leaving it out: quads 0 (4 below) -> 40 points. The optimum places it.
        data = scenario(
            {"mon": {"am": 60}},
            ["lower_heavy_60"],
            targets={"sets": {"quads": [4, 4], "core": [0, 1]}},
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 10)
        assert [p.detail for p in result.penalties] == ["core: 1 sets above 1"]

    def test_weight_zero_pays_nothing(self) -> None:
        data = scenario(
            {"mon": {"am": 60}}, ["lower_heavy_60"], targets={"sets": {"quads": [10, 12]}}
        )
        _, result = assert_feasible(data, "availability", (self.RULE, {"weight": 0}))
        assert_penalty(result, self.RULE, 0)

    def test_check(self) -> None:
        wk = free_week(targets={"sets": {"quads": [4, 6], "chest": [2, 3], "arms": [0, 0]}})
        plan = place(wk, ("mon", "am", "lower_heavy_60"), ("wed", "am", "lower_heavy_60"))
        found = check(self.RULE, plan, weight=10)
        assert sorted((p.amount, p.detail) for p in found) == [
            (20, "chest: 2 sets below 2"),
            (20, "quads: 2 sets above 6"),
        ]
        assert check(self.RULE, plan, weight=0) == []
        upper = place(wk, ("mon", "am", "upper_45"), ("wed", "am", "lower_heavy_60"))
        # quads 4 ok, chest 4 (1 above 3), arms 2 (2 above 0)
        assert sum(p.amount for p in check(self.RULE, upper, weight=1)) == 3


class TestRunQuality:
    RULE = "run_quality"
    INCLUDE = ("tempo_40", "lower_heavy_60")

    def test_zero_when_the_run_can_come_first(self) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, self.INCLUDE, targets=HARD_PAIR)
        _, result = assert_feasible(data, "availability", "run_count", "strength_count", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("mon", "am", "tempo_40"), ("mon", "pm", "lower_heavy_60")]

    def test_lift_forced_first_on_the_same_day(self) -> None:
        # the 40-minute evening fits only the tempo run: the lift must come first
        data = scenario({"mon": {"am": 60, "pm": 40}}, self.INCLUDE, targets=HARD_PAIR)
        _, result = assert_feasible(data, "availability", "run_count", "strength_count", self.RULE)
        assert_penalty(result, self.RULE, 20)
        assert "earlier the same day" in result.penalties[0].detail

    @pytest.mark.parametrize("hours", [24, 20])
    def test_gap_boundary_with_the_solver(self, hours: float) -> None:
        helpers = ("availability", "run_count", "strength_count")
        # lower_light_45 fits the first slot alone; tempo_40 must follow `gap` hours later
        for gap, amount in ((hours, 0), (hours - 0.5, 20)):
            data, _, _ = gap_scenario("lower_light_45", "tempo_60", gap, targets=HARD_PAIR)
            _, result = assert_feasible(data, *helpers, (self.RULE, {"hours": hours}))
            assert_penalty(result, self.RULE, amount)

    @pytest.mark.parametrize("hours", [24, 36, 18])
    def test_check_boundary(self, hours: float) -> None:
        # (gaps of 18 h and more start on the next day: the same-day clause stays out)
        for gap, n in ((hours, 0), (hours - 0.5, 1)):
            data, a, b = gap_scenario("lower_heavy_60", "tempo_40", gap)
            found = check(self.RULE, place(week(data, rule_set()), a, b), hours=hours, weight=7)
            assert [p.amount for p in found] == [7] * n

    def test_check_which_pairs_count(self) -> None:
        wk = free_week()

        def n(first: str, second: str, **cfg: Any) -> int:
            plan = place(wk, ("mon", "am", first), ("mon", "pm", second))
            return len(check(self.RULE, plan, **cfg))

        # earlier the same day counts whatever `hours` says
        assert n("lower_heavy_60", "tempo_40", hours=0) == 1
        assert n("lower_heavy_60", "long_90") == 1
        assert n("tempo_40", "lower_heavy_60") == 0  # run first: fresh legs
        assert n("lower_heavy_60", "easy_30") == 0  # not a key run
        assert n("upper_45", "tempo_40") == 0  # moderate, no legs
        assert n("lower_light_45", "hills_45", legs="any") == 1
        assert n("lower_light_45", "hills_45", legs="heavy") == 0
        assert n("plyometrics_30", "intervals_45", legs="heavy") == 1  # hard lifting always
        assert n("lower_heavy_60", "tempo_40", weight=0) == 0


class TestRunVolume:
    RULE = "run_volume"

    def test_zero_when_the_minutes_fit(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30"], targets={"run_minutes": 60}
        )
        _, result = assert_feasible(data, "availability", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert sum(s.minutes for s in result.sessions) == 60

    @pytest.mark.parametrize(("weight", "amount"), [(1, 10), (3, 30)])
    def test_short_by_ten_minutes(self, weight: int, amount: int) -> None:
        # two 45-minute runs at most: 90 of 100 minutes
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_45"], targets={"run_minutes": 100}
        )
        _, result = assert_feasible(data, "availability", (self.RULE, {"weight": weight}))
        assert_penalty(result, self.RULE, amount)
        assert result.penalties[0].detail == "90 running minutes; 10 short of 100"

    def test_check(self) -> None:
        wk = free_week(targets={"run_minutes": 100})
        assert [p.amount for p in check(self.RULE, place(wk), weight=2)] == [200]
        strength_only = place(wk, ("mon", "am", "lower_heavy_60"))
        assert [p.amount for p in check(self.RULE, strength_only)] == [100]
        enough = place(wk, ("mon", "am", "easy_60"), ("tue", "am", "tempo_40"))
        assert check(self.RULE, enough) == []
        assert check(self.RULE, place(free_week())) == []  # no target, no penalty


class TestPreferences:
    RULE = "preferences"

    def test_zero_when_the_long_run_day_is_free(self) -> None:
        data = scenario(
            {"fri": {"am": 90}, "sat": {"am": 90}},
            ["long_90"],
            targets={"long_run": 1},
            preferences={"long_run_day": "sat"},
        )
        _, result = assert_feasible(data, "availability", "long_run", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("sat", "am", "long_90")]

    def test_long_run_on_another_day(self) -> None:
        data = scenario(
            {"fri": {"am": 90}},
            ["long_90"],
            targets={"long_run": 1},
            preferences={"long_run_day": "sat"},
        )
        _, result = assert_feasible(data, "availability", "long_run", self.RULE)
        assert_penalty(result, self.RULE, 15)
        assert "long run wanted on sat" in result.penalties[0].detail

    def test_session_on_a_named_rest_day(self) -> None:
        data = scenario(
            {"mon": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon"]},
        )
        _, result = assert_feasible(data, "availability", "run_count", (self.RULE, {"weight": 4}))
        assert_penalty(result, self.RULE, 4)
        assert "rest day" in result.penalties[0].detail

    def test_rest_day_wish_is_kept_when_possible(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            preferences={"rest_days": ["mon"]},
        )
        _, result = assert_feasible(data, "availability", "run_count", self.RULE)
        assert_penalty(result, self.RULE, 0)
        assert triples(result) == [("tue", "am", "easy_30")]

    def test_order(self) -> None:
        lift_first = scenario(
            {"mon": {"am": 30, "pm": 60}}, ["easy_45", "core_30"], targets=HARD_PAIR
        )
        helpers = ("availability", "run_count", "strength_count")
        _, result = assert_feasible(lift_first, *helpers, (self.RULE, {"order": "run_first"}))
        assert_penalty(result, self.RULE, 15)
        _, result = assert_feasible(lift_first, *helpers, (self.RULE, {"order": "lift_first"}))
        assert_penalty(result, self.RULE, 0)
        _, result = assert_feasible(lift_first, *helpers, (self.RULE, {"order": "none"}))
        assert_penalty(result, self.RULE, 0)

    def test_check(self) -> None:
        wk = free_week(preferences={"long_run_day": "sat", "rest_days": ["sun"]})
        plan = place(
            wk,
            ("fri", "am", "long_90"),  # wrong day
            ("sun", "am", "easy_30"),  # rest day
            ("mon", "am", "upper_45"),  # lift before run
            ("mon", "pm", "easy_30"),
        )
        assert [p.amount for p in check(self.RULE, plan, weight=15, order="none")] == [15, 15]
        assert len(check(self.RULE, plan, weight=15, order="run_first")) == 3
        assert len(check(self.RULE, plan, weight=15, order="lift_first")) == 2
        assert check(self.RULE, plan, weight=0, order="run_first") == []
        good = place(
            wk, ("sat", "am", "long_90"), ("mon", "am", "easy_30"), ("mon", "pm", "upper_45")
        )
        assert check(self.RULE, good, order="run_first") == []

    def test_one_session_can_miss_two_wishes(self) -> None:
        """A long run on a named rest day that is also not the wanted long-run day misses
        two wishes at once, and models.rules.Preferences charges "`weight` points per
        unmet wish"."""
        wk = free_week(preferences={"long_run_day": "sat", "rest_days": ["sun"]})
        found = check(self.RULE, place(wk, ("sun", "am", "long_90")), weight=15)
        assert sorted(p.amount for p in found) == [15, 15], found
        # the solver, with Sunday the only free slot, must pay both
        data = scenario(
            {"sun": {"am": 90}},
            ["long_90"],
            targets={"long_run": 1},
            preferences={"long_run_day": "sat", "rest_days": ["sun"]},
        )
        _, result = assert_feasible(data, "availability", "long_run", self.RULE)
        assert_penalty(result, self.RULE, 30)


class TestSpread:
    RULE = "spread"
    HELPERS = ("availability", "strength_count")

    def test_zero_when_a_day_lies_between(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "wed": {"am": 60}}, ["upper_45"], targets={"strength": 2}
        )
        _, result = assert_feasible(data, *self.HELPERS, self.RULE)
        assert_penalty(result, self.RULE, 0)

    @pytest.mark.parametrize(
        "availability",
        [{"mon": {"am": 60}, "tue": {"am": 60}}, {"mon": {"am": 60, "pm": 60}}],
        ids=["consecutive-days", "same-day"],
    )
    def test_two_lifts_close_together(self, availability: dict[str, dict[str, int]]) -> None:
        data = scenario(availability, ["upper_45"], targets={"strength": 2})
        _, result = assert_feasible(data, *self.HELPERS, self.RULE)
        assert_penalty(result, self.RULE, 5)
        _, result = assert_feasible(data, *self.HELPERS, (self.RULE, {"consecutive": False}))
        assert_penalty(result, self.RULE, 0)

    def test_lift_on_a_hard_run_day(self) -> None:
        data = scenario({"mon": {"am": 60, "pm": 60}}, ["tempo_40", "upper_45"], targets=HARD_PAIR)
        helpers = ("availability", "run_count", "strength_count")
        _, result = assert_feasible(data, *helpers, (self.RULE, {"weight": 7}))
        assert_penalty(result, self.RULE, 7)
        _, result = assert_feasible(data, *helpers, (self.RULE, {"hard_run_days": False}))
        assert_penalty(result, self.RULE, 0)

    def test_easy_run_day_is_fine(self) -> None:
        data = scenario(
            {"mon": {"am": 60, "pm": 60}, "tue": {"am": 60}},
            ["easy_30", "tempo_40", "upper_45"],
            targets={"runs": 1, "strength": 1, "quality_runs": 1},
        )
        # tempo alone on tue, the lift on mon: both same-day slots, one of them a rest
        _, result = assert_feasible(
            data, "availability", "run_count", "strength_count", "quality_runs", self.RULE
        )
        assert_penalty(result, self.RULE, 0)

    def test_check(self) -> None:
        wk = free_week()
        three = place(wk, *[(d, "am", "upper_45") for d in ("mon", "tue", "wed")])
        assert [p.amount for p in check(self.RULE, three, weight=5)] == [5, 5]  # mon-wed is fine
        lift_long = place(wk, ("sat", "am", "long_90"), ("sat", "pm", "upper_45"))
        assert len(check(self.RULE, lift_long)) == 1
        assert check(self.RULE, lift_long, hard_run_days=False) == []
        lift_easy = place(wk, ("sat", "am", "easy_30"), ("sat", "pm", "lower_heavy_60"))
        assert check(self.RULE, lift_easy) == []
        apart = place(wk, ("mon", "am", "upper_45"), ("wed", "am", "upper_45"))
        assert check(self.RULE, apart) == []
        assert check(self.RULE, three, weight=0) == []


def test_findings_are_the_right_kind() -> None:
    """Hard rules report Violations, soft rules Penalties (checking.check_plan sorts them)."""
    wk = free_week(
        targets={
            "runs": 9,
            "strength": 9,
            "long_run": 2,
            "quality_runs": 9,
            "run_minutes": 999,
            "sets": {"arms": [20, 30]},
        },
        weekly_minutes=10,
        preferences={"long_run_day": "sun", "rest_days": ["mon"]},
    )
    every_day = [
        (d, s, sid)
        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for s, sid in (("am", "plyometrics_30"), ("pm", "lower_heavy_60"))
    ]
    plan = place(wk, *every_day, ("sat", "am", "long_90"))
    for rid, cls in models.RULE_CONFIGS.items():
        found = check(rid, plan)
        kind = Violation if cls.LEVEL == "hard" else Penalty
        assert all(isinstance(f, kind) and f.rule == rid for f in found), rid


class TestPinned:
    RULE = "pinned"

    def test_feasible_pin_is_kept_and_ban_respected(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30", "easy_45"],
            targets={"runs": 2},
            fixed=[{"day": "tue", "slot": "am", "session": "easy_45"}],
            forbid=[{"day": "mon", "session": "easy_30"}],
        )
        _, result = assert_feasible(data, "availability", "run_count")
        assert triples(result) == [("mon", "am", "easy_45"), ("tue", "am", "easy_45")]

    def test_infeasible_pin_in_a_slot_too_short(self) -> None:
        data = scenario(
            {"mon": {"am": 30}},
            ["easy_30", "easy_45"],
            targets={"runs": 1},
            fixed=[{"day": "mon", "slot": "am", "session": "easy_45"}],
        )
        wk, result = solved(data, "availability", "run_count")
        assert result.status == "infeasible"
        keys = {c.key for c in explain(wk).conflicts}
        assert keys == {"availability", "pinned.mon-am"}

    def test_check(self) -> None:
        wk = week(
            scenario(
                {"mon": {"am": 60}},
                ["easy_30", "easy_45"],
                fixed=[{"day": "mon", "slot": "am", "session": "easy_45"}],
                forbid=[{"day": "tue", "slot": "pm", "session": "easy_30"}],
            ),
            rule_set("pinned"),
        )
        assert check(self.RULE, place(wk, ("mon", "am", "easy_45"))) == []
        found = check(self.RULE, place(wk, ("mon", "am", "easy_30"), ("tue", "pm", "easy_30")))
        assert len(found) == 2
        assert {"not planned there" in f.detail for f in found} == {True, False}


class TestStability:
    RULE = "stability"

    def test_no_change_costs_nothing(self) -> None:
        previous = [{"day": "mon", "slot": "am", "session": "easy_30"}]
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            previous=previous,
        )
        _, result = assert_feasible(data, "availability", "run_count", (self.RULE, {"weight": 10}))
        assert triples(result) == [("mon", "am", "easy_30")] and result.objective == 0

    def test_a_move_counts_once(self) -> None:
        # monday is taken away: the run has to move, one change
        previous = [{"day": "mon", "slot": "am", "session": "easy_30"}]
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30"],
            targets={"runs": 1},
            previous=previous,
            blocked=[{"day": "mon"}],
        )
        _, result = assert_feasible(data, "availability", "run_count", (self.RULE, {"weight": 10}))
        assert triples(result) == [("tue", "am", "easy_30")]
        assert pen(result) == [("stability", 10)]

    def test_check(self) -> None:
        previous = [
            {"day": "mon", "slot": "am", "session": "easy_30"},
            {"day": "tue", "slot": "am", "session": "easy_30"},
        ]
        wk = week(
            scenario({"mon": {"am": 60}, "tue": {"am": 60}}, ["easy_30"], previous=previous),
            rule_set(("stability", {"weight": 7})),
        )
        same = place(wk, ("mon", "am", "easy_30"), ("tue", "am", "easy_30"))
        assert check(self.RULE, same, weight=7) == []
        dropped = check(self.RULE, place(wk, ("mon", "am", "easy_30")), weight=7)
        assert [p.amount for p in dropped] == [7]
        moved = check(
            self.RULE, place(wk, ("mon", "am", "easy_30"), ("wed", "am", "easy_30")), weight=7
        )
        assert [p.amount for p in moved] == [7]


def with_phases(rules: RuleSet, **phases: dict[str, Any]) -> RuleSet:
    return rules.model_copy(
        update={"phases": {p: models.phases.PhaseTargets(**t) for p, t in phases.items()}}
    )


class TestPhaseLimits:
    RULE = "phase_limits"

    def data(self) -> dict[str, Any]:
        return scenario(
            {"mon": {"am": 60}},
            ["lower_heavy_60", "upper_45"],
            targets={"strength": 1},
            weeks=2,
            phases=["build", "taper"],
        )

    def rules(self, *extra: str) -> RuleSet:
        return with_phases(
            rule_set("availability", "strength_count", *extra),
            taper={"max_strength_intensity": "moderate"},
        )

    def test_feasible_taper_week_lifts_moderately(self) -> None:
        wk = week(self.data() | {"include": ["lower_heavy_60", "upper_45"]}, self.rules(self.RULE))
        result = run(wk)
        assert result.found
        assert [(s.week, s.session) for s in result.sessions if s.week == 2] == [(2, "upper_45")]
        assert_agrees(wk, result)

    def test_infeasible_when_only_heavy_lifting_is_on_offer(self) -> None:
        data = self.data() | {"include": ["lower_heavy_60"]}
        assert run(week(data, self.rules(self.RULE))).status == "infeasible"
        assert run(week(data, self.rules())).found

    def test_check(self) -> None:
        wk = week(self.data(), self.rules(self.RULE))
        heavy = Plan.from_placements(wk, [("mon", "am", "lower_heavy_60", 2)])
        found = check(self.RULE, heavy)
        assert [f.detail for f in found] == [
            "lower_heavy_60 (w2 mon am): too hard for a taper week"
        ]
        assert (
            check(self.RULE, Plan.from_placements(wk, [("mon", "am", "lower_heavy_60", 1)])) == []
        )


class TestRunProgression:
    RULE = "run_progression"

    def data(self, **extra: Any) -> dict[str, Any]:
        return scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30", "easy_60"],
            targets={"runs": [1, 2]},
            weeks=2,
            phases=["build", "build"],
            **extra,
        )

    def test_feasible_within_ten_percent(self) -> None:
        # week 1 pinned to 60 min; week 2 may not exceed 66: one hour, not ninety minutes
        data = self.data(
            fixed=[{"day": "mon", "slot": "am", "session": "easy_60", "week": 1}],
            forbid=[
                {"day": "tue", "session": "easy_30", "week": 1},
                {"day": "tue", "session": "easy_60", "week": 1},
            ],
        )
        data["targets"]["run_minutes"] = 120
        rules = rule_set(
            "availability",
            "run_count",
            "pinned",
            (self.RULE, {"percent": 10}),
            ("run_volume", {"weight": 1}),
        )
        wk = week(data, rules)
        result = run(wk)
        assert result.found
        assert sum(s.minutes for s in result.sessions if s.week == 2) == 60
        assert_agrees(wk, result)

    def test_infeasible_when_week_two_must_double(self) -> None:
        data = self.data(
            fixed=[
                {"day": "mon", "slot": "am", "session": "easy_30", "week": 1},
                {"day": "mon", "slot": "am", "session": "easy_60", "week": 2},
            ],
            forbid=[{"day": "tue", "session": "easy_30"}, {"day": "tue", "session": "easy_60"}],
        )
        rules = ("availability", "run_count", "pinned")
        assert run(week(data, rule_set(*rules, self.RULE))).status == "infeasible"
        assert run(week(data, rule_set(*rules))).found

    def test_check_and_the_week_after_a_deload(self) -> None:
        wk = week(self.data(), rule_set(self.RULE))
        jump = Plan.from_placements(wk, [("mon", "am", "easy_30", 1), ("mon", "am", "easy_60", 2)])
        assert len(check(self.RULE, jump, percent=10)) == 1
        assert check(self.RULE, jump, percent=100) == []
        after_deload = week(self.data() | {"phases": ["deload", "build"]}, rule_set(self.RULE))
        jump = Plan.from_placements(
            after_deload, [("mon", "am", "easy_30", 1), ("mon", "am", "easy_60", 2)]
        )
        assert check(self.RULE, jump, percent=10) == []


class TestDeload:
    RULE = "deload"

    def data(self, phases: list[str]) -> dict[str, Any]:
        return scenario(
            {"mon": {"am": 60}},
            ["easy_30", "easy_60"],
            targets={"runs": 1},
            weeks=2,
            phases=phases,
            fixed=[{"day": "mon", "slot": "am", "session": "easy_60", "week": 1}],
        )

    def test_feasible_deload_week_is_lighter(self) -> None:
        wk = week(
            self.data(["build", "deload"]),
            rule_set("availability", "run_count", "pinned", (self.RULE, {})),
        )
        result = run(wk)
        assert [s.session for s in result.sessions if s.week == 2] == ["easy_30"]
        assert_agrees(wk, result)

    def test_infeasible_when_the_deload_cannot_be_lighter(self) -> None:
        data = self.data(["build", "deload"]) | {"include": ["easy_60"]}
        rules = ("availability", "run_count", "pinned")
        assert run(week(data, rule_set(*rules, self.RULE))).status == "infeasible"
        assert run(week(data, rule_set(*rules))).found

    def test_check(self) -> None:
        wk = week(self.data(["build", "deload"]), rule_set(self.RULE))
        same = Plan.from_placements(wk, [("mon", "am", "easy_60", 1), ("mon", "am", "easy_60", 2)])
        assert len(check(self.RULE, same)) == 1
        assert check(self.RULE, same, cut_percent=0) == []


class TestLongRunPeak:
    RULE = "long_run_peak"

    def data(self, **extra: Any) -> dict[str, Any]:
        return scenario(
            {"sat": {"am": 150}},
            ["long_90", "long_120"],
            targets={"runs": 1, "long_run": 1},
            weeks=4,
            phases=["build", "build", "peak", "taper"],
            race={"distance": "half"},
            **extra,
        )

    def test_zero_when_the_long_run_peaks_on_time(self) -> None:
        # the peak is week 4 - 3 = 1: nothing may be longer than week 1's long run
        wk = week(
            self.data(),
            rule_set(
                "availability",
                "run_count",
                "long_run",
                (self.RULE, {"weight": 10, "weeks_before_race": 3}),
            ),
        )
        result = run(wk)
        assert result.objective == 0
        assert_agrees(wk, result)

    def test_pays_when_a_later_week_must_be_longer(self) -> None:
        data = self.data(
            fixed=[
                {"day": "sat", "slot": "am", "session": "long_90", "week": 1},
                {"day": "sat", "slot": "am", "session": "long_120", "week": 3},
            ]
        )
        wk = week(
            data,
            rule_set(
                "availability",
                "run_count",
                "long_run",
                "pinned",
                (self.RULE, {"weight": 10, "weeks_before_race": 3}),
            ),
        )
        result = run(wk)
        assert pen(result) == [(self.RULE, 10)]
        assert_agrees(wk, result)

    def test_check_without_a_race_is_silent(self) -> None:
        data = self.data()
        del data["race"]
        wk = week(data, rule_set(self.RULE))
        plan = Plan.from_placements(wk, [("sat", "am", "long_90", 1), ("sat", "am", "long_120", 2)])
        assert check(self.RULE, plan, weight=10) == []


class TestMonotony:
    RULE = "monotony"

    def test_a_varied_week_pays_nothing(self) -> None:
        data = scenario({"mon": {"am": 60}, "wed": {"am": 60}}, ["easy_30"], targets={"runs": 2})
        wk = week(data, rule_set("availability", "run_count", (self.RULE, {"weight": 10})))
        result = run(wk)
        assert result.objective == 0  # two run days and five rest days: monotony 0.63
        assert_agrees(wk, result)

    def test_seven_equal_days_pay(self) -> None:
        every_day = {d: {"am": 60} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
        data = scenario(every_day, ["easy_30"], targets={"runs": 7})
        wk = week(data, rule_set("availability", "run_count", (self.RULE, {"weight": 10})))
        result = run(wk)
        assert pen(result) == [(self.RULE, 10)]
        assert_agrees(wk, result)

    def test_check_at_the_limit(self) -> None:
        from solver.metrics import monotony
        from solver.rules.monotony import too_monotonous

        cfg = models.RULE_CONFIGS[self.RULE](limit=2.0)
        # against the plain float formula (metrics.monotony: mean / population sd)
        for loads in (
            [0, 4, 2, 2, 2, 2, 2],
            [1, 3, 2, 2, 2, 2, 2],
            [0, 0, 300, 0, 300, 0, 400],
            [100, 90, 110, 100, 95, 105, 0],
        ):
            expected = (monotony(loads) or 0) > 2.0
            assert too_monotonous(loads, cfg) == expected, loads  # type: ignore[arg-type]
        assert not too_monotonous([0, 4, 2, 2, 2, 2, 2], cfg)  # type: ignore[arg-type]
        assert too_monotonous([1, 3, 2, 2, 2, 2, 2], cfg)  # type: ignore[arg-type]
        assert not too_monotonous([0] * 7, cfg)  # type: ignore[arg-type]


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
