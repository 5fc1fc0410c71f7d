"""The scenario file: an athlete's week as the planner sees it (availability, targets,
preferences, catalogue changes and the rule set to use)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from hybridplan.models import limits
from hybridplan.models.athlete import Athlete
from hybridplan.models.errors import InputError, problems_of, shown, visible
from hybridplan.models.phases import Phase, PhaseTargets
from hybridplan.models.ranges import CountRange, Range
from hybridplan.models.rules import RulesConfig
from hybridplan.models.session import Equipment, Muscle, SessionPatch
from hybridplan.models.week import Clock, Day, SlotName

DEFAULT_SLOTS: dict[str, str] = {"am": "06:30", "pm": "18:00"}

SessionId = Annotated[str, Field(min_length=1, max_length=limits.MAX_ID), AfterValidator(visible)]
# a week number; as a mapping's key it arrives as text from JSON and TOML ("7"), the one
# place besides dates where the models' strict mode (no booleans or text for numbers) yields
Week = Annotated[int, Field(ge=1, le=limits.MAX_WEEKS)]
WeekKey = Annotated[int, Field(ge=1, le=limits.MAX_WEEKS, strict=False)]
Minutes = Annotated[int, Field(ge=0, le=1440)]
Calendar = dict[Day, dict[SlotName, Minutes]]


class Targets(BaseModel):
    """What the week should hold. Counts are hard (rules run_count, ...); run_minutes and
    sets are soft (rules run_volume and set_volume)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    runs: Range = Field(default=CountRange(min=3, max=5), description="runs per week")
    strength: Range = Field(default=CountRange(min=2, max=3), description="strength sessions")
    long_run: int = Field(default=1, ge=0, le=2, description="long runs per week (exactly)")
    quality_runs: Range = Field(
        default=CountRange(min=0, max=2), description="tempo / intervals / hills runs"
    )
    mobility: Range | None = Field(
        default=None, description="mobility sessions per week (hard); none = any number"
    )
    run_minutes: int | None = Field(
        default=None,
        ge=0,
        le=3000,
        description="soft: weekly running minutes wanted, the race aside (in a block: the "
        "build level, which the weeks ramp up to and the phases scale)",
    )
    long_run_minutes: Range | None = Field(
        default=None,
        description="soft: the long run's length [min, max] in minutes (rule long_run_length); "
        "left out, it follows the race distance and the phase",
    )
    sets: dict[Muscle, Range] = Field(
        default_factory=dict, description="soft: weekly working sets per muscle group [min, max]"
    )


