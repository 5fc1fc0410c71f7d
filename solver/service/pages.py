"""The planner's page: the coach's plans, a form for a new one, and a plan's week grid
(a block week by week) where a click blocks a slot or a day or pins a session, then
"Replan" makes the next version. Server-rendered with Jinja2 (autoescaped), one small
static script that only ticks the same checkboxes a click on the cell means, no build
step and nothing from another host: the page works without network.

Forms post to the page's own routes, which call the same `Service` as the API. The
token cookie is SameSite=Strict and posts must come from this origin, so another site
cannot post a form in the coach's name.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import ValidationError

from hybridplan import __version__
from hybridplan.log.importing import READERS
from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import (
    builtin_rule_sets,
    input_from_result,
    scenario_from_text,
    validation_problems,
)
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.scenario import Pin, Scenario
from hybridplan.models.week import DAYS
from hybridplan.service.api import read_uploads
from hybridplan.service.auth import coach_of, forget_token, keep_token, service
from hybridplan.service.db import StoredPlan
from hybridplan.service.planning import NotFound
from hybridplan.service.schemas import JobOut, ReplanIn

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(
    env=Environment(
        loader=PackageLoader("hybridplan.service", "templates"),
        autoescape=select_autoescape(default=True),
    )
)

EXAMPLE = """\
# A scenario as in a scenario file (YAML or JSON). `weeks: 8` would plan a block.
name: anna
start: {monday}
timezone: Europe/Berlin
availability:
  mon: {{am: 60, pm: 75}}
  tue: {{am: 45, pm: 90}}
  wed: {{am: 60, pm: 75}}
  thu: {{pm: 60}}
  fri: {{am: 45, pm: 90}}
  sat: {{am: 150}}
weekly_minutes: 480
targets:
  runs: [4, 5]
  strength: [2, 3]
  long_run: 1
  quality_runs: [1, 2]
  sets: {{quads: [4, 8], back: [4, 8], glutes: [4, 8]}}
preferences: {{long_run_day: sat, rest_days: [sun]}}
rules: balanced
"""


def _next_monday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


def _safe_next(value: str | None) -> str:
    """Only a path on this site: never an address elsewhere."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


async def _coach(request: Request) -> int | Response:
    """The coach, or the response that gets one: `?token=` is checked, kept in the cookie
    and dropped from the address (so it stays out of history and logs); without a token
    the browser goes to /login. A `?token=` link followed from another site is not used
    (login CSRF: a foreign page could sign the browser in as someone else)."""
    token = request.query_params.get("token")
    if token is not None:
        if _cross_site(request):
            return _login_page(
                request, "A sign-in link opened from another site is not used; sign in here.",
                status=403,
            )  # fmt: skip
        coach = await coach_of(request, token)
        if coach is None:
            return _login_page(request, "That token is not valid.", status=401)
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        response = RedirectResponse(
            request.url.path + (f"?{urlencode(rest)}" if rest else ""), status_code=303
        )
        keep_token(response, request, token)
        return response
    coach = await coach_of(request)
    return to_login(request) if coach is None else coach


