"""The RPE chart as published (Tuchscherer, The Reactive Training Manual, 2008; reproduced
by Helms et al., Strength Cond J 38(4): 42-49, 2016): % of 1RM by RPE (rows) and reps
(columns), typed in from the chart, sharing no code with hybridplan. RIR = 10 - RPE."""

from __future__ import annotations

import itertools

REPS = tuple(range(1, 13))
CHART: dict[float, tuple[float, ...]] = {
    10.0: (100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0),
    9.5: (97.8, 93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7),
    9.0: (95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3),
    8.5: (93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0),
    8.0: (92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6),
    7.5: (90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3),
    7.0: (89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6, 59.9),
    6.5: (87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3, 58.6),
}


def load(reps: int, rpe: float) -> float:
    """The chart's cell."""
    return CHART[rpe][reps - 1]


def reserve(reps: int, percent: float) -> float:
    """Reps in reserve of `reps` at `percent` % of 1RM, read down the chart's column for
    `reps` (straight lines between its half points of RPE): 0 at or above RPE 10's load;
    beyond the chart (below RPE 6.5's load), the reps the athlete could still add by
    the chart's own step, one rep of RIR for every rep further along the RPE 10 row."""
    column = sorted(((rpe, load(reps, rpe)) for rpe in CHART), reverse=True)  # RPE 10 first
    if percent >= column[0][1]:
        return 0.0
    for (rpe1, p1), (rpe2, p2) in itertools.pairwise(column):
        if p2 <= percent <= p1:
            return 10 - (rpe1 - (p1 - percent) / (p1 - p2) * (rpe1 - rpe2))
    # off the chart: how many reps at most `percent` allows, along the RPE 10 row and the
    # 12-rep column (each half point of RPE a half rep), less `reps`
    row = [(n, load(n, 10.0)) for n in REPS] + [
        (12 + (10 - rpe), load(12, rpe)) for rpe in sorted(CHART, reverse=True)[1:]
    ]
    for (n1, p1), (n2, p2) in itertools.pairwise(row):
        if p2 <= percent <= p1:
            return n1 + (p1 - percent) / (p1 - p2) * (n2 - n1) - reps
    raise ValueError(f"{percent}% is lighter than the chart reaches")
