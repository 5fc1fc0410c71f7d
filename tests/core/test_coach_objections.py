"""What a coach checks (the domain brief's list): on shipped scenarios and generated weeks
and race blocks, under balanced, stacked and strict, the objections a rule set forbids never
occur, and every objection is counted in the result's metrics exactly as a second counter
(tests/reference/objections.py, sharing no code with hybridplan) counts it.

The default run takes a sample of the generated scenarios; `pytest -m slow` runs the
full size (200 weeks and 20 race blocks under each set)."""

from __future__ import annotations

from typing import Any

import pytest
from reference.objections import IDS, count

from helpers import (
    SHIPPED_SCENARIOS,
    assert_agrees,
    forbidden,
    generated_sample_params,
    shipped_params,
    solve_once,
)
from hybridplan import solve
from hybridplan.batch.generate import generate
from hybridplan.models import PlanInput, Result, input_from_dict
from hybridplan.models.week import DAYS

SETS = ("balanced", "stacked", "strict")


def check(data: PlanInput, result: Result) -> dict[str, int]:
    if not result.found:
        return {}
    assert_agrees(data, result)
    assert result.metrics is not None
    counted = count(result.to_dict())
    assert result.metrics.coach_objections == counted, result.metrics.objections
    assert list(counted) == IDS
    broken = {oid: n for oid, n in counted.items() if n and oid in forbidden(data)}
    assert broken == {}, (result.rule_set, broken, result.metrics.objections)
    return counted


FEASIBLE = [p for p in SHIPPED_SCENARIOS if not p.name.startswith("infeasible")]


@pytest.mark.parametrize(("path", "rules"), shipped_params(FEASIBLE, SETS))
def test_shipped_scenarios(path: Any, rules: str) -> None:
    check(*solve_once(path, rules))  # solved once for this module and the reference checker


@pytest.mark.parametrize(("data", "rules"), generated_sample_params(SETS))
def test_generated_sample(data: dict[str, Any], rules: str) -> None:
    check(*solve_once(data, rules))


@pytest.mark.slow
@pytest.mark.parametrize("rules", SETS)
def test_generated_full_size(rules: str) -> None:
    """200 generated weeks and 20 race blocks under each set (the full size)."""
    weeks = [d for d in generate(200, seed=7) if "infeasible" not in d["name"]]
    blocks = generate(0, seed=7, blocks=20)
    for data in weeks + blocks:
        wk = input_from_dict(data, rules)
        check(wk, solve(wk, time_limit=600, work_limit=60))


def test_the_counter_sees_what_a_coach_sees() -> None:
    """The second counter on a hand-made plan with one of each pair objection."""
    from hybridplan.models import Plan

    data = input_from_dict(
        {
            "name": "bad-week",
            "availability": {d: {"am": 120, "pm": 120} for d in DAYS[:6]},
            "targets": {"runs": [0, 9], "strength": [0, 9], "quality_runs": [0, 9]},
        }
    )  # fmt: skip
    plan = Plan.from_placements(
        data,
        [
            ("mon", "am", "tempo_40"),  # QQ with tue; RUN>LIFT: tue's hard lift after it
            ("tue", "am", "intervals_45"),
            ("tue", "pm", "lower_heavy_60"),  # after intervals the same day: not RUN>LIFT
            ("wed", "pm", "lower_heavy_60"),  # MUSCLE with tue; RUN>LIFT after tue's run
            ("thu", "am", "hills_45"),  # LEGS>KEY: wed's heavy legs the day before
            ("fri", "am", "tempo_40"),  # QQ with thu; Q>LONG before sat's long run
            ("sat", "am", "upper_45"),  # LIFT<LONG
            ("sat", "pm", "long_120"),
        ],
    )
    from hybridplan.core.objections import coach_objections

    result = solve(data)  # any result of this input carries its scenario
    as_json = result.to_dict() | {
        "sessions": [
            {
                "week": 1, "day": p.slot.day_name, "slot": p.slot.name, "start": p.slot.clock,
                "minutes": p.session.minutes, "session": p.session.id, "kind": p.session.kind,
                "intensity": p.session.intensity, "run_type": p.session.run_type,
                "legs": p.session.legs if p.session.kind == "strength" else None,
                "sets": dict(p.session.sets),
            }
            for p in plan.placed
        ]
    }  # fmt: skip
    counted = count(as_json)
    assert {k: v for k, v in counted.items() if v and k != "NO-MOB"} == {
        "QQ": 2,
        "Q>LONG": 1,
        "LEGS>KEY": 1,
        "LIFT<LONG": 1,
        "RUN>LIFT": 2,
        "MUSCLE": 1,
        "LEGS-CONSEC": 1,  # tue's and wed's heavy legs
    }
    assert coach_objections(plan).coach_objections == counted


def _as_json(result: Result, plan: Any) -> dict[str, Any]:
    """A result's JSON with a hand-made plan's sessions in place of the solver's."""
    return result.to_dict() | {
        "sessions": [
            {
                "week": p.slot.week, "day": p.slot.day_name, "slot": p.slot.name,
                "start": p.slot.clock, "minutes": p.session.minutes, "session": p.session.id,
                "kind": p.session.kind, "intensity": p.session.intensity,
                "run_type": p.session.run_type,
                "legs": p.session.legs if p.session.kind == "strength" else None,
                "sets": dict(p.session.sets),
            }
            for p in plan.placed
        ]
    }  # fmt: skip


