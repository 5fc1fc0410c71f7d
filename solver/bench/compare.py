"""Rule-set comparison (the bench): every scenario under every configuration (and seed),
each run re-verified by the rule checks and measured by the same yardstick (the plan
metrics of hybridplan.core.metrics: coach objections, sets, freshness, rest, running minutes,
monotony), whatever rule set made it. Runs go through the batch's task runner (in-process,
a pool of worker processes, or Dask) and never abort on one failure: a failure is a row.
Rows come back in the order of the tasks, so the table is the same for any number of jobs.

The statistics over the rows (composite, bootstrap intervals, paired tests, Borda) are in
hybridplan.bench.ranking."""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hybridplan.batch.discovery import discover
from hybridplan.batch.tasks import Options, Outcome, input_hash
from hybridplan.bench.measures import (
    BOOTSTRAP,
    DESCRIPTIVE,
    FOUND,
    STATS_SEED,
    YARDSTICK,
    horizon,
)
from hybridplan.models.errors import InputError
from hybridplan.models.loading import load_rule_set, load_scenario
from hybridplan.models.rules import RULE_CONFIGS, RuleSet, SoftRuleConfig
from hybridplan.models.variants import expand_variants, is_variants_file

if TYPE_CHECKING:
    import pandas as pd

TIMING_COLUMNS = ("first_solution_s", "best_solution_s", "wall_s", "resumed")
"""Columns that depend on the machine and the run (the rest of runs.csv does not)."""
LIST_COLUMNS = (
    "rest_days_by_week", "hard_days_by_week", "load_by_week", "monotony_by_week",
    "run_minutes_by_week", "sets_short_by_week",
)  # fmt: skip


def configurations(specs: Sequence[str]) -> list[RuleSet]:
    """Rule set names, rule set files and variant files (expanded), in the order given."""
    out: list[RuleSet] = []
    for spec in specs:
        path = Path(spec)
        if path.suffix and path.exists() and is_variants_file(path):
            out += expand_variants(path)
        else:
            out.append(load_rule_set(spec))
    return out


@dataclass(frozen=True)
class BenchTask:
    """One run: a scenario file under one configuration with one seed. `index` is its place
    in the run order (rows are sorted by it). Plain data: it pickles to any worker."""

    index: int
    file: str
    config: RuleSet
    seed: int

    @property
    def label(self) -> str:
        return f"{self.file} [{self.config.name}, seed {self.seed}]"


def bench_tasks(
    scenarios: Iterable[str | Path],
    configs: Sequence[RuleSet],
    *,
    seeds: int = 1,
    skip: Sequence[Path] = (),
) -> list[BenchTask]:
    """Scenario x configuration x seed, in that order (files in discovery order)."""
    files = [str(path) for path, _ in discover(scenarios, skip=skip)]
    return [
        BenchTask(i, f, c, s)
        for i, (f, c, s) in enumerate(itertools.product(files, configs, range(seeds)))
    ]


def task_options(options: Options, task: BenchTask) -> Options:
    return replace(options, seed=task.seed, rules=None)


def task_hash(task: BenchTask, options: Options) -> str | None:
    """The batch's input hash of one run (file content, resolved rule set, solver options
    with the seed, version): the key --resume keeps a row by. None: the file is gone."""
    try:
        data = Path(task.file).read_bytes()
    except OSError:
        return None
    return input_hash(data, task.config.model_dump_json(), task_options(options, task))


def bench_one(task: BenchTask, name: str, options: Options) -> Outcome:
    """Solve one run and measure it; never raises (a failure is the row). A top-level
    function, so that process pools and Dask can ship it."""
    from hybridplan.core.solving import solve
    from hybridplan.models.plan_input import PlanInput

    digest = task_hash(task, options)
    began = time.perf_counter()
    try:
        scenario, _ = load_scenario(task.file)
    except InputError as exc:
        error = "; ".join(str(p) for p in exc.problems)
        return _outcome(task, name, error_row(task, None, error, digest))
    try:
        week = PlanInput.build(scenario, task.config.with_overrides(scenario.rules.override))
        result = solve(
            week,
            time_limit=options.time_limit,
            seed=task.seed,
            deterministic_time=options.work_limit,
        )
        row = run_row(task, week, result, time.perf_counter() - began)
    except Exception as exc:  # a failure is a row, never the end of the run
        row = error_row(task, scenario.name, f"{type(exc).__name__}: {exc}", digest)
    row["input_hash"] = digest
    return _outcome(task, name, row)


