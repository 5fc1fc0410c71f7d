"""Plans of several weeks: one timeline (spacing across Sunday-Monday), per-week targets,
budgets and rest days, per-week availability, and the checks on every week."""

from __future__ import annotations

import re
from typing import Any

import pytest

from helpers import assert_agrees, rule_set, run, scenario, week
from hybridplan.core.checking import check_plan
from hybridplan.models import InputError, Plan


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


def test_phases_come_from_the_race_and_change_the_targets() -> None:
    from hybridplan.models import load_plan_input

    wk = load_plan_input("scenarios/marathon-block-16w.yaml")
    assert wk.phases == [
        "base",
        "base",
        "base",
        "deload",
        "build",
        "build",
        "build",
        "deload",
        "build",
        "build",
        "build",
        "deload",
        "peak",
        "peak",
        "taper",
        "taper",
    ]
    base, deload, taper = wk.targets_for(1), wk.targets_for(4), wk.targets_for(16)
    assert (base.strength.min, base.strength.max) == (2, 3)
    assert {(r.min, r.max) for r in base.sets.values()} == {(6, 10)}
    # running minutes ramp from 10 points below base's level to peak's 110%, from the
    # athlete's 240 raised to 277 so that the marathon's 150-minute long run is at most half
    # of a week 2-5 weeks out (progression.running_base): 80% of 277 and 110% of it
    ramp = [wk.targets_for(w).run_minutes for w in range(1, 17)]
    assert ramp[0] == 220 and ramp[13] == 305
    assert max(ramp[10:14]) >= 2 * 150
    loaded = [r for r, p in zip(ramp, wk.phases, strict=True) if p in ("base", "build", "peak")]
    assert loaded == sorted(loaded)
    assert all(ramp[w - 1] <= 0.8 * ramp[w - 2] for w in (4, 8, 12))  # deloads cut
    assert ramp[15] <= 0.7 * max(ramp)  # race week (the race aside)
    assert (deload.strength.min, deload.strength.max) == (1, 2)
    assert wk.phase_targets(16).max_strength_intensity == "moderate"
    assert (taper.quality_runs.min, taper.quality_runs.max) == (1, 1)
    build = wk.targets_for(5)
    assert build.runs == wk.scenario.targets.runs and build.sets == wk.scenario.targets.sets
    assert wk.targets_for(16).long_run == 0  # race week: the race, no long run


def test_the_shipped_block_is_planned_and_checked() -> None:
    """Feasible is enough here; the agreement tests also check it under every rule set."""
    from hybridplan.models import load_plan_input

    wk = load_plan_input("scenarios/marathon-block-16w.yaml")
    result = run(wk, time_limit=30)
    assert result.found
    assert_agrees(wk, result)
    weeks = {s.week for s in result.sessions}
    assert weeks == set(range(1, 17))
    long_runs = {s.week: s.minutes for s in result.sessions if s.run_type == "long"}
    # the peak falls 2-5 weeks before race week (LONG-PEAK) and is at most half its week
    peak_week = max(long_runs, key=lambda w: (long_runs[w], -w))
    assert 11 <= peak_week <= 14 and long_runs[peak_week] >= 150, long_runs
    ran = {w: sum(s.minutes for s in result.sessions if s.week == w and s.kind == "run"
                  and s.run_type != "race") for w in long_runs}  # fmt: skip
    assert all(2 * long_runs[w] <= ran[w] for w in long_runs if result.phases[w - 1] in (
        "base", "build", "peak"))  # fmt: skip
    taper = [s for s in result.sessions if s.week in (15, 16) and s.kind == "strength"]
    assert all(s.intensity != "hard" for s in taper)
    assert result.phases[3] == "deload" and len(result.phases) == 16
    from hybridplan.outputs.export import export
    from hybridplan.outputs.render import week_rows

    rows = week_rows(result)
    assert [r["week"] for r in rows] == list(range(1, 17))
    assert sum(r["load"] for r in rows) == result.summary.load  # type: ignore[misc]
    assert export(result, "png").startswith(b"\x89PNG")


def test_race_date_must_end_the_plan() -> None:
    data = scenario(
        {"mon": {"am": 60}},
        weeks=2,
        start="2026-11-30",
        race={"date": "2026-12-31", "distance": "10k"},
    )
    with pytest.raises(InputError, match=r"race\.date: 2026-12-31 falls in week 5"):
        week(data, rule_set("availability"))
    assert week(
        data | {"race": {"date": "2026-12-13", "distance": "10k"}}, rule_set("availability")
    ).phases == ["build", "taper"]


def test_replanning_a_block_touches_only_what_it_must() -> None:
    """Missed and done places name the current week: later weeks' sessions on the same
    weekday stay where they were (before a fix, every week's session on that weekday was
    treated as missed)."""
    from hybridplan.models import load_plan_input
    from hybridplan.planner.replanning import replan

    first = run(load_plan_input("scenarios/marathon-block-16w.yaml"), time_limit=30)
    # a lift, so running progression into week 2 cannot force later changes
    missed = next(s for s in first.sessions if s.week == 1 and s.kind != "run" and s.day != "mon")
    again = replan(first, missed=[(missed.day, missed.slot)], work_limit=10)
    assert again.found

    def later(r: object) -> set[tuple[int, str, str, str]]:
        return {(s.week, s.day, s.slot, s.session) for s in r.sessions if s.week > 1}  # type: ignore[attr-defined]

    assert later(again) == later(first)
    assert again.changes and not [c for c in again.changes if re.search(r"\bw\d+ ", c)]
