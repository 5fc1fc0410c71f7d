"""The public API's front door: `hybridplan.solve`, `explain`, `replan`, `export`, `diff`
and `solve_many` check what they are given before anything is built, so that every bad
argument raises `InputError` (with the same one-line problems the CLI prints), never a
TypeError from deep inside OR-Tools or a RecursionError from a parser.

The functions behind them (`hybridplan.core.solving.solve`, ...) stay as they are; these only
check arguments and pass them on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem, echo
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result
from hybridplan.models.rules import RuleSet
from hybridplan.models.scenario import Scenario
from hybridplan.models.week import DAYS

if TYPE_CHECKING:
    import concurrent.futures as cf

    from hybridplan.batch.tasks import Outcome
    from hybridplan.models.explanation import Diff, Explanation
    from hybridplan.planner.replanning import Place

ScenarioLike = PlanInput | Scenario | dict[str, Any] | str | Path
RulesLike = str | Path | RuleSet | None


def _fail(field: str, message: str) -> InputError:
    return InputError([Problem(field, message)])


def check_time_limit(value: object, field: str = "time_limit") -> float:
    """Seconds: a real number in (0, MAX_TIME_LIMIT]."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(field, f"must be a number of seconds (got {type(value).__name__})")
    seconds = float(value)
    if not math.isfinite(seconds) or not 0 < seconds <= limits.MAX_TIME_LIMIT:
        raise _fail(
            field, f"must be above 0 and at most {limits.MAX_TIME_LIMIT:g} s (got {echo(value)})"
        )
    return seconds