def _outcome(task: BenchTask, name: str, row: dict[str, Any]) -> Outcome:
    return Outcome(task.label, name, error=row.get("error"), row=row)


def error_row(
    task: BenchTask, scenario: str | None, error: str, digest: str | None = None
) -> dict[str, Any]:
    return {
        "task": task.index, "file": task.file, "scenario": scenario,
        "rule_set": task.config.name, "seed": task.seed, "status": "error",
        "verified": False, "error": error, "input_hash": digest,
    }  # fmt: skip


def run_row(task: BenchTask, week: Any, result: Any, wall: float) -> dict[str, Any]:
    """One run's row: status, the solver's figures, the rule set's own penalties (its own
    objective, reported, never the ranking) and the yardstick (plan metrics)."""
    from hybridplan.core.metrics import plan_metrics
    from hybridplan.models.plan import Plan

    # Re-verified before it counts: no hard violation, objective = recomputed penalties.
    verified = (
        result.found
        and not result.violations
        and result.objective == sum(p.amount for p in result.penalties)
    )
    status = result.status if verified or not result.found else "rejected"
    row: dict[str, Any] = {
        "task": task.index, "file": task.file, "scenario": week.scenario.name,
        "rule_set": task.config.name, "seed": task.seed, "weeks": week.weeks,
        "status": status, "verified": verified, "objective": result.objective,
        "bound": result.bound, "gap": result.gap, "stopped_by": result.stopped_by,
        "first_solution_s": result.first_solution_seconds,
        "best_solution_s": result.best_solution_seconds, "wall_s": wall, "error": None,
        "week": json.dumps([[s.week, s.day, s.slot, s.session] for s in result.sessions]),
    }  # fmt: skip
    if verified:
        totals = result.penalty_by_rule()
        for rule, cls in RULE_CONFIGS.items():
            if issubclass(cls, SoftRuleConfig):  # soft, or soft unless configured hard
                row[f"penalty_{rule}"] = totals.get(rule, 0)
        plan = Plan.from_placements(
            week, ((s.day, s.slot, s.session, s.week) for s in result.sessions)
        )
        row.update(_measured(plan_metrics(plan)))
    return row


def _measured(metrics: dict[str, Any]) -> dict[str, Any]:
    for column in LIST_COLUMNS:
        metrics[column] = json.dumps(metrics[column])
    return metrics


def remeasure(task: BenchTask, row: dict[str, Any]) -> dict[str, Any]:
    """A kept row (--resume) with its plan measured again by this version's yardstick: the
    solve is kept, the metrics are never stale. A row that cannot be measured is kept."""
    from hybridplan.core.metrics import plan_metrics
    from hybridplan.models.plan import Plan
    from hybridplan.models.plan_input import PlanInput

    if row.get("status") not in FOUND or not isinstance(row.get("week"), str):
        return row
    try:
        scenario, _ = load_scenario(task.file)
        week = PlanInput.build(scenario, task.config.with_overrides(scenario.rules.override))
        placed = json.loads(row["week"])
        plan = Plan.from_placements(week, ((d, s, sid, w) for w, d, s, sid in placed))
    except (InputError, KeyError, ValueError, TypeError):
        return row
    return {**row, **_measured(plan_metrics(plan))}


