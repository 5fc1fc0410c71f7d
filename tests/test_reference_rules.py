"""The reference checker (tests/reference/rules.py): every rule written again from the
README's definitions, reading only a result's JSON and the catalogue file, sharing no code
with hybridplan.

- it covers every rule of the catalogue, at the catalogue's levels, and imports nothing
  from hybridplan;
- every shipped scenario under the four built-in sets, a sample of generated weeks and race
  blocks, and random weeks (with races, pins, bans, blocks, previous plans, two weeks and
  the load rules) solve to plans it finds feasible, with the solver's penalty per rule;
- hand-built plans that break each hard rule are caught, and hand-priced plans cost what
  the definitions say (so the checker is seen to fail where it should, not only to agree).

The brute-force and property tests use it too (tests/core/test_bruteforce.py,
tests/core/test_properties.py)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import rules as reference

from helpers import (
    BUILTIN_RULE_SETS,
    SESSION_IDS,
    SHIPPED_SCENARIOS,
    assert_reference_agrees,
    generated_sample_params,
    random_scenario,
    result_data,
    rule_set,
    run,
    scenario,
    shipped_params,
    solve_once,
    week,
)
from hybridplan import models
from hybridplan.core.checking import check_plan
from hybridplan.models import Plan, PlanInput, Result
from hybridplan.models.week import DAYS


def priority_breaks(wk: PlanInput, result: Result) -> int:
    """Penalties of the priced coach objections in a result (one each)."""
    priority = {rid for rid, cfg in wk.rule_items() if cfg.priority}
    return sum(1 for p in result.penalties if p.rule in priority)


def assert_agrees_with_reference(wk: PlanInput, result: Result) -> None:
    if not result.found:
        assert result.sessions == []
        return
    report = assert_reference_agrees(result)
    assert report.breaks == priority_breaks(wk, result)


# ------------------------------------------------------------------------------ the checker
def test_the_reference_covers_every_rule_at_its_level() -> None:
    assert set(reference.RULES) == set(models.RULE_CONFIGS)
    for rid, cls in models.RULE_CONFIGS.items():
        if issubclass(cls, models.rules.CoachRuleConfig):
            assert rid in reference.COACH
        elif cls.LEVEL == "hard":
            assert rid in reference.HARD
        else:
            assert rid in reference.SOFT
        if cls.AUTOMATIC:
            assert reference.AUTOMATIC[rid] == {
                k: v for k, v in cls().model_dump().items() if k != "enabled"
            }


def test_the_reference_imports_nothing_from_hybridplan() -> None:
    """Only the standard library and yaml: the definitions are its own."""
    source = Path(reference.__file__).read_text()
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    assert modules <= set(sys.stdlib_module_names) | {"yaml", "__future__"}, modules
    assert "hybridplan" not in source.replace("imports nothing from hybridplan", "")


# ------------------------------------------------------------------------------ solved plans
@pytest.mark.parametrize(("path", "rules"), shipped_params(SHIPPED_SCENARIOS, BUILTIN_RULE_SETS))
def test_shipped_scenarios(path: Path, rules: str) -> None:
    # solved once for this module and tests/core/test_coach_objections.py
    wk, result = solve_once(path, rules)
    assert result.found != path.name.startswith("infeasible")
    assert_agrees_with_reference(wk, result)


@pytest.mark.parametrize(
    ("data", "rules"), generated_sample_params(("balanced", "stacked", "strict"))
)
def test_generated_weeks_and_race_blocks(data: dict[str, Any], rules: str) -> None:
    assert_agrees_with_reference(*solve_once(data, rules))


ENTRIES = ["long", "easy", "tempo", "mobility", "recovery", "upper_45", "lower_heavy_60"]


@st.composite
def richer_scenario(draw: st.DrawFn) -> dict[str, Any]:
    """A random week (helpers.random_scenario) with what it lacks: a race, a pin, a ban (of
    an entry or a length), a block, a previous plan, a second week with its phases, the
    load rules and other parameters of the block and race rules."""
    data = draw(random_scenario(max_slots=6))
    override = data["rules"]["override"]
    weeks = draw(st.sampled_from([1, 1, 2]))
    if weeks > 1:
        data["weeks"] = weeks
        phases = ["base", "build", "peak", "taper", "deload", "offseason"]
        data["phases"] = draw(st.lists(st.sampled_from(phases), min_size=2, max_size=2))
    if draw(st.integers(0, 2)) == 0:
        data["race"] = {"distance": draw(st.sampled_from(["5k", "10k", "half", "marathon"]))}
    days, slots = st.sampled_from(DAYS), st.sampled_from(["am", "pm"])
    ids = st.sampled_from(data.get("include") or SESSION_IDS)
    if draw(st.booleans()):
        data["fixed"] = [{"day": draw(days), "slot": draw(slots), "session": draw(ids)}]
    if draw(st.booleans()):
        data["forbid"] = [{"day": draw(days), "session": draw(st.sampled_from(ENTRIES))}]
    if draw(st.booleans()):
        data["blocked"] = [{"day": draw(days), "slot": draw(slots)}]
    if draw(st.booleans()):
        data["previous"] = [
            {"day": draw(days), "slot": draw(slots), "session": draw(ids)}
            for _ in range(draw(st.integers(1, 3)))
        ]
    if draw(st.booleans()):
        override["monotony"] = {"limit": draw(st.sampled_from([1.0, 1.55, 2.0, 1.333]))}
    if draw(st.booleans()):
        override["acute_chronic"] = {"low": 0.8, "high": draw(st.sampled_from([1.0, 1.3]))}
        data["history"] = draw(st.lists(st.integers(0, 3000), max_size=4))
    if draw(st.booleans()):
        override["race_week"] = {"eve_minutes": draw(st.sampled_from([0, 30, 45]))}
    if draw(st.booleans()):
        override["long_run_peak"] = {"hard": draw(st.booleans())}
    if draw(st.booleans()):
        data["targets"]["mobility"] = draw(st.sampled_from([0, 1, [0, 2]]))
    if draw(st.booleans()):  # the opt-in race_form, judged with a history
        low = draw(st.sampled_from([-10, 0, 5]))
        override["race_form"] = {"low": low, "high": low + draw(st.sampled_from([10, 20]))}
        data["history"] = draw(st.lists(st.integers(0, 3000), min_size=1, max_size=6))
    return data


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(richer_scenario())
def test_random_weeks_agree_with_the_reference(data: dict[str, Any]) -> None:
    try:
        wk = models.input_from_dict(data)
    except models.InputError:  # e.g. a pin on a day the race takes
        return
    assert_agrees_with_reference(wk, run(wk, time_limit=10.0))


# ------------------------------------------------------------------------------ wrong plans
Place = tuple[str, str, str] | tuple[str, str, str, int]


def judged(data: dict[str, Any], rules: Any, *placed: Place) -> tuple[Any, Any]:
    """A hand-built plan judged by the reference checker (from its JSON) and by the rules'
    own checks."""
    wk = week(data, rules)
    plan = Plan.from_placements(wk, placed)
    return reference.check(result_data(wk, plan)), check_plan(plan)


WIDE = {d: {"am": 120, "pm": 120} for d in DAYS}
TWO_WEEKS = {"weeks": 2, "phases": ["build", "deload"]}
RACE = {"race": {"distance": "10k"}}  # on the last Sunday, in its first slot

# rule -> (scenario fields, rule parameters, placements that break the rule)
BROKEN: dict[str, tuple[dict[str, Any], dict[str, Any], list[Place]]] = {
    "availability": (
        {"availability": {"mon": {"am": 30}}}, {}, [("mon", "am", "easy_45")]),
    "one_per_slot": (
        {"availability": {"mon": {"am": 120, "mid": 120}},
         "slots": {"am": "06:00", "mid": "06:30"}},
        {}, [("mon", "am", "easy_60"), ("mon", "mid", "upper_45")]),
    "daily_sessions": (
        {}, {}, [("mon", "am", "easy_30"), ("mon", "pm", "easy_45")]),
    "weekly_minutes": (
        {"weekly_minutes": 60}, {}, [("mon", "am", "easy_30"), ("tue", "am", "easy_45")]),
    "run_count": ({"targets": {"runs": [2, 3]}}, {}, [("mon", "am", "easy_30")]),
    "strength_count": ({"targets": {"strength": 1}}, {}, [("mon", "am", "easy_30")]),
    "long_run": ({"targets": {"long_run": 1}}, {}, [("mon", "am", "easy_30")]),
    "quality_runs": ({"targets": {"quality_runs": 0}}, {}, [("mon", "am", "tempo_40")]),
    "mobility_count": ({"targets": {"mobility": 1}}, {}, [("mon", "am", "easy_30")]),
    "rest_days": (
        {"preferences": {"rest_days": ["sun"]}}, {}, [("sun", "am", "mobility_20")]),
    "hard_separation": (
        {}, {"hours": 24}, [("mon", "am", "tempo_40"), ("mon", "pm", "lower_heavy_60")]),
    "no_consecutive_hard_days": (
        {}, {}, [("mon", "pm", "upper_45"), ("mon", "am", "tempo_40"),
                 ("tue", "pm", "full_body_60")]),
    "legs_before_long_run": (  # heavy legs, moderate intensity: 11.25 h before
        {}, {"hours": 24, "legs": "heavy"},
        [("fri", "pm", "posterior_chain_45"), ("sat", "am", "long_90")]),
    "muscle_recovery": (
        {}, {"hard": True}, [("mon", "pm", "upper_45"), ("tue", "pm", "upper_45")]),
    "same_day_order": (
        {}, {"order": "run_first"}, [("mon", "am", "upper_45"), ("mon", "pm", "easy_30")]),
    "plyo_not_heavy": (
        {}, {}, [("mon", "am", "plyometrics_30"), ("mon", "pm", "lower_heavy_60")]),
    "phase_limits": (
        {**TWO_WEEKS, "phase_targets": {"deload": {"max_strength_intensity": "moderate"}}},
        {}, [("mon", "am", "full_body_60", 2)]),
    "run_progression": (
        {"weeks": 2}, {"percent": 10}, [("mon", "am", "easy_30"), ("mon", "am", "easy_45", 2)]),
    "deload": (TWO_WEEKS, {}, [("mon", "am", "easy_60"), ("mon", "am", "easy_60", 2)]),
    "race_day": (RACE, {}, [("sat", "am", "easy_30")]),
    "race_week": (RACE, {}, [("sun", "am", "race_10k"), ("thu", "am", "long_90")]),
    "re_ramp": (  # two quality runs the week after a re-ramped week
        {"weeks": 2, "basis": {1: {"minutes": 90, "run_minutes": 90, "long_run": 60,
                                   "reramped": True}}},
        {}, [("mon", "am", "tempo_40", 2), ("wed", "am", "intervals_45", 2)]),
    "pinned": (
        {"fixed": [{"day": "tue", "slot": "am", "session": "easy_45"}]},
        {}, [("tue", "am", "easy_30")]),
    "quality_spacing": (  # across the Sunday-Monday boundary
        {"weeks": 2}, {"hard": True},
        [("sun", "am", "hills_45"), ("mon", "am", "tempo_40", 2)]),
    "quality_before_long": (
        {}, {"hard": True}, [("fri", "pm", "tempo_40"), ("sat", "am", "long_90")]),
    "lift_after_hard_run": (
        {}, {"hard": True}, [("mon", "am", "intervals_45"), ("tue", "pm", "full_body_60")]),
    "legs_before_key_run": (
        {}, {"hard": True, "legs": "any"},
        [("mon", "pm", "lower_light_45"), ("tue", "am", "tempo_40")]),
    "lift_before_long_run": (
        {}, {"hard": True}, [("sat", "am", "upper_45"), ("sat", "pm", "long_90")]),
    "long_run_peak": (  # window weeks 1-4 hold 90 min; week 5 runs longer
        {"weeks": 6, **RACE, "phases": ["base", "base", "build", "build", "taper", "taper"]},
        {"hard": True},
        [("sun", "am", "race_10k", 6), ("sat", "am", "long_90", 3),
         ("sat", "am", "long_120", 5)]),
    "legs_consecutive": (
        {}, {"hard": True}, [("mon", "pm", "lower_heavy_60"), ("tue", "am", "full_body_light_45")]),
    "long_run_eve": (
        {}, {"hard": True}, [("sat", "am", "long_90"), ("fri", "pm", "full_body_light_45")]),
    "after_long_run": (
        {}, {"hard": True}, [("sat", "am", "long_90"), ("sun", "am", "tempo_40")]),
    "race_taper": (  # a leg lift 2 days before a 10k
        RACE, {"hard": True}, [("sun", "am", "race_10k"), ("fri", "pm", "bodyweight_lower_30")]),
    "long_share": (  # 90 of 135 running minutes
        {}, {"hard": True}, [("tue", "am", "easy_45"), ("sat", "am", "long_90")]),
    "short_runs": (
        {}, {"hard": True}, [("mon", "am", "recovery_20"), ("wed", "am", "recovery_20")]),
    "first_week": (  # 180 load points against a history of 100
        {"history": [100, 100]}, {"hard": True},
        [("mon", "am", "easy_30"), ("wed", "am", "easy_30")]),
    "heavy_lifts": ({}, {"hard": True}, [("mon", "am", "upper_45")]),
    "quality_fit": (  # hills in a 10k's taper week: off its menu (intervals, tempo)
        {"weeks": 2, **RACE}, {"hard": True},
        [("sun", "am", "race_10k", 2), ("tue", "am", "intervals_45", 1),
         ("tue", "am", "hills_45", 2)]),
}  # fmt: skip


# short of a minimum: the plan without its last session breaks the rule as well
SHORT = (
    "run_count", "strength_count", "long_run", "mobility_count", "race_day", "pinned",
    "heavy_lifts",
)  # fmt: skip


def tiny(fields: dict[str, Any]) -> dict[str, Any]:
    fields = dict(fields)
    return scenario(fields.pop("availability", WIDE), None, **fields)


@pytest.mark.parametrize("rule", list(BROKEN))
def test_a_plan_that_breaks_a_hard_rule_is_caught(rule: str) -> None:
    fields, params, placed = BROKEN[rule]
    data, rules = tiny(fields), rule_set((rule, params))
    ours, theirs = judged(data, rules, *placed)
    assert list(ours.violations) == [rule], ours.violations
    assert {v.rule for v in theirs.violations} == {rule}  # the rules' own check agrees
    assert ours.problems == []
    if rule not in SHORT:  # the finding is that of the last session with the others
        fine, _ = judged(data, rules, *placed[:-1])
        assert fine.violations == {}, fine.violations


def test_every_hard_rule_has_a_broken_plan() -> None:
    # shortfall with `hard: true` keeps the count rules' minimums hard: a plan short of one
    # breaks that count rule (test_shortfall_prices_what_a_replan_could_not_keep)
    assert set(reference.HARD + reference.COACH) - {"shortfall"} == set(BROKEN)


def test_shortfall_prices_what_a_replan_could_not_keep() -> None:
    """README: with a previous plan the week's count minimums are priced, `weight` points
    per session short; the maximums stay hard; `hard: true` makes the minimums hard again."""
    placed = [("mon", "am", "easy_30"), ("tue", "am", "easy_45")]
    fields = {
        "targets": {"runs": [4, 5], "long_run": 1},
        "previous": [{"day": d, "slot": sl, "session": sid} for d, sl, sid in placed],
    }
    priced = rule_set("run_count", "long_run", ("shortfall", {"weight": 100}))
    ours, theirs = judged(tiny(fields), priced, *placed)
    # 2 runs of at least 4 (2 short) and no long run of 1 (1 short); nothing moved
    assert ours.violations == {} and ours.problems == []
    assert ours.penalties == {"shortfall": 300}, ours.details
    assert theirs.by_rule() == {"shortfall": 300}
    assert ours.breaks == 2  # a coach objection, solved first
    hard = rule_set("run_count", "long_run", ("shortfall", {"weight": 100, "hard": True}))
    ours, theirs = judged(tiny(fields), hard, *placed)
    assert set(ours.violations) == {"run_count", "long_run"}
    assert {v.rule for v in theirs.violations} == {"run_count", "long_run"}
    too_many = [*placed, ("wed", "am", "easy_30"), ("thu", "am", "easy_30"),
                ("fri", "am", "easy_30"), ("sat", "am", "easy_30")]  # fmt: skip
    ours, _ = judged(tiny(fields), priced, *too_many)
    assert set(ours.violations) == {"run_count"}  # 6 runs: the maximum of 5 stays hard


# Soft rules priced by hand: (rule and parameters, scenario fields, placements, points).
PRICED: dict[str, tuple[Any, dict[str, Any], list[Place], int]] = {
    # calves 2 + 3 = 5 sets against [8, 10]: 3 short; chest 0 against [2, 4]: 2 short
    "set_volume": (("set_volume", {"weight": 10}),
                   {"targets": {"sets": {"calves": [8, 10], "chest": [2, 4]}}},
                   [("mon", "am", "lower_heavy_60"), ("wed", "am", "lower_light_45")], 50),
    # heavy legs 14 h before the long run; a moderate lift before a tempo is endorsed
    "run_quality": (("run_quality", {"weight": 20, "hours": 24, "legs": "any"}), {},
                    [("fri", "am", "posterior_chain_45"), ("fri", "pm", "tempo_40"),
                     ("sat", "pm", "lower_heavy_60"), ("sun", "am", "long_90")], 20),
    # Mon and Tue strength (5), Tue lift with the hard run (5), Thu lift before the tempo
    # that day is endorsed (upper_45 is moderate)
    "spread": (("spread", {"weight": 5}), {},
               [("mon", "am", "upper_45"), ("tue", "am", "intervals_45"), ("tue", "pm", "core_30"),
                ("thu", "am", "upper_45"), ("thu", "pm", "tempo_40")], 10),
    # 105 running minutes, 95 short of 200 (one week: nothing is too much)
    "run_volume": (("run_volume", {"weight": 1}), {"targets": {"run_minutes": 200}},
                   [("mon", "am", "easy_60"), ("wed", "am", "easy_45")], 95),
    # a single build week wants 90-120: long_60 is 30 short
    "long_run_length": (("long_run_length", {"weight": 2}), {"targets": {"long_run": 1}},
                        [("sat", "am", "long_60")], 60),
    "mobility": (("mobility", {"weight": 10, "min_sessions": 2}), {},
                 [("mon", "am", "mobility_20")], 10),
    # the long run on Sunday (wanted Saturday), a session on the rest day Friday, and a lift
    # before a run on Monday with run_first
    "preferences": (("preferences", {"weight": 15, "order": "run_first"}),
                    {"preferences": {"long_run_day": "sat", "rest_days": ["fri"]}},
                    [("sun", "am", "long_90"), ("fri", "am", "core_30"), ("mon", "am", "upper_45"),
                     ("mon", "pm", "easy_30")], 45),
    # 7 equal daily loads: standard deviation 0, monotony infinite
    "monotony": (("monotony", {"weight": 10, "limit": 2.0}), {},
                 [(d, "am", "easy_30") for d in DAYS], 10),
    # this week 90 (easy_30); history 900, 900, 900: ratio 4 x 90 / 2790 = 0.13 < 0.8
    "acute_chronic": (("acute_chronic", {"weight": 10}), {"history": [900, 900, 900]},
                      [("mon", "am", "easy_30")], 10),
    # fitness and fatigue 200 from the history, then six days of rest: fitness 173.4,
    # fatigue 84.9, form 88.5, 45.1 load units above 25% of fitness: 46 units
    "race_form": (("race_form", {"weight": 2, "low": 5, "high": 25}),
                  {**RACE, "history": [1400] * 6}, [("sun", "am", "race_10k")], 92),
    # upper_45 moved (one change) and easy_30 replaced by easy_45 (two changes)
    "stability": (("stability", {"weight": 10}),
                  {"previous": [{"day": "mon", "slot": "am", "session": "upper_45"},
                                {"day": "tue", "slot": "am", "session": "easy_30"}]},
                  [("wed", "am", "upper_45"), ("tue", "am", "easy_45")], 30),
    # coach objections, priced: a quality run the day before the long run
    "quality_before_long": (("quality_before_long", {"weight": 100}), {},
                            [("fri", "am", "tempo_40"), ("sat", "am", "long_90")], 100),
    "muscle_recovery": (("muscle_recovery", {"weight": 100, "hours": 44, "min_sets": 3}), {},
                        [("mon", "pm", "lower_heavy_60"), ("wed", "am", "posterior_chain_45"),
                         ("thu", "pm", "upper_45")], 100),
}  # fmt: skip


@pytest.mark.parametrize("name", list(PRICED))
def test_hand_priced_plans(name: str) -> None:
    item, fields, placed, points = PRICED[name]
    ours, theirs = judged(tiny(fields), rule_set(item), *placed)
    assert ours.violations == {} and ours.problems == []
    assert ours.penalties == {item[0]: points}, ours.details
    assert theirs.by_rule() == {item[0]: points}
    assert ours.breaks == (len(ours.details) if item[0] in reference.COACH else 0)


def test_acute_chronic_judges_training_and_not_a_planned_drop() -> None:
    """README "Rules": the race's own load is not training load, and deload and taper weeks
    are not judged below `low` (their drop is planned); a spike is judged in every week."""
    rules = rule_set(("acute_chronic", {"weight": 10}))
    easy = [("mon", "am", "easy_30")]  # load 90
    cases = [
        # 4 x 90 / (2700 + 90) = 0.13: detraining in a build week, planned in the others
        ({"phase": "build", "history": [900, 900, 900]}, easy, 10),
        ({"phase": "deload", "history": [900, 900, 900]}, easy, 0),
        ({"phase": "taper", "history": [900, 900, 900]}, easy, 0),
        # 4 x 90 / (30 + 90) = 3.0: a spike pays in a deload week too
        ({"phase": "deload", "history": [10, 10, 10]}, easy, 10),
        # race week: training 90 against (270 + 90) / 4 is 1.0; the 10k's own load aside
        ({**RACE, "history": [90, 90, 90]}, [*easy, ("sun", "am", "race_10k")], 0),
        # nor is race week judged low, whatever its phase: 4 x 90 / 2790 = 0.13
        (
            {**RACE, "phase": "build", "history": [900, 900, 900]},
            [*easy, ("sun", "am", "race_10k")],
            0,
        ),
        # the race does not hide a training spike either: 4 x 90 / (30 + 90) = 3.0
        ({**RACE, "history": [10, 10, 10]}, [*easy, ("sun", "am", "race_10k")], 10),
    ]
    for fields, placed, points in cases:
        ours, theirs = judged(tiny(fields), rules, *placed)
        assert ours.violations == {} and ours.problems == [], (fields, ours.violations)
        assert ours.penalties == ({"acute_chronic": points} if points else {}), (fields, ours)
        assert theirs.by_rule() == ours.penalties, fields


def test_what_the_reference_found() -> None:
    """The two definitions the solver had wrong (README against the code), now fixed:
    a ban of an entry bans every length, and a session replaced by another is two
    changes. The reference sees both in the solver's own plans of these weeks."""
    banned = scenario(
        {"sat": {"am": 150}, "sun": {"am": 150}},
        ["long", "easy_30"],
        targets={"runs": [1, 2], "long_run": 1},
        preferences={"long_run_day": "sat"},
        forbid=[{"day": "sat", "session": "long"}],
    )
    swapped = scenario(
        {"mon": {"am": 60}, "tue": {"am": 60}},
        ["upper_45", "core_30"],
        targets={"strength": 1},
        previous=[{"day": "mon", "slot": "am", "session": "upper_45"}],
        blocked=[{"day": "mon"}],
    )
    for data, rules in (
        (banned, rule_set("availability", "run_count", "long_run", "preferences")),
        (swapped, rule_set("availability", "strength_count", ("stability", {"weight": 10}))),
    ):
        wk = week(data, rules)
        assert_agrees_with_reference(wk, run(wk))
    ours, _ = judged(banned, rule_set("pinned"), ("sat", "am", "long_120"))
    assert list(ours.violations) == ["pinned"]
