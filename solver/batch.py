"""Batch solving: many scenario files at once, in worker processes (or on a Dask cluster),
with one JSON result per scenario, a summary table, isolated failures and resume.

Workers receive scenario *paths or data*, never CP-SAT models (they do not pickle); each
builds and solves its own model with one CP-SAT worker (architecture.md)."""

from __future__ import annotations

import concurrent.futures as cf
import glob
import hashlib
import json
import os
import re
import signal
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import InputError
from models.loading import SUFFIXES

SCHEMA_FILE = "scenario.schema.json"
_UMASK = os.umask(0)
os.umask(_UMASK)
SUMMARY_COLUMNS = [
    "file", "name", "status", "objective", "bound", "gap", "build_seconds", "solve_seconds",
    "sessions", "minutes", "runs", "strength", "sets_short", "resumed", "error",
]  # fmt: skip


# ------------------------------------------------------------------------- finding inputs
def discover(targets: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Scenario files from files, directories (recursively) and glob patterns, as
    (path, name for its result file), in a stable order. Names come from the path relative
    to the directory or pattern root, made safe: nothing can point outside the output."""
    found: dict[Path, str] = {}
    for target in targets:
        text = str(target)
        path = Path(text)
        if path.is_dir():
            root = path
            files = sorted(p for p in path.rglob("*") if _is_scenario(p))
        elif glob.has_magic(text):
            root = _glob_root(text)
            matches = (Path(p) for p in glob.glob(text, recursive=True))
            files = sorted(p for p in matches if _is_scenario(p))
        else:
            root = path.parent
            files = [path]
        for f in files:
            found.setdefault(f, _safe_name(f, root))
    return _unique(found)


def _glob_root(pattern: str) -> Path:
    """The directory part of a pattern before its first wildcard."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]
    return Path(*fixed) if fixed else Path(".")


def _is_scenario(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in SUFFIXES and p.name != SCHEMA_FILE


def _safe_name(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(path.name)
    stem = "__".join(rel.with_suffix("").parts)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "scenario"


def _unique(found: dict[Path, str]) -> list[tuple[Path, str]]:
    """Two inputs that would share a result name get a short hash of their path added."""
    counts: dict[str, int] = {}
    for name in found.values():
        counts[name] = counts.get(name, 0) + 1
    out = []
    for path, name in found.items():
        if counts[name] > 1:
            name = f"{name}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
        out.append((path, name))
    return out


# ------------------------------------------------------------------------- one task
@dataclass(frozen=True)
class Options:
    rules: str | None = None
    time_limit: float = 10.0
    seed: int = 0
    workers: int = 1


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
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("hybridplan")
    except PackageNotFoundError:  # running from a checkout without installing
        release = "dev"
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
        from models.plan import Plan
        from solver.metrics import sets_off_target

        plan = Plan.from_placements(
            week, ((s.day, s.slot, s.session, s.week) for s in result.sessions)
        )
        short = sets_off_target(plan)[0]
    row.update(
        name=result.scenario, status=result.status, objective=result.objective,
        bound=result.bound, gap=result.gap, build_seconds=result.build_seconds,
        solve_seconds=result.solve_seconds, sessions=len(result.sessions), minutes=sm.minutes,
        runs=sm.runs, strength=sm.strength, sets_short=short,
    )  # fmt: skip
    return row


def solve_one(source: str | dict[str, Any], name: str, options: Options) -> Outcome:
    """Load, solve and summarise one scenario; never raises (errors become the outcome).
    A top-level function so that process pools and Dask can ship it."""
    from models.loading import load_rule_set, load_week, week_from_dict
    from solver.solving import solve

    label = source if isinstance(source, str) else str(source.get("name", name))
    week = None
    try:
        rule_set = load_rule_set(options.rules) if options.rules is not None else None
        week = (
            load_week(source, rule_set)
            if isinstance(source, str)
            else week_from_dict(source, options.rules)
        )
        result = solve(
            week, time_limit=options.time_limit, seed=options.seed, workers=options.workers
        )
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


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# ------------------------------------------------------------------------- many
def solve_many(
    items: Iterable[str | Path | dict[str, Any]],
    *,
    rules: str | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    jobs: int = 1,
    executor: str | cf.Executor = "process",
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Solve scenarios (paths, directories, glob patterns or scenario dicts), yielding
    outcomes as they finish. `executor`: "process" (a pool of `jobs` processes; in-process
    when jobs is 1), "dask" (Dask distributed at `scheduler`, or a LocalCluster), or any
    concurrent.futures Executor."""
    options = Options(rules, time_limit, seed, workers=1)
    given = list(items)  # walked twice below; a generator would be empty the second time
    tasks: list[tuple[str | dict[str, Any], str]] = [
        (str(p), name) for p, name in discover([i for i in given if not isinstance(i, dict)])
    ]
    for i, item in enumerate(i for i in given if isinstance(i, dict)):
        tasks.append((item, _safe_name(Path(str(item.get("name", f"scenario-{i}"))), Path("."))))
    yield from run_tasks(tasks, options, jobs=jobs, executor=executor, scheduler=scheduler)


def run_tasks(
    tasks: Sequence[tuple[str | dict[str, Any], str]],
    options: Options,
    *,
    jobs: int = 1,
    executor: str | cf.Executor = "process",
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    if executor == "dask":
        yield from _run_dask(tasks, options, scheduler, jobs)
        return
    if isinstance(executor, cf.Executor):
        yield from _run_pool(executor, tasks, options)
        return
    if jobs <= 1:
        for source, name in tasks:
            yield solve_one(source, name, options)
        return
    pool = cf.ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        yield from _run_pool(pool, tasks, options)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _run_pool(
    pool: cf.Executor, tasks: Sequence[tuple[Any, str]], options: Options
) -> Iterator[Outcome]:
    futures = {
        pool.submit(solve_one, source, name, options): (source, name) for source, name in tasks
    }
    for future in cf.as_completed(futures):
        source, name = futures[future]
        try:
            yield future.result()
        except Exception as exc:  # the worker process itself died
            label = source if isinstance(source, str) else name
            error = f"worker failed: {type(exc).__name__}: {exc}"
            yield Outcome(label, name, error=error, row=summary_row(label, None, None, error))


def _run_dask(
    tasks: Sequence[tuple[Any, str]], options: Options, scheduler: str | None, jobs: int
) -> Iterator[Outcome]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise RuntimeError("the dask executor needs `pip install hybridplan[dask]`") from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = Client(scheduler or cluster)
    try:
        sources = [s for s, _ in tasks]
        names = [n for _, n in tasks]
        # pure=False: identical inputs are separate jobs (the default would merge them).
        futures = client.map(solve_one, sources, names, [options] * len(tasks), pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------------- writing
def write_atomic(path: Path, text: str) -> None:
    """Temporary file in the same directory, then rename: never half a file."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """write_atomic for binary files (pictures)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stored_hash(path: Path) -> str | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("input_hash")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def write_summary(out: Path, rows: list[dict[str, Any]]) -> list[Path]:
    """summary.csv (and summary.parquet when pyarrow is there), one row per scenario."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS).sort_values("file", kind="stable")
    counts = ["objective", "bound", "sessions", "minutes", "runs", "strength", "sets_short"]
    frame = frame.astype({c: "Int64" for c in counts} | {"resumed": "boolean"})
    written = [out / "summary.csv"]
    write_atomic(written[0], frame.to_csv(index=False))
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return written
    parquet = out / "summary.parquet"
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".summary.", suffix=".parquet.tmp")
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)
    frame.astype({c: "string" for c in ("name", "error", "status", "file")}).to_parquet(tmp)
    os.replace(tmp, parquet)
    written.append(parquet)
    return written
