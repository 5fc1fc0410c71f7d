"""Quality work within Daniels' limits, and growing without dips, held
to tests/reference/daniels.py, written from the definitions with no code shared with
hybridplan.prescribe:

- every paced step is at the pace Daniels' equations give the athlete's VDOT (T, I, the
  easy and recovery bands, M: the marathon's race pace when it is faster than easy running,
  the race: the goal's pace unless it is more than 2% faster than the VDOT predicts);
- one session's T, I, R and M work, and one week's T + I + R, within the limits, each step
  read at the centre of its pace band (at the reference VDOT 40's pace, where a step has no
  pace), over every week of every shipped scenario's plan and of 20 generated race blocks
  with every run session they offer in every week (no solving: all the solver could place);
- through a block's loaded weeks, each kind of quality session holds as much work as the
  one before it, unless one more rep would break a limit or not fit the session.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from reference import daniels

from helpers import SHIPPED_SCENARIOS, session_at, solve_once
from hybridplan.batch.generate import generate
from hybridplan.models import InputError, PlanInput, Result, input_from_dict, load_plan_input
from hybridplan.models.athlete import Athlete
from hybridplan.prescribe import attach, prescribe

ATHLETE = {"recent_race": {"distance": "10k", "time": "45:00"}, "max_hr": 188}
TOLERANCE = 0.01  # a pace printed to the second, a minute's rounding
HARD = ("threshold", "interval", "repetition")
LOADED = ("base", "build", "peak", "offseason")
STRIDE_SECONDS = 20
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


class Reader:
    """Reads a plan's run steps as distance, from the scenario alone."""

    def __init__(self, scenario: dict[str, Any]) -> None:
        athlete = scenario.get("athlete") or {}
        self.mile = athlete.get("pace_unit") == "mile"
        vdot = daniels.athlete_vdot(athlete)
        self.known = vdot is not None
        self.paces = daniels.paces(vdot if vdot is not None else daniels.REFERENCE_VDOT)
        race = scenario.get("race") or {}
        self.distance = race.get("distance")
        finish = race.get("finish")
        self.goal = (
            daniels.clock_seconds(finish) / (daniels.RACE_METRES[self.distance] / 1000)
            if finish and self.distance in daniels.RACE_METRES
            else None
        )
        # the pace the race is run at: the goal's, unless it is more than 2% faster than
        # the VDOT predicts (then the prediction's); without a goal, the prediction's
        self.race: float | None = self.goal
        if vdot is not None and self.distance in daniels.RACE_METRES:
            metres = daniels.RACE_METRES[self.distance]
            predicted = daniels.predicted_seconds(vdot, metres) / (metres / 1000)
            if self.goal is None or self.goal < 0.98 * predicted:
                self.race = predicted

    def limit_of(self, intensity: str, pace: float) -> str:
        """Half-marathon pace counts under T's limit when faster than M, else under M's."""
        if intensity == "half":
            return "threshold" if pace < self.paces["marathon"] else "marathon"
        return intensity

    def intensity(self, run_type: str, step: dict[str, Any]) -> str:
        kind = step["kind"]
        if kind in ("warmup", "cooldown"):
            return "easy"
        if kind == "recovery":
            return "recovery"
        if kind == "steady":
            if run_type == "recovery":
                return "recovery"
            if run_type == "tempo" and "short" in step["note"]:
                return "threshold"
            return "easy"
        if run_type == "long" and "half-marathon pace" in step["note"]:
            return "half"
        return {
            "tempo": "threshold", "intervals": "interval", "hills": "repetition",
            "strides": "stride", "long": "marathon", "race": "race",
        }[run_type]  # fmt: skip

    def per_km(self, step: dict[str, Any], intensity: str) -> float:
        """Seconds per km a step is read at: its band's centre, else the reference pace."""
        if step.get("pace"):
            fast, slow = (_seconds(p) for p in step["pace"])
            centre = (fast + slow) / 2
            return centre / daniels.MILE if self.mile else centre
        return self.paces[intensity]

    def km(self, run_type: str, step: dict[str, Any]) -> dict[str, float]:
        """Distance of a step by intensity (a stride: 20 s at R, the rest of its minute easy)."""
        intensity = self.intensity(run_type, step)
        seconds = step["minutes"] * 60
        if intensity == "stride":
            return {
                "repetition": STRIDE_SECONDS / self.paces["repetition"],
                "easy": (seconds - STRIDE_SECONDS) / self.paces["easy"],
            }
        return {intensity: seconds / self.per_km(step, intensity)}


