"""Running many tasks: in-process, in a process pool, on any concurrent.futures executor,
or on a Dask cluster; outcomes are yielded as they finish, and one failure never stops the
others."""

from __future__ import annotations

import concurrent.futures as cf
import importlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hybridplan.batch.discovery import discover, safe_name
from hybridplan.batch.tasks import Options, Outcome, _ignore_interrupts, solve_one, summary_row


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
        tasks.append((item, safe_name(Path(str(item.get("name", f"scenario-{i}"))), Path("."))))
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
    try:  # an optional dependency, untyped: used through Any
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError as exc:
        raise RuntimeError("the dask executor needs `pip install hybridplan[dask]`") from exc
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = distributed.Client(scheduler or cluster)
    try:
        sources = [s for s, _ in tasks]
        names = [n for _, n in tasks]
        # pure=False: identical inputs are separate jobs (the default would merge them).
        futures = client.map(solve_one, sources, names, [options] * len(tasks), pure=False)
        for future in distributed.as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
