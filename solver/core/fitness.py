"""The fitness-fatigue model's formula, one piece for the plan's form
(`hybridplan.log.form`, day by day in floats) and for rule race_form (race morning as
integer-scaled linear expressions of the daily loads).

Fitness (chronic training load) and fatigue (acute training load) are exponentially
weighted averages of the daily session-RPE load with time constants of 42 and 7 days; form
is fitness minus fatigue. Each day,

    X(d) = X(d-1) + (load(d) - X(d-1)) * k,    k = 1 - exp(-1 / tau)

the exact daily form of Banister's exponential decay. Unrolled over days 0..n-1 from a
start value X0, the value at the end of day n-1 is

    X = (1 - k)^n * X0 + sum_d k * (1 - k)^(n-1-d) * load(d)

linear in the loads. `weights()` and `start_part()` give those terms times SCALE, rounded
to integers, so a CP-SAT model and a plain check compute the same integers. The averages
start from the athlete's `history` of weekly loads (fitness: the mean day of up to its last
six weeks; fatigue: the mean day of its last week), or from 0 without one."""

from __future__ import annotations

import math
from collections.abc import Sequence

FITNESS_DAYS = 42
FATIGUE_DAYS = 7
HISTORY_WEEKS = 6  # weeks of history the fitness start value averages
# Integer scale of the race-morning figures (rule race_form): a weight rounded to 1/SCALE
# moves a 16-week block's fitness by at most about 0.15 load units.
SCALE = 100_000


def factor(days: int) -> float:
    """The day's share k of an average with a time constant of `days` days."""
    return 1 - math.exp(-1 / days)


def step(previous: float, load: float, days: int) -> float:
    """One day of an exponentially weighted average with a time constant of `days`."""
    return previous + (load - previous) * factor(days)


def start_values(history: Sequence[int]) -> tuple[float, float]:
    """(fitness, fatigue) before the plan's first day, from the weekly loads of `history`."""
    if not history:
        return 0.0, 0.0
    recent = history[-HISTORY_WEEKS:]
    return sum(recent) / (7 * len(recent)), history[-1] / 7


def weights(days: int, n: int) -> list[int]:
    """SCALE times the weight of each of the first `n` days' load in the average at the
    end of day n-1, rounded: round(SCALE * k * (1 - k)^(n-1-d)) for day d."""
    k = factor(days)
    return [round(SCALE * k * (1 - k) ** (n - 1 - d)) for d in range(n)]


def start_part(days: int, n: int, start: float) -> int:
    """SCALE times what is left of the start value after `n` days, rounded."""
    return round(SCALE * (1 - factor(days)) ** n * start)
