"""What makes a week's search faster must leave its optimum as it was: the
redundant cuts for spread's consecutive-day pairs (core/rules/spread.py), the week's CP-SAT
parameters (solving.WEEK_PARAMS) and the candidates the hard rules rule out left out of
the model (model.build_model, the rules' `rules_out`). The cut's counting claim is
checked here by enumeration, from its definition; the solver's optima with and without all
three, on generated weeks too big to enumerate."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from hybridplan.batch.generate import generate
from hybridplan.core import model as model_building
from hybridplan.core import solving
from hybridplan.core.model import build_model
from hybridplan.core.rules import spread
from hybridplan.core.solving import as_week, solve
from hybridplan.models import InputError

WORK = 20.0  # deterministic seconds: every week below is proven well within it


def test_lifts_on_a_run_of_days_make_at_least_2s_minus_k_minus_1_neighbours() -> None:
    """s lifts (at most one a day) on k calendar days: at least 2s - k - 1 pairs of them on
    consecutive days, and some placement has exactly that many (the cut is tight)."""
    for k in range(1, 8):
        for s in range(0, k + 1):
            counts = []
            for days in combinations(range(k), s):
                chosen = set(days)
                counts.append(sum(1 for d in chosen if d + 1 in chosen))
            want = max(0, 2 * s - k - 1)
            assert min(counts) >= want, (k, s)
            assert min(counts) == want, (k, s)


def _weeks() -> list[Any]:
    out = []
    for data in generate(40, seed=5):
        try:
            out.append(as_week(data, "balanced"))
        except InputError:
            continue
    return out


WEEKS = _weeks()


def _order(result: Any, week: Any) -> tuple[str, int, int, int]:
    priority = {rid for rid, cfg in week.rule_items() if cfg.priority}
    return (
        result.status,
        sum(1 for p in result.penalties if p.rule in priority),
        sum(p.amount for p in result.penalties),
        sum(t.amount for t in result.coach_preference_terms),
    )


def _constraints(week: Any) -> int:
    return len(build_model(week).model.Proto().constraints)


def test_the_cuts_reach_the_generated_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    # the comparison below says something only where the cuts are added
    full = [_constraints(w) for w in WEEKS]
    monkeypatch.setattr(spread, "_consecutive_cuts", lambda ctx: None)
    bare = [_constraints(w) for w in WEEKS]
    assert all(f >= b for f, b in zip(full, bare, strict=True))
    assert sum(1 for f, b in zip(full, bare, strict=True) if f > b) >= len(WEEKS) // 2


def test_the_ruled_out_candidates_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # the comparison below says something only where candidates are left out
    kept = [len(build_model(w).candidates) for w in WEEKS]
    monkeypatch.setattr(model_building, "rules_out", lambda rule_id: None)
    every = [len(build_model(w).candidates) for w in WEEKS]
    assert every == [len(list(w.candidates())) for w in WEEKS]
    assert all(k < e for k, e in zip(kept, every, strict=True))


@pytest.mark.parametrize("index", range(0, 40, 4))
def test_the_cuts_and_the_week_parameters_keep_the_optimum(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if index >= len(WEEKS):
        pytest.fail(f"only {len(WEEKS)} generated weeks could be read")
    week = WEEKS[index]
    fast = solve(week, time_limit=600, deterministic_time=WORK)
    monkeypatch.setattr(spread, "_consecutive_cuts", lambda ctx: None)
    monkeypatch.setattr(solving, "WEEK_PARAMS", {})
    monkeypatch.setattr(model_building, "rules_out", lambda rule_id: None)
    plain = solve(week, time_limit=600, deterministic_time=WORK)
    assert _order(fast, week) == _order(plain, week)
    if fast.status != "infeasible":
        assert fast.status == "optimal" and fast.coach_preference_optimal


def test_no_cut_where_two_lifts_a_day_are_allowed() -> None:
    """The count holds only with at most one lift a day: with `max_strength: 2`, four
    lifts on Monday and Wednesday (two each) make pairs the cut does not expect. The week
    must stay feasible, at its penalty: 5 per pair of lifts on the same or consecutive
    days, Monday's and Wednesday's two pairs."""
    from helpers import assert_agrees, rule_set, run, scenario, week

    data = scenario(
        {"mon": {"am": 60, "pm": 60}, "wed": {"am": 60, "pm": 60}},
        ["upper_45", "core_30"],
        targets={"strength": 4},
    )
    rules = rule_set(
        "availability",
        ("daily_sessions", {"max_strength": 2}),
        "strength_count",
        ("spread", {"weight": 5}),
    )
    wk = week(data, rules)
    result = run(wk)
    assert result.status == "optimal", result.message
    assert result.objective == 10
    assert_agrees(wk, result)