def _cross_site(request: Request) -> bool:
    """A navigation another site started: the browser's Sec-Fetch-Site says so, or
    (browsers without it) a Referer from another host. A link typed, bookmarked or opened
    from a mail client sends neither."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "cross-site"
    referer = request.headers.get("referer")
    if not referer:
        return False
    return urlsplit(referer).netloc != request.url.netloc


async def _form_coach(request: Request) -> int | Response:
    """The coach posting one of the page's forms, or the response that refuses it: the
    login page (no coach) or 403 (a form sent from another site)."""
    coach = await _coach(request)
    if isinstance(coach, Response):
        return coach
    if not _same_origin(request):
        return Response("cross-site form refused", status_code=403)
    return coach


def _same_origin(request: Request) -> bool:
    """A form post from this site (browsers send Origin with every POST; a client that
    sends none, like curl, is not a browser another site could drive)."""
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    svc = service(request)
    return templates.TemplateResponse(
        request,
        name,
        {"version": __version__, "no_auth": svc.settings.no_auth, **context},
        status_code=status,
    )


def _login_page(request: Request, error: str = "", status: int = 200) -> HTMLResponse:
    return _render(
        request,
        "login.html",
        status=status,
        error=error,
        next=_safe_next(request.query_params.get("next")),
    )


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login")
async def login(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    if not _same_origin(request):
        return Response("cross-site form refused", status_code=403)
    if await coach_of(request, token.strip()) is None:
        return _login_page(request, "That token is not valid.", status=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    keep_token(response, request, token.strip())
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    if not _same_origin(request):
        return Response("cross-site form refused", status_code=403)
    response = RedirectResponse("/login", status_code=303)
    forget_token(response)
    return response


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> Response:
    coach = await _coach(request)
    if isinstance(coach, Response):
        return coach
    return await _index(request, coach)


async def _index(
    request: Request,
    coach: int,
    text: str | None = None,
    problems: list[str] | None = None,
    rules: str = "",
    athlete: str = "",
) -> HTMLResponse:
    svc = service(request)
    return _render(
        request,
        "index.html",
        status=422 if problems else 200,
        coach=await svc.db(svc.store.coach_name, coach),
        plans=await svc.db(svc.store.plans, coach),
        scenario_text=text if text is not None else EXAMPLE.format(monday=_next_monday()),
        rule_sets=builtin_rule_sets(),
        rules=rules,
        athlete=athlete,
        problems=problems or [],
    )


@router.post("/plans")
async def new_plan(
    request: Request,
    scenario_text: Annotated[str, Form()],
    rules: Annotated[str, Form(max_length=100)] = "",
    athlete: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Solve a scenario pasted as YAML or JSON; a block goes through a job page."""
    coach = await _form_coach(request)
    if isinstance(coach, Response):
        return coach
    try:
        scenario = _parse_scenario(scenario_text)
        out = await service(request).solve(
            coach, scenario, rules or None, None, athlete.strip() or None, False
        )
    except InputError as exc:
        lines = [
            (f"line {p.line}: " if p.line else "") + str(p.at(None, None)) for p in exc.problems
        ]
        return await _index(request, coach, scenario_text, lines, rules, athlete)
    if isinstance(out, JobOut):
        return RedirectResponse(f"/jobs/{out.id}", status_code=303)
    return RedirectResponse(f"/plans/{out.id}", status_code=303)


