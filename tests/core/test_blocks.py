"""Long blocks: the bound a block reports is a true lower bound, where it comes
from is said, and blocks with the load rules (monotony, acute_chronic) get a plan under a
deterministic work limit, the same plan each time. Figures live in
benchmarks/blocks_speed.py, never here."""

from __future__ import annotations

from typing import Any

from weeks_speed import block

from helpers import assert_agrees
from hybridplan.core.solving import as_week, solve


def _solve(data: dict[str, Any], work: float) -> Any:
    # a wall limit far above the work limit: the deterministic one decides, on any load
    return solve(data, time_limit=600, deterministic_time=work)


def test_the_bound_never_exceeds_a_plan() -> None:
    """A short solve's bound is below the penalty of the plan a longer solve finds (and
    the other way round), and below its own plan's."""
    data = block(8, "strict", load_rules=True)
    short, long = _solve(data, 3), _solve(data, 12)
    for r in (short, long):
        assert r.found and r.bound is not None and r.objective is not None
        assert r.bound <= r.objective
        assert r.bound_source in ("plan", "weeks", "search")
        assert (r.bound_source == "plan") == (r.bound == r.objective)
    assert short.bound <= long.objective and long.bound <= short.objective
    assert long.objective <= short.objective  # more work never gives a worse plan here


def test_a_load_rule_block_gets_a_plan_the_checks_agree_with() -> None:
    """The 16-week block with monotony and acute_chronic: a plan under a deterministic
    limit (it used to stop with none in 30 s), its penalties recomputed by the checks, and
    the same plan again."""
    data = block(16, "balanced", load_rules=True)
    first = _solve(data, 8)
    assert first.status in ("feasible", "optimal"), first.message
    assert "disagreement" not in first.message  # the solver and the checks agree
    assert {"monotony", "acute_chronic"} <= set(first.input["rules"]["rules"])
    assert_agrees(as_week(data), first)
    again = _solve(data, 8)
    assert [s.model_dump() for s in again.sessions] == [s.model_dump() for s in first.sessions]
    assert (again.objective, again.bound) == (first.objective, first.bound)


def test_a_short_limit_still_gives_a_load_rule_block_a_plan() -> None:
    """16 weeks under `strict` with the load rules, 2 deterministic seconds: the windows'
    share runs out while a window is re-planned after the days before it. That window's
    plan still comes after those days (from the block's own time), so the hint agrees
    across windows and the whole model finds a plan from it; a plan made without those
    days left the block with none below 5 deterministic seconds."""
    data = block(16, "strict", load_rules=True)
    result = _solve(data, 2)
    assert result.status == "feasible", result.message
    assert result.stopped_by == "work_limit" and "work limit of 2 deterministic s" in result.message
    assert_agrees(as_week(data), result)


def test_the_windows_keep_a_preference_floor_only_without_acute_chronic() -> None:
    """With acute_chronic on, the windows' bound leaves the ratios out and the block may not
    meet it, so the windows skip the preference floor (which counts only then); without
    it they keep it. The penalty bound is a lower bound either way."""
    from hybridplan.core.solving import _week_bounds
    from hybridplan.core.stages import Budget as _Budget

    for load_rules in (False, True):
        week = as_week(block(4, "balanced", load_rules=load_rules))
        bounds = _week_bounds(week, _Budget(600, 20), 0, {})
        assert bounds.complete
        assert (bounds.preference is None) == load_rules
        result = _solve(block(4, "balanced", load_rules=load_rules), 20)
        assert result.objective is not None and bounds.penalty <= result.objective


def test_the_whole_model_proves_what_the_windows_leave_open() -> None:
    """A generated half under `strict` whose windows' bound (the rules that link weeks left
    out) is below its optimum: the whole-model search after the few-weeks one (presolve,
    the full LP, without the windows' cut) proves the plan optimal within the default work
    limit. Its plan keeps every rule and the independent counter finds no objection the
    set forbids."""
    from reference.objections import count

    from helpers import forbidden
    from hybridplan.batch.generate import generate
    from hybridplan.core.solving import _week_bounds
    from hybridplan.core.stages import Budget

    data = next(d for d in generate(0, seed=7, blocks=8) if d["name"] == "race-0008-half-10w")
    week = as_week(data, "strict")
    windows = _week_bounds(week, Budget(600, 30), 0, {}, hint=False)
    result = solve(week, time_limit=600, deterministic_time=30)
    assert result.status == "optimal" and result.bound == result.objective
    assert result.bound_source == "plan"
    assert windows.complete and windows.penalty < result.objective  # not the windows' proof
    assert_agrees(week, result)
    found = count(result.to_dict())
    assert {k: n for k, n in found.items() if n and k in forbidden(week)} == {}
