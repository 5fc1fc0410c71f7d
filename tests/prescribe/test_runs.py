"""Run prescriptions: steps that add up to the session on every shipped scenario and on
generated weeks, work that grows over a block and eases in deload and taper weeks, paces
or efforts, heart-rate zones, the race at race pace, miles."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from helpers import ROOT, SHIPPED_SCENARIOS, solve_once
from hybridplan import solve
from hybridplan.batch.generate import generate
from hybridplan.models import (
    InputError,
    PlanInput,
    Result,
    SessionOut,
    input_from_dict,
    load_plan_input,
)
from hybridplan.models.athlete import MILE_KM, Athlete, pace_seconds
from hybridplan.models.prescription import Prescription
from hybridplan.prescribe import attach, prescribe
from hybridplan.prescribe.paces import athlete_paces

ATHLETE = {
    "recent_race": {"distance": "10k", "time": "45:00"},
    "max_hr": 188,
    "lifts": {"back_squat": 100, "deadlift": 120, "bench_press": 70},
}
STEP_KINDS = {"warmup", "work", "recovery", "cooldown", "steady"}


def load(name: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "scenarios" / name).read_text())
    return {**data, **extra}


def out(week: PlanInput, session: str, number: int = 1) -> SessionOut:
    """A session of `week`'s catalogue placed in week `number` (no solving needed)."""
    t = week.sessions[session]
    return SessionOut(
        week=number, day="wed", slot="am", start="06:30", minutes=t.minutes, session=t.id,
        kind=t.kind, intensity=t.intensity, run_type=t.run_type,
        legs=t.legs if t.is_strength else None, sets=dict(t.sets), load=t.load,
    )  # fmt: skip


def in_week(week: PlanInput, session: str, number: int = 1) -> Prescription:
    """The prescription of `session` in week `number` beside a runner's usual week around
    it (three of the catalogue's longest easy runs and its longest long run): Daniels'
    limits are shares of the week's running, which a session alone would be all of."""

    def longest(kind: str) -> str:
        found = [t for t in week.sessions.values() if t.run_type == kind]
        return max(found, key=lambda t: t.minutes).id

    filler = [longest("easy")] * 3 + ([longest("long")] if session.split("_")[0] != "long" else [])
    sessions = [out(week, session, number)] + [out(week, sid, number) for sid in filler]
    return prescribe(week, sessions)[0]


def check_session(s: SessionOut) -> None:
    p = s.prescription
    assert p is not None and p.summary
    assert sum(st.minutes for st in p.steps) == s.minutes, (s.session, p.steps)
    assert all(st.minutes >= 1 and st.kind in STEP_KINDS for st in p.steps)
    if s.kind == "strength" and s.sets:
        assert p.sets_by_muscle() == {m: n for m, n in s.sets.items() if n}, s.session


def check_result(result: Result) -> None:
    assert result.found
    for s in result.sessions:
        check_session(s)
    Result.model_validate(result.to_dict())  # the contract's own checks agree


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=[p.name for p in SHIPPED_SCENARIOS])
@pytest.mark.parametrize("athlete", [None, ATHLETE], ids=["no athlete", "athlete"])
def test_steps_add_up_on_every_shipped_scenario(path: Any, athlete: Any) -> None:
    week = load_plan_input(path)
    if athlete is not None:
        scenario = week.scenario.model_copy(update={"athlete": Athlete.model_validate(athlete)})
        week = PlanInput.build(scenario, week.rules)
    # the plan the other modules' tests share (the athlete changes only its content), its
    # content computed here for this athlete
    result = attach(solve_once(path)[1].model_copy(deep=True), week)
    if "infeasible" in path.name:
        assert not result.found
        return
    check_result(result)


