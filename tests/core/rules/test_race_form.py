"""The rule `race_form`: race morning's form inside a band relative to fitness.

Race-morning fitness and fatigue are computed here from their definition, day by day
(X += (load - X) (1 - e^(-1/tau)), from the history's start values), sharing no code with
the rule's integer-scaled weights: the solver's plans are judged by it, and build() and
check() are seen to agree (with each other and with it) on plans pinned in full."""

from __future__ import annotations

import math
from typing import Any

import pytest

from helpers import assert_agrees, rule_set, run, scenario, week
from hybridplan.models import Plan, Result
from hybridplan.models.week import DAYS
from rule_helpers import check, pen

RULE = "race_form"
TEN_K = {"distance": "10k"}  # race day: the plan's last day (load 405: 45 min x RPE 9)


def by_recursion(loads: dict[int, int], days: int, history: list[int]) -> tuple[float, float]:
    """(fitness, fatigue) at the end of day `days` - 1, one day at a time."""
    recent = history[-6:]
    fitness = sum(recent) / (7 * len(recent)) if recent else 0.0
    fatigue = history[-1] / 7 if history else 0.0
    for day in range(days):
        load = loads.get(day, 0)
        fitness += (load - fitness) * (1 - math.exp(-1 / 42))
        fatigue += (load - fatigue) * (1 - math.exp(-1 / 7))
    return fitness, fatigue


def outside(fitness: float, fatigue: float, low: int, high: int) -> float:
    """Load units of form out of the band [low, high] % of fitness (0 inside)."""
    form = fitness - fatigue
    return max(0.0, low / 100 * fitness - form, form - high / 100 * fitness)


def day_loads(result: Result) -> dict[int, int]:
    loads: dict[int, int] = {}
    for s in result.sessions:
        day = len(DAYS) * (s.week - 1) + DAYS.index(s.day)
        loads[day] = loads.get(day, 0) + s.load
    return loads


def week_data(history: list[int], free: dict[str, dict[str, int]], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = scenario(
        free, ["easy_45", "easy_60", "tempo_40", "upper_45"], history=history
    )
    data["race"] = dict(TEN_K)
    data["availability"]["sun"] = {"am": 90}
    data.update(extra)
    return data


Case = tuple[list[int], list[tuple[int, str, str]], int, int, int]
CASES: list[Case] = [
    # (history, pinned (week, day, session), low, high, weight)
    ([1400] * 6, [(1, "mon", "tempo_40"), (1, "tue", "easy_60")], 5, 25, 1),
    ([700] * 6, [(1, d, "tempo_40") for d in DAYS[:6]], 5, 25, 3),  # worn out: below
    ([700, 2100], [(1, "wed", "easy_45"), (1, "fri", "upper_45")], -10, 10, 2),
    ([2000] * 3, [(1, "sat", "easy_60")], 0, 30, 1),
    # two weeks: a block, race day 13
    ([900] * 6, [(1, "mon", "easy_60"), (1, "wed", "tempo_40"), (1, "sat", "easy_60"),
                 (2, "tue", "easy_45"), (2, "thu", "upper_45")], 5, 25, 1),
]  # fmt: skip


class TestRaceForm:
    RULE = RULE

    def test_a_week_of_rest_is_too_fresh_and_the_solver_trains_into_the_band(self) -> None:
        # fitness and fatigue 200 from the history; six days of rest leave form 51% of fitness
        history = [1400] * 6
        fitness, fatigue = by_recursion({}, 6, history)
        assert (fitness - fatigue) / fitness == pytest.approx(0.51, abs=0.01)
        free: dict[str, dict[str, int]] = {d: {"am": 90} for d in DAYS[:6]}
        data = week_data(history, free, targets={"runs": [0, 7], "strength": [0, 6]})
        wk = week(data, rule_set("availability", "one_per_slot", "run_count", "strength_count",
                                 (RULE, {"weight": 1})))  # fmt: skip
        result = run(wk)
        assert result.status == "optimal"
        assert result.objective == 0
        assert_agrees(wk, result)
        fitness, fatigue = by_recursion(day_loads(result), 6, history)
        assert 0.05 * fitness - 0.01 <= fitness - fatigue <= 0.25 * fitness + 0.01
        # an empty week would pay for every unit above 25%
        empty = Plan.from_placements(wk, [("sun", "am", "race_10k")])
        found = check(RULE, empty, weight=1)
        assert [f.amount for f in found] == [
            math.ceil(outside(*by_recursion({}, 6, history), 5, 25))
        ]
        assert "above the band 5-25%" in found[0].detail

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_build_and_check_agree_with_the_definition(self, case: int) -> None:
        """Plans pinned in full (each pinned slot the only one free): the model's penalty is
        check()'s, and both are the definition's, recomputed here day by day."""
        history, pins, low, high, weight = CASES[case]
        weeks = max(w for w, _, _ in pins)
        free = {day: {"am": 90} for _, day, _ in pins}
        data = week_data(history, free)
        data["fixed"] = [{"week": w, "day": d, "slot": "am", "session": s} for w, d, s in pins]
        if weeks > 1:
            data.update(weeks=weeks, phases=["build", "taper"])
            data["week_availability"] = {
                w: {d: {"am": 90} for w2, d, _ in pins if w2 == w} for w in range(1, weeks + 1)
            }
            data["week_availability"][weeks]["sun"] = {"am": 90}
        params = {"weight": weight, "low": low, "high": high}
        wk = week(data, rule_set("availability", "one_per_slot", (RULE, params)))
        result = run(wk)
        assert result.status == "optimal", result.message
        assert len(result.sessions) == len(pins) + 1  # the pins and the race
        assert_agrees(wk, result)
        race_day = len(DAYS) * weeks - 1
        units = outside(*by_recursion(day_loads(result), race_day, history), low, high)
        assert units == 0 or abs(units - round(units)) > 0.01  # none on a whole unit
        assert result.objective == weight * math.ceil(units), units
        assert pen(result) == ([(RULE, weight * math.ceil(units))] if units else [])

    def test_not_judged_without_a_base_for_fitness(self) -> None:
        # a one-week plan without history: fitness from 0 after six days means nothing
        data = week_data([], {"mon": {"am": 90}})
        wk = week(data, rule_set("availability", RULE))
        plan = Plan.from_placements(wk, [("mon", "am", "tempo_40"), ("sun", "am", "race_10k")])
        assert check(RULE, plan, weight=1) == []
        # nor a plan without a race
        data = scenario({"mon": {"am": 90}}, ["tempo_40"], history=[1400] * 6)
        wk = week(data, rule_set("availability", RULE))
        assert check(RULE, Plan.from_placements(wk, [("mon", "am", "tempo_40")]), weight=1) == []
