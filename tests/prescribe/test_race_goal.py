"""Race pace from the goal, checked with the Daniels-Gilbert equations
written out here (no code shared with hybridplan.prescribe): the race runs as long as its
goal (the scenario's finish) or, without one, the time the athlete's VDOT predicts for the
distance; the session's other minutes are a warm-up and a cool-down; a marathon block's
marathon-pace work is at the race's pace, unless that is no faster than the athlete's easy
running (then at the pace the VDOT predicts)."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml

from helpers import ROOT, session_at
from hybridplan.models import SessionOut, input_from_dict
from hybridplan.prescribe import prescribe

METRES = {"5k": 5000, "10k": 10000, "half": 21097.5, "marathon": 42195}


def vdot(metres: float, seconds: float) -> float:
    """Daniels and Gilbert (Oxygen Power, 1979): VO2 of the speed over the share of VO2max
    sustainable for the time."""
    t = seconds / 60
    v = metres / t
    vo2 = -4.60 + 0.182258 * v + 0.000104 * v * v
    share = 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)
    return vo2 / share


def predicted(value: float, metres: float) -> float:
    """The time (s) over `metres` whose VDOT is `value`, by bisection."""
    low, high = 60.0, 60.0 * 60 * 12
    for _ in range(100):
        mid = (low + high) / 2
        if vdot(metres, mid) > value:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def seconds(pace: str) -> int:
    m, s = pace.split(":")
    return int(m) * 60 + int(s)


def _race(data: dict[str, Any], session: str) -> tuple[Any, SessionOut]:
    week = input_from_dict(data)
    t = week.sessions[session]
    s = session_at(t, week.weeks, "sun")
    (p,) = prescribe(week, [s])
    return p, s


@pytest.mark.parametrize("finish", [None, "3:59:00", "3:25:00", "3:15:00"])
def test_a_marathon_runs_as_long_as_its_goal_or_prediction(finish: str | None) -> None:
    """A goal within 2% faster than the VDOT's prediction (3:28:2x for a 45:00 10k) or
    slower is raced at; a faster one (3:15:00 needs VDOT 48.5) is not: the race runs at the
    prediction and says what the goal needs."""
    data = yaml.safe_load((ROOT / "scenarios" / "marathon-block-16w.yaml").read_text())
    data["athlete"] = {"recent_race": {"distance": "10k", "time": "45:00"}}
    data["race"] = {k: v for k, v in data["race"].items() if k != "finish"}
    if finish is not None:
        data["race"]["finish"] = finish
    p, s = _race(data, "race_marathon")
    h, m, sec = (int(x) for x in (finish or "0:0:0").split(":"))
    prediction = predicted(vdot(10000, 45 * 60), 42195)
    goal = h * 3600 + m * 60 + sec if finish else prediction
    if goal < 0.98 * prediction:  # beyond the athlete's fitness: raced at the prediction
        assert f"the goal {finish} needs VDOT {vdot(42195, goal):.1f}" in p.summary
        goal = prediction
    elif finish is not None and goal > 1.08 * prediction:
        assert "a safe goal" in p.summary
    else:
        assert "(" not in p.summary.split("about")[-1]  # nothing said of the goal
    work = [st for st in p.steps if st.kind == "work"]
    assert len(work) == 1 and work[0].pace is not None
    per_km = goal / 42.195
    assert seconds(work[0].pace[0]) <= per_km <= seconds(work[0].pace[1]) + 1
    assert sum(st.minutes for st in p.steps) == s.minutes
    if goal / 60 < s.minutes - 1:
        assert abs(work[0].minutes - goal / 60) <= 1
        assert [st.kind for st in p.steps] == ["warmup", "work", "cooldown"]
    else:
        assert work[0].minutes == s.minutes
    # a marathon block's M work is at the race's pace
    week = input_from_dict(data)
    t = week.sessions["long_150"]
    peak = week.phases.index("peak") + 1
    long_run = session_at(t, peak, "sun")
    (lp,) = prescribe(week, [long_run])
    (mp,) = [st for st in lp.steps if st.kind == "work"]
    (easy,) = [st for st in lp.steps if st.kind == "steady"]
    assert mp.pace is not None and easy.pace is not None
    # M at the race's pace when that is faster than easy running; else (a goal slower than
    # the athlete's easy pace) at the VDOT's predicted marathon pace: M is never easy
    expected = per_km
    if per_km >= seconds(easy.pace[0]):
        expected = predicted(vdot(10000, 45 * 60), 42195) / 42.195
    assert seconds(mp.pace[0]) <= expected <= seconds(mp.pace[1]) + 1
    assert seconds(mp.pace[1]) < seconds(easy.pace[0])


def test_a_half_without_a_finish_runs_as_long_as_its_prediction() -> None:
    """The shipped half block without its finish: 1:45-ish for a 45:00 10k (VDOT 45), not
    the session's 130 minutes at race pace (27.5 km, as before)."""
    data = yaml.safe_load((ROOT / "scenarios" / "half-block-12w.yaml").read_text())
    data["athlete"] = {"recent_race": {"distance": "10k", "time": "45:00"}}
    data["race"] = {k: v for k, v in data["race"].items() if k != "finish"}
    race = next(k for k in input_from_dict(data).sessions if k.startswith("race_"))
    p, s = _race(data, race)
    goal = predicted(vdot(10000, 45 * 60), 21097.5)
    (work,) = [st for st in p.steps if st.kind == "work"]
    assert abs(work.minutes - goal / 60) <= 1
    assert work.pace is not None
    km = work.minutes * 60 / seconds(work.pace[0]), work.minutes * 60 / seconds(work.pace[1])
    assert km[1] - 0.3 <= 21.0975 <= km[0] + 0.3  # the distance, not more
    assert sum(st.minutes for st in p.steps) == s.minutes
