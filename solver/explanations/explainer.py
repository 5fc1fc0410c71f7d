"""explain(): for an infeasible week, a minimal conflict with relaxations; for a planned
week, its score analysis. The CLI's `hybridplan explain` prints this."""

from __future__ import annotations

import time
from pathlib import Path

from hybridplan.explanations.analysis import score, tight_rules
from hybridplan.explanations.conflicts import diagnose, find_conflicts
from hybridplan.models.explanation import Explanation
from hybridplan.models.rules import RuleSet
from hybridplan.solving import ScenarioLike, as_week, solve


def explain(
    scenario: ScenarioLike,
    rules: str | Path | RuleSet | None = None,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
) -> Explanation:
    began = time.perf_counter()
    week = as_week(scenario, rules)
    result = solve(week, time_limit=time_limit, seed=seed)
    explanation = Explanation(
        scenario=week.scenario.name, rule_set=week.rules.name, status=result.status,
        adapted=week.adapted(),
    )  # fmt: skip
    if result.found:
        analysis = score(result)
        analysis.tight = tight_rules(week, result, time_limit=time_limit, seed=seed)
        explanation.analysis = analysis
        explanation.result = result
    elif result.status == "infeasible":
        report = find_conflicts(week, time_limit=time_limit, seed=seed)
        explanation.conflicts = report.conflicts
        explanation.minimal = report.minimal
        explanation.message = report.message
        explanation.diagnosis = diagnose(week)
    else:
        explanation.message = result.message
    explanation.seconds = time.perf_counter() - began
    return explanation
