"""Plans a coach would hand out: the goal steers which sessions are offered, pins allow a
session in their slot only, priced coach objections happen only when the calendar leaves no
other way (solved first, not merely weighed), and ties of penalty go to the coach
preference, which explain lists."""

from __future__ import annotations

from typing import Any

from reference import rules as reference

from helpers import (
    ROOT,
    assert_agrees,
    generated_sample,
    rule_set,
    run,
    scenario,
    solve_once,
    week,
)
from hybridplan import explain
from hybridplan.core import preference
from hybridplan.models import Plan, input_from_dict

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _lifts(result: Any) -> list[str]:
    return [s.session for s in result.sessions if s.kind == "strength"]


def runner(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "runner",
        "availability": {d: {"am": 60, "pm": 60} for d in WEEK[:5]} | {"sat": {"am": 120}},
        "targets": {
            "runs": [4, 5],
            "strength": 2,
            "long_run": 1,
            "quality_runs": [0, 1],
            "sets": {"quads": [6, 9], "glutes": [6, 9], "chest": [6, 9], "back": [6, 9]},
        },
        "rules": "balanced",
    }
    return data | extra


def test_an_endurance_runner_gets_no_volume_days() -> None:
    """Volume days would meet these set targets best, but a runner in season maintains."""
    data = runner()
    inp = input_from_dict(data)
    assert inp.goal == "endurance"
    result = run(inp)
    assert result.found
    assert not [s for s in _lifts(result) if "hypertrophy" in s]
    assert result.metrics is not None and result.metrics.coach_objections["HYPER"] == 0
    strong = input_from_dict(data | {"goal": "strength"})
    assert any(
        inp.sessions[s].hypertrophy
        for s in strong.sessions
        if strong.offered and s in strong.offered
    )
    named = input_from_dict(data | {"include": ["upper_hypertrophy_60", "easy", "long"]})
    assert any(
        named.offers(slot, named.sessions["upper_hypertrophy_60"]) for slot in named.slots
    )  # named in include: offered whatever the goal


def test_a_gym_athlete_gets_the_gym_session_where_it_fits() -> None:
    """A 30-minute window takes a session with no gym (bodyweight, core or plyometrics); a
    60-minute one the gym session."""
    data = runner(
        availability={"mon": {"am": 30}, "wed": {"am": 60}, "sat": {"am": 120}},
        targets={"runs": 1, "strength": 2, "long_run": 1},
    )
    inp = input_from_dict(data)
    upper = inp.sessions["bodyweight_upper_30"]
    assert inp.offers(inp.slot_at("mon", "am"), upper)
    assert not inp.offers(inp.slot_at("wed", "am"), upper)
    result = run(inp)
    by_day = {s.day: s.session for s in result.sessions if s.kind == "strength"}
    assert inp.sessions[by_day["mon"]].equipment == "none"
    assert not by_day["wed"].startswith("bodyweight")
    assert result.metrics is not None and result.metrics.coach_objections["GYM-BW"] == 0


def test_a_pin_allows_its_session_in_its_slot_only() -> None:
    """No licence elsewhere: a pinned session that the scenario excludes (or that needs a gym the
    athlete lacks) is not offered anywhere else."""
    data = scenario(
        {d: {"am": 60, "pm": 60} for d in WEEK},
        targets={"runs": [0, 7], "strength": [0, 7]},
        exclude=["upper_45"],
        fixed=[{"day": "mon", "slot": "pm", "session": "upper_45"}],
    )
    inp = week(data, rule_set("availability", "pinned", "strength_count"))
    where = [s for s in inp.slots if inp.offers(s, inp.sessions["upper_45"])]
    assert [(s.day_name, s.name) for s in where] == [("mon", "pm")]
    gymless = scenario(
        {d: {"am": 60, "pm": 60} for d in WEEK},
        targets={"runs": [0, 7], "strength": [2, 7]},
        equipment="none",
        fixed=[{"day": "tue", "slot": "am", "session": "lower_heavy_60"}],
    )
    inp = week(gymless, rule_set("availability", "pinned", "strength_count"))
    result = run(inp)
    heavy = [(s.day, s.slot) for s in result.sessions if s.session == "lower_heavy_60"]
    assert heavy == [("tue", "am")]
    assert all(inp.sessions[s].equipment == "none" for s in _lifts(result) if s != "lower_heavy_60")


