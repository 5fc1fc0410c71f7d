"""Running many tasks: in-process, in a process pool, on any concurrent.futures executor,
or on a Dask cluster; outcomes are yielded as they finish, and one failure never stops the
others.

The process pool is pebble's: a worker that dies (`kill -9`, out of memory) fails only the
scenario it was solving; the pool starts a new worker and the rest go on (the standard
library's pool breaks as a whole and fails every pending scenario). Stopping the pool
terminates its workers at once, so Ctrl-C does not wait for a solve to finish.
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hybridplan.batch.discovery import discover, safe_name
from hybridplan.batch.tasks import Options, Outcome, solve_one, summary_row
from hybridplan.batch.workers import death_message, init_worker
from hybridplan.models.limits import solve_limits

POLL_SECONDS = 0.2
"""How often a running batch looks at its stop flag while it waits for results."""

Work = Callable[[Any, str, Options], Outcome]
"""What a worker does with one task (source, name, options): `solve_one` for a batch, the
bench's `bench_one` for a comparison run. A top-level function, so pools and Dask ship it."""


def solve_many(
    items: Iterable[str | Path | dict[str, Any]],
    *,
    rules: str | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    jobs: int = 1,
    work_limit: float | None = None,
    executor: str | cf.Executor = "process",
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Solve scenarios (paths, directories, glob patterns or scenario dicts), yielding
    outcomes as they finish. `executor`: "process" (a pool of `jobs` processes; in-process
    when jobs is 1), "dask" (Dask distributed at `scheduler`, or a LocalCluster), or any
    concurrent.futures Executor."""
    wall, work = solve_limits(time_limit, work_limit)  # the one default, written down
    options = Options(rules, wall, seed, workers=1, work_limit=work)
    given = list(items)  # walked twice below; a generator would be empty the second time
    tasks: list[tuple[str | dict[str, Any], str]] = [
        (str(p), name) for p, name in discover([i for i in given if not isinstance(i, dict)])
    ]
    for i, item in enumerate(i for i in given if isinstance(i, dict)):
        tasks.append((item, safe_name(Path(str(item.get("name", f"scenario-{i}"))), Path("."))))
    yield from run_tasks(tasks, options, jobs=jobs, executor=executor, scheduler=scheduler)


def run_tasks(
    tasks: Sequence[tuple[Any, str]],
    options: Options,
    *,
    jobs: int = 1,
    executor: str | cf.Executor = "process",
    scheduler: str | None = None,
    isolate: bool = False,
    stop: Callable[[], bool] | None = None,
    work: Work = solve_one,
) -> Generator[Outcome, None, None]:
    """Outcomes as they finish. `isolate`: solve in worker processes even when jobs is 1
    (the batch command does, so that Ctrl-C and a crashing solve cannot hold it up).
    `stop`: checked while waiting; when it turns true, the workers are stopped and no
    more outcomes come. `work`: what is done with each task (default: solve a scenario)."""
    if executor == "dask":
        yield from _run_dask(tasks, options, scheduler, jobs, work)
        return
    if isinstance(executor, cf.Executor):
        yield from _run_pool(executor, tasks, options, work)
        return
    if jobs <= 1 and not isolate:
        for source, name in tasks:
            if stop is not None and stop():
                return
            yield work(source, name, options)
        return
    yield from _run_processes(tasks, options, max(1, jobs), stop, work)


def _run_processes(
    tasks: Sequence[tuple[Any, str]],
    options: Options,
    jobs: int,
    stop: Callable[[], bool] | None,
    work: Work = solve_one,
) -> Iterator[Outcome]:
    import pebble

    pool = pebble.ProcessPool(max_workers=jobs, initializer=init_worker)
    try:
        pending: dict[cf.Future[Outcome], tuple[Any, str]] = {
            pool.schedule(work, args=(source, name, options)): (source, name)
            for source, name in tasks
        }
        while pending:
            if stop is not None and stop():
                return
            done, _ = cf.wait(pending, timeout=POLL_SECONDS, return_when=cf.FIRST_COMPLETED)
            for future in done:
                source, name = pending.pop(future)
                yield _outcome(future, source, name)
    finally:
        pool.stop()  # type: ignore[no-untyped-call]  # terminates the workers at once
        pool.join(timeout=5)


def _outcome(future: cf.Future[Outcome], source: Any, name: str) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the worker process itself died: this scenario only
        label = source if isinstance(source, str) else name
        error = death_message(exc)
        return Outcome(label, name, error=error, row=summary_row(label, None, None, error))


def _run_pool(
    pool: cf.Executor, tasks: Sequence[tuple[Any, str]], options: Options, work: Work = solve_one
) -> Iterator[Outcome]:
    futures = {pool.submit(work, source, name, options): (source, name) for source, name in tasks}
    for future in cf.as_completed(futures):
        source, name = futures[future]
        yield _outcome(future, source, name)


def _run_dask(
    tasks: Sequence[tuple[Any, str]],
    options: Options,
    scheduler: str | None,
    jobs: int,
    work: Work = solve_one,
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
        futures = client.map(work, sources, names, [options] * len(tasks), pure=False)
        for future in distributed.as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
