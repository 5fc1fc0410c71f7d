"""The options and arguments several commands take, declared once. `solve --out` (a batch)
and `bench` run many scenarios through the same machinery, so they share the targets, the
workers, the executor and the Dask scheduler; where their help says something different
(bench always runs a batch, solve only with --out), the common part is still written here
once and each command gets its own alias."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any

import typer

from hybridplan.models import limits


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class Executor(StrEnum):
    process = "process"
    dask = "dask"


RulesOption = Annotated[
    str | None,
    typer.Option(
        "--rules",
        metavar="NAME|PATH",
        help="rule set name (balanced, stacked, strict, minimal) or path; "
        "replaces each scenario's own set, its overrides still apply",
    ),
]


def _seconds(value: float) -> float:
    """Above 0 and finite (click's ranges let NaN through: every comparison with NaN is
    false); the range itself caps it at MAX_TIME_LIMIT."""
    if not math.isfinite(value) or value <= 0:
        raise typer.BadParameter(f"{value} is not a number of seconds above 0")
    return value


# Every command: the deterministic --work-limit decides (limits.DEFAULT_WORK_LIMIT), the wall
# clock is a safety net behind it (limits.solve_limits): the same plan from every front door.
WallOption = Annotated[
    float | None,
    typer.Option(
        "--time-limit",
        min=0,
        max=limits.MAX_TIME_LIMIT,
        callback=lambda v: None if v is None else _seconds(v),
        help="wall-clock seconds per solve: only a safety net behind --work-limit (default "
        f"{limits.SAFETY_FACTOR:g} times the work limit, at least {limits.MIN_SAFETY_NET:g}); "
        f"at most {limits.MAX_TIME_LIMIT:g}",
        metavar="SECONDS",
    ),
]
WorkLimitOption = Annotated[
    float | None,
    typer.Option(
        "--work-limit",
        min=0,
        max=limits.MAX_TIME_LIMIT,
        callback=lambda v: None if v is None else _seconds(v),
        help="CP-SAT deterministic seconds per solve (about a second of an idle core each; "
        "the same on any machine load): a solve cut short stops at the same plan everywhere; "
        f"default {limits.DEFAULT_WORK_LIMIT:g}, as in the API, the service and the page",
        metavar="SECONDS",
    ),
]
SeedOption = Annotated[
    int, typer.Option("--seed", min=0, max=limits.MAX_SEED, help="CP-SAT random seed")
]

# ------------------------------------------------------------------ many scenarios at once


def _targets(**extra: Any) -> Any:
    return typer.Argument(
        help="scenario files (.yaml, .toml, .json), directories (searched recursively) "
        "or quoted glob patterns",
        metavar="FILE|DIR|GLOB...",
        **extra,
    )


def _jobs(help: str, **extra: Any) -> Any:
    return typer.Option("--jobs", min=1, max=limits.max_jobs(), help=help, **extra)


def _executor(help: str) -> Any:
    return typer.Option("--executor", help=help)


def _scheduler(**extra: Any) -> Any:
    return typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:PORT); without it, a local cluster",
        **extra,
    )


TargetsArgument = Annotated[list[str], _targets()]
OptionalTargetsArgument = Annotated[list[str] | None, _targets(show_default=False)]

# solve: a batch only with --out (None: not given, so that giving one without --out is told)
BatchJobsOption = Annotated[
    int | None,
    _jobs(
        f"worker processes (batch mode, default 1); at most {limits.JOBS_PER_CORE} x the cores",
        metavar="N",
    ),
]
BatchExecutorOption = Annotated[
    Executor | None, _executor("batch mode: process pool (default), or a Dask cluster")
]
BatchSchedulerOption = Annotated[str | None, _scheduler(metavar="ADDRESS")]

# bench: always many scenarios
BenchJobsOption = Annotated[
    int, _jobs(f"worker processes; at most {limits.JOBS_PER_CORE} x the cores")
]
BenchExecutorOption = Annotated[Executor, _executor("process pool, or a Dask cluster")]
BenchSchedulerOption = Annotated[str | None, _scheduler()]