def test_a_priced_objection_happens_only_when_there_is_no_other_way() -> None:
    """Friday's 60-minute tempo before Saturday's long run (Q>LONG, 100) would be cheaper
    than Wednesday's 40-minute one (20 running minutes short at 10 each: 200). The solver
    keeps objections as few as the calendar allows first, so it pays the 200."""
    data = scenario(
        {"wed": {"am": 40}, "fri": {"am": 60}, "sat": {"am": 120}},
        ["tempo_40", "tempo_60", "long_120"],
        targets={"runs": 2, "quality_runs": 1, "long_run": 1, "run_minutes": 180},
    )
    rules = rule_set(
        "availability", "run_count", "quality_runs", "long_run",
        ("quality_before_long", {"weight": 100}), ("run_volume", {"weight": 10}),
    )  # fmt: skip
    wk = week(data, rules)
    result = run(wk)
    assert result.status == "optimal"
    assert [(s.day, s.session) for s in result.sessions] == [
        ("wed", "tempo_40"),
        ("sat", "long_120"),
    ]
    assert result.objective == 200
    assert result.metrics is not None and result.metrics.coach_objections["Q>LONG"] == 0
    assert_agrees(wk, result)
    # with no way around it (no Wednesday), the objection is taken and priced
    forced = week(data | {"availability": {"fri": {"am": 60}, "sat": {"am": 120}}}, rules)
    result = run(forced)
    assert [p.rule for p in result.penalties] == ["quality_before_long"]
    assert result.objective == 100


def test_ties_of_penalty_go_to_the_coach_preference_and_explain_lists_it() -> None:
    """Any day would do for this easy run at no penalty; the preference picks the shortest
    length (less_time) and a weekend long run, and explain shows the terms."""
    data = scenario(
        {d: {"am": 90} for d in WEEK},
        ["easy", "long"],
        targets={"runs": 2, "long_run": 1, "long_run_minutes": [90, 90]},
    )
    wk = week(data, rule_set("availability", "run_count", "long_run", "long_run_length"))
    result = run(wk)
    assert result.objective == 0 and result.coach_preference_optimal
    sessions = {s.session: s.day for s in result.sessions}
    assert "easy_30" in sessions and sessions["long_90"] in ("sat", "sun")
    assert result.coach_preference == 120  # 120 training minutes, nothing else
    why = explain(wk)
    assert why.analysis is not None
    assert [(t.rule, t.amount) for t in why.analysis.preference_terms] == [("less_time", 120)]


def test_two_quality_runs_of_a_week_are_of_two_kinds() -> None:
    """Two quality runs at no penalty either way: two 40-minute tempo runs would be the
    least time (80 against 85 minutes), but a coach varies the stimulus, so the tie goes
    to a tempo and intervals (run_variety 15 outweighs the 5 minutes)."""
    data = scenario(
        {d: {"am": 60} for d in WEEK},
        ["tempo_40", "intervals_45", "easy_30"],
        targets={"runs": 3, "quality_runs": 2},
    )
    wk = week(data, rule_set("availability", "run_count", "quality_runs"))
    result = run(wk)
    assert result.objective == 0 and result.coach_preference_optimal
    runs = sorted(s.session for s in result.sessions)
    assert runs == ["easy_30", "intervals_45", "tempo_40"]
    assert result.coach_preference == 115  # 115 training minutes, no repeat
    assert_agrees(wk, result)


def test_a_gym_athlete_lifts_heavy_though_the_light_circuit_is_shorter() -> None:
    """One lift a week at no penalty either way: the light circuit (here a 35-minute one)
    is 25 minutes shorter (less_time), but a hybrid athlete with a gym keeps heavy,
    low-volume key lifts (000), so key_lifts (30 per light circuit) decides for the heavy
    session. At 15 a circuit the shorter circuit won."""
    circuit = {
        "kind": "strength", "strength_type": "full_body", "minutes": 35, "rpe": 5,
        "intensity": "moderate", "legs": "light", "equipment": "gym",
        "sets": {"quads": 2, "hamstrings": 2, "glutes": 2, "chest": 2, "back": 2},
    }  # fmt: skip
    data = scenario(
        {d: {"am": 60} for d in WEEK},
        ["full_body_60", "circuit_35", "easy_30"],
        targets={"runs": 1, "strength": 1, "quality_runs": {"min": 0, "max": 2}},
        goal="hybrid",
        equipment="gym",
        sessions={"circuit_35": circuit},
    )
    wk = week(data, rule_set("availability", "run_count", "strength_count"))
    result = run(wk)
    assert result.objective == 0 and result.coach_preference_optimal
    lifts = [s for s in result.sessions if s.kind == "strength"]
    # written from the definition: hard, heavy legs, the catalogue's full-body key lift
    assert [(s.session, s.intensity, s.legs) for s in lifts] == [("full_body_60", "hard", "heavy")]
    assert result.coach_preference == 90  # 90 training minutes, no light circuit
    # a beginner (one quality run at most) is left to the light circuit: 65 minutes
    beginner = week(
        data | {"targets": {**data["targets"], "quality_runs": {"min": 0, "max": 1}}},
        rule_set("availability", "run_count", "strength_count"),
    )
    result = run(beginner)
    assert [s.session for s in result.sessions if s.kind == "strength"] == ["circuit_35"]
    assert result.coach_preference == 65
    assert_agrees(beginner, result)


