"""Plans of several weeks: one timeline (spacing across Sunday-Monday), per-week targets,
budgets and rest days, per-week availability, and the checks on every week."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_agrees, rule_set, run, scenario, week

from models import InputError, Plan
from solver.checking import check_plan


def two_weeks(**extra: Any) -> dict[str, Any]:
    return scenario(
        {"mon": {"am": 60}, "sun": {"pm": 90}},
        ["tempo_40", "lower_heavy_60"],
        targets={"runs": [0, 1], "quality_runs": [0, 1], "strength": [0, 1]},
        weeks=2,
        **extra,
    )


def test_spacing_reaches_across_the_week_boundary() -> None:
    # Sunday 18:00 heavy legs, Monday 06:00 tempo: 11 h apart across the boundary
    data = two_weeks()
    data["targets"].update({"quality_runs": 1, "strength": 1})
    data["week_availability"] = {1: {"sun": {"pm": 90}}, 2: {"mon": {"am": 60}}}
    rules = ("availability", "run_count", "strength_count", "quality_runs")
    assert (
        run(week(data, rule_set(*rules))).status == "infeasible"
    )  # each week wants its own tempo and lift
    data["targets"].update({"quality_runs": [0, 1], "strength": [0, 1]})
    data["fixed"] = [
        {"day": "sun", "slot": "pm", "session": "lower_heavy_60", "week": 1},
        {"day": "mon", "slot": "am", "session": "tempo_40", "week": 2},
    ]
    with_sep = week(data, rule_set(*rules, ("hard_separation", {"hours": 24})))
    assert run(with_sep).status == "infeasible"
    without = week(data, rule_set(*rules))
    result = run(without)
    assert result.found
    assert [(s.week, s.day, s.session) for s in result.sessions] == [
        (1, "sun", "lower_heavy_60"),
        (2, "mon", "tempo_40"),
    ]
    assert_agrees(without, result)


def test_targets_hold_in_every_week() -> None:
    data = scenario(
        {"mon": {"am": 60}, "wed": {"am": 60}}, ["easy_30"], targets={"runs": 2}, weeks=3
    )
    wk = week(data, rule_set("availability", "run_count"))
    result = run(wk)
    assert result.found
    assert [sum(1 for s in result.sessions if s.week == w) for w in (1, 2, 3)] == [2, 2, 2]
    plan = Plan.from_placements(
        wk, [(s.day, s.slot, s.session, s.week) for s in result.sessions if s.week != 2]
    )
    details = [v.detail for v in check_plan(plan).violations]
    assert details == ["w2: 0 runs planned; wanted 2"]


def test_week_availability_replaces_one_week() -> None:
    data = scenario(
        {"mon": {"am": 60}, "wed": {"am": 60}},
        ["easy_30"],
        targets={"runs": 1},
        weeks=2,
        week_availability={2: {"fri": {"pm": 45}}},
    )
    wk = week(data, rule_set("availability", "run_count"))
    result = run(wk)
    assert [(s.week, s.day) for s in result.sessions if s.week == 2] == [(2, "fri")]
    assert_agrees(wk, result)


def test_week_fields_are_validated() -> None:
    with pytest.raises(InputError, match="beyond `weeks`"):
        week(
            scenario({"mon": {"am": 60}}, weeks=2, week_availability={3: {}}),
            rule_set("availability"),
        )
    with pytest.raises(InputError, match=r"fixed\.0\.week: week 4 is beyond"):
        week(
            scenario(
                {"mon": {"am": 60}},
                ["easy_30"],
                weeks=2,
                fixed=[{"day": "mon", "slot": "am", "session": "easy_30", "week": 4}],
            ),
            rule_set("availability"),
        )
