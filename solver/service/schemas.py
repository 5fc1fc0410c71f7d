"""The API's request and response bodies as pydantic models, so `/openapi.json` is
generated from the same classes that validate and serialise. A plan is the public result
contract (`Result`) plus the fields that place it in the database (`id`, `version`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from hybridplan.models import limits
from hybridplan.models.explanation import Explanation
from hybridplan.models.result import Result
from hybridplan.models.scenario import Block, Pin
from hybridplan.models.week import Day


class PlanOut(Result):
    """A stored plan: the result contract plus where it is kept."""

    id: str = Field(description="the plan's id: GET /v1/plans/{id}")
    version: int = Field(description="1 for the first solve, +1 per replan")
    versions: int = Field(description="how many versions the plan has")
    athlete: str


class ProblemOut(BaseModel):
    field: str = Field(description="field path, e.g. targets.runs (empty: the whole body)")
    message: str = Field(description="what is wrong and what is allowed")
    file: str | None = Field(
        default=None, description="uploaded activity files: the file's name as sent"
    )
    line: int | None = Field(
        default=None, description="uploaded activity files: its line (CSV, XML) or record (FIT)"
    )


class ProblemsOut(BaseModel):
    """422: the same one-line problems the command line prints, without file and line."""

    detail: str = "invalid input"
    problems: list[str] = Field(description="'field.path: what is wrong and what is allowed'")
    errors: list[ProblemOut]


class ErrorOut(BaseModel):
    detail: str


JobState = Literal["queued", "running", "done", "failed", "cancelled"]


class JobOut(BaseModel):
    """A long solve (a block of several weeks, or `async=true`). Poll GET /v1/jobs/{id},
    or listen to GET /v1/jobs/{id}/events (server-sent events); DELETE cancels."""

    id: str
    kind: Literal["solve", "replan", "explain", "import"]
    status: JobState
    plan_id: str | None = Field(default=None, description="when done: the plan made")
    result: PlanOut | None = Field(default=None, description="when done: the plan")
    explanation: Explanation | None = Field(default=None, description="explain jobs, when done")
    problems: list[str] = Field(default_factory=list, description="why a job failed")


class ReplanIn(BaseModel):
    """Replan a stored plan after real life happened (hybridplan.replan): done sessions
    are kept, missed and unavailable places (`day` or `day:slot`, in `week`) are taken
    away, and the rest is planned again with as few changes as possible. `pins` and
    `blocks` change the plan's own scenario first, in any week: a pinned session stays in
    its slot, a blocked day or slot is taken away, in this and every later version."""

    model_config = ConfigDict(extra="forbid", strict=True)  # numbers are numbers

    plan_id: str = Field(min_length=1, max_length=64)
    version: int | None = Field(
        default=None, ge=1, le=limits.MAX_VERSION, description="default: the newest"
    )
    done: list[str] = Field(default_factory=list, max_length=100)
    missed: list[str] = Field(default_factory=list, max_length=100)
    unavailable: list[str] = Field(default_factory=list, max_length=100)
    from_day: Day | None = None
    moved: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="sessions done elsewhere: `day:slot=day:slot` (planned=done), in `week`",
    )
    week: int | None = Field(
        default=None,
        ge=1,
        le=limits.MAX_WEEKS,
        description="the week of a block that done, missed and unavailable are in (weeks "
        "before it are kept as planned); default: the week holding today when the plan "
        "has dates, else 1",
    )
    pins: list[Pin] = Field(default_factory=list, max_length=200)
    blocks: list[Block] = Field(default_factory=list, max_length=200)


def _utc(value: dt.datetime) -> dt.datetime:
    """Times are written in UTC; SQLite gives them back without their offset."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


Utc = Annotated[dt.datetime, AfterValidator(_utc)]


class PlanListingOut(BaseModel):
    id: str
    athlete: str
    scenario: str
    status: str
    version: int
    created_at: Utc = Field(description="UTC, with its offset")


class VersionOut(BaseModel):
    version: int
    kind: str
    status: str
    objective: int | None
    changes: list[str]
    created_at: Utc = Field(description="UTC, with its offset")


class AthleteOut(BaseModel):
    name: str
    plans: list[str]


class RuleSetOut(BaseModel):
    name: str
    description: str
    rules: dict[str, dict[str, Any]]
    phases: dict[str, dict[str, Any]]


class RuleOut(BaseModel):
    id: str
    level: str
    defaults: dict[str, Any]
    description: str


class RulesOut(BaseModel):
    rule_sets: list[RuleSetOut]
    catalogue: list[RuleOut]


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    workers: int
    in_flight: int
    capacity: int
    workers_lost: int
    pool_restarts: int
