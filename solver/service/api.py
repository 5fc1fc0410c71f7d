"""The HTTP API under /v1: the same calls as the Python API (solve, explain, replan,
export) over JSON, answering with the result contract plus the plan's id. Long solves
answer 202 with a job (see jobs.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse

from hybridplan.models import limits
from hybridplan.models.catalogue import default_catalogue
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.explanation import Explanation
from hybridplan.models.loading import builtin_rule_sets, load_rule_set
from hybridplan.models.rules import RULE_CONFIGS
from hybridplan.models.scenario import Scenario
from hybridplan.models.session import SessionType
from hybridplan.service.auth import api_coach, service
from hybridplan.service.jobs import TERMINAL
from hybridplan.service.planning import NotFound
from hybridplan.service.schemas import (
    AthleteOut,
    ErrorOut,
    JobOut,
    PlanListingOut,
    PlanOut,
    ProblemsOut,
    ReplanIn,
    RuleOut,
    RuleSetOut,
    RulesOut,
    VersionOut,
)

Coach = Annotated[int, Depends(api_coach)]
TimeLimit = Annotated[
    float | None,
    Query(gt=0, le=86_400, description="solver seconds; capped by the server's --max-time-limit"),
]
Async = Annotated[
    bool,
    Query(alias="async", description="run as a job (202) even for one week"),
]
Rules = Annotated[
    str | None,
    Query(max_length=100, description="a built-in rule set; replaces the scenario's own"),
]
PlanId = Annotated[str, Query(max_length=64)]
Version = Annotated[
    int | None, Query(ge=1, le=limits.MAX_VERSION, description="default: the newest")
]

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "no valid token"},
    413: {"model": ErrorOut, "description": "body larger than --max-body"},
    422: {"model": ProblemsOut, "description": "invalid input: one line per problem"},
    503: {"model": ErrorOut, "description": "every worker busy and the queue full"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "no such id for this coach"}
}
JOB: dict[int | str, dict[str, Any]] = {202: {"model": JobOut, "description": "started as a job"}}
EXPORT_TYPES = {
    "ics": "text/calendar",
    "html": "text/html",
    "md": "text/markdown",
    "csv": "text/csv",
    "png": "image/png",
    "fit": "application/zip",
}

router = APIRouter(prefix="/v1", responses=ERRORS)


def _limit_header(request: Request, response: Response, asked: float | None) -> None:
    """Say what solver time the request got (its own, capped by the server)."""
    response.headers["X-Time-Limit"] = f"{service(request).settings.time_limit(asked):g}"


def _job_response(job: JobOut, request: Request, asked: float | None) -> JSONResponse:
    response = JSONResponse(
        job.model_dump(mode="json"), status_code=202, headers={"Location": f"/v1/jobs/{job.id}"}
    )
    _limit_header(request, response, asked)
    return response


@router.post("/solve", response_model=PlanOut, responses=JOB, tags=["plans"])
async def solve(
    scenario: Scenario,
    request: Request,
    response: Response,
    coach: Coach,
    rules: Rules = None,
    time_limit: TimeLimit = None,
    athlete: Annotated[
        str | None, Query(max_length=200, description="default: the scenario's name")
    ] = None,
    run_async: Async = False,
) -> Any:
    """Plan a scenario (JSON, as a scenario file). One week answers with the plan; a block
    of several weeks (or `async=true`) answers 202 with a job."""
    out = await service(request).solve(coach, scenario, rules, time_limit, athlete, run_async)
    _limit_header(request, response, time_limit)
    return _job_response(out, request, time_limit) if isinstance(out, JobOut) else out


@router.post("/explain", response_model=Explanation, responses=JOB, tags=["plans"])
async def explain(
    scenario: Scenario,
    request: Request,
    response: Response,
    coach: Coach,
    rules: Rules = None,
    time_limit: TimeLimit = None,
    run_async: Async = False,
) -> Any:
    """Why a week cannot be planned (a minimal conflict with relaxations), or why a
    planned week looks as it does (score by rule and day, binding rules)."""
    out = await service(request).explain(coach, scenario, rules, time_limit, run_async)
    _limit_header(request, response, time_limit)
    return _job_response(out, request, time_limit) if isinstance(out, JobOut) else out


@router.post("/replan", response_model=PlanOut, responses=JOB | NOT_FOUND, tags=["plans"])
async def replan(
    change: ReplanIn,
    request: Request,
    response: Response,
    coach: Coach,
    time_limit: TimeLimit = None,
    run_async: Async = False,
) -> Any:
    """A new version of a stored plan after changes (done, missed, unavailable, pins,
    blocks), with as few changes as the rules allow; `changes` says what moved and why."""
    out = await service(request).replan(coach, change, time_limit, run_async)
    _limit_header(request, response, time_limit)
    return _job_response(out, request, time_limit) if isinstance(out, JobOut) else out


UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "not a multipart form"},
    413: {"model": ErrorOut, "description": "upload larger than --max-upload"},
    422: {
        "model": ProblemsOut,
        "description": "bad files: one line per problem, each naming the file and its line "
        "or record (`errors[].file`, `errors[].line`)",
    },
}


async def read_uploads(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded file, each read up to one byte past the most a file
    may be (the worker refuses a longer one, naming it); the request itself is bounded by
    --max-upload before it gets here."""
    out = []
    for upload in files:
        data = await upload.read(limits.MAX_ACTIVITY_FILE_BYTES + 1)
        out.append((upload.filename or "", data))
    return out


