"""What the pool's worker processes run: plain functions of plain data (dicts in, dicts
out). CP-SAT models do not pickle, so a scenario crosses the process boundary as its JSON
form and the model is built in the worker. Bad input comes back as its problem lines, not
as an exception, so nothing the user sent can break the pool.

The server preloads this module in the pool's fork server, so OR-Tools is imported once
and each worker starts warm.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hybridplan.core.solving import solve
from hybridplan.explanations.explainer import explain
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import input_from_dict, input_from_result
from hybridplan.models.result import Result
from hybridplan.models.scenario import Block, Pin
from hybridplan.models.week import DAYS
from hybridplan.outputs.export import export
from hybridplan.planner.replanning import current_week, parse_move, parse_place, replan
from hybridplan.prescribe import attach

Outcome = dict[str, Any]  # {"result": ...} | {"explanation": ...} | {"problems": [...]}


# A request's time limit is solver work (CP-SAT deterministic seconds, about seconds on an
# idle core): the same request gives the same plan however busy the server is, and the same
# plan as the CLI and the API. The wall clock is only the safety net of limits.solve_limits.


def _problems(exc: InputError) -> Outcome:
    return {"problems": [[p.field, p.message] for p in exc.problems]}


def solve_task(scenario: dict[str, Any], rules: str | None, time_limit: float) -> Outcome:
    try:
        week = input_from_dict(scenario, rules)
        result = solve(week, deterministic_time=time_limit)
        return {"result": attach(result, week).to_dict()}
    except InputError as exc:
        return _problems(exc)


def explain_task(scenario: dict[str, Any], rules: str | None, time_limit: float) -> Outcome:
    try:
        week = input_from_dict(scenario, rules)
        return {"explanation": explain(week, work_limit=time_limit).model_dump(mode="json")}
    except InputError as exc:
        return _problems(exc)


def explain_result_task(result: dict[str, Any], time_limit: float) -> Outcome:
    """Why a stored plan's week could not be planned (its own scenario and rule set)."""
    from hybridplan.models.loading import input_from_result

    try:
        week = input_from_result(Result.model_validate(result))
        return {"explanation": explain(week, work_limit=time_limit).model_dump(mode="json")}
    except InputError as exc:
        return _problems(exc)


def replan_task(previous: dict[str, Any], change: dict[str, Any], time_limit: float) -> Outcome:
    """Replan a stored result. `change` holds the public replan()'s done, missed,
    unavailable and from_day, plus the page's pins and blocks: those are added to the
    plan's own scenario (`fixed`, `blocked`, any week) before replan() runs, so they stay
    in force for later versions too."""
    try:
        result = Result.model_validate(previous)
        result = with_pins_and_blocks(result, change.get("pins", []), change.get("blocks", []))
        slots = list((result.input or {}).get("scenario", {}).get("slots", {}))
        places = {
            key: [parse_place(v, slots, key) for v in change.get(key, [])]
            for key in ("done", "missed", "unavailable")
        }
        from_day = change.get("from_day")
        if from_day is not None and from_day not in DAYS:
            raise InputError(
                [Problem("from_day", f"{from_day!r} is not a day ({', '.join(DAYS)})")]
            )
        moves = [parse_move(v, slots, "moved") for v in change.get("moved", [])]
        week = change.get("week")
        if week is None:
            week = current_week(input_from_result(result), dt.date.today())
        new = replan(
            result,
            done=places["done"],
            missed=places["missed"],
            unavailable=places["unavailable"],
            from_day=from_day,
            week=week,
            moved=moves,
            work_limit=time_limit,
        )
        return {"result": new.to_dict()}
    except InputError as exc:
        return _problems(exc)


def _file_problems(exc: InputError) -> Outcome:
    """Problems of uploaded files keep their file and line (or record)."""
    return {"problems": [[p.field, p.message, p.file, p.line] for p in exc.problems]}


