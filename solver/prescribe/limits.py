"""How much quality work one session and one week may hold, relative to the week's running.

Daniels' Running Formula (3rd ed., ch. 4) limits each kind of quality running in a single
session by the week's distance:

| work | one session at most |
|---|---|
| T (threshold) | 10% of the week's distance |
| I (interval) | 8% of the week's distance, and 10 km |
| R (repetition: strides, hill reps) | 5% of the week's distance, and 8 km |
| M (marathon pace) | 20% of the week's distance, 29 km (18 miles) and 110 minutes |

and the week as a whole keeps its hard running (T, I and R together) to 20% of its
distance, the intensity distribution of endurance athletes (Seiler and Kjerland 2006, the
"80/20" of most coaches; Daniels' two quality days, 10% T and 8% I, sit inside it).

The session minutes are the solver's and the distance follows from the paces, so the limits
are reckoned in distance and turned back into minutes of work:
- the week's distance is counted low: every minute of its running (the race aside) at the
  centre of the recovery band, the slowest pace any step is prescribed at (easy running's
  band centre is faster, work faster still);
- a minute of work is counted at the fast end of its band (most distance).
So a prescription within these limits is within them when each step is read at the centre
of its band, as `tests/prescribe/test_quality_limits.py` reads it.
Without the athlete's paces (no race time or threshold pace) both are counted at the paces
of VDOT 40 (`REFERENCE_VDOT`, a recreational runner): the limits are shares of the week,
and the shares hardly move with the VDOT.

Hill reps (60 s uphill, hard) count as R work, strides as 20 s of R each (Daniels files
both under repetition running). A `WeekBudget` is made per week and spent session by
session in plan order, so the week's 20% holds however its sessions share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from hybridplan.prescribe.paces import TrainingPaces, training_paces

REFERENCE_VDOT = 40.0  # paces to reckon distance with when the athlete's are unknown
HARD = ("threshold", "interval", "repetition")
WEEK_HARD_SHARE = 0.20


@dataclass(frozen=True)
class Limit:
    share: float  # of the week's distance
    km: float | None = None  # and at most this many km
    minutes: int | None = None  # and at most this many minutes


SESSION: dict[str, Limit] = {
    "threshold": Limit(0.10),
    "interval": Limit(0.08, km=10.0),
    "repetition": Limit(0.05, km=8.0),
    "marathon": Limit(0.20, km=29.0, minutes=110),
}


def reckoning_paces(paces: TrainingPaces | None) -> TrainingPaces:
    """The paces distances are reckoned with: the athlete's, else VDOT 40's."""
    return paces if paces is not None else training_paces(REFERENCE_VDOT)


def week_km(run_minutes: int, paces: TrainingPaces | None) -> float:
    """A low count of a week's distance: its running minutes at the recovery band's centre."""
    fast, slow = reckoning_paces(paces).recovery
    return run_minutes * 60 / ((fast + slow) / 2)


@dataclass
class WeekBudget:
    """One week's limits, spent as its sessions are prescribed (in plan order)."""

    km: float  # the week's distance, counted low
    hard_left_km: float = field(init=False)

    def __post_init__(self) -> None:
        self.hard_left_km = WEEK_HARD_SHARE * self.km

    def allowed_km(self, intensity: str) -> float:
        """Distance of `intensity` work one session may still hold."""
        limit = SESSION[intensity]
        km = limit.share * self.km
        if limit.km is not None:
            km = min(km, limit.km)
        if intensity in HARD:
            km = min(km, self.hard_left_km)
        return max(0.0, km)

    def allowed_minutes(self, intensity: str, fast_pace: float) -> float:
        """Minutes of `intensity` work at `fast_pace` (seconds per km) one session may hold."""
        minutes = self.allowed_km(intensity) * fast_pace / 60
        cap = SESSION[intensity].minutes
        return minutes if cap is None else min(minutes, cap)

    def spend(self, intensity: str, minutes: float, fast_pace: float) -> None:
        if intensity in HARD:
            self.hard_left_km -= minutes * 60 / fast_pace


def whole(minutes: float) -> int:
    """Whole minutes of work within `minutes` (a hair of float error is not a minute less)."""
    return math.floor(minutes + 1e-9)
