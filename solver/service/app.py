"""The ASGI application: the /v1 API, the planner's page, /health and /openapi.json, with
the protections every response gets (body size limit, security headers, an access log
without query strings, errors as the CLI words them).

`create_app(settings)` is all uvicorn needs; the lifespan migrates the database, starts
the worker pool and resumes jobs that a previous process left unfinished.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hybridplan import __version__
from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem, describe, one_line
from hybridplan.models.loading import validation_problems
from hybridplan.models.scenario import Scenario
from hybridplan.service import api, pages
from hybridplan.service.jobs import Busy, WorkerLost
from hybridplan.service.planning import FileProblems, NotFound, Service
from hybridplan.service.schemas import HealthOut, ReplanIn
from hybridplan.service.settings import Settings

log = logging.getLogger("hybridplan.service")
access = logging.getLogger("hybridplan.access")

# No inline script or style anywhere: the page's JavaScript and CSS are static files.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
# The body model of each endpoint that takes one, to word its validation errors.
BODIES: dict[str, type[BaseModel]] = {
    "/v1/solve": Scenario,
    "/v1/explain": Scenario,
    "/v1/replan": ReplanIn,
}
# Uploads of activity files (the API's and the page's) have their own body limit.
UPLOADS = re.compile(r"^(/v1)?/plans/[^/]+/activities$")


class Guard:
    """Pure ASGI middleware: refuses bodies over the limit with 413 (by Content-Length, or
    by reading the upload up to the limit before the app sees it) and bodies that do not
    arrive within `body_seconds` with 408 (a client sending a byte at a time), adds the
    security headers, and logs each request as method, path (never the query, which may
    hold a token), status and time. An upload of activity files (`UPLOADS`) has its own
    limit, `max_upload`."""

    def __init__(
        self,
        app: ASGIApp,
        max_body: int,
        body_seconds: float = 15.0,
        max_upload: int | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.body_seconds = body_seconds
        self.max_upload = max_body if max_upload is None else max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = [0]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        most = self.max_upload if UPLOADS.match(scope["path"]) else self.max_body
        try:
            length = dict(scope["headers"]).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > most):
                await self._too_large(send_with_headers, most)
                return
            # Read the body (up to the limit, in the time allowed), then replay it.
            body = b""
            try:
                async with asyncio.timeout(self.body_seconds):
                    while True:
                        message = await receive()
                        if message["type"] != "http.request":
                            return  # the client went away
                        body += message.get("body", b"")
                        if len(body) > most:
                            await self._too_large(send_with_headers, most)
                            return
                        if not message.get("more_body", False):
                            break
            except TimeoutError:
                await self._too_slow(send_with_headers)
                return
            if body and scope["path"].startswith("/v1/") and _is_json(scope):
                if len(body) > limits.MAX_FILE_BYTES:  # a scenario file's limit
                    await self._too_large(send_with_headers, limits.MAX_FILE_BYTES)
                    return
                problems = json_problems(body)
                if problems:
                    await problems_response(problems)({"type": "http"}, _no_body, send_with_headers)
                    return
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
        finally:
            access.info(
                "%s %s %s %.0f ms",
                scope["method"],
                scope["path"],
                status[0],
                1000 * (time.perf_counter() - began),
            )

    async def _too_slow(self, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body not received within {self.body_seconds:g} s"},
            status_code=408,
            headers={"connection": "close"},
        )
        await response({"type": "http"}, _no_body, send)

    async def _too_large(self, send: Send, most: int | None = None) -> None:
        response = JSONResponse(
            {"detail": f"request body larger than {most or self.max_body} bytes"},
            status_code=413,
        )
        await response({"type": "http"}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _is_json(scope: Scope) -> bool:
    header: bytes = dict(scope["headers"]).get(b"content-type", b"")
    kind = header.split(b";")[0].strip().lower()
    return kind == b"application/json" or kind.endswith(b"+json")


def json_problems(body: bytes) -> list[Problem]:
    """An API request's JSON read as a scenario file's is (duplicate keys, nesting, number
    sizes, NaN refused, `models.reading`), so the API accepts and refuses the documents the
    CLI and the page do; FastAPI's own parser kept the last of two keys and failed inside
    (500) on 50,000 nested brackets or a 5,000-digit number."""
    from hybridplan.models.reading import check_data, parse

    try:
        data, locate = parse(body.decode("utf-8"), ".json", "")
    except UnicodeDecodeError as exc:
        return [Problem("", f"the body is not UTF-8 (byte {exc.start})")]
    except InputError as exc:
        return exc.problems
    except ValueError as exc:  # e.g. an integer longer than Python converts
        return [Problem("", f"not valid JSON: {one_line(str(exc), 120)}")]
    return check_data(data, "", locate)


def problems_response(problems: list[Problem], files: bool = False) -> JSONResponse:
    """422 with the CLI's one-line problems (file and line left out, unless `files`: the
    problems of uploaded files name the file and its line or record)."""
    bare = problems if files else [p.at(None, None) for p in problems]
    body = {
        "detail": "invalid input",
        "problems": [str(p) for p in bare],
        "errors": [_error(p, files) for p in bare],
    }
    return JSONResponse(body, status_code=422)


def _error(problem: Problem, files: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"field": problem.field, "message": problem.message}
    if files:
        out |= {"file": one_line(problem.file or ""), "line": problem.line}
    return out


def request_problems(request: Request, exc: RequestValidationError) -> list[Problem]:
    """FastAPI's validation errors in the words the CLI uses: a bad body is validated again
    by the same code that checks scenario files, so the lines match the CLI's."""
    problems: list[Problem] = []
    body_errors = [e for e in exc.errors() if e["loc"] and e["loc"][0] == "body"]
    model = BODIES.get(request.url.path)
    for err in exc.errors():
        if err in body_errors:
            continue
        loc = tuple(err["loc"][1:]) if len(err["loc"]) > 1 else tuple(err["loc"])
        problems.append(Problem(".".join(str(p) for p in loc), describe(err)))
    if body_errors and UPLOADS.match(request.url.path):  # a form: its fields by name
        problems += [
            Problem(".".join(str(p) for p in e["loc"][1:]), describe(e)) for e in body_errors
        ]
    elif body_errors:
        body = exc.body
        if not isinstance(body, dict) or model is None:
            kinds = {e["type"] for e in body_errors}
            what = (
                "the body is not valid JSON"
                if "json_invalid" in kinds
                else "the body must be a JSON object"
                + (" (a scenario)" if model is Scenario else "")
            )
            problems.append(Problem("", what))
        else:
            try:
                model.model_validate(body)
            except ValidationError as error:
                problems += validation_problems(error, model, "", lambda _: None)
            else:  # FastAPI found a problem pydantic alone does not: word it as it came
                problems += [
                    Problem(".".join(str(p) for p in e["loc"][1:]), describe(e))
                    for e in body_errors
                ]
    return problems