def _parse_scenario(text: str) -> Scenario:
    """Read as a scenario file is (its size, the same duplicate-key, depth and number
    checks), so the page accepts and refuses what the CLI does; 50,000 nested brackets or a
    5,000-digit number were a server error here."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_FILE_BYTES:
        raise InputError(
            [
                Problem(
                    "", f"the scenario is {size:,} bytes; at most {limits.MAX_FILE_BYTES:,} (1 MiB)"
                )
            ]
        )
    return scenario_from_text(text, "")


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
async def plan_page(
    request: Request,
    plan_id: str,
    week: Annotated[int, Query(ge=1, le=26)] = 1,
    version: Annotated[int | None, Query(ge=1, le=limits.MAX_VERSION)] = None,
) -> Response:
    coach = await _coach(request)
    if isinstance(coach, Response):
        return coach
    return await _plan_page(request, coach, plan_id, week, version)


async def _plan_page(
    request: Request,
    coach: int,
    plan_id: str,
    week: int,
    version: int | None,
    problems: list[str] | None = None,
    problems_title: str = "The change could not be made:",
) -> HTMLResponse:
    svc = service(request)
    try:
        stored = await svc.stored(coach, plan_id, version)
    except NotFound:
        return _render(request, "missing.html", status=404)
    result = stored.result
    grid = await svc.db(_grid, result, week)
    explanation = await svc.explanation(stored)
    legend = _legend(result)
    form = await asyncio.to_thread(_form_words, result)
    return _render(
        request,
        "plan.html",
        status=422 if problems else 200,
        coach=await svc.db(svc.store.coach_name, coach),
        plan=stored,
        result=result,
        words=_words(result),
        grid=grid,
        explanation=explanation,
        legend=legend,
        history=await svc.db(svc.store.versions, coach, plan_id),
        problems=problems or [],
        problems_title=problems_title,
        formats=["md", "csv", "png", "html"],
        form=form,
        imported=await _import_report(request, coach, stored),
        upload_accept=",".join(READERS),
    )


STATUS_SAID = {
    "done": "done",
    "partial": "partly done",
    "missed": "missed",
    "moved": "done another day",
    "extra": "extra (not planned)",
}
BASE_SEARCH = 50
"""Versions looked back through for the one an import was made on."""


async def _import_report(request: Request, coach: int, stored: StoredPlan) -> dict[str, Any] | None:
    """What an upload of activity files did, for a version made by one (kind `import`):
    the log's lines it added (status, the planned session, the evidence), the athlete's
    changes, the activities it added. An import appends to the log of the version it was
    made on, so that version is the nearest earlier one whose log lines begin this one's."""
    if stored.kind != "import":
        return None
    svc = service(request)
    log = stored.result.get("log") or {}
    entries, changes = log.get("entries") or [], log.get("changes") or []
    base: dict[str, Any] = {}
    for number in range(stored.version - 1, max(0, stored.version - BASE_SEARCH), -1):
        older = await svc.db(svc.store.plan, coach, stored.id, number)
        older_log = (older.result.get("log") or {}) if older is not None else {}
        older_entries = older_log.get("entries") or []
        if entries[: len(older_entries)] == older_entries:
            base = older_log
            break
    new = entries[len(base.get("entries") or []) :]
    through = _day(log.get("through"))
    scenario = (stored.result.get("input") or {}).get("scenario") or {}
    start = _day(scenario.get("start"))
    end = start + dt.timedelta(days=7 * int(scenario.get("weeks", 1)) - 1) if start else None
    said = [STATUS_SAID.get(str(e.get("status")), str(e.get("status"))) for e in new]
    return {
        "rows": [
            {
                "status": e.get("status"),
                "said": words,
                "when": ("nothing planned · " if e.get("status") == "extra" else "")
                + " ".join(
                    str(x) for x in (f"week {e.get('week')}", e.get("day"), e.get("slot")) if x
                ),
                "session": e.get("session") or "",
                "evidence": e.get("evidence") or "",
            }
            for e, words in zip(new, said, strict=True)
        ],
        "counts": Counter(said),
        "weeks": sorted({int(e.get("week", 1)) for e in new}),
        "added": len(log.get("activities") or []) - len(base.get("activities") or []),
        "athlete": changes[len(base.get("changes") or []) :],
        "through": f"{through.day} {through:%b %Y}" if through else None,
        "rest": through is not None and end is not None and through < end,
    }


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _form_words(result: dict[str, Any]) -> dict[str, str] | None:
    """What the form chart shows, in words: the race-day form (or the form at the plan's
    end) with its fitness and fatigue, and where the log stops. None without a plan."""
    from hybridplan.log.form import plan_form

    if result.get("status") not in ("optimal", "feasible"):
        return None
    try:
        form = plan_form(Result.model_validate(result))
    except (ValueError, InputError):  # a stored result the contract no longer reads
        return None
    if not form.days:
        return None
    words: dict[str, str] = {}
    if form.race_form is not None and form.race_day is not None:
        before, race = form.days[form.race_day - 1], form.days[form.race_day]
        when = f" ({race.date.day} {race.date:%b %Y})" if race.date else ""
        words["headline"] = f"Race-day form {form.race_form:+.1f}"
        words["detail"] = (
            f"On the morning of the race{when}: fitness {before.fitness:.1f}, fatigue "
            f"{before.fatigue:.1f}. "
            + (
                "Positive: fatigue is below fitness, so the athlete starts fresh."
                if form.race_form > 0
                else "Not positive: the athlete starts the race carrying fatigue."
            )
        )
    else:
        last = form.days[-1]
        words["headline"] = f"Form {last.form:+.1f} at the end of the plan"
        words["detail"] = f"Fitness {last.fitness:.1f}, fatigue {last.fatigue:.1f}."
    if form.through is not None:
        today = form.days[form.through]
        shown = f"{today.date.day} {today.date:%b}" if today.date else f"day {form.through + 1}"
        words["log"] = f"Logged through {shown} (dark bars); planned after it."
    return words


@router.get("/plans/{plan_id}/form.png")
async def form_chart(
    request: Request,
    plan_id: str,
    version: Annotated[int | None, Query(ge=1, le=limits.MAX_VERSION)] = None,
) -> Response:
    """The plan's fitness, fatigue and form per day with the daily load (a PNG)."""
    coach = await _coach(request)
    if isinstance(coach, Response):
        return coach
    try:
        data = await service(request).form_png(coach, plan_id, version)
    except NotFound:
        return Response("no such plan", status_code=404, media_type="text/plain")
    except InputError as exc:
        return Response(str(exc.problems[0]), status_code=422, media_type="text/plain")
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