def read_task(previous: dict[str, Any], files: list[tuple[str, bytes]]) -> Outcome:
    """The activities of uploaded files (name, bytes), read as `hybridplan log import`
    reads files (the same readers, the extension decides, the plan's time zone), or every
    problem of every file: {"activities": [...]} as JSON data, or {"problems": [[field,
    message, file, line], ...]}."""
    from zoneinfo import ZoneInfo

    from hybridplan.log.importing import READERS
    from hybridplan.models import limits
    from hybridplan.models.activity import MAX_ACTIVITIES, Activity

    try:
        scenario = input_from_result(Result.model_validate(previous)).scenario
    except InputError as exc:
        return _problems(exc)
    if scenario.start is None:
        message = (
            "the plan has no dates: activities are matched by day, so its scenario needs a `start`"
        )
        return {"problems": [["input.scenario.start", message, None, None]]}
    zone = ZoneInfo(scenario.timezone) if scenario.timezone else None
    problems: list[Problem] = []
    found: list[Activity] = []
    for name, data in files:
        reader = READERS.get(_suffix(name))
        if reader is None:
            allowed = ", ".join(READERS)
            message = f"not an activity file: allowed extensions {allowed}"
            problems.append(Problem("", message, name))
            continue
        if len(data) > limits.MAX_ACTIVITY_FILE_BYTES:
            most = limits.MAX_ACTIVITY_FILE_BYTES
            message = f"larger than {most:,} bytes (16 MiB), the most a file may be"
            problems.append(Problem("", message, name))
            continue
        try:
            found += reader(data, name, zone)
        except InputError as exc:
            problems += exc.problems
        if len(found) > MAX_ACTIVITIES:
            message = f"more than {MAX_ACTIVITIES:,} activities in one import"
            problems.append(Problem("", message, name))
            break
    if problems:
        return _file_problems(InputError(problems))
    return {"activities": [a.model_dump(mode="json", exclude={"fingerprint"}) for a in found]}


def _suffix(name: str) -> str:
    """The extension of a file's name as sent ('' for none), in lower case."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[1].lower() if "." in base else ""


def import_task(
    previous: dict[str, Any],
    activities: list[dict[str, Any]],
    through: str | None,
    time_limit: float,
) -> Outcome:
    """`hybridplan log import` on a stored plan: the activities into its log, the rest of
    the block planned again under the request's work limit (deterministic, so the same
    files give the plan the CLI gives with `--work-limit` set to it)."""
    from hybridplan.log.adapting import import_activities
    from hybridplan.models.activity import Activity

    try:
        imported = import_activities(
            Result.model_validate(previous),
            [Activity.model_validate(a) for a in activities],
            through=dt.date.fromisoformat(through) if through else None,
            work_limit=time_limit,
        )
        return {"result": imported.result.to_dict()}
    except InputError as exc:
        return _problems(exc)


def with_pins_and_blocks(
    result: Result, pins: list[dict[str, Any]], blocks: list[dict[str, Any]]
) -> Result:
    """The same result whose scenario also pins `pins` and blocks `blocks` (both already
    validated as `Pin` and `Block` by the API); the scenario is checked again when
    replan() builds the week, so a pin to an unknown slot or session is reported."""
    if not pins and not blocks:
        return result
    if not result.input:
        raise InputError([Problem("input", "this plan does not carry its scenario")])
    scenario = dict(result.input["scenario"])
    scenario["fixed"] = [*scenario.get("fixed", []), *(Pin(**p).model_dump() for p in pins)]
    scenario["blocked"] = [
        *scenario.get("blocked", []),
        *(Block(**b).model_dump() for b in blocks),
    ]
    return result.model_copy(update={"input": {**result.input, "scenario": scenario}})


def export_task(result: dict[str, Any], to: str, options: dict[str, Any]) -> Outcome:
    """Bytes of an export, or the problems (an unknown format names the allowed ones)."""
    try:
        if "start" in options and options["start"] is not None:
            options = {**options, "start": dt.date.fromisoformat(options["start"])}
        return {"bytes": export(Result.model_validate(result), to, **options)}
    except InputError as exc:
        return _problems(exc)


def form_png_task(result: dict[str, Any]) -> Outcome:
    """The plan's fitness, fatigue and form chart as PNG bytes (session-RPE loads), or the
    problems."""
    from hybridplan.log.form import plan_form
    from hybridplan.outputs.form_chart import form_png

    try:
        plan = Result.model_validate(result)
        return {"bytes": form_png(plan_form(plan), f"{plan.scenario} · fitness, fatigue, form")}
    except InputError as exc:
        return _problems(exc)


def warm() -> int:
    """A no-op the server runs once per worker at start-up, so the first request does not
    pay for the workers' start."""
    return 0