@router.post(
    "/plans/{plan_id}/activities",
    response_model=PlanOut,
    responses=JOB | NOT_FOUND | UPLOAD_ERRORS,
    tags=["plans"],
)
async def upload(
    plan_id: str,
    request: Request,
    response: Response,
    coach: Coach,
    files: Annotated[
        list[UploadFile],
        File(
            description="activity files (.fit, .gpx, .tcx, .csv; the extension decides), at "
            f"most {limits.MAX_UPLOAD_FILES} of at most 16 MiB each"
        ),
    ],
    through: Annotated[
        dt.date | None,
        Form(
            description="the last day the import covers (default: the last activity's day); "
            "planned sessions up to it with no activity are missed"
        ),
    ] = None,
    version: Annotated[
        int | None,
        Form(ge=1, le=limits.MAX_VERSION, description="the version imported into (newest)"),
    ] = None,
    time_limit: TimeLimit = None,
    run_async: Async = False,
) -> Any:
    """Activity files into a stored plan's log (`hybridplan log import`): each planned
    session of the logged days is done, partial, missed or moved (with its evidence),
    unplanned activities are extra, an activity the log holds counts once, and the rest of
    the block is planned again: a new version (kind `import`) whose `log` says what
    happened. A block of several weeks (or `async=true`) answers 202 with a job."""
    svc = service(request)
    out = await svc.import_files(
        coach, plan_id, await read_uploads(files), through, version, time_limit, run_async
    )
    _limit_header(request, response, time_limit)
    return _job_response(out, request, time_limit) if isinstance(out, JobOut) else out


@router.get("/plans", response_model=list[PlanListingOut], tags=["plans"])
async def plans(request: Request, coach: Coach) -> Any:
    """The coach's plans, newest first."""
    svc = service(request)
    return [PlanListingOut(**vars(p)) for p in await svc.db(svc.store.plans, coach)]


@router.get("/plans/{plan_id}", response_model=PlanOut, responses=NOT_FOUND, tags=["plans"])
async def plan(plan_id: str, request: Request, coach: Coach, version: Version = None) -> Any:
    """A plan (its newest version, or `version`)."""
    return await service(request).plan(coach, plan_id, version)


@router.post(
    "/plans/{plan_id}/restore", response_model=PlanOut, responses=NOT_FOUND, tags=["plans"]
)
async def restore(plan_id: str, request: Request, coach: Coach, version: Version = None) -> Any:
    """Undo: an earlier `version` becomes the newest version again (a new version; the
    sessions it does not hold are cancelled in the calendar export)."""
    if version is None:
        raise InputError([Problem("version", "name the version to restore")])
    return await service(request).restore(coach, plan_id, version)


@router.get(
    "/plans/{plan_id}/versions",
    response_model=list[VersionOut],
    responses=NOT_FOUND,
    tags=["plans"],
)
async def versions(plan_id: str, request: Request, coach: Coach) -> Any:
    """The plan's history: the first solve and every replan, with their changes."""
    svc = service(request)
    found = await svc.db(svc.store.versions, coach, plan_id)
    if found is None:
        raise NotFound
    return [VersionOut(**vars(v)) for v in found]


