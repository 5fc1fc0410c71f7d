"""The result of a solve: the public JSON contract that integrations read."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from hybridplan.models import limits
from hybridplan.models.activity import TrainingLog
from hybridplan.models.errors import shown
from hybridplan.models.objections import PlanMetrics
from hybridplan.models.prescription import Prescription
from hybridplan.models.session import Intensity, Kind, Legs, Muscle, RunType, Sets
from hybridplan.models.week import Clock, Day, SlotName, session_date

if TYPE_CHECKING:
    import pandas as pd

Status = Literal["optimal", "feasible", "infeasible", "unknown", "invalid"]
UID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,199}$"
"""A session's uid: a safe token (no spaces, quotes or line breaks) that a calendar's UID
and a URL can hold as it is."""
FOUND: frozenset[str] = frozenset({"optimal", "feasible"})


class SessionOut(BaseModel):
    """One placed session. Validated as strictly as a scenario, since result files come
    back in (replan, export, diff) and may have been edited or cut short."""

    model_config = ConfigDict(strict=True)  # numbers are numbers, as in scenarios

    week: int = Field(
        default=1, ge=1, le=limits.MAX_WEEKS, description="the week of the plan, from 1"
    )
    day: Day = Field(description="the day of the week")
    date: dt.date | None = Field(
        default=None,
        strict=False,  # written as text in JSON: the one coercion strict mode keeps
        ge=limits.FIRST_DATE,
        le=limits.LAST_DATE,
        description="the session's calendar date, when the scenario has `start`",
    )
    slot: SlotName = Field(description="the slot of the day (am, pm, or the scenario's own)")
    start: Clock = Field(description="clock time HH:MM")
    minutes: int = Field(gt=0, le=limits.MAX_SESSION_MINUTES, description="its length")
    session: str = Field(
        min_length=1, max_length=limits.MAX_ID, description="the session type's id (`long_90`)"
    )
    kind: Kind = Field(description="what kind of session it is")
    intensity: Intensity = Field(description="how hard it is, for the spacing rules")
    run_type: RunType | None = Field(default=None, description="a run's type; none otherwise")
    legs: Legs | None = Field(
        default=None, description="a lift's leg load (heavy, light, none); none for runs"
    )
    sets: dict[Muscle, Sets] = Field(
        default_factory=dict, description="working sets per muscle group"
    )
    load: int = Field(
        ge=0,
        le=limits.MAX_SESSION_MINUTES * limits.MAX_RPE,
        description="session-RPE load, RPE x minutes",
    )
    uid: str | None = Field(
        default=None,
        pattern=UID_PATTERN,
        description="a stable id of this session across replans (kept when it stays or "
        "moves): the calendar event's UID is this and the plan's first Monday; none in "
        "results written before uids existed (they get them on export and replan)",
    )
    prescription: Prescription | None = Field(
        default=None,
        description="what to do: a summary, steps (minutes adding up to the session's) and "
        "exercises (sets adding up to the session's per muscle group); see hybridplan.prescribe",
    )

    @model_validator(mode="after")
    def _prescription_adds_up(self) -> SessionOut:
        """An edited result whose prescription no longer fits its session is bad input."""
        p = self.prescription
        if p is None:
            return self
        if p.steps and sum(s.minutes for s in p.steps) != self.minutes:
            raise ValueError(
                f"prescription steps add up to {sum(s.minutes for s in p.steps)} min; "
                f"the session has {self.minutes}"
            )
        if p.exercises and p.sets_by_muscle() != {m: n for m, n in self.sets.items() if n}:
            raise ValueError(
                f"prescription exercises give sets {p.sets_by_muscle()}; the session has "
                f"{dict(self.sets)}"
            )
        return self


class Penalty(BaseModel):
    model_config = ConfigDict(strict=True)  # numbers are numbers, as in scenarios

    rule: str = Field(description="the rule's id (or the coach preference's term)")
    amount: int = Field(description="its points")
    detail: str = Field(description="why, in a sentence a coach reads")
    days: list[str] = Field(default_factory=list, description="days of the sessions involved")


class Violation(BaseModel):
    """A hard rule broken by a schedule (never present in a schedule the solver returns)."""

    model_config = ConfigDict(strict=True)  # numbers are numbers, as in scenarios

    rule: str = Field(description="the hard rule's id")
    detail: str = Field(description="what breaks it")


class Summary(BaseModel):
    model_config = ConfigDict(strict=True)  # numbers are numbers, as in scenarios

    minutes: int = Field(default=0, description="all training minutes")
    run_minutes: int = Field(default=0, description="running minutes, the race aside")
    race_minutes: int = Field(default=0, description="the race's minutes (in its week)")
    load: int = Field(default=0, description="session-RPE load (minutes x RPE)")
    runs: int = Field(default=0, description="runs, the race aside")
    strength: int = Field(default=0, description="strength sessions")
    sets: dict[str, int] = Field(default_factory=dict, description="working sets per muscle group")


class Result(BaseModel):
    model_config = ConfigDict(strict=True)  # numbers are numbers, as in scenarios

    scenario: str = Field(description="the scenario's name")
    rule_set: str = Field(
        description="the rule set's name (`+overrides` when the scenario changed it)"
    )
    status: Status = Field(
        description="optimal (proven best penalty), feasible (a plan, not proven best), "
        "infeasible (no plan keeps every hard rule), unknown (none found within the work "
        "limit), invalid (bad input)"
    )
    objective: int | None = Field(
        default=None,
        description="the plan's penalty: the sum of `penalties`, as its checks give it",
    )
    bound: int | None = Field(
        default=None, description="no plan has a lower penalty than this (equal when optimal)"
    )
    gap: float | None = Field(default=None, description="(objective - bound) / max(1, objective)")
    bound_source: Literal["plan", "weeks", "search"] | None = Field(
        default=None,
        description="where `bound` comes from: plan (the plan meets it: optimal), weeks (the "
        "sum of the best penalties of the block's weeks solved in windows, the rules across "
        "windows relaxed) or search (the whole model's search)",
    )
    solve_seconds: float = Field(default=0.0, description="wall seconds of the search")
    build_seconds: float = Field(default=0.0, description="wall seconds to build the model")
    first_solution_seconds: float | None = Field(
        default=None,
        description="wall time from the start of the solve (a block's windows included) "
        "when the first schedule was found",
    )
    best_solution_seconds: float | None = Field(
        default=None,
        description="wall time from the start of the solve when the returned schedule was found",
    )
    seed: int = Field(default=0, description="CP-SAT's random seed")
    workers: int = Field(default=1, description="CP-SAT's search workers")
    sessions: list[SessionOut] = Field(default_factory=list, description="the plan")
    penalties: list[Penalty] = Field(
        default_factory=list, description="each soft rule's points, with the reason"
    )
    violations: list[Violation] = Field(
        default_factory=list, description="hard rules broken: always empty in a returned plan"
    )
    summary: Summary = Field(default_factory=Summary, description="the plan's totals")
    input: dict[str, Any] | None = Field(
        default=None,
        description="the scenario and resolved rule set solved, so a result can be "
        "replanned and exported on its own",
    )
    phases: list[str] = Field(
        default_factory=list, description="plans of several weeks: each week's phase"
    )
    changes: list[Annotated[str, AfterValidator(shown)]] = Field(
        default_factory=list,
        max_length=limits.MAX_LIST,
        description="replanning: what changed against the previous plan",
    )
    input_hash: str | None = Field(
        default=None, description="batch runs: hash of input file, rule set and options"
    )
    objective_by_rule: dict[str, int] = Field(
        default_factory=dict, description="the solver's own penalty per soft rule"
    )
    coach_preference: int | None = Field(
        default=None,
        description="the tie-break score among plans of the same penalty (lower is better)",
    )
    coach_preference_terms: list[Penalty] = Field(
        default_factory=list, description="the coach preference by term (rule = the term)"
    )
    coach_preference_optimal: bool = Field(
        default=False, description="the coach preference is proven best for this penalty"
    )
    metrics: PlanMetrics | None = Field(
        default=None, description="plan metrics read from the plan alone: coach objections"
    )
    revision: int = Field(
        default=0,
        ge=0,
        le=limits.MAX_INT,
        description="0 for a solve, the previous plan's revision + 1 for a replan: the "
        "calendar events' SEQUENCE, so calendar apps take a replan as the newer version",
    )
    cancelled: list[SessionOut] = Field(
        default_factory=list,
        description="replanning: sessions dropped by this or an earlier replan (with their "
        "uid and old time), kept so a calendar import removes their events",
    )
    work_limit: float | None = Field(
        default=None,
        ge=0,
        le=limits.MAX_TIME_LIMIT,
        description="the deterministic work limit the solve had (CP-SAT deterministic seconds): "
        "the same input, seed and work limit give the same plan on any machine",
    )
    stopped_by: Literal["work_limit", "time_limit"] | None = Field(
        default=None,
        description="what cut a solve short of a proof: its work limit (the same on any "
        "machine) or the wall-clock safety net (the plan then depends on the machine's load); "
        "none when the plan is proven optimal or no week exists",
    )
    message: Annotated[str, AfterValidator(shown)] = Field(default="", max_length=limits.MAX_TEXT)
    log: TrainingLog | None = Field(
        default=None,
        description="the closed loop: the activities imported against this plan (hybridplan "
        "log import), what each planned session became, and what they changed in the athlete",
    )

    @model_validator(mode="after")
    def _uids_unique(self) -> Result:
        """Two events with one UID would overwrite each other in a calendar: an edited file
        with a repeated uid is bad input, as is a cancelled session without one."""
        seen: set[str] = set()
        for where, sessions in (("sessions", self.sessions), ("cancelled", self.cancelled)):
            for s in sessions:
                if s.uid is None:
                    if where == "cancelled":
                        raise ValueError("a cancelled session needs its uid")
                    continue
                if s.uid in seen:
                    raise ValueError(f"uid {s.uid!r} is used twice ({where})")
                seen.add(s.uid)
        return self

    def with_uids(self) -> Result:
        """This result, or a copy whose sessions without a uid got one (a result written
        before uids existed): the same file gives the same uids every time."""
        if all(s.uid is not None for s in self.sessions):
            return self
        copy = self.model_copy(deep=True)
        assign_uids(copy)
        return copy

    @model_validator(mode="after")
    def _dated(self) -> Result:
        """Every session carries its calendar date when the stored scenario has `start`:
        filled in for a result written before dates existed, and an edited date that is not
        the session's day is bad input (a calendar built from it would lie)."""
        start = self.start
        if start is None:
            return self
        for i, s in enumerate(self.sessions):
            date = session_date(start, s.week, s.day)
            if s.date is None:
                s.date = date
            elif s.date != date:
                raise ValueError(
                    f"sessions.{i}.date: {s.date} is not {s.day} of week {s.week} "
                    f"(the plan starts on Monday {start}; it would be {date})"
                )
        return self

    @property
    def start(self) -> dt.date | None:
        """The plan's first Monday, from the stored scenario (None without one)."""
        scenario = (self.input or {}).get("scenario")
        value = scenario.get("start") if isinstance(scenario, dict) else None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None  # the stored input is checked when it is read (input_from_result)

    @property
    def found(self) -> bool:
        return self.status in FOUND

    def penalty_by_rule(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for p in self.penalties:
            totals[p.rule] = totals.get(p.rule, 0) + p.amount
        return totals

    @property
    def pace_unit(self) -> str:
        """km or mile: the unit of the prescriptions' paces (the scenario's athlete)."""
        scenario = (self.input or {}).get("scenario") or {}
        athlete = scenario.get("athlete") if isinstance(scenario, dict) else None
        unit = athlete.get("pace_unit") if isinstance(athlete, dict) else None
        return unit if unit in ("km", "mile") else "km"

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_dataframe(self) -> pd.DataFrame:
        """One row per placed session; sets spread into one column per muscle group; the
        prescription as text: `prescription` (its summary), `steps` and `exercises`."""
        import pandas as pd

        rows = []
        unit = self.pace_unit
        for s in self.sessions:
            row = s.model_dump(exclude={"sets", "prescription"})
            p = s.prescription
            row["prescription"] = p.summary if p else ""
            row["steps"] = p.steps_text(unit) if p else ""
            row["exercises"] = p.exercises_text() if p else ""
            row.update({f"sets_{m}": n for m, n in s.sets.items()})
            rows.append(row)
        empty = [*SessionOut.model_fields, "steps", "exercises"]
        frame = pd.DataFrame(rows, columns=empty if not rows else None)
        if "sets" in frame.columns:
            frame = frame.drop(columns="sets")
        frame.insert(0, "scenario", self.scenario)
        sets = [c for c in frame.columns if c.startswith("sets_")]
        # sets are whole numbers: a session without a muscle group has 0, not NaN (float)
        frame[sets] = frame[sets].fillna(0).astype(int)
        return frame


def slug(text: str, limit: int = 40) -> str:
    """Lowercase letters, digits, dashes and underscores only (`Anna's week` ->
    `anna-s-week`, `easy_45` as it is)."""
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-_")[:limit].strip("-_") or "plan"


def assign_uids(result: Result, taken: Iterable[str] = ()) -> None:
    """Give each session of `result` without a uid one, in place: `{scenario}-w{week}-
    {session}-{n}`, n counting up from 1 within the week and session id and skipping every
    uid in use (in the result, or `taken`: those a replan carried or cancelled), so a new
    session never takes over the event of another. Deterministic: the same sessions in the
    same order get the same uids."""
    used = {*taken, *(s.uid for s in (*result.sessions, *result.cancelled) if s.uid)}
    base = slug(result.scenario)
    for s in result.sessions:
        if s.uid is not None:
            continue
        stem = f"{base}-w{s.week}-{slug(s.session, limits.MAX_ID)}"
        n = 1
        while f"{stem}-{n}" in used:
            n += 1
        s.uid = f"{stem}-{n}"
        used.add(s.uid)


def restored(older: Result, newest: Result, version: int) -> Result:
    """`older` (version `version` of a plan) made the plan's newest version again: undo.
    Its revision goes past the newest's, so calendar apps take it as the newer version,
    and every session of the newest (or cancelled before) that `older` does not hold is
    listed in `cancelled`, so a calendar import removes its event."""
    back = older.model_copy(deep=True).with_uids()
    back.revision = newest.revision + 1
    live = {s.uid for s in back.sessions}
    cancelled: dict[str, SessionOut] = {}
    for s in (*back.cancelled, *newest.cancelled, *newest.sessions):
        if s.uid and s.uid not in live:
            cancelled[s.uid] = s.model_copy(deep=True)
    back.cancelled = list(cancelled.values())
    back.changes = [f"restored version {version}: the plan as it was then"]
    return back
