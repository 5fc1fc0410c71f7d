"""Replanning after ordinary disruptions: 50 random mixes of done, missed and
unavailable on shipped and generated weeks. Each replan gives a plan whenever one exists
that keeps the hard rules without the count minimums (checked by a second solve with the
count rules switched off, and the plan itself by the rules' checks), never changes the
past, never puts a session where the athlete cannot be, and never calls a done session
dropped."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from helpers import SHIPPED_SCENARIOS, assert_agrees
from hybridplan import models
from hybridplan.batch.generate import generate
from hybridplan.core.solving import solve
from hybridplan.models.loading import input_from_result
from hybridplan.models.result import Result
from hybridplan.models.week import DAYS
from hybridplan.planner.replanning import Place, replan

COUNT_RULES = ("run_count", "strength_count", "long_run", "quality_runs", "mobility_count")
CASES = 50


def _weeks() -> list[models.PlanInput]:
    shipped = [
        models.load_plan_input(p) for p in SHIPPED_SCENARIOS if not p.name.startswith("infeasible")
    ]
    singles = [w for w in shipped if w.weeks == 1]
    generated = [
        models.input_from_dict(d)
        for d in generate(12, seed=3)
        if not d["name"].endswith("-infeasible")
    ]
    return singles + generated


@dataclass
class Disruption:
    done: list[Place]
    missed: list[Place]
    unavailable: list[Place]


def _disrupt(rng: random.Random, plan: Result) -> Disruption:
    """Some of the days before a cut went as planned or were missed; some places at or
    after it are gone (a whole day or one slot)."""
    cut = rng.randint(1, 5)
    before = [s for s in plan.sessions if DAYS.index(s.day) < cut]
    rng.shuffle(before)
    split = rng.randint(0, len(before))
    done = [(s.day, s.slot) for s in before[:split] if rng.random() < 0.7]
    missed = [(s.day, s.slot) for s in before[split:] if rng.random() < 0.6]
    later = [s for s in plan.sessions if DAYS.index(s.day) >= cut]
    unavailable: list[Place] = []
    for _ in range(rng.randint(0, 2)):
        if later and rng.random() < 0.7:
            s = rng.choice(later)
            unavailable.append((s.day, s.slot if rng.random() < 0.5 else None))
        else:
            unavailable.append((rng.choice(DAYS[cut:]), None))
    return Disruption(done, missed, unavailable)


def _without_count_minimums_has_a_plan(result: Result) -> bool:
    """The replanned week (its fixed past, pins and blocks) under the hard rules with the
    count rules switched off: a second opinion on whether any plan exists."""
    week = input_from_result(result)
    rules = week.rules.with_overrides({rid: {"enabled": False} for rid in COUNT_RULES})
    return solve(week.with_rules(rules), time_limit=60, deterministic_time=5).found


def _cases() -> list[tuple[int, int]]:
    rng = random.Random(14)
    n = len(_weeks())
    return [(rng.randrange(n), rng.randrange(10**6)) for _ in range(CASES)]


@pytest.fixture(scope="module")
def weeks() -> list[models.PlanInput]:
    return _weeks()


@pytest.fixture(scope="module")
def plans(weeks: list[models.PlanInput]) -> list[Result]:
    return [solve(w, time_limit=60, deterministic_time=5) for w in weeks]


@pytest.mark.parametrize(("index", "seed"), _cases())
def test_replan_after_random_disruptions(
    index: int, seed: int, weeks: list[models.PlanInput], plans: list[Result]
) -> None:
    previous = plans[index]
    assert previous.found
    change = _disrupt(random.Random(seed), previous)
    result = replan(previous, done=change.done, missed=change.missed,
                    unavailable=change.unavailable, time_limit=60)  # fmt: skip
    if not result.found:
        assert result.status == "infeasible"
        assert not _without_count_minimums_has_a_plan(result), change
        return
    assert_agrees(input_from_result(result), result)
    placed = {(s.day, s.slot): s.session for s in result.sessions}
    touched = [DAYS.index(d) for d, _ in change.done + change.missed]
    start = max(touched) + 1 if touched else 0
    for s in previous.sessions:  # the past stays as it happened
        if (s.day, s.slot) in change.missed:
            assert (s.day, s.slot) not in placed
        elif DAYS.index(s.day) < start or (s.day, s.slot) in change.done:
            assert placed.get((s.day, s.slot)) == s.session, (s.day, s.slot)
    for day, slot in change.missed + change.unavailable:  # nowhere the athlete cannot be
        assert not any(d == day and slot in (None, sl) for d, sl in placed), (day, slot)
    for day, slot in change.done:
        session = next(s.session for s in previous.sessions if (s.day, s.slot) == (day, slot))
        assert not any(
            line.startswith(f"dropped {session} ({day} {slot})") for line in result.changes
        )
    # a shortfall is priced and said, never hidden
    short = [p for p in result.penalties if p.rule == "shortfall"]
    assert all(" instead of " in p.detail for p in short)