@router.get(
    "/plans/{plan_id}/export",
    responses=NOT_FOUND
    | {200: {"content": {t: {} for t in EXPORT_TYPES.values()}, "description": "the file"}},
    response_class=Response,
    tags=["plans"],
)
async def export(
    plan_id: str,
    request: Request,
    coach: Coach,
    to: Annotated[
        str,
        Query(
            max_length=20,
            description="ics, html, md, csv, png, or fit (a zip of one FIT workout file "
            "per session); another value is 422 naming the allowed ones",
        ),
    ],
    version: Version = None,
    start: Annotated[
        dt.date | None, Query(description="ics: the plan's first Monday, if the scenario has none")
    ] = None,
    busy_only: Annotated[bool, Query(description="ics: events without details")] = False,
) -> Response:
    """The plan as a file: an iCalendar feed, an HTML page, Markdown, CSV, a PNG, or the
    sessions as FIT workouts for the watch (a zip: runs, strength, mobility)."""
    options: dict[str, Any] = {}
    if to == "ics":
        options = {"start": start.isoformat() if start else None, "busy_only": busy_only}
    try:
        data = await service(request).export(coach, plan_id, version, to, options)
    except InputError as exc:  # the exporter names its formats for the CLI's --to
        raise InputError(
            [Problem("to", p.message) if p.field == "--to" else p for p in exc.problems]
        ) from None
    name = f"plan-{plan_id}.{'zip' if to == 'fit' else to}"
    return Response(
        data,
        media_type=EXPORT_TYPES.get(to, "application/octet-stream"),
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/jobs/{job_id}", response_model=JobOut, responses=NOT_FOUND, tags=["jobs"])
async def job(job_id: str, request: Request, coach: Coach) -> Any:
    """A job's state, and its plan (or explanation) when done."""
    return await service(request).job(coach, job_id)


@router.delete("/jobs/{job_id}", response_model=JobOut, responses=NOT_FOUND, tags=["jobs"])
async def cancel(job_id: str, request: Request, coach: Coach) -> Any:
    """Cancel a job: 200 when cancelled, 409 (with its state) when it had already ended."""
    cancelled, out = await service(request).cancel(coach, job_id)
    return out if cancelled else JSONResponse(out.model_dump(mode="json"), status_code=409)


@router.get(
    "/jobs/{job_id}/events",
    responses=NOT_FOUND | {200: {"content": {"text/event-stream": {}}}},
    response_class=StreamingResponse,
    tags=["jobs"],
)
async def events(job_id: str, request: Request, coach: Coach) -> StreamingResponse:
    """Server-sent events: one `status` event per change of the job's state, the last one
    when it has ended (its data is the job, as GET /v1/jobs/{id})."""
    svc = service(request)
    first = await svc.job(coach, job_id)  # 404 before the stream starts

    async def stream() -> AsyncIterator[str]:
        current: JobOut | None = first
        last = None
        while current is not None:
            if current.status != last:
                last = current.status
                yield f"event: status\ndata: {current.model_dump_json()}\n\n"
            if current.status in TERMINAL or await request.is_disconnected():
                return
            await asyncio.sleep(0.2)
            current = await svc.job(coach, job_id)

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )


@router.get("/athletes", response_model=list[AthleteOut], tags=["plans"])
async def athletes(request: Request, coach: Coach) -> Any:
    """The coach's athletes and their plans."""
    svc = service(request)
    return [AthleteOut(name=n, plans=p) for n, p in await svc.db(svc.store.athletes, coach)]


@router.get("/rules", response_model=RulesOut, tags=["catalogue"])
async def rules(_coach: Coach) -> Any:
    """The built-in rule sets and the rule catalogue with its defaults."""
    sets = [RuleSetOut(**load_rule_set(name).to_data()) for name in builtin_rule_sets()]
    catalogue = [
        RuleOut(
            id=rid,
            level=cls.LEVEL,
            defaults={k: v for k, v in cls().model_dump(mode="json").items() if k != "enabled"},
            description=" ".join((cls.__doc__ or "").split()),
        )
        for rid, cls in RULE_CONFIGS.items()
    ]
    return RulesOut(rule_sets=sets, catalogue=catalogue)


@router.get("/sessions", response_model=list[SessionType], tags=["catalogue"])
async def sessions(_coach: Coach) -> Any:
    """The built-in session catalogue."""
    return list(default_catalogue().values())