STATUS_WORDS = {
    "optimal": ("proven best", "No plan scores better under these rules: the solver proved it."),
    "infeasible": (
        "no plan fits",
        "No week meets every hard rule with this availability; the explanation below says "
        "which requirements clash and the smallest change that would make a plan possible.",
    ),
    "unknown": (
        "no plan found yet",
        "The solver's work limit ran out before it found a plan; a larger limit may find one.",
    ),
    "invalid": ("not valid", "The solver refused the model; please report this scenario."),
}


def _words(result: dict[str, Any]) -> dict[str, str]:
    """The solver's status in plain words, with a sentence saying what it means."""
    status = str(result.get("status"))
    if status == "feasible":
        gap = result.get("gap")
        within = f", within {gap:.0%}" if isinstance(gap, int | float) and gap > 0 else ""
        return {
            "status": f"best found{within}",
            "status_why": "A good plan that meets every hard rule; the solver's work limit ran "
            "out before it could prove none is better"
            + (f" (at most {gap:.0%} better is possible)." if within else "."),
        }
    words, why = STATUS_WORDS.get(status, (status, ""))
    return {"status": words, "status_why": why}


def _legend(result: dict[str, Any]) -> list[str]:
    """The zones and pace letters the week's summaries use, and what inputs would add (the
    Markdown and HTML exports say the same: `render.legend_lines`)."""
    from hybridplan.models.result import Result
    from hybridplan.outputs.render import legend_lines

    try:
        return legend_lines(Result.model_validate(result))
    except ValueError:  # a stored result the contract no longer reads: no legend, no error
        return []


def _grid(result: dict[str, Any], week: int) -> dict[str, Any]:
    """What the template draws for one week: per slot and day the free minutes and the
    sessions, plus the week's dates when the scenario has a start."""
    from hybridplan.outputs.render import session_title

    plan_input = input_from_result(Result.model_validate(result))
    scenario = plan_input.scenario
    weeks = scenario.weeks
    week = min(week, weeks)
    slot_names = [s.name for s in plan_input.slots[: len(scenario.slots)]]
    free = {(s.day_name, s.name): s.capacity for s in plan_input.slots if s.week == week}
    sessions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for s in result.get("sessions", []):
        if s.get("week", 1) == week:
            # what a person calls it, with its minutes, leads the card ("Tempo run 40 min")
            kind = plan_input.sessions.get(s["session"])
            title = session_title(SessionOut.model_validate(s), kind)
            sessions.setdefault((s["day"], s["slot"]), []).append({**s, "title": title})
    pinned = {(p.day, p.slot, p.session) for p in scenario.fixed if p.week == week}
    dates = (
        [scenario.start + dt.timedelta(days=7 * (week - 1) + d) for d in range(len(DAYS))]
        if scenario.start
        else None
    )
    phases = result.get("phases") or []
    return {
        "week": week,
        "weeks": weeks,
        "phase": phases[week - 1] if len(phases) >= week else scenario.phase,
        "days": DAYS,
        "dates": dates,
        "slots": slot_names,
        "clocks": scenario.slots,
        "free": free,
        # where a session can have been done instead: the week's places with free time
        "places": [(d, n) for d in DAYS for n in slot_names if free.get((d, n), 0) > 0],
        "sessions": sessions,
        "pinned": pinned,
        "start": scenario.start,
    }