@pytest.mark.parametrize("count", [200])
def test_every_session_on_offer_in_generated_weeks_adds_up(count: int) -> None:
    """Every session each of 200 generated weeks offers, in every week of the plan (no
    solving: all that the solver could place), with and without the athlete."""
    checked = 0
    for data in generate(count, seed=13, blocks=count // 20):
        try:
            week = input_from_dict({**data, "athlete": ATHLETE})
        except InputError:
            continue  # the generator's infeasible-by-construction inputs
        plain = PlanInput.build(week.scenario.model_copy(update={"athlete": None}), week.rules)
        for w in {1, week.weeks, (week.weeks + 1) // 2}:
            sessions = [out(week, sid, w) for sid in week.sessions]
            for which in (week, plain):
                for s, p in zip(sessions, prescribe(which, sessions), strict=True):
                    s.prescription = p
                    check_session(s)
                    checked += 1
    assert checked > 10_000


def _solved_generated(count: int) -> None:
    for data in generate(count, seed=3):
        result = solve({**data, "athlete": ATHLETE}, time_limit=10)
        if result.found:
            check_result(result)


def test_solved_generated_weeks_add_up() -> None:
    _solved_generated(25)


@pytest.mark.slow
def test_200_solved_generated_weeks_add_up() -> None:
    _solved_generated(200)


def block() -> PlanInput:
    return input_from_dict(load("marathon-block-16w.yaml", athlete=ATHLETE))


def work_minutes(s: SessionOut) -> int:
    assert s.prescription is not None
    return sum(st.minutes for st in s.prescription.steps if st.kind == "work")


def test_work_grows_over_a_block_and_eases_in_deload_and_taper_weeks() -> None:
    week = block()
    phases = week.phases
    for session in ("tempo_50", "intervals_60", "hills_45"):
        sessions = [out(week, session, w) for w in range(1, week.weeks + 1)]
        for s in sessions:
            s.prescription = in_week(week, session, s.week)
        work = [work_minutes(s) for s in sessions]
        loaded = [work[w] for w, ph in enumerate(phases) if ph in ("base", "build", "peak")]
        assert loaded == sorted(loaded) and loaded[-1] > loaded[0], (session, work)
        for w, ph in enumerate(phases):
            if ph in ("deload", "taper"):
                assert work[w] < max(work[:w]), (session, w + 1, work)


def test_long_runs_finish_at_marathon_pace_in_build_peak_and_taper_weeks_only() -> None:
    """The domain's RACE-QUALITY: a marathon's peak weeks hold marathon-pace work; it grows
    through build and holds in the peak, and the taper's long run before race week finishes
    with 15% at M (every long run of the block written as a 150). The
    goal (3:59:00, 5:40/km) is no faster than this athlete's easy running (a 45:00 10k), so
    M is the VDOT's (test_race_goal.py has the goal's M)."""
    week = block()
    sessions = [out(week, "long_150", w) for w in range(1, week.weeks + 1)]
    mp: list[int] = []
    assert "peak" in week.phases
    for s in sessions:
        p = in_week(week, "long_150", s.week)
        phase = week.phases[s.week - 1]
        m = [st for st in p.steps if st.kind == "work"]
        if phase == "taper" and s.week != week.race_week:  # a rehearsal: 15% of the 150
            assert len(m) == 1 and "marathon pace" in m[0].note and m[0].minutes == 20
            continue
        if phase in ("build", "peak"):
            assert len(m) == 1 and "marathon pace" in m[0].note
            paces = athlete_paces(week.scenario.athlete)
            assert paces is not None and m[0].pace is not None
            assert pace_seconds(m[0].pace[0]) < paces.marathon < pace_seconds(m[0].pace[1])
            mp.append(m[0].minutes)
        else:
            assert [st.kind for st in p.steps] == ["steady"], phase
    assert mp == sorted(mp) and mp[-1] > mp[0]


def test_a_beginners_half_meets_marathon_pace_in_the_peak_weeks_only() -> None:
    """A beginner (at most one quality run a week) runs the long runs easy until the peak,
    whose long runs finish at M pace (the shipped beginner's half)."""
    week = input_from_dict(load("beginner-half-10w.yaml", athlete=ATHLETE))
    sessions = [out(week, "long_90", w) for w in range(1, week.weeks)]
    for s, p in zip(sessions, prescribe(week, sessions), strict=True):
        marathon = [st for st in p.steps if st.kind == "work" and "marathon" in st.note]
        assert bool(marathon) == (week.phases[s.week - 1] == "peak"), s.week


def test_easy_and_long_runs_are_one_steady_step_at_easy_pace() -> None:
    week = input_from_dict(load("marathon-build.yaml", athlete=ATHLETE, phase="base"))
    paces = athlete_paces(week.scenario.athlete)
    assert paces is not None
    for sid in ("easy_45", "long_120", "recovery_30"):
        s = out(week, sid)
        (p,) = prescribe(week, [s])
        (step,) = p.steps
        assert step.kind == "steady" and step.pace is not None
        if sid != "recovery_30":
            assert step.pace == tuple(f"{round(x) // 60}:{round(x) % 60:02d}" for x in paces.easy)
        assert step.zone is not None and re.fullmatch(r"Z[12](-Z2)? \d+-\d+ bpm", step.zone)


def test_without_athlete_inputs_steps_give_effort_instead_of_pace() -> None:
    data = load("marathon-build.yaml")
    data.pop("athlete", None)  # the shipped scenario gives its runner's race time
    week = input_from_dict(data)
    for sid in ("tempo_40", "intervals_45", "easy_45", "long_90"):
        (p,) = prescribe(week, [out(week, sid)])
        assert all(st.pace is None for st in p.steps)
        for st in p.steps:
            # a rep under 3 minutes, or a jog between reps, is held by effort: no zone
            if st.kind == "recovery" or (st.kind == "work" and st.minutes < 3):
                assert st.zone is None
            else:
                assert st.zone and re.fullmatch(r"Z[1-5]", st.zone)
        assert all("RPE" in st.note for st in p.steps)
        assert "/km" not in p.summary


def test_tempo_steps_are_written_out_with_threshold_pace_and_zone() -> None:
    week = input_from_dict(load("marathon-build.yaml", athlete=ATHLETE))
    p = in_week(week, "tempo_50")
    kinds = [st.kind for st in p.steps]
    assert kinds[0] == "warmup" and kinds[-1] == "cooldown"
    work = [st for st in p.steps if st.kind == "work"]
    rest = [st for st in p.steps if st.kind == "recovery"]
    assert len(rest) == len(work) - 1 >= 1  # repeats written out
    assert all(st.pace == ("4:34", "4:40") for st in work)  # T 4:37 +- 3 s
    assert all(st.zone == "Z4 165-175 bpm" for st in work)  # 88-93% of 188
    assert f"{len(work)} x {work[0].minutes} min at 4:37/km (T)" in p.summary


def test_the_race_is_one_step_at_race_pace() -> None:
    week = input_from_dict(load("marathon-block-16w.yaml", athlete=ATHLETE))
    race = out(week, "race_marathon", week.weeks)
    (p,) = prescribe(week, [race])
    (step,) = p.steps
    assert step.minutes == race.minutes == 239
    per_km = (3 * 3600 + 59 * 60) / 42.195  # the scenario's finish, 3:59:00
    assert step.pace is not None
    assert pace_seconds(step.pace[0]) < per_km < pace_seconds(step.pace[1])
    # no finish given: the VDOT's prediction (a 45:00 10k: about a 3:27 marathon)
    data = load("marathon-block-16w.yaml", athlete=ATHLETE)
    data["race"] = {"date": "2027-03-21", "distance": "marathon"}
    week = input_from_dict(data)
    race = out(week, "race_marathon", week.weeks)  # the session: 270 min without a finish
    (p,) = prescribe(week, [race])
    (run,) = [st for st in p.steps if st.kind == "work"]
    assert run.pace is not None and "4:5" in run.pace[0]
    # the race as long as the prediction takes, a warm-up and a cool-down around it
    assert [st.kind for st in p.steps] == ["warmup", "work", "cooldown"]
    assert 200 <= run.minutes <= 210 and sum(st.minutes for st in p.steps) == race.minutes


def test_miles_switch_every_pace() -> None:
    km = input_from_dict(load("marathon-build.yaml", athlete=ATHLETE))
    mile = input_from_dict(load("marathon-build.yaml", athlete={**ATHLETE, "pace_unit": "mile"}))
    (a,) = prescribe(km, [out(km, "tempo_50")])
    (b,) = prescribe(mile, [out(mile, "tempo_50")])
    assert [st.minutes for st in a.steps] == [st.minutes for st in b.steps]
    for x, y in zip(a.steps, b.steps, strict=True):
        if x.pace is not None and y.pace is not None:
            mile = pace_seconds(x.pace[0]) * MILE_KM
            assert pace_seconds(y.pace[0]) == pytest.approx(mile, abs=2)
    assert "/mi" in b.summary


@pytest.mark.parametrize("five_k", ["24:00", "32:00", "36:00", "40:00"])
def test_a_slow_runners_easy_running_is_walk_run(five_k: str) -> None:
    """Below VDOT 30 (Daniels-Gilbert, tests/reference/daniels.py) easy, long and recovery
    runs alternate running and 1-minute walks: 4 min from VDOT 25, 2 below; above 30 they
    stay one steady step. The walks carry no pace and no heart rate."""
    from reference import daniels

    vdot = daniels.vdot_of(5000, daniels.clock_seconds(five_k))
    athlete = {"recent_race": {"distance": "5k", "time": five_k}, "max_hr": 188}
    # a base week: its long run is all easy (build's finishes at M pace, not walked)
    week = input_from_dict(load("marathon-build.yaml", athlete=athlete, phase="base"))
    for sid in ("easy_45", "long_120", "recovery_30"):
        s = out(week, sid)
        (p,) = prescribe(week, [s])
        assert sum(st.minutes for st in p.steps) == s.minutes
        walks = [st for st in p.steps if "walk" in st.note]
        if vdot >= 30:
            assert [st.kind for st in p.steps] == ["steady"] and not walks
            continue
        first = 4 if vdot >= 25 else 2
        assert walks and all(w.minutes == 1 and w.pace is None and w.zone is None for w in walks)
        runs = [st for st in p.steps if st.kind == "steady"]
        assert len(runs) == len(walks) + 1 and all(st.pace is not None for st in runs)
        assert p.steps[0].kind == p.steps[-1].kind == "steady"  # starts and ends running
        run = runs[-1].minutes
        assert first <= run <= first * 2.5
        assert all(st.minutes == run for st in runs[1:]) and run <= runs[0].minutes <= 2 * run + 1
        assert "walk-run" in p.summary


def test_walk_run_grows_through_a_block_and_its_long_runs_stay_walk_run() -> None:
    """A VDOT-26 beginner's half (5k in 34:00): the running between walks grows from 4 to
    10 minutes through the loaded weeks, never shrinking from one loaded week to the next,
    and every long run stays walk-run (no continuous marathon-pace finish)."""
    athlete = {"recent_race": {"distance": "5k", "time": "34:00"}}
    week = input_from_dict(load("beginner-half-10w.yaml", athlete=athlete))
    easy = max((t for t in week.sessions.values() if t.run_type == "easy"), key=lambda t: t.minutes)
    longest = max(
        (t for t in week.sessions.values() if t.run_type == "long"), key=lambda t: t.minutes
    )
    segments = []
    for w, phase in enumerate(week.phases, start=1):
        if w == week.race_week:
            continue
        for t in (easy, longest):
            (p,) = prescribe(week, [out(week, t.id, w)])
            assert all(st.kind in ("steady", "recovery") for st in p.steps), (w, t.id)
            assert any("walk" in st.note for st in p.steps), (w, t.id)
        run = [st for st in p.steps if st.kind == "steady"][-1].minutes
        if phase in ("base", "build", "peak"):
            segments.append(run)
    assert segments == sorted(segments) and segments[0] == 4 and segments[-1] >= 9


@pytest.mark.parametrize("finish", ["1:45:00", "1:38:30"])
def test_a_half_blocks_peak_long_runs_finish_at_half_marathon_pace(finish: str) -> None:
    """Race-specific quality for a half: the peak's long runs finish at the
    race's half-marathon pace; build's at M, unless the race pace is no faster than M (a
    1:45:00 goal, 4:59/km, for a 45:00 10k runner whose M is 4:55): then at the race pace
    too, so that no finish trains a pace faster than the race's."""
    week = input_from_dict(
        {**load("half-block-12w.yaml", athlete=ATHLETE), "race": {
            **load("half-block-12w.yaml")["race"], "finish": finish}}
    )  # fmt: skip
    h, m, sec = (int(x) for x in finish.split(":"))
    per_km = (h * 3600 + m * 60 + sec) / 21.0975
    slow = per_km >= 295  # the VDOT-45 athlete's M, 4:55/km
    seen = set()
    for w, phase in enumerate(week.phases, start=1):
        p = in_week(week, max((t for t in week.sessions.values() if t.run_type == "long"),
                              key=lambda t: t.minutes).id, w)  # fmt: skip
        work = [st for st in p.steps if st.kind == "work"]
        if (phase == "peak" or (phase == "build" and slow)) and work:
            assert "half-marathon pace" in work[0].note and "(HM)" in p.summary
            fast_end, slow_end = (pace_seconds(x) for x in work[0].pace or ())
            assert fast_end < per_km < slow_end
            seen.add(f"HM {phase}")
        elif phase == "build" and work:
            assert "marathon pace" in work[0].note and "half" not in work[0].note
            seen.add("M build")
        else:
            assert not work, (w, phase)
    assert seen == ({"HM build", "HM peak"} if slow else {"M build", "HM peak"})
