"""One task of a batch: load, solve and summarise a scenario in a worker process; never
raises (a failure becomes the outcome). Workers receive scenario *paths or data*, never
CP-SAT models, which do not pickle (architecture.md)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hybridplan.models.errors import InputError

SUMMARY_COLUMNS = [
    "file", "name", "status", "objective", "bound", "gap", "stopped_by", "build_seconds",
    "solve_seconds", "sessions", "minutes", "runs", "strength", "sets_short", "resumed", "error",
]  # fmt: skip


@dataclass(frozen=True)
class Options:
    rules: str | None = None
    time_limit: float | None = None  # wall seconds: a safety net (limits.solve_limits)
    seed: int = 0
    workers: int = 1
    # CP-SAT's deterministic seconds: the limit that decides, the same on any machine load,
    # so a batch gives the same statuses and plans however busy the machine is
    work_limit: float | None = None  # limits.DEFAULT_WORK_LIMIT


@dataclass
class Outcome:
    """What a batch learned about one input: a result, or the error that stopped it."""

    source: str
    name: str
    result: Any = None  # models.Result (or its dict when it came back from a worker)
    error: str | None = None
    row: dict[str, Any] = field(default_factory=dict)
    resumed: bool = False

    @property
    def status(self) -> str:
        return str(self.row.get("status", "error"))

    @property
    def found(self) -> bool:
        return self.status in ("optimal", "feasible")


def input_hash(data: bytes, rules_json: str, options: Options) -> str:
    """Same file content, same resolved rule set, same solver options: same hash."""
    from hybridplan import __version__ as release  # read once per process, not per file

    digest = hashlib.sha256()
    for part in (data, rules_json.encode(), repr(options).encode(), release.encode()):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def summary_row(source: str, week: Any, result: Any, error: str | None) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS)
    row.update(file=source, error=error, resumed=False)
    if week is not None:
        row["name"] = week.scenario.name
    if result is None:
        row["status"] = "error"
        return row
    sm = result.summary
    short = None
    if week is not None and result.found:
        from hybridplan.core.metrics import sets_off_target
        from hybridplan.models.plan import Plan

        plan = Plan.from_placements(
            week, ((s.day, s.slot, s.session, s.week) for s in result.sessions)
        )
        short = sets_off_target(plan)[0]
    row.update(
        name=result.scenario, status=result.status, objective=result.objective,
        bound=result.bound, gap=result.gap, stopped_by=result.stopped_by,
        build_seconds=result.build_seconds,
        solve_seconds=result.solve_seconds, sessions=len(result.sessions), minutes=sm.minutes,
        runs=sm.runs, strength=sm.strength, sets_short=short,
    )  # fmt: skip
    return row


def solve_one(source: str | dict[str, Any], name: str, options: Options) -> Outcome:
    """Load, solve and summarise one scenario; never raises (errors become the outcome).
    A top-level function so that process pools and Dask can ship it."""
    from hybridplan.core.solving import solve
    from hybridplan.models.loading import input_from_dict, load_plan_input, load_rule_set
    from hybridplan.prescribe import attach

    label = source if isinstance(source, str) else str(source.get("name", name))
    week = None
    try:
        rule_set = load_rule_set(options.rules) if options.rules is not None else None
        week = (
            load_plan_input(source, rule_set)
            if isinstance(source, str)
            else input_from_dict(source, options.rules)
        )
        result = attach(
            solve(
                week, time_limit=options.time_limit, seed=options.seed,
                workers=options.workers, deterministic_time=options.work_limit,
            ),
            week,
        )  # fmt: skip
        if isinstance(source, str):
            result.input_hash = input_hash(
                Path(source).read_bytes(), week.rules.model_dump_json(), options
            )
        return Outcome(label, name, result=result, row=summary_row(label, week, result, None))
    except InputError as exc:
        error = "; ".join(str(p) for p in exc.problems)
    except Exception as exc:  # a crash in one scenario must not stop the batch
        error = f"{type(exc).__name__}: {exc}"
    return Outcome(label, name, error=error, row=summary_row(label, week, None, error))
