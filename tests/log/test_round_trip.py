"""The closed loop end to end: a block is solved, a season of activities is generated from
it with a coach's realistic noise (sessions missed, run long, cut short, one race nobody
planned), written as the files a watch and a log give (FIT, GPX, CSV), read back and
imported week by week; the plan adapts every week. Checked with code written from the
definitions, not the package's:

- the past never changes: every session dated up to the previous import's last day is
  where it was;
- the hard rules hold and the penalties are what the docs define (the reference checker,
  tests/reference, which shares no code with the package);
- the log says of each planned session what the season did to it;
- the loads and the form of the logged days are the published ones (session RPE x
  minutes; the 42- and 7-day exponentially weighted averages), summed here day by day.

The small block runs in the default suite; the 16-week marathon block in the slow run."""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from log.season import Done, season_week, tune_up_race, write_week
from log.test_adapting import BLOCK

from helpers import ROOT, assert_reference_agrees, solve_once
from hybridplan.log.adapting import import_activities
from hybridplan.log.importing import read_activities
from hybridplan.models.loading import read_result
from hybridplan.models.result import Result
from hybridplan.verify import verify_result


def expected_status(d: Done) -> str:
    """What a coach writes in the diary for a season's session."""
    if d.activity is None:
        return "missed"
    s = d.session
    wanted = s.minutes
    if s.kind == "strength" and s.prescription and s.prescription.minutes_estimate:
        wanted = min(wanted, s.prescription.minutes_estimate)
    return "partial" if d.activity.minutes < 0.75 * wanted else "done"


def form_by_hand(daily: list[float], fitness: float, fatigue: float) -> list[float]:
    """Banister's model day by day: X += (load - X) (1 - e^(-1/tau)); form = fitness -
    fatigue at each day's end."""
    out = []
    for load in daily:
        fitness += (load - fitness) * (1 - math.exp(-1 / 42))
        fatigue += (load - fatigue) * (1 - math.exp(-1 / 7))
        out.append(fitness - fatigue)
    return out


def round_trip(data: dict[str, Any], rules: str, tmp_path: Path, seed: int, work: float,
               race_week: int | None) -> list[Result]:  # fmt: skip
    _, block = solve_once(data, rules)
    assert block.found
    start = dt.date.fromisoformat(str(data["start"]))
    rng = random.Random(seed)
    plans = [block]
    through: dt.date | None = None
    for w in range(1, int(data["weeks"]) + 1):
        current = plans[-1]
        done = season_week(current.sessions, w, rng)
        sunday = start + dt.timedelta(days=7 * w - 1)
        extra = [tune_up_race(sunday - dt.timedelta(days=1), 44.5, 10.0)] if w == race_week else []
        files = write_week(done, extra, tmp_path / f"w{w:02d}")
        got = import_activities(current, read_activities(files), through=sunday, work_limit=work)
        new = got.result
        assert new.found, (w, new.status, new.message)
        # the past never changes
        if through is not None:
            before = {(s.week, s.day, s.slot, s.session) for s in current.sessions
                      if s.date is not None and s.date <= through}  # fmt: skip
            after = {(s.week, s.day, s.slot, s.session) for s in new.sessions
                     if s.date is not None and s.date <= through}  # fmt: skip
            assert after == before, w
        # the week just logged holds what was done in it, nothing else
        logged = {(s.week, s.day, s.slot, s.session) for s in new.sessions if s.week == w}
        kept = {(d.session.week, d.session.day, d.session.slot, d.session.session)
                for d in done if d.activity is not None}  # fmt: skip
        assert logged == kept, w
        # the hard rules and the penalties, from the definitions
        assert_reference_agrees(new)
        # the log says what the season did
        said = {e.uid: e.status for e in got.entries if e.uid}
        assert said == {d.session.uid: expected_status(d) for d in done}, w
        if extra:
            assert any("VDOT" in line for line in got.athlete_changes), got.athlete_changes
            assert new.input["scenario"]["athlete"]["recent_race"]["distance"] == "10k"  # type: ignore[index]
        through = sunday
        plans.append(new)
    # loads: session RPE x minutes of what was done (a whole number an activity, as a planned
    # session's), the planned session's RPE where the file holds none; form from the
    # scenario's history, day by day
    final = plans[-1]
    assert final.log is not None
    days = 7 * int(data["weeks"])
    daily = [0.0] * days
    rpe_of = {e.activity: s.load / s.minutes for e in final.log.entries
              for s in [next((x for p in plans for x in p.sessions if x.uid == e.uid), None)]
              if e.activity and s is not None}  # fmt: skip
    for a in final.log.activities:
        rpe = a.rpe if a.rpe is not None else rpe_of.get(a.fingerprint, 0)
        daily[(a.date - start).days] += round(a.minutes * rpe)  # whole, as a session's load
    history = data.get("history") or []
    fitness = sum(history[-6:]) / (7 * len(history[-6:])) if history else 0.0
    fatigue = history[-1] / 7 if history else 0.0
    check_form(final, daily, form_by_hand(daily, fitness, fatigue))
    # the adapted plan, its log and all, is a result file the next import can read
    path = tmp_path / "final.json"
    path.write_text(final.to_json())
    assert read_result(path, verify_result).log == final.log
    return plans


def check_form(result: Result, daily: list[float], form: list[float]) -> None:
    """The package's form of the logged plan against the hand-made one."""
    from hybridplan.log.form import plan_form

    got = plan_form(result)
    assert [round(d.load) for d in got.days] == [round(x) for x in daily]
    assert [round(d.form, 6) for d in got.days] == [round(x, 6) for x in form]


def test_a_small_block_adapts_week_by_week(tmp_path: Path) -> None:
    plans = round_trip(dict(BLOCK), "balanced", tmp_path, seed=3, work=10.0, race_week=2)
    assert len(plans) == 5
    statuses = [e.status for e in plans[-1].log.entries]  # type: ignore[union-attr]
    assert {"done", "missed", "extra"} <= set(statuses)


@pytest.mark.slow
def test_a_marathon_block_adapts_week_by_week(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "scenarios" / "marathon-block-16w.yaml").read_text())
    plans = round_trip(data, "balanced", tmp_path, seed=7, work=10.0, race_week=8)
    statuses = [e.status for e in plans[-1].log.entries]  # type: ignore[union-attr]
    assert {"done", "partial", "missed", "extra"} <= set(statuses)