def create_app(settings: Settings) -> FastAPI:
    svc = Service(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await svc.start()
        log.info(
            "hybridplan %s serving on %s:%s (%s workers, database %s)",
            __version__,
            settings.host,
            settings.port,
            settings.workers,
            _safe_url(settings.db_url),
        )
        try:
            yield
        finally:
            await svc.stop()

    app = FastAPI(
        title="hybridplan",
        version=__version__,
        description="Plans for hybrid athletes (running + strength), solved with OR-Tools "
        "CP-SAT. Send `Authorization: Bearer TOKEN` (`hybridplan token create NAME`).",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN: not served
        redoc_url=None,
    )
    app.state.service = svc
    app.add_middleware(
        Guard,
        max_body=settings.max_body_bytes,
        body_seconds=settings.client_timeout,
        max_upload=settings.max_upload_bytes,
    )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problems_response(request_problems(request, exc))

    @app.exception_handler(InputError)
    async def _input(_request: Request, exc: InputError) -> JSONResponse:
        return problems_response(exc.problems, files=isinstance(exc, FileProblems))

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, _exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": "not found"}, status_code=404)

    @app.exception_handler(Busy)
    async def _busy(_request: Request, _exc: Busy) -> JSONResponse:
        return JSONResponse(
            {"detail": "every worker is busy and the queue is full; try again shortly"},
            status_code=503,
            headers={"Retry-After": "2"},
        )

    @app.exception_handler(WorkerLost)
    async def _lost(_request: Request, _exc: WorkerLost) -> JSONResponse:
        return JSONResponse(
            {"detail": "the solver process for this request died (the service started "
                       "another); try again"},
            status_code=503,
            headers={"Retry-After": "2"},
        )  # fmt: skip

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Any:
        if exc.status_code == 401 and not request.url.path.startswith("/v1"):
            return pages.to_login(request)
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    @app.get("/health", response_model=HealthOut, tags=["service"])
    async def health() -> HealthOut:
        """Liveness, for load balancers and tests: no token needed. A broken worker pool
        is replaced first; `degraded` when it takes no work (it is shut down).
        `workers_lost` counts the workers that died holding a request since the start
        (each replaced), `pool_restarts` the pools replaced whole."""
        pool = svc.pool
        takes_work = pool is None or await asyncio.to_thread(pool.heal)
        return HealthOut(
            status="ok" if takes_work else "degraded",
            version=__version__,
            workers=settings.workers,
            in_flight=pool.in_flight if pool else 0,
            capacity=settings.capacity,
            workers_lost=pool.lost if pool else 0,
            pool_restarts=pool.restarts if pool else 0,
        )

    app.include_router(api.router)
    app.include_router(pages.router)
    # follow_symlink: the development install (setuptools' strict editable mode) is a tree
    # of links into the source; the folder itself is the package's own.
    static = StaticFiles(packages=[("hybridplan.service", "static")], follow_symlink=True)
    app.mount("/static", static, name="static")
    return app


def _safe_url(url: str) -> str:
    """The database URL without its password, for the log."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