def run_comparison(
    scenarios: Sequence[str | Path],
    configs: Sequence[RuleSet],
    *,
    seeds: int = 1,
    time_limit: float | None = None,
    work_limit: float | None = None,
    skip: Sequence[Path] = (),
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    known: dict[str, dict[str, Any]] | None = None,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    progress: bool = False,
    stop: Callable[[], bool] | None = None,
) -> pd.DataFrame:
    """One row per scenario x configuration x seed, in that order whatever `jobs` is.
    `skip`: directories not searched (the report's own). `known`: rows of an earlier run
    by input hash (--resume); a run whose hash is there is not solved again. `on_row`:
    called with each new row as it arrives (the CLI appends it to runs.jsonl). `executor`:
    "process" (in-process with one job, else a pool of `jobs` worker processes) or "dask"."""
    import pandas as pd

    from hybridplan.batch.engine import _Progress
    from hybridplan.batch.running import run_tasks
    from hybridplan.models.limits import solve_limits

    wall, work = solve_limits(time_limit, work_limit)  # the one default, written down
    options = Options(None, wall, 0, workers=1, work_limit=work)
    tasks = bench_tasks(scenarios, configs, seeds=seeds, skip=skip)
    rows: dict[int, dict[str, Any]] = {}
    todo: list[BenchTask] = []
    for task in tasks:
        digest = task_hash(task, options) if known else None
        if digest is not None and known is not None and digest in known:
            kept = remeasure(task, known[digest])
            rows[task.index] = {**kept, "task": task.index, "resumed": True}
        else:
            todo.append(task)
    by_name = {str(t.index): t for t in todo}
    show = _Progress(len(tasks), len(rows), enabled=progress)
    counts: Counter[str] = Counter()
    outcomes = run_tasks(
        [(t, str(t.index)) for t in todo],
        options,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
        stop=stop,
        work=bench_one,
    )
    try:
        for outcome in outcomes:
            task = by_name[outcome.name]
            row = outcome.row
            if "rule_set" not in row:  # the worker process itself died
                row = error_row(task, None, outcome.error or "worker failed")
            row["resumed"] = False
            rows[task.index] = row
            if on_row is not None:
                on_row(row)
            counts[row["status"]] += 1
            show.step(outcome, counts)
    finally:
        outcomes.close()
        show.close()
    frame = pd.DataFrame([rows[i] for i in sorted(rows)])
    return frame.drop(columns=["task"]) if "task" in frame else frame


