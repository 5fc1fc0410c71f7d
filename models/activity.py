"""What the athlete did, as a watch or a training log recorded it: activities read from FIT,
GPX, TCX and CSV files (`hybridplan.log`), and the plan's log that matches them to the
planned sessions. Pure data, every number bounded (`limits`): activity files are input a
stranger controls, as scenarios are.

An activity's `fingerprint` is what makes an import idempotent: the same run exported as a
FIT file and again as a GPX file, or the same file imported twice, is one activity. It
hashes what two exports of one activity agree on (the date, the start to the minute, the
sport and the whole minutes), not the file's bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, computed_field

from hybridplan.models import limits
from hybridplan.models.errors import one_line
from hybridplan.models.week import Clock, Day, SlotName

Sport = Literal["run", "strength", "mobility", "other"]
"""run, strength and mobility are the plan's session kinds; other (a ride, a swim, a
match) counts as load and is never matched to a planned session."""

LogStatus = Literal["done", "partial", "missed", "moved", "extra"]

# The limits of an activity and of a plan's log, in models/limits.py with the others (and in
# the docs' Limits table); named here too for the readers.
MAX_ACTIVITY_MINUTES = limits.MAX_ACTIVITY_MINUTES
MAX_DISTANCE_KM = limits.MAX_DISTANCE_KM
MAX_ACTIVITIES = limits.MAX_ACTIVITIES
MAX_LIFTS_PER_ACTIVITY = limits.MAX_LIFTS_PER_ACTIVITY
MAX_REPS = limits.MAX_REPS
MAX_RIR = limits.MAX_RIR
MIN_HR = limits.MIN_HR


class LiftSet(BaseModel):
    """Sets of one exercise in a strength activity: `sets` x `reps` at `kg`, with the reps
    in reserve when the athlete logged them (what makes a set usable for a 1RM estimate)."""

    model_config = ConfigDict(strict=True, frozen=True)

    exercise: str = Field(min_length=1, max_length=limits.MAX_NAME)
    sets: int = Field(default=1, ge=1, le=limits.MAX_SETS)
    reps: int = Field(ge=1, le=MAX_REPS)
    kg: float = Field(ge=0, le=limits.MAX_LIFT_KG)
    rir: int | None = Field(default=None, ge=0, le=MAX_RIR, description="reps in reserve")


class Activity(BaseModel):
    """One recorded activity. `source` says where it came from (file and record or line),
    for refusals and for the log's evidence."""

    model_config = ConfigDict(strict=True, frozen=True)

    date: dt.date = Field(strict=False, ge=limits.FIRST_DATE, le=limits.LAST_DATE)
    start: Clock | None = Field(default=None, description="local clock time HH:MM")
    sport: Sport
    minutes: float = Field(gt=0, le=MAX_ACTIVITY_MINUTES, description="moving time")
    distance_km: float | None = Field(default=None, ge=0, le=MAX_DISTANCE_KM)
    avg_hr: int | None = Field(default=None, ge=MIN_HR, le=limits.MAX_MAX_HR)
    rpe: float | None = Field(default=None, ge=1, le=limits.MAX_RPE, description="session RPE")
    race: bool = Field(default=False, description="run all out as a race")
    name: str = Field(default="", max_length=limits.MAX_NAME, description="its title")
    lifts: list[LiftSet] = Field(default_factory=list, max_length=MAX_LIFTS_PER_ACTIVITY)
    source: str = Field(default="", max_length=limits.MAX_PATH)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fingerprint(self) -> str:
        """16 hex digits of SHA-256 over the date, start minute, sport and whole minutes."""
        key = f"{self.date.isoformat()}|{self.start or '-'}|{self.sport}|{round(self.minutes)}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def pace_seconds_per_km(self) -> float | None:
        if not self.distance_km:
            return None
        return 60 * self.minutes / self.distance_km


class LogEntry(BaseModel):
    """One line of the plan's log: a planned session and what happened to it, or an
    activity nobody planned (`extra`). `evidence` says why, in words."""

    model_config = ConfigDict(strict=True)

    status: LogStatus
    week: int = Field(ge=1, le=limits.MAX_WEEKS)
    day: Day
    slot: SlotName | None = Field(default=None, description="the planned slot; none for extra")
    session: str | None = Field(
        default=None, max_length=limits.MAX_ID, description="the planned session; none for extra"
    )
    uid: str | None = Field(default=None, max_length=200, description="the planned session's uid")
    done_day: Day | None = Field(default=None, description="where it was done (moved)")
    done_slot: SlotName | None = Field(default=None, description="where it was done (moved)")
    activity: str | None = Field(default=None, description="the activity's fingerprint")
    evidence: Annotated[str, AfterValidator(one_line)] = Field(
        default="", max_length=limits.MAX_TEXT, description="why, in one line"
    )


class TrainingLog(BaseModel):
    """The plan's log: every activity imported (once each), what each planned session
    became, and what the imports changed in the athlete (paces, maxima)."""

    model_config = ConfigDict(strict=True)

    activities: Annotated[list[Activity], Field(max_length=MAX_ACTIVITIES)] = Field(
        default_factory=list
    )
    entries: list[LogEntry] = Field(default_factory=list, max_length=MAX_ACTIVITIES)
    through: dt.date | None = Field(
        default=None, strict=False, description="the last day the log covers"
    )
    changes: list[Annotated[str, AfterValidator(one_line)]] = Field(
        default_factory=list,
        max_length=limits.MAX_LIST,
        description="what imports changed in the athlete, with why (VDOT, 1RMs)",
    )
    vdot_raised: dt.date | None = Field(
        default=None, strict=False, description="the day a workout last raised the VDOT"
    )