def check_int(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(field, f"must be a whole number (got {type(value).__name__})")
    if not low <= value <= high:
        raise _fail(field, f"must be between {low} and {high} (got {echo(value)})")
    return value


def check_options(time_limit: object, seed: object, workers: object = 1) -> None:
    if time_limit is not None:
        check_time_limit(time_limit)
    check_int(seed, "seed", 0, limits.MAX_SEED)
    check_int(workers, "workers", 1, limits.MAX_WORKERS)


def check_scenario(scenario: object) -> None:
    if not isinstance(scenario, PlanInput | Scenario | dict | str | Path):
        raise _fail(
            "scenario",
            "must be a file path, a dict, a Scenario or a PlanInput "
            f"(got {type(scenario).__name__})",
        )


def check_rules(rules: object) -> None:
    if rules is not None and not isinstance(rules, str | Path | RuleSet):
        raise _fail(
            "rules", f"must be a rule set name, a path or a RuleSet (got {type(rules).__name__})"
        )


def check_params(params: object) -> None:
    """CP-SAT parameters by name; each name and value is tried on a scratch message."""
    if params is None:
        return
    if not isinstance(params, dict):
        raise _fail("params", f"must be a dict of CP-SAT parameters (got {type(params).__name__})")
    from ortools.sat import sat_parameters_pb2

    scratch = sat_parameters_pb2.SatParameters()
    for name, value in params.items():
        if not isinstance(name, str) or name not in scratch.DESCRIPTOR.fields_by_name:
            raise _fail(f"params.{echo(name)}", "not a CP-SAT parameter")
        try:
            setattr(scratch, name, value)
        except (TypeError, ValueError, AttributeError) as exc:
            raise _fail(f"params.{name}", f"not a valid value: {exc}") from None


def as_result(value: object, field: str = "result") -> Result:
    """A Result, or its dict (as `to_dict()` or a result file gives it). A dict is read as
    a result file is: validated, then re-verified against its stored input
    (`hybridplan.verify`), so an edited penalty or session is refused; a Result object made
    in this process is taken as it is."""
    if isinstance(value, Result):
        return value
    if isinstance(value, dict):
        from hybridplan.verify import verify_result

        try:
            result = Result.model_validate(value)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise _fail(f"{field}.{where}" if where else field, first["msg"]) from None
        try:
            verify_result(result)
        except InputError as exc:
            raise InputError(
                [replace(p, field=f"{field}.{p.field}" if p.field else field) for p in exc.problems]
            ) from None
        return result
    raise _fail(field, f"must be a Result (got {type(value).__name__})")


def _places(values: object, field: str) -> list[Place]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise _fail(field, "must be a list of (day, slot) pairs, slot None for the whole day")
    out: list[Place] = []
    for i, item in enumerate(values):
        if (
            not isinstance(item, tuple | list)
            or len(item) != 2
            or item[0] not in DAYS
            or not (item[1] is None or isinstance(item[1], str))
        ):
            raise _fail(
                f"{field}.{i}",
                f"must be a (day, slot) pair with a day of {', '.join(DAYS)} and a slot name "
                f"or None (got {echo(item)})",
            )
        out.append((item[0], item[1]))
    return out


# ---------------------------------------------------------------------------- the API
def solve(
    scenario: ScenarioLike,
    rules: RulesLike = None,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    workers: int = 1,
    params: dict[str, Any] | None = None,
    work_limit: float | None = None,
) -> Result:
    """Plan the week or block: the best schedule under the hard rules, with the soft
    penalties recomputed by the rules' own checks. Same input, seed and workers=1: same
    plan. `work_limit` (CP-SAT's deterministic seconds, the same on any machine load;
    default `limits.DEFAULT_WORK_LIMIT`, as from every front door) makes a solve that is cut
    short stop at the same plan everywhere; `time_limit` (wall seconds) is only a safety net
    (default `limits.solve_limits`), and the result's `stopped_by` says when it cut. Each
    session carries its prescription (its content: `hybridplan.prescribe`, computed after
    solving). `params` sets further CP-SAT parameters (over
    `hybridplan.core.solving.DEFAULT_PARAMS`). Raises InputError for any bad argument or input."""
    check_scenario(scenario)
    check_rules(rules)
    check_options(time_limit, seed, workers)
    if work_limit is not None:
        check_time_limit(work_limit, "work_limit")
    check_params(params)
    from hybridplan.core.solving import as_week
    from hybridplan.core.solving import solve as _solve
    from hybridplan.prescribe import attach

    week = as_week(scenario, rules)
    result = _solve(
        week, time_limit=time_limit, seed=seed, workers=workers, params=params,
        deterministic_time=work_limit,
    )  # fmt: skip
    return attach(result, week)


def explain(
    scenario: ScenarioLike,
    rules: RulesLike = None,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    work_limit: float | None = None,
) -> Explanation:
    """Why a week cannot be planned (a minimal conflict), or why it looks as it does: the
    plan `solve` gives with the same limits, its score, and the hard rules that bind.
    `time_limit` and `work_limit` as for `solve`."""
    check_scenario(scenario)
    check_rules(rules)
    check_options(time_limit, seed)
    if work_limit is not None:
        check_time_limit(work_limit, "work_limit")
    from hybridplan.explanations.explainer import explain as _explain

    return _explain(scenario, rules, time_limit=time_limit, seed=seed, work_limit=work_limit)


def replan(
    previous: Result,
    *,
    done: Iterable[Place] = (),
    missed: Iterable[Place] = (),
    unavailable: Iterable[Place] = (),
    from_day: str | None = None,
    week: int | None = None,
    today: dt.date | None = None,
    moved: Iterable[tuple[Place, Place]] = (),
    time_limit: float | None = None,
    seed: int = 0,
    work_limit: float | None = None,
) -> Result:
    """Solve the rest of a week again after real life happened (docs: "Pin, replan and
    export");
    `time_limit` and `work_limit` as for `solve`. `week`: the week of a block that the
    places are in (weeks before it are kept as planned); default the week holding `today`
    when the plan has dates (`today` defaults to the date of the call), else week 1.
    `moved`: sessions done elsewhere, ((day, slot) planned, (day, slot) done) each."""
    result = as_result(previous, "previous")
    checked = {f: _places(v, f) for f, v in (("done", done), ("missed", missed))}
    gone = _places(unavailable, "unavailable")
    if from_day is not None and from_day not in DAYS:
        raise _fail("from_day", f"must be one of {', '.join(DAYS)} (got {echo(from_day)})")
    check_options(time_limit, seed)
    if work_limit is not None:
        check_time_limit(work_limit, "work_limit")
    from hybridplan.models.loading import input_from_result
    from hybridplan.planner.replanning import current_week
    from hybridplan.planner.replanning import replan as _replan

    if today is not None and not isinstance(today, dt.date):
        raise _fail("today", f"must be a date (got {type(today).__name__})")
    moves = []
    for i, pair in enumerate(moved if not isinstance(moved, str | bytes) else [moved]):
        places = _places(pair, f"moved.{i}") if isinstance(pair, tuple | list) else []
        if len(places) != 2 or any(slot is None for _, slot in places):
            raise _fail(f"moved.{i}", "a move is ((day, slot) planned, (day, slot) done)")
        (day, slot), (to_day, to_slot) = places
        assert slot is not None and to_slot is not None
        moves.append(((day, slot), (to_day, to_slot)))
    if week is None:
        week = current_week(input_from_result(result), today or dt.date.today())
    return _replan(
        result,
        done=checked["done"],
        missed=checked["missed"],
        unavailable=gone,
        from_day=from_day,
        week=week,
        moved=moves,
        time_limit=time_limit,
        seed=seed,
        work_limit=work_limit,
    )


def export(result: Result, to: str, **options: Any) -> bytes:
    """Bytes of `result` as `to` (ics, png, html, md, csv, or fit: a zip archive of one FIT
    workout file per session); ics takes `start` (a date), `busy_only` (a bool) and
    `now` (the DTSTAMP: an aware datetime; default the time of writing); png and html take
    `week` (which week of a block to draw, default 1)."""
    checked = as_result(result)
    allowed = (
        {"ics": {"start", "busy_only", "now"}, "png": {"week"}, "html": {"week"}}.get(to, set())
        if isinstance(to, str)
        else set()
    )
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise _fail(unknown[0], f"not an option of export to {echo(to)}")
    start = options.get("start")
    if start is not None and not isinstance(start, dt.date):
        raise _fail("start", f"must be a date (got {type(start).__name__})")
    week = options.get("week", 1)
    if isinstance(week, bool) or not isinstance(week, int):
        raise _fail("week", f"must be a whole number (got {type(week).__name__})")
    if not isinstance(options.get("busy_only", False), bool):
        raise _fail("busy_only", "must be true or false")
    now = options.get("now")
    if now is not None and not (isinstance(now, dt.datetime) and now.utcoffset() is not None):
        raise _fail("now", "must be a datetime with a time zone")
    from hybridplan.outputs.export import export as _export

    return _export(checked, to, **options)


def diff(before: Result, after: Result) -> Diff:
    """Two solved weeks compared: sessions moved, removed and added; penalty per rule."""
    from hybridplan.explanations.diff import diff as _diff

    return _diff(as_result(before, "before"), as_result(after, "after"))


def solve_many(
    items: Iterable[str | Path | dict[str, Any]],
    *,
    rules: str | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    jobs: int = 1,
    executor: str | cf.Executor = "process",
    scheduler: str | None = None,
    work_limit: float | None = None,
) -> Iterator[Outcome]:
    """Solve many scenarios, yielding an Outcome per scenario as it finishes (a bad file
    is an `error` outcome, never an exception)."""
    if isinstance(items, str | bytes | dict) or not isinstance(items, Iterable):
        raise _fail("items", "must be a list of paths, patterns or scenario dicts")
    if rules is not None and not isinstance(rules, str):
        raise _fail("rules", f"must be a rule set name or path (got {type(rules).__name__})")
    check_options(time_limit, seed)
    if work_limit is not None:
        check_time_limit(work_limit, "work_limit")
    check_int(jobs, "jobs", 1, limits.max_jobs())
    from hybridplan.batch.running import solve_many as _solve_many

    return _solve_many(
        items,
        rules=rules,
        time_limit=time_limit,
        seed=seed,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
        work_limit=work_limit,
    )
