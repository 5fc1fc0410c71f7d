"""What the planner knows about the athlete beyond the calendar: a recent race or a
threshold pace (for training paces), the maximum heart rate (for heart-rate zones), one-
repetition maxima (for loads in kg) and the unit paces are written in. All optional; every
number bounded (`limits`). Read by `hybridplan.prescribe` after solving, never by the
solver: the schedule does not depend on it."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hybridplan.models import limits

RaceDistance = Literal["5k", "10k", "half", "marathon"]
PaceUnit = Literal["km", "mile"]
Lift = Literal[
    "back_squat",
    "deadlift",
    "romanian_deadlift",
    "bench_press",
    "overhead_press",
    "hip_thrust",
    "barbell_row",
]
METRES: dict[str, float] = {"5k": 5000.0, "10k": 10000.0, "half": 21097.5, "marathon": 42195.0}
MILE_KM = 1.609344

_TIME = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
_PACE = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def time_seconds(text: str) -> int:
    """'45:00' or '1:38:27' -> seconds."""
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"time {text!r} is not H:MM:SS or MM:SS")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def pace_seconds(text: str) -> int:
    """'4:35' -> 275 (seconds per unit)."""
    match = _PACE.match(text)
    if not match:
        raise ValueError(f"pace {text!r} is not M:SS (minutes and seconds per km or mile)")
    return int(match.group(1)) * 60 + int(match.group(2))


def _check_pace_per_km(seconds_per_km: float, what: str) -> None:
    low, high = limits.MIN_PACE_SECONDS, limits.MAX_PACE_SECONDS
    if not low <= seconds_per_km <= high:
        raise ValueError(
            f"{what} is {seconds_per_km / 60:.2f} min per km; it must be between "
            f"{low // 60}:{low % 60:02d} and {high // 60}:{high % 60:02d} per km"
        )


THRESHOLD_SHARE = 0.90  # the threshold heart rate's share of the maximum (Daniels' T)


class RecentRace(BaseModel):
    """A race run recently, all out: the training paces follow from it (Daniels' VDOT)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    distance: RaceDistance
    time: str = Field(description="finishing time H:MM:SS or MM:SS", max_length=16)

    @model_validator(mode="after")
    def _plausible(self) -> RecentRace:
        seconds = time_seconds(self.time)
        _check_pace_per_km(seconds / (METRES[self.distance] / 1000), f"time {self.time!r}")
        return self

    @property
    def seconds(self) -> int:
        return time_seconds(self.time)

    @property
    def metres(self) -> float:
        return METRES[self.distance]


Kilograms = Annotated[float, Field(gt=0, le=limits.MAX_LIFT_KG, allow_inf_nan=False)]


class Athlete(BaseModel):
    """The athlete's figures for session content (`hybridplan.prescribe`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    recent_race: RecentRace | None = Field(
        default=None, description="a recent race: {distance: 5k|10k|half|marathon, time}"
    )
    threshold_pace: str | None = Field(
        default=None,
        max_length=8,
        description="threshold pace M:SS per pace_unit, instead of a recent race",
    )
    max_hr: int | None = Field(
        default=None,
        ge=limits.MIN_MAX_HR,
        le=limits.MAX_MAX_HR,
        description="maximum heart rate (bpm): heart-rate zones beside paces",
    )
    threshold_hr: int | None = Field(
        default=None,
        ge=limits.MIN_THRESHOLD_HR,
        le=limits.MAX_THRESHOLD_HR,
        description="lactate-threshold heart rate (bpm), e.g. from a watch's test: without "
        "max_hr, the zones take the maximum as threshold_hr / 0.90",
    )
    rest_hr: int | None = Field(
        default=None,
        ge=limits.MIN_REST_HR,
        le=limits.MAX_REST_HR,
        description="resting heart rate (bpm), for the TRIMP training load of logged "
        "activities (hybridplan.log.loads); 60 is assumed without it",
    )
    lifts: dict[Lift, Kilograms] = Field(
        default_factory=dict, description="one-repetition maxima in kg: loads in kg"
    )
    pace_unit: PaceUnit = Field(default="km", description="paces per km or per mile")

    @field_validator("threshold_pace")
    @classmethod
    def _pace(cls, value: str | None) -> str | None:
        if value is not None:
            pace_seconds(value)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> Athlete:
        if (
            self.max_hr is not None
            and self.threshold_hr is not None
            and self.threshold_hr >= self.max_hr
        ):
            raise ValueError(f"threshold_hr {self.threshold_hr} must be below max_hr {self.max_hr}")
        if self.rest_hr is not None:
            for name, above in (("threshold_hr", self.threshold_hr), ("max_hr", self.max_hr)):
                if above is not None and self.rest_hr >= above:
                    raise ValueError(f"rest_hr {self.rest_hr} must be below {name} {above}")
        if self.recent_race is not None and self.threshold_pace is not None:
            raise ValueError("give recent_race or threshold_pace, not both")
        if self.threshold_pace is not None:
            per_unit = pace_seconds(self.threshold_pace)
            per_km = per_unit / MILE_KM if self.pace_unit == "mile" else per_unit
            _check_pace_per_km(per_km, f"threshold_pace {self.threshold_pace!r}")
        return self

    @property
    def zone_max_hr(self) -> int | None:
        """The maximum heart rate the zones are placed on: `max_hr`, else the threshold
        heart rate over 0.90 (Daniels' T, the threshold, is 88-92% of the maximum)."""
        if self.max_hr is not None:
            return self.max_hr
        if self.threshold_hr is not None:
            return round(self.threshold_hr / THRESHOLD_SHARE)  # at most MAX_MAX_HR
        return None

    @property
    def threshold_seconds_per_km(self) -> float | None:
        if self.threshold_pace is None:
            return None
        per_unit = pace_seconds(self.threshold_pace)
        return per_unit / MILE_KM if self.pace_unit == "mile" else float(per_unit)