def _repeats(runs: list[tuple[int, str | None]]) -> int:
    """From (week, run type) of each run alone: each tempo, intervals, hills or strides run
    after the first of its type in its week (README, the coach preference's run_variety)."""
    seen: dict[tuple[int, str | None], int] = {}
    for w, run_type in runs:
        if run_type in ("tempo", "intervals", "hills", "strides"):
            seen[(w, run_type)] = seen.get((w, run_type), 0) + 1
    return sum(n - 1 for n in seen.values())


def test_run_variety_counted_from_the_json_agrees_with_the_solver() -> None:
    """The term as the solver prices it (build and check) against a count from the result's
    sessions written from the definition, on generated weeks and race blocks."""
    solved = 0
    for data in generated_sample():
        _, result = solve_once(data)
        if not result.found:
            continue
        terms = [t for t in result.coach_preference_terms if t.rule == "run_variety"]
        runs = [(s.week, s.run_type) for s in result.sessions if s.kind == "run"]
        assert sum(t.amount for t in terms) == 15 * _repeats(runs), data["name"]
        solved += 1
    assert solved >= 20
    # a hand-built plan with a repeat: strides twice, one tempo
    hand = [("mon", "am", "strides_30"), ("tue", "am", "strides_30"), ("thu", "am", "tempo_40")]
    wk = week(scenario({d: {"am": 60} for d in WEEK}, None), rule_set("availability"))
    plan = Plan.from_placements(wk, hand)
    assert [(t.rule, t.amount) for t in preference.check(plan) if t.rule == "run_variety"] == [
        ("run_variety", 15)
    ]
    assert _repeats([(1, "strides"), (1, "strides"), (1, "tempo"), (2, "tempo")]) == 1


FAST = ("tempo", "intervals", "hills", "strides")


def _weeks_without_speed(result: dict[str, Any]) -> list[int]:
    """From the result's JSON alone, the reference's week targets beside it (README, the
    coach preference's speed_each_week): a race block's base, build and peak weeks before
    race week that allow a quality run and hold no tempo, intervals, hills or strides."""
    setting = reference.Setting(result["input"])
    sessions = result["sessions"]
    race = [s["week"] for s in sessions if s.get("run_type") == "race"]
    if not race or setting.weeks == 1:
        return []
    return [
        w
        for w in range(1, setting.weeks + 1)
        if w != race[0]
        and result["phases"][w - 1] in ("base", "build", "peak")
        and setting.targets(w)["quality_runs"][1] >= 1
        and not any(s["week"] == w and s.get("run_type") in FAST for s in sessions)
    ]


def test_speed_each_week_counted_from_the_json_agrees_with_the_solver() -> None:
    """The term as the solver prices it against a count written from the definition, on
    the generated sample's race blocks and the shipped race blocks."""
    blocks = [d for d in generated_sample() if d.get("race")]
    shipped = [ROOT / "scenarios" / f for f in ("beginner-half-10w.yaml", "10k-block-8w.yaml")]
    results = [solve_once(d)[1] for d in blocks] + [solve_once(p)[1] for p in shipped]
    assert len(results) >= 4
    for result in results:
        assert result.found
        terms = [t for t in result.coach_preference_terms if t.rule == "speed_each_week"]
        assert sum(t.amount for t in terms) == 15 * len(_weeks_without_speed(result.to_dict()))
    # the beginner's half: every loaded week with room for it holds some fast running (the
    # two peak weeks have none: 45 minutes of strides for the easy 60 would leave the week's
    # running 15 minutes short of its target within the 330 minutes, a priced shortfall)
    beginner = results[-2].to_dict()
    assert _weeks_without_speed(beginner) == [8, 9]
    # a hand-built two-week block without fast running: 15 for week 1 (build), none for
    # race week
    data = {
        "name": "two", "weeks": 2, "start": "2026-11-30",
        "race": {"distance": "10k", "date": "2026-12-13"},
        "availability": {d: {"am": 90} for d in WEEK},
    }  # fmt: skip
    wk = input_from_dict(data, "balanced")
    plan = Plan.from_placements(wk, [("tue", "am", "easy_45"), ("thu", "am", "easy_45")])
    found = [t for t in preference.check(plan) if t.rule == "speed_each_week"]
    assert [(t.amount, t.detail.split(":")[0]) for t in found] == [(15, "w1")]
