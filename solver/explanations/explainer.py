"""explain(): for an infeasible week, a minimal conflict with relaxations; for a planned
week, its score analysis. The CLI's `hybridplan explain` prints this."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from hybridplan.core.solving import ScenarioLike, as_week, solve
from hybridplan.explanations.analysis import score, tight_rules
from hybridplan.explanations.conflicts import diagnose, find_conflicts
from hybridplan.models.explanation import Explanation
from hybridplan.models.limits import solve_limits
from hybridplan.models.rules import RuleSet


def explain(
    scenario: ScenarioLike,
    rules: str | Path | RuleSet | None = None,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    work_limit: float | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Explanation:
    """The plan `solve` gives (the same work limit, so the same plan) and why it looks as
    it does, or why no plan exists. `work_limit` (deterministic seconds, the default of
    every front door) bounds the solve and, once more, the search for binding hard rules
    (or each feasibility solve of a conflict); `time_limit` is the wall-clock safety net.
    `progress(step, done, total)` reports the binding-rule searches as they go."""
    began = time.perf_counter()
    week = as_week(scenario, rules)
    wall, work = solve_limits(time_limit, work_limit)
    result = solve(week, time_limit=wall, seed=seed, deterministic_time=work)
    explanation = Explanation(
        scenario=week.scenario.name, rule_set=week.rules.name, status=result.status,
        adapted=week.adapted(),
    )  # fmt: skip
    if result.found:
        analysis = score(result)
        left = max(0.0, wall - (time.perf_counter() - began))
        analysis.tight, analysis.undecided = tight_rules(
            week, result, work=work, wall=left, seed=seed, progress=progress
        )
        explanation.analysis = analysis
        explanation.result = result
    elif result.status == "infeasible":
        report = find_conflicts(week, time_limit=wall, seed=seed, work_limit=work)
        explanation.conflicts = report.conflicts
        explanation.minimal = report.minimal
        explanation.message = report.message
        explanation.diagnosis = diagnose(week)
    else:
        explanation.message = result.message
    explanation.seconds = time.perf_counter() - began
    return explanation
