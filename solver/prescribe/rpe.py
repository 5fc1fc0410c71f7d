"""Load from reps and reps in reserve: the RPE chart a strength coach uses.

The chart is Tuchscherer's (Reactive Training Systems, "The Reactive Training Manual",
2008), as Helms et al. reproduce it ("Application of the Repetitions in Reserve-Based
Rating of Perceived Exertion Scale for Resistance Training", Strength Cond J 38(4): 42-49,
2016): the share of the one-repetition maximum (1RM) for 1-12 reps at RPE 6.5-10, where RPE
10 - RIR. Each half point of RPE moves the chart by half a rep, so it is one function of
the reps the athlete could do at most, reps + RIR (5 reps at RIR 2: 7 at most, 81.1%). It is
kept here as that function, in half reps, 1 to 15.5 (12 reps at RPE 6.5).
"""

from __future__ import annotations

import math

# Reps at most (reps + RIR), in half reps -> % of 1RM: the chart's RPE 10 row (1-12 reps)
# and, for 12.5-15.5, its 12-rep column (RPE 9.5 down to 6.5).
AT_MOST: dict[float, float] = {
    1.0: 100.0, 1.5: 97.8, 2.0: 95.5, 2.5: 93.9, 3.0: 92.2, 3.5: 90.7, 4.0: 89.2,
    4.5: 87.8, 5.0: 86.3, 5.5: 85.0, 6.0: 83.7, 6.5: 82.4, 7.0: 81.1, 7.5: 79.9,
    8.0: 78.6, 8.5: 77.4, 9.0: 76.2, 9.5: 75.1, 10.0: 73.9, 10.5: 72.3, 11.0: 70.7,
    11.5: 69.4, 12.0: 68.0, 12.5: 66.7, 13.0: 65.3, 13.5: 64.0, 14.0: 62.6, 14.5: 61.3,
    15.0: 59.9, 15.5: 58.6,
}  # fmt: skip
MOST = max(AT_MOST)  # the chart's end: reps + RIR beyond it is off the chart


def percent(reps: int, rir: float) -> float:
    """The % of 1RM for `reps` with `rir` reps in reserve; between the chart's half reps,
    on the straight line between them (RIR 2.5 -> 3: a week's step within a phase)."""
    n = reps + rir
    if reps < 1 or rir < 0 or n > MOST:
        raise ValueError(f"{reps} reps at RIR {rir:g} is off the RPE chart (reps + RIR <= 15.5)")
    low = math.floor(n * 2) / 2
    if low == n:
        return AT_MOST[n]
    high = low + 0.5
    share = (n - low) / 0.5
    return round(AT_MOST[low] + share * (AT_MOST[high] - AT_MOST[low]), 1)