class AthletePreferences(BaseModel):
    """The athlete's wishes (soft, rule `preferences`; named rest days are also kept empty by
    the hard rule `rest_days` unless its `keep_named` is false)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    long_run_day: Day | None = None
    rest_days: list[Day] = Field(default_factory=list)


class RulesRef(BaseModel):
    """A rule set by name (balanced, stacked, strict, minimal) or path, plus overrides."""

    model_config = ConfigDict(extra="forbid", strict=True)

    use: str = Field(
        default="balanced",
        min_length=1,
        max_length=limits.MAX_PATH,
        description="rule set name or path to a YAML file",
    )
    override: RulesConfig = Field(default_factory=RulesConfig)


def _to_rules_ref(value: Any) -> Any:
    return {"use": value} if isinstance(value, str) else value


class Pin(BaseModel):
    """A session fixed to a day and slot (the club's Tuesday intervals)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    day: Day
    slot: SlotName
    session: SessionId
    week: Week = 1


class Ban(BaseModel):
    """A session that must not go on a day (or only in one of its slots)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    day: Day
    slot: SlotName | None = None
    session: SessionId
    week: Week | None = Field(default=None, description="none: every week")


class Block(BaseModel):
    """A day, or one slot of it, that is not available after all."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    day: Day
    slot: SlotName | None = None
    week: Week | None = Field(default=None, description="none: every week")
    reason: Literal["missed", "unavailable", "past"] = Field(
        default="unavailable",
        description="why the place is gone, as messages say it: a replan writes missed "
        "and unavailable places, and `past` for the free places before the day it plans "
        "from (those are not named as lost)",
    )


Distance = Literal["5k", "10k", "half", "marathon", "ultra"]
Goal = Literal["endurance", "hybrid", "strength"]
_FINISH = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")


def finish_minutes(text: str) -> int:
    """'3:45:00' or '45:00' -> minutes, rounded up."""
    match = _FINISH.match(text)
    if not match:
        raise ValueError(f"finish time {text!r} is not H:MM:SS or MM:SS")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 60 + minutes + (1 if seconds else 0)


def _between() -> str:
    return f"a plan's days must lie between {limits.FIRST_DATE} and {limits.LAST_DATE}"


class Race(BaseModel):
    """The race a plan builds to: it ends the plan, after the taper. It is a session of its
    own on race day (rule race_day), the only one that day."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    date: dt.date | None = Field(
        default=None,
        strict=False,
        description="race day; left out, the plan's last day (a Sunday)",
    )
    distance: Distance = "marathon"
    finish: str | None = Field(
        default=None,
        description="expected finishing time H:MM:SS (the race's minutes); left out, a "
        "typical finish for the distance",
    )

    @field_validator("date")
    @classmethod
    def _date(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not limits.FIRST_DATE <= value <= limits.LAST_DATE:
            raise ValueError(f"{_between()}; got {value}")
        return value

    @field_validator("finish")
    @classmethod
    def _finish(cls, value: str | None) -> str | None:
        if value is not None and not 0 < finish_minutes(value) <= 24 * 60:
            raise ValueError(f"finish time {value!r} must be between 0:01 and 24:00:00")
        return value


class WeekBasis(BaseModel):
    """What a week the training log has closed counts as when the week after it is compared
    with it (the 10% rule, a deload's cut): written by `hybridplan log import`, not by hand.
    A short gap is bridged (the basis is the week as planned: the plan goes on); after a
    long one the plan re-ramps (the basis is the recent real load)."""

    model_config = ConfigDict(extra="forbid")

    minutes: int = Field(ge=0, le=7 * 1440, description="training minutes, the race aside")
    run_minutes: int = Field(ge=0, le=7 * 1440, description="running minutes, the race aside")
    long_run: int = Field(
        default=0, ge=0, le=limits.MAX_SESSION_MINUTES, description="the long run's minutes"
    )
    reramped: bool = Field(
        default=False,
        description="after a long gap: the week after it comes back easy (rule re_ramp)",
    )
    why: str = Field(default="", max_length=limits.MAX_NAME, description="bridged or re-ramped")


class Scenario(BaseModel):
    """One athlete's week. Minutes are minutes; hours are hours; days are mon..sun."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: Annotated[str, AfterValidator(visible)] = Field(min_length=1, max_length=limits.MAX_NAME)
    description: Annotated[str, AfterValidator(shown)] = Field(
        default="", max_length=limits.MAX_TEXT
    )
    # dates are written as text in JSON and TOML: the one coercion strict mode keeps
    start: dt.date | None = Field(
        default=None, strict=False, description="the week's Monday (optional)"
    )
    phase: Phase | None = None
    goal: Goal | None = Field(
        default=None,
        description="endurance, hybrid or strength; left out: strength in the off-season or "
        "with set targets of 10 or more, endurance with a race or 4+ runs, else hybrid",
    )
    slots: dict[SlotName, Clock] = Field(
        default_factory=lambda: dict(DEFAULT_SLOTS),
        description="slot name -> clock start HH:MM",
        min_length=1,
        max_length=limits.MAX_SLOTS_PER_DAY,
    )
    availability: Calendar = Field(
        description="day -> slot -> free minutes; a day or slot left out is unavailable"
    )
    athlete: Athlete | None = Field(
        default=None,
        description="recent race or threshold pace, max_hr, lifts (1RM kg), pace_unit: "
        "session content (paces, zones, loads) after solving; the schedule ignores it",
    )
    weeks: int = Field(default=1, ge=1, le=limits.MAX_WEEKS, description="weeks planned at once")
    race: Race | None = Field(default=None, description="a race that ends the plan")
    phases: list[Phase] | None = Field(
        default=None,
        max_length=limits.MAX_WEEKS,
        description="phase of each week; derived from `race` when left out",
    )
    deload_every: int = Field(
        default=4, ge=0, le=8, description="a deload week every N weeks (0: none)"
    )
    history: list[Annotated[int, Field(ge=0, le=limits.MAX_HISTORY_LOAD)]] = Field(
        default_factory=list,
        max_length=limits.MAX_LIST,
        description="session-RPE load of past weeks, oldest first (rule acute_chronic)",
    )
    phase_targets: dict[Phase, PhaseTargets] = Field(
        default_factory=dict, description="override the rule set's phase table"
    )
    week_availability: dict[WeekKey, Calendar] = Field(
        default_factory=dict,
        description="week number -> availability replacing `availability` that week "
        "(holidays, travel)",
    )
    basis: dict[WeekKey, WeekBasis] = Field(
        default_factory=dict,
        description="logged weeks (hybridplan log import): the figures the next week is "
        "compared with instead of the week's own sessions",
    )
    weekly_minutes: int | None = Field(
        default=None, ge=0, le=7 * 1440, description="total training minutes allowed"
    )
    targets: Targets = Field(default_factory=Targets)
    preferences: AthletePreferences = Field(default_factory=AthletePreferences)
    equipment: Equipment = Field(
        default="gym", description="'none' leaves out catalogue sessions that need a gym"
    )
    sessions: dict[SessionId, SessionPatch] = Field(
        default_factory=dict,
        max_length=limits.MAX_CUSTOM_SESSIONS,
        description="add catalogue sessions or override their fields",
    )
    include: list[SessionId] | None = Field(
        default=None,
        max_length=limits.MAX_LIST,
        description="only these session ids (after `sessions`)",
    )
    exclude: list[SessionId] = Field(
        default_factory=list, max_length=limits.MAX_LIST, description="session ids to leave out"
    )
    fixed: list[Pin] = Field(
        default_factory=list, max_length=limits.MAX_LIST, description="sessions pinned to a slot"
    )
    forbid: list[Ban] = Field(
        default_factory=list,
        max_length=limits.MAX_LIST,
        description="sessions not allowed on a day or slot",
    )
    blocked: list[Block] = Field(
        default_factory=list,
        max_length=limits.MAX_LIST,
        description="days or slots taken away from `availability`",
    )
    previous: list[Pin] = Field(
        default_factory=list,
        max_length=limits.MAX_LIST,
        description="the plan being replanned: rule `stability` charges each change to it",
    )
    timezone: str | None = Field(
        default=None,
        min_length=1,
        max_length=limits.MAX_TIMEZONE,
        description="IANA time zone of the slots' clock times, for calendar export; none: "
        "floating local times (the calendar shows them at the same clock time wherever it is)",
    )
    rules: Annotated[
        RulesRef, BeforeValidator(_to_rules_ref, json_schema_input_type=str | RulesRef)
    ] = Field(default_factory=RulesRef)

    # -- planner calls: each returns a new scenario, the original is left as it was ------
    # (Bad arguments raise InputError, like every other way in.)
    def pin(self, day: Day, slot: str, session: str) -> Scenario:
        """The same week with `session` fixed to `day` `slot`."""
        try:
            pin = Pin(day=day, slot=slot, session=session)
        except ValidationError as exc:
            raise InputError(problems_of(exc, "fixed")) from None
        return self.model_copy(update={"fixed": [*self.fixed, pin]})

    def ban(self, day: Day, session: str, slot: str | None = None) -> Scenario:
        """The same week with `session` kept off `day` (or only its `slot`)."""
        try:
            ban = Ban(day=day, slot=slot, session=session)
        except ValidationError as exc:
            raise InputError(problems_of(exc, "forbid")) from None
        return self.model_copy(update={"forbid": [*self.forbid, ban]})

    def block(self, day: Day, slot: str | None = None) -> Scenario:
        """The same week without `day` (or only its `slot`)."""
        try:
            block = Block(day=day, slot=slot)
        except ValidationError as exc:
            raise InputError(problems_of(exc, "blocked")) from None
        return self.model_copy(update={"blocked": [*self.blocked, block]})

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        """Checked on load, not first at export: a typo fails where it was written."""
        from zoneinfo import ZoneInfo

        if value is None:
            return value
        try:
            ZoneInfo(value)
        except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin"
            ) from None
        return value

    @field_validator("start")
    @classmethod
    def _monday(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not limits.FIRST_DATE <= value <= limits.LAST_DATE:
            raise ValueError(f"{_between()}; got {value}")
        if value is not None and value.weekday() != 0:
            raise ValueError(f"{value} is a {value:%A}; start must be a Monday")
        return value

    @model_validator(mode="after")
    def _within_dates(self) -> Scenario:
        """The plan's last day too, `weeks` given or not (a field validator on `weeks` did
        not run for the default of one week: a start in the calendar's last days failed
        inside the solve)."""
        start, weeks = self.start, self.weeks
        if start is not None and start + dt.timedelta(days=7 * weeks - 1) > limits.LAST_DATE:
            raise ValueError(
                f"weeks: {weeks} week(s) from {start} end after {limits.LAST_DATE}: {_between()}"
            )
        return self