def _training(result: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    weeks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in result["sessions"]:
        if s["kind"] == "run" and s["run_type"] != "race" and s.get("prescription"):
            weeks[s["week"]].append(s)
    return weeks


def limit_problems(result: dict[str, Any], scenario: dict[str, Any]) -> list[str]:
    """Every session and week over a limit, in words ([] when none)."""
    reader = Reader(scenario)
    problems = []
    for week, sessions in sorted(_training(result).items()):
        total = 0.0
        works = []
        for s in sessions:
            work: dict[str, float] = defaultdict(float)
            minutes: dict[str, float] = defaultdict(float)
            for step in s["prescription"]["steps"]:
                for intensity, km in reader.km(s["run_type"], step).items():
                    total += km
                    limit = reader.limit_of(intensity, step["minutes"] * 60 / km)
                    if limit in daniels.SESSION_LIMITS:  # whatever the step's kind
                        work[limit] += km
                        minutes[limit] += step["minutes"]
            works.append((s, work, minutes))
        hard = 0.0
        for s, work, minutes in works:
            for intensity, km in work.items():
                share, cap_km, cap_minutes = daniels.SESSION_LIMITS[intensity]
                allowed = min(share * total, cap_km) * (1 + TOLERANCE)
                where = f"week {week} {s['day']} {s['session']} {intensity}"
                if km > allowed:
                    problems.append(f"{where}: {km:.2f} km > {allowed:.2f} of {total:.1f}")
                if minutes[intensity] > cap_minutes:
                    problems.append(f"{where}: {minutes[intensity]} min > {cap_minutes}")
                if intensity in HARD:
                    hard += km
        if hard > daniels.WEEK_HARD * total * (1 + TOLERANCE):
            problems.append(f"week {week}: hard {hard:.2f} km of {total:.1f}")
    return problems


def pace_problems(result: dict[str, Any], scenario: dict[str, Any]) -> list[str]:
    """Paced steps away from Daniels' paces for the athlete's VDOT (1.5 s per km: a pace
    printed to the second, per mile 1 s / 1.609)."""
    reader = Reader(scenario)
    p = reader.paces
    problems: list[str] = []
    if not reader.known:
        return problems
    for s in result["sessions"]:
        if s["kind"] != "run" or not s.get("prescription"):
            continue
        for step in s["prescription"]["steps"]:
            if not step.get("pace"):
                continue
            fast, slow = (_seconds(x) / (daniels.MILE if reader.mile else 1) for x in step["pace"])
            intensity = reader.intensity(s["run_type"], step)
            where = f"week {s['week']} {s['session']} {step['kind']} {intensity}"
            if intensity == "easy":
                expected = (p["easy_fast"], p["easy_slow"])
            elif intensity == "recovery":
                expected = (daniels.pace_at(daniels_vdot(scenario), 0.65),
                            daniels.pace_at(daniels_vdot(scenario), 0.59))  # fmt: skip
            else:
                centre = p.get(intensity, 0.0)
                if intensity == "marathon" and reader.distance == "marathon":
                    race = reader.race or p["marathon"]
                    centre = race if race < p["easy_fast"] else p["marathon"]
                if intensity in ("race", "half"):
                    centre = reader.race or 0.0
                if not centre:
                    problems.append(f"{where}: a pace where none is due")
                    continue
                middle = (fast + slow) / 2
                if abs(middle - centre) > 1.5:
                    problems.append(f"{where}: centre {middle:.1f} s/km, Daniels {centre:.1f}")
                continue
            if abs(fast - expected[0]) > 1.5 or abs(slow - expected[1]) > 1.5:
                problems.append(f"{where}: {fast:.1f}-{slow:.1f}, Daniels {expected}")
    return problems


def daniels_vdot(scenario: dict[str, Any]) -> float:
    vdot = daniels.athlete_vdot(scenario.get("athlete"))
    assert vdot is not None
    return vdot


def _with(week: PlanInput, athlete: dict[str, Any] | None) -> PlanInput:
    value = None if athlete is None else Athlete.model_validate(athlete)
    return PlanInput.build(week.scenario.model_copy(update={"athlete": value}), week.rules)


def _dicts(week: PlanInput, result: Result) -> tuple[dict[str, Any], dict[str, Any]]:
    return result.to_dict(), week.scenario.model_dump(mode="json", exclude_none=True)


SHIPPED = [p for p in SHIPPED_SCENARIOS if "infeasible" not in p.name]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
@pytest.mark.parametrize("athlete", [None, ATHLETE], ids=["no athlete", "athlete"])
def test_every_shipped_plan_keeps_daniels_limits_and_paces(
    path: Any, athlete: dict[str, Any] | None
) -> None:
    week = _with(load_plan_input(path), athlete)
    result = attach(solve_once(path)[1].model_copy(deep=True), week)
    assert result.found
    data, scenario = _dicts(week, result)
    assert limit_problems(data, scenario) == []
    assert pace_problems(data, scenario) == []


def _generated() -> list[dict[str, Any]]:
    return list(generate(0, 3, blocks=20))


def test_every_run_of_20_generated_blocks_keeps_daniels_limits_and_paces() -> None:
    """Every run session each block offers, all in every week of it: weeks fuller of quality
    than any plan (so the week's 20% binds), with and without the athlete."""
    checked = 0
    for data in _generated():
        try:
            base = input_from_dict(data)
        except InputError:
            continue
        slow = {"recent_race": {"distance": "5k", "time": "36:00"}}  # walk-run, VDOT 25
        for athlete in (None, ATHLETE, {"threshold_pace": "7:40", "pace_unit": "mile"}, slow):
            week = _with(base, athlete)
            runs = [t for t in week.sessions.values() if t.kind == "run"]
            sessions = [
                session_at(t, w, day) for w in range(1, week.weeks + 1)
                for t, day in zip(runs, DAYS * 4, strict=False)
            ]  # fmt: skip
            for s, p in zip(sessions, prescribe(week, sessions), strict=True):
                s.prescription = p
            result = {"sessions": [s.model_dump(mode="json") for s in sessions]}
            scenario = week.scenario.model_dump(mode="json", exclude_none=True)
            assert limit_problems(result, scenario) == [], data["name"]
            assert pace_problems(result, scenario) == [], data["name"]
            checked += len(sessions)
    assert checked > 2000


def test_the_limits_bind_a_low_volume_week_and_the_checker_sees_an_overflow() -> None:
    """A 10k runner's 150-minute week holds less T than the block's schedule asks for (the
    checker agrees), and the same session in a week of a third of the running is over."""
    from helpers import ROOT

    week = _with(load_plan_input(ROOT / "scenarios" / "10k-block-8w.yaml"), ATHLETE)
    tempo = next(t for t in week.sessions.values() if t.run_type == "tempo")
    easy = next(t for t in week.sessions.values() if t.run_type == "easy")
    last = week.weeks - 1  # a loaded week late in the block: 30 min of T wanted
    sessions = [session_at(tempo, last, "tue")]
    sessions += [session_at(easy, last, d) for d in ("wed", "thu")]
    for s, p in zip(sessions, prescribe(week, sessions), strict=True):
        s.prescription = p
    scenario = week.scenario.model_dump(mode="json", exclude_none=True)
    result = {"sessions": [s.model_dump(mode="json") for s in sessions]}
    assert limit_problems(result, scenario) == []
    first = sessions[0].prescription
    assert first is not None
    work = sum(st.minutes for st in first.steps if st.kind == "work")
    assert 5 <= work < 30
    lonely = {"sessions": result["sessions"][:1]}  # the tempo alone: its week a third
    assert any("threshold" in problem for problem in limit_problems(lonely, scenario))


def _work(s: dict[str, Any]) -> tuple[int, int, int]:
    """(work minutes, reps, minutes of the last rep) of a quality session."""
    work = [st for st in s["prescription"]["steps"] if st["kind"] == "work"]
    return sum(st["minutes"] for st in work), len(work), work[-1]["minutes"] if work else 0


BLOCKS = [p for p in SHIPPED if load_plan_input(p).weeks > 1]


@pytest.mark.parametrize("path", BLOCKS, ids=[p.name for p in BLOCKS])
def test_work_grows_through_loaded_weeks_unless_a_limit_or_the_session_binds(path: Any) -> None:
    week = _with(load_plan_input(path), ATHLETE)
    result = attach(solve_once(path)[1].model_copy(deep=True), week)
    data, scenario = _dicts(week, result)
    phases = data["phases"]
    reader = Reader(scenario)
    totals = {w: sum(km for s in ss for st in s["prescription"]["steps"]
                     for km in reader.km(s["run_type"], st).values())
              for w, ss in _training(data).items()}  # fmt: skip
    kinds = {"tempo": "threshold", "intervals": "interval", "hills": "repetition"}
    last: dict[str, int] = {}
    for s in sorted(data["sessions"], key=lambda s: (s["week"], DAYS.index(s["day"]))):
        if s.get("run_type") not in kinds or phases[s["week"] - 1] not in LOADED:
            continue
        work, _, rep = _work(s)
        kind = s["run_type"]
        before = last.get(kind)
        last[kind] = work
        if before is None or work >= before:
            continue
        share, cap_km, _ = daniels.SESSION_LIMITS[kinds[kind]]
        pace = reader.paces[kinds[kind]]
        allowed_minutes = min(share * totals[s["week"]], cap_km) * pace / 60
        room = s["minutes"] - max(2, s["minutes"] // 4)
        # one more rep and the rest before it: T 1 min per 5, I a minute under the rep,
        # hills the 2-minute jog down
        rest = {"tempo": max(1, rep // 5), "intervals": max(1, rep - 1), "hills": 2}[kind]
        one_more = work + rep + rest
        assert work + rep > allowed_minutes * (1 - TOLERANCE) or one_more > room, (
            f"week {s['week']} {kind}: {work} min after {before}, nothing binding"
        )


def test_a_short_tempo_and_a_spent_allowance_keep_the_limits() -> None:
    """A 14-minute tempo beside one 30-minute easy run (a review found it all at T, 38% of
    the week): its T minutes stay within 10%; a second tempo in a week whose allowance the
    first used becomes an easy run, not '1 min continuous at T'."""
    from helpers import ROOT

    week = _with(load_plan_input(ROOT / "scenarios" / "marathon-build.yaml"), ATHLETE)
    tempo = next(t for t in week.sessions.values() if t.run_type == "tempo")
    easy = next(t for t in week.sessions.values() if t.run_type == "easy")
    short = tempo.model_copy(update={"minutes": 14, "id": "tempo_14"})
    sessions = [session_at(short, 1, "tue"), session_at(easy, 1, "thu")]
    sessions[1] = sessions[1].model_copy(update={"minutes": 30})
    for s, p in zip(sessions, prescribe(week, sessions), strict=True):
        s.prescription = p
    scenario = week.scenario.model_dump(mode="json", exclude_none=True)
    result = {"sessions": [s.model_dump(mode="json") for s in sessions]}
    assert limit_problems(result, scenario) == []
    first = sessions[0].prescription
    assert first is not None and sum(st.minutes for st in first.steps) == 14
    # three tempos in a small week: the later ones find the allowance used
    many = [session_at(tempo, 1, d) for d in ("mon", "wed", "fri")]
    for s, p in zip(many, prescribe(week, many), strict=True):
        s.prescription = p
    texts = [s.prescription.summary for s in many if s.prescription]
    assert limit_problems({"sessions": [s.model_dump(mode="json") for s in many]}, scenario) == []
    assert not any(t.startswith("1 min") or " 1 min continuous" in t for t in texts), texts
    assert any("allowance is used" in t for t in texts), texts
