"""Five coach rules forbid one pair of sessions placed by calendar day: a quality run the
day before the long run (quality_before_long), two quality runs on consecutive days
(quality_spacing), a heavy-leg lift the day before a key run (legs_before_key_run), a hard
lift the day after a hard run (lift_after_hard_run), a lift earlier the same day than the
long run (lift_before_long_run). Each is pinned the same way, so each is one case here:
its check finds the bad pair and not the good one, soft it costs `weight` per pair; and in
a solve it binds (a tight week has no plan with it hard), and soft it is paid only when the
calendar leaves no other way (the roomy week pays nothing, proven optimal). What is only
one rule's own stays in its own file (tests/core/rules/test_<id>.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from helpers import assert_agrees, place, rule_set, run, scenario, week
from rule_helpers import assert_binds, check, free_week, pen

Placing = tuple[str, str, str]  # day, slot, session


@dataclass(frozen=True)
class Case:
    bad: tuple[Placing, Placing]
    good: tuple[Placing, Placing]
    helpers: tuple[str, ...]
    tight: dict[str, Any]
    roomy: dict[str, Any]


CASES = {
    "legs_before_key_run": Case(
        bad=(("thu", "pm", "posterior_chain_45"), ("fri", "pm", "tempo_40")),
        good=(("thu", "pm", "upper_45"), ("fri", "pm", "tempo_40")),
        helpers=("availability", "run_count", "strength_count", "long_run"),
        tight=scenario(
            {"fri": {"pm": 60}, "sat": {"am": 120}},
            ["lower_heavy_60", "long_90"],
            targets={"runs": 1, "strength": 1, "long_run": 1},
        ),
        roomy=scenario(
            {"thu": {"pm": 60}, "fri": {"pm": 60}, "sat": {"am": 120}},
            ["lower_heavy_60", "long_90"],
            targets={"runs": 1, "strength": 1, "long_run": 1},
            forbid=[{"day": "sat", "session": "lower_heavy_60"}],
        ),
    ),
    "lift_after_hard_run": Case(
        bad=(("mon", "pm", "intervals_45"), ("tue", "am", "lower_heavy_60")),
        good=(("mon", "pm", "intervals_45"), ("tue", "am", "upper_45")),
        helpers=("availability", "run_count", "strength_count", "pinned"),
        tight=scenario(
            {"mon": {"pm": 60}, "tue": {"pm": 60}},
            ["intervals_45", "full_body_60"],
            targets={"runs": 1, "strength": 1},
            fixed=[{"day": "mon", "slot": "pm", "session": "intervals_45"}],
        ),
        roomy=scenario(
            {"mon": {"pm": 60}, "tue": {"pm": 60}, "wed": {"pm": 60}},
            ["intervals_45", "full_body_60"],
            targets={"runs": 1, "strength": 1},
            fixed=[{"day": "mon", "slot": "pm", "session": "intervals_45"}],
        ),
    ),
    "lift_before_long_run": Case(
        bad=(("sat", "am", "upper_45"), ("sat", "pm", "long_90")),
        good=(("sat", "am", "long_90"), ("sat", "pm", "upper_45")),
        helpers=("availability", "run_count", "strength_count", "long_run"),
        tight=scenario(
            {"sat": {"am": 60, "pm": 120}},
            ["upper_45", "long_90"],
            targets={"runs": 1, "strength": 1, "long_run": 1},
        ),
        roomy=scenario(
            {"sat": {"am": 120, "pm": 120}},
            ["upper_45", "long_90"],
            targets={"runs": 1, "strength": 1, "long_run": 1},
        ),
    ),
    "quality_before_long": Case(
        bad=(("fri", "pm", "tempo_40"), ("sat", "am", "long_90")),
        good=(("thu", "pm", "tempo_40"), ("sat", "am", "long_90")),
        helpers=("availability", "run_count", "quality_runs", "long_run"),
        tight=scenario(
            {"fri": {"am": 60}, "sat": {"am": 120}},
            ["tempo_40", "long_90"],
            targets={"runs": 2, "quality_runs": 1, "long_run": 1},
        ),
        roomy=scenario(
            {"thu": {"am": 60}, "fri": {"am": 60}, "sat": {"am": 120}},
            ["tempo_40", "long_90"],
            targets={"runs": 2, "quality_runs": 1, "long_run": 1},
        ),
    ),
    "quality_spacing": Case(
        bad=(("mon", "am", "tempo_40"), ("tue", "pm", "intervals_45")),
        good=(("mon", "am", "tempo_40"), ("wed", "am", "intervals_45")),
        helpers=("availability", "run_count", "quality_runs"),
        tight=scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["tempo_40", "hills_45"],
            targets={"runs": 2, "quality_runs": 2},
        ),
        roomy=scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}, "wed": {"am": 60}},
            ["tempo_40", "hills_45"],
            targets={"runs": 2, "quality_runs": 2},
        ),
    ),
}


@pytest.mark.parametrize("rule", CASES)
def test_check_calendar_days(rule: str) -> None:
    case = CASES[rule]
    wk = free_week()
    for items, ok in ((case.bad, False), (case.good, True)):
        found = check(rule, place(wk, *items))
        assert (found == []) is ok, (items, found)
    # soft: a penalty of `weight` per pair instead of a violation
    soft = check(rule, place(wk, *case.bad), hard=False, weight=100)
    assert [p.amount for p in soft] == [100]


@pytest.mark.parametrize("rule", CASES)
def test_binds_and_is_priced_only_when_unavoidable(rule: str) -> None:
    case = CASES[rule]
    assert_binds(case.tight, rule, *case.helpers)
    soft = (rule, {"hard": False, "weight": 100})
    wk = week(case.tight, rule_set(*case.helpers, soft))
    result = run(wk)
    assert pen(result) == [(rule, 100)]
    assert_agrees(wk, result)
    wk = week(case.roomy, rule_set(*case.helpers, soft))
    result = run(wk)
    assert result.status == "optimal" and pen(result) == []
    assert_agrees(wk, result)