def read_known(path: Path) -> dict[str, dict[str, Any]]:
    """Rows of an earlier run (runs.jsonl), by input hash; a cut-off last line is skipped,
    and so are error rows (they are run again)."""
    known: dict[str, dict[str, Any]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return known
    for line in lines:
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and row.get("input_hash") and row.get("status") != "error":
            known[str(row["input_hash"])] = row
    return known


def summarize(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per horizon (one-week scenarios, blocks) and configuration: shares planned
    and proven, then every yardstick and descriptive metric's mean, median, standard
    deviation and count over the planned runs (a metric that does not apply to a run is
    missing there and not counted), then the mean of the set's own penalties."""
    import pandas as pd

    runs = runs.assign(horizon=[horizon(w) for w in runs.get("weeks", [1] * len(runs))])
    metrics = [m.column for m in (*YARDSTICK, *DESCRIPTIVE)]
    own = [c for c in runs.columns if c.startswith("penalty_")]
    out = []
    for (span, config), group in runs.groupby(["horizon", "rule_set"], sort=False):
        found = group[group["status"].isin(FOUND)]
        entry: dict[str, Any] = {
            "horizon": span, "rule_set": config, "runs": len(group),
            "planned_share": round(len(found) / len(group), 3),
            "optimal_share": round(float((group["status"] == "optimal").mean()), 3),
            "errors": int((group["status"] == "error").sum()),
            "rejected": int((group["status"] == "rejected").sum()),
        }  # fmt: skip
        for column in metrics:
            values = (
                pd.to_numeric(found[column], errors="coerce").dropna()
                if column in found
                else pd.Series(dtype=float)
            )
            entry[f"{column}_mean"] = round(float(values.mean()), 3) if len(values) else None
            entry[f"{column}_median"] = round(float(values.median()), 3) if len(values) else None
            entry[f"{column}_sd"] = round(float(values.std(ddof=1)), 3) if len(values) > 1 else None
            entry[f"{column}_n"] = len(values)
        for column in own:
            values = pd.to_numeric(found[column], errors="coerce").dropna()
            entry[f"own_{column}_mean"] = round(float(values.mean()), 3) if len(values) else None
        out.append(entry)
    frame = pd.DataFrame(out)
    order = {"week": 0, "block": 1}
    return frame.sort_values("horizon", key=lambda s: s.map(order), kind="stable").reset_index(
        drop=True
    )


def weeks_table(runs: pd.DataFrame) -> pd.DataFrame:
    """weeks.csv: one row per planned run and week of it (the per-week figures of blocks:
    rest days, hard days, load, monotony, running minutes, sets short)."""
    import pandas as pd

    out = []
    for _, row in runs[runs["status"].isin(FOUND)].iterrows():
        lists = {c: json.loads(row[c]) for c in LIST_COLUMNS if isinstance(row.get(c), str)}
        if not lists:
            continue
        for i in range(len(next(iter(lists.values())))):
            entry = {
                "file": row["file"], "scenario": row["scenario"], "rule_set": row["rule_set"],
                "seed": row["seed"], "week": i + 1,
            }  # fmt: skip
            for column, values in lists.items():
                entry[column.removesuffix("_by_week")] = values[i]
            out.append(entry)
    columns = ["file", "scenario", "rule_set", "seed", "week"] + [
        c.removesuffix("_by_week") for c in LIST_COLUMNS
    ]
    return pd.DataFrame(out, columns=columns)


def provenance(
    configs: Sequence[RuleSet],
    *,
    seeds: int,
    time_limit: float,
    work_limit: float | None,
    jobs: int,
    executor: str,
    scenarios: int,
    started: float,
    load_before: tuple[float, float, float] | None = None,
) -> dict[str, Any]:
    """Where the figures come from: versions, git commit, CP-SAT parameters, seeds, limits,
    the machine and its load, the date."""
    import datetime as dt
    import hashlib
    import os
    import platform
    import sys
    from importlib.metadata import PackageNotFoundError, version

    from hybridplan.core.stages import DEFAULT_PARAMS, WEEK_PARAMS

    def package(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    def stamp(seconds: float) -> str:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")

    return {
        "hybridplan": package("hybridplan"),
        "git_commit": git_commit(),
        "ortools": package("ortools"),
        "python": sys.version.split()[0],
        "numpy": package("numpy"),
        "scipy": package("scipy"),
        "pandas": package("pandas"),
        "cp_sat_parameters": {
            **DEFAULT_PARAMS,
            "num_workers": 1,
            "random_seed": list(range(seeds)),
            "max_deterministic_time": work_limit,
            "max_time_in_seconds": time_limit,
        },
        # over those for one-week scenarios (blocks keep the above)
        "cp_sat_week_parameters": dict(WEEK_PARAMS),
        "rule_sets": {
            c.name: hashlib.sha256(c.model_dump_json().encode()).hexdigest()[:12] for c in configs
        },
        "seeds": seeds,
        "work_limit": work_limit,
        "time_limit": time_limit,
        "jobs": jobs,
        "executor": executor,
        "scenarios": scenarios,
        "statistics": {"bootstrap_resamples": BOOTSTRAP, "bootstrap_seed": STATS_SEED},
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "load_average_before": list(load_before) if load_before else None,
        "load_average_after": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "started": stamp(started),
        "finished": stamp(time.time()),
        "seconds": round(time.time() - started, 1),
    }


def git_commit() -> str | None:
    """The commit of the hybridplan source tree it runs from ('+dirty' with uncommitted
    changes to tracked files), or None outside a git checkout."""
    import subprocess

    import hybridplan

    where = Path(hybridplan.__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "-C", str(where), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(where), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "") if head else None


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or None