def test_the_counter_sees_what_is_inside_the_weeks() -> None:
    """Both counters on a hand-made 10k block with one or more of each content objection:
    a long run of 120 in 160 running minutes beside two 20-minute jogs (LONG-SHARE, PAD), a
    light circuit the day after a squat day and the day before the long run (LEGS-CONSEC
    twice, LEGS>LONG), intervals the day after the long run (LONG>HARD), a circuit and a
    75-minute run in the last days before the race (RACE-LEGS, RACE-EASY), week 2's long run
    as long as week 1's (TAPER-LONG), 4 lifts where the athlete asked for at most 2
    (OVER-ASKED), a first week far above the history (FIRST-WEEK)."""
    from hybridplan.core.objections import coach_objections
    from hybridplan.models import Plan

    data = input_from_dict(
        {
            "name": "bad-block",
            "weeks": 3,
            "start": "2027-01-04",
            "race": {"date": "2027-01-24", "distance": "10k"},
            "phases": ["build", "build", "taper"],
            "availability": {d: {"am": 120, "pm": 120} for d in DAYS},
            "targets": {"runs": [0, 9], "strength": [0, 2], "quality_runs": [0, 9]},
            "history": [1000, 1000],
            "include": ["long", "recovery", "easy", "intervals", "full_body_light_45",
                        "lower_heavy_60", "tempo"],
        }
    )  # fmt: skip
    plan = Plan.from_placements(
        data,
        [
            ("mon", "am", "lower_heavy_60", 1),
            ("tue", "am", "full_body_light_45", 1),  # LEGS-CONSEC with mon
            ("wed", "am", "full_body_light_45", 1),  # LEGS-CONSEC with tue
            ("thu", "am", "full_body_light_45", 1),  # LEGS-CONSEC; OVER-ASKED: 4 lifts
            ("thu", "pm", "recovery_20", 1),
            ("fri", "am", "recovery_20", 1),  # PAD: two 20-minute jogs
            ("sat", "am", "long_120", 1),  # LEGS>LONG after thu? no: fri is a run
            ("sun", "am", "intervals_45", 1),  # LONG>HARD
            ("fri", "am", "full_body_light_45", 2),  # LEGS>LONG before sat's long run
            ("sat", "am", "long_120", 2),  # TAPER-LONG: as long as w1's
            ("thu", "am", "full_body_light_45", 3),  # RACE-LEGS: 3 days before
            ("fri", "am", "easy_75", 3),  # RACE-EASY: 2 days before
        ],
    )
    result = solve(data, work_limit=1)
    counted = count(_as_json(result, plan))
    mine = coach_objections(plan).coach_objections
    assert mine == counted
    assert {k: counted[k] for k in (
        "LONG-SHARE", "PAD", "LEGS-CONSEC", "LEGS>LONG", "LONG>HARD", "RACE-LEGS", "RACE-EASY",
        "TAPER-LONG", "OVER-ASKED", "FIRST-WEEK", "NO-HEAVY", "QUALITY-FIT",
    )} == {
        "LONG-SHARE": 2, "PAD": 1, "LEGS-CONSEC": 3, "LEGS>LONG": 1, "LONG>HARD": 1,
        "RACE-LEGS": 1, "RACE-EASY": 1, "TAPER-LONG": 1, "OVER-ASKED": 1, "FIRST-WEEK": 1,
        "NO-HEAVY": 0, "QUALITY-FIT": 0,
    }  # fmt: skip


def test_the_counters_see_the_taper_before_race_week() -> None:
    """TAPER-WEEK and RACE-SHARPEN (a coach's review of the blocks): a half whose week
    before race week runs as much as the week before it, and a 60-minute tempo in race
    week where a 40-minute one is on offer. Both counters, and the rule's own check, find
    each once; the same plan with a 40-minute tempo and a shorter week 2 has neither."""
    from hybridplan.core.objections import coach_objections
    from hybridplan.core.rules import race_taper
    from hybridplan.models import Plan
    from hybridplan.models.rules import RaceTaper

    data = input_from_dict(
        {
            "name": "no-taper",
            "weeks": 3,
            "start": "2027-01-04",
            "race": {"date": "2027-01-24", "distance": "half"},
            "phases": ["build", "peak", "taper"],
            "availability": {d: {"am": 120, "pm": 120} for d in DAYS},
            "targets": {"runs": [0, 9], "strength": [0, 2], "quality_runs": [0, 9]},
            "include": ["long", "easy", "tempo"],
        }
    )  # fmt: skip

    def plan_of(week2_easy: str, tempo: str) -> Plan:
        return Plan.from_placements(data, [
            ("tue", "am", "easy_60", 1), ("thu", "am", "easy_60", 1),
            ("sat", "am", "long_90", 1),
            ("tue", "am", week2_easy, 2), ("thu", "am", "easy_60", 2),
            ("sat", "am", "long_60", 2),  # 67% of 90: no TAPER-LONG
            ("wed", "am", tempo, 3),  # 4 days before the race
        ])  # fmt: skip

    result = solve(data, work_limit=1)
    for week2_easy, tempo, found in (("easy_75", "tempo_60", 1), ("easy_30", "tempo_40", 0)):
        plan = plan_of(week2_easy, tempo)
        counted = count(_as_json(result, plan))
        assert coach_objections(plan).coach_objections == counted
        assert (counted["TAPER-WEEK"], counted["RACE-SHARPEN"]) == (found, found)
        own = race_taper.check(plan, RaceTaper(hard=True))
        assert len(own) == 2 * found, own
    # without a quality session of 45 minutes or less on offer, a longer one is no objection
    only_long = input_from_dict(
        {**data.scenario.model_dump(mode="json", exclude_unset=True), "include": ["tempo_60"]}
    )
    plan = Plan.from_placements(only_long, [("wed", "am", "tempo_60", 3)])
    assert count(_as_json(solve(only_long, work_limit=1), plan))["RACE-SHARPEN"] == 0
    assert coach_objections(plan).coach_objections["RACE-SHARPEN"] == 0
