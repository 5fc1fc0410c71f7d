"""The bench's shared measures: the yardstick every rule set is judged by, the metrics
reported beside it, and the statistics' fixed settings. Comparison (compare.py), ranking
(ranking.py) and the report (report.py) all read them; keeping them here lets each of
those import this one module rather than each other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

FOUND = ("optimal", "feasible")
BOOTSTRAP = 2000
STATS_SEED = 0
COMPOSITE = "composite"


@dataclass(frozen=True)
class Metric:
    column: str
    label: str
    better: Literal["lower", "higher"] | None  # None: descriptive, not ranked
    resolution: float = 0.0  # differences below it are ties (0: any difference counts)


YARDSTICK: tuple[Metric, ...] = (
    Metric("objections_per_week", "coach objections per week", "lower"),
    Metric("sets_short_per_week", "sets short of target per week", "lower"),
    Metric("sets_over_per_week", "sets over target per week", "lower"),
    Metric("freshness_min_h", "least fresh key run (h since a hard session)", "higher", 1.0),
    Metric("no_rest_share", "share of weeks without a full rest day", "lower"),
    Metric("run_off_pct", "running minutes off target (%)", "lower", 1.0),
    Metric("monotony", "monotony (mean of the weeks)", "lower", 0.05),
)
"""The ranked metrics, each with the direction that is better."""

DESCRIPTIVE: tuple[Metric, ...] = (
    Metric("rest_days_per_week", "rest days per week", None),
    Metric("hard_days_per_week", "hard days per week", None),
    Metric("minutes_per_week", "training minutes per week", None),
    Metric("load_per_week", "session-RPE load per week", None),
    Metric("monotony_max", "monotony of the most monotonous week", None),
    Metric("freshness_mean_h", "mean key-run freshness (h)", None),
    Metric("objective", "the rule set's own penalty (its objective)", None),
)
"""Reported beside the yardstick, not ranked: more or less of them is not better as such
(the set's own objective is in its own units, so it never ranks)."""


def horizon(weeks: Any) -> str:
    """'week' for a one-week scenario, 'block' for one of several weeks."""
    try:
        return "block" if int(weeks) > 1 else "week"
    except (TypeError, ValueError):
        return "week"