@router.post("/plans/{plan_id}/replan")
async def replan_page(
    request: Request,
    plan_id: str,
    week: Annotated[int, Form(ge=1, le=26)] = 1,
    version: Annotated[int | None, Form(ge=1, le=limits.MAX_VERSION)] = None,
    block: Annotated[list[str] | None, Form()] = None,
    block_day: Annotated[list[str] | None, Form()] = None,
    pin: Annotated[list[str] | None, Form()] = None,
    missed: Annotated[list[str] | None, Form()] = None,
    done: Annotated[list[str] | None, Form()] = None,
    moved: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Replan the week shown (`week`; the weeks before it are kept as planned): the ticked
    sessions were done or missed, the ticked slots and days are no longer available, the pinned
    sessions stay where they are; the rest is planned again (a new version of the plan)."""
    coach = await _form_coach(request)
    if isinstance(coach, Response):
        return coach
    try:
        # Blocks and misses are replan()'s `unavailable` and `missed` in the week shown
        # (the changes then say why, and the stored scenario keeps them blocked).
        unavailable = [*(block_day or []), *(block or [])]
        pins = []
        for text in pin or []:
            day, slot, session = [*text.split(":", 2), "", ""][:3]
            pins.append(
                Pin.model_validate({"day": day, "slot": slot, "session": session, "week": week})
            )
        change = ReplanIn(
            plan_id=plan_id,
            version=version,
            week=week,
            done=done or [],
            moved=[m for m in moved or [] if m],  # the select's "not moved" is empty
            missed=missed or [],
            unavailable=unavailable,
            pins=pins,
        )
        out = await service(request).replan(coach, change, None, False)
    except ValidationError as exc:
        lines = [str(p) for p in validation_problems(exc, ReplanIn, "", lambda _: None)]
        return await _plan_page(request, coach, plan_id, week, version, lines)
    except InputError as exc:
        lines = [str(p.at(None, None)) for p in exc.problems]
        return await _plan_page(request, coach, plan_id, week, version, lines)
    except NotFound:
        return _render(request, "missing.html", status=404)
    if isinstance(out, JobOut):
        return RedirectResponse(f"/jobs/{out.id}?week={week}", status_code=303)
    return RedirectResponse(f"/plans/{plan_id}?week={week}", status_code=303)


@router.post("/plans/{plan_id}/activities")
async def upload_page(
    request: Request,
    plan_id: str,
    files: Annotated[list[UploadFile] | None, File()] = None,
    through: Annotated[str, Form(max_length=40)] = "",
    week: Annotated[int, Form(ge=1, le=26)] = 1,
    version: Annotated[int | None, Form(ge=1, le=limits.MAX_VERSION)] = None,
) -> Response:
    """Activity files uploaded to the plan shown: imported as `hybridplan log import` does
    (a new version), then the plan page says what the import found."""
    coach = await _form_coach(request)
    if isinstance(coach, Response):
        return coach
    svc = service(request)
    title = "The files could not be imported:"
    # a browser sends a form without a chosen file as one empty part without a name
    chosen = [f for f in files or [] if f.filename or f.size]
    try:
        day = None
        if through.strip():
            try:
                day = dt.date.fromisoformat(through.strip())
            except ValueError:
                raise InputError(
                    [Problem("through", f"{through.strip()[:40]!r} is not a date (YYYY-MM-DD)")]
                ) from None
        out = await svc.import_files(
            coach, plan_id, await read_uploads(chosen), day, version, None, False
        )
    except InputError as exc:
        lines = [str(p) for p in exc.problems]
        return await _plan_page(request, coach, plan_id, week, version, lines, title)
    except NotFound:
        return _render(request, "missing.html", status=404)
    if isinstance(out, JobOut):
        return RedirectResponse(f"/jobs/{out.id}?week={week}", status_code=303)
    stored = await svc.stored(coach, plan_id, out.version)
    report = await _import_report(request, coach, stored)
    shown = report["weeks"][0] if report and report["weeks"] else week
    return RedirectResponse(f"/plans/{plan_id}?week={shown}", status_code=303)


@router.post("/plans/{plan_id}/restore")
async def restore_page(
    request: Request,
    plan_id: str,
    version: Annotated[int, Form(ge=1, le=limits.MAX_VERSION)],
    week: Annotated[int, Form(ge=1, le=26)] = 1,
) -> Response:
    """Undo: make an earlier version the plan's newest again (a new version)."""
    coach = await _form_coach(request)
    if isinstance(coach, Response):
        return coach
    try:
        await service(request).restore(coach, plan_id, version)
    except NotFound:
        return _render(request, "missing.html", status=404)
    return RedirectResponse(f"/plans/{plan_id}?week={week}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(
    request: Request, job_id: str, week: Annotated[int, Query(ge=1, le=26)] = 1
) -> Response:
    """A long solve in progress: the page follows the job's events (or reloads itself
    without JavaScript) and moves on to the plan when it is done."""
    coach = await _coach(request)
    if isinstance(coach, Response):
        return coach
    try:
        job = await service(request).job(coach, job_id)
    except NotFound:
        return _render(request, "missing.html", status=404)
    if job.status == "done" and job.plan_id:
        return RedirectResponse(f"/plans/{job.plan_id}?week={week}", status_code=303)
    svc = service(request)
    name = await svc.db(svc.store.coach_name, coach)
    return _render(request, "job.html", job=job, week=week, coach=name)


@router.post("/jobs/{job_id}/cancel")
async def cancel_job_page(request: Request, job_id: str) -> Response:
    coach = await _form_coach(request)
    if isinstance(coach, Response):
        return coach
    try:
        await service(request).cancel(coach, job_id)
    except NotFound:
        return _render(request, "missing.html", status=404)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)
