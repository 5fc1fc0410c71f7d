"""Solves off the event loop: a bounded process pool, and jobs for long solves.

`WorkerPool` wraps `concurrent.futures.ProcessPoolExecutor` (started through a fork server
that has preloaded the solver, so workers start warm and no thread of the server is ever
forked). It counts what is in flight and refuses work beyond `workers + queue` with `Busy`,
which the API answers with 503: a burst waits in a bounded queue instead of piling up.

`Jobs` runs solves that take long (blocks of several weeks, or any request with
`async=true`) in the same pool and remembers them in the database, so a client gets 202
and a job id at once, then polls or listens to server-sent events. The public `solve()`
offers no hook into the search, so a job's progress is its state (queued, running, done,
failed, cancelled) and, when done, the final result with its objective and bound. A
queued job is cancelled at once; a running one is marked cancelled and its result is
thrown away when its worker finishes (within the capped time limit), because a running
CP-SAT search in another process cannot be stopped from outside without breaking the
pool. Jobs a previous server process accepted but did not finish are started again.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from hybridplan.service import work
from hybridplan.service.db import Store, StoredJob

log = logging.getLogger("hybridplan.service")

TERMINAL = frozenset({"done", "failed", "cancelled"})


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class WorkerPool:
    def __init__(self, workers: int, queue: int) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hybridplan.service.work"])
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        self.workers = workers
        self.capacity = workers + queue
        self._in_flight = 0
        self._lock = threading.Lock()

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Queue `fn(*args)` in a worker process; raises Busy when the queue is full."""
        with self._lock:
            if self._in_flight >= self.capacity:
                raise Busy
            self._in_flight += 1
        try:
            future = self._executor.submit(fn, *args)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        return future

    def _release(self, _future: Future[Any] | None) -> None:
        with self._lock:
            self._in_flight -= 1

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` in a worker, awaited without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(fn, *args))

    def warm(self) -> None:
        """Start every worker now rather than on the first requests."""
        for future in [self._executor.submit(work.warm) for _ in range(self.workers)]:
            future.result()

    def shutdown(self) -> None:
        """Drop what waits, let what runs finish (bounded by the time limit)."""
        self._executor.shutdown(wait=True, cancel_futures=True)


# What a job does when its worker is done: store the outcome, return (status, plan id,
# output) for the job's record.
Finisher = Callable[[StoredJob, dict[str, Any]], Awaitable[tuple[str, str | None, Any]]]


class Jobs:
    def __init__(self, pool: WorkerPool, store: Store, finish: Finisher) -> None:
        self._pool = pool
        self._store = store
        self._finish = finish
        self._futures: dict[str, Future[Any]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self, job: StoredJob, fn: Callable[..., Any], *args: Any) -> None:
        """Run an already recorded job (raises Busy when the queue is full)."""
        future = self._pool.submit(fn, *args)
        self._futures[job.id] = future
        task = asyncio.create_task(self._wait(job, future))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wait(self, job: StoredJob, future: Future[Any]) -> None:
        """Wait for the worker, then record the outcome. The future is forgotten only
        once the database holds the outcome, so `state()` never reads "queued" between
        the worker's end and the record (it would step back from "running")."""
        try:
            await self._record(job, future)
        finally:
            self._futures.pop(job.id, None)

    async def _record(self, job: StoredJob, future: Future[Any]) -> None:
        try:
            outcome = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            if future.cancelled():  # cancelled by the client before it ran
                return
            raise  # the server is shutting down: the job stays queued for the next start
        except Exception as exc:  # a crashed worker: the job fails, the server goes on
            log.error("job %s failed: %s", job.id, type(exc).__name__)
            await asyncio.to_thread(
                self._store.finish_job, job.id, "failed",
                output={"problems": [["", "the solver process failed; try again"]]},
            )  # fmt: skip
            return
        current = await asyncio.to_thread(self._store.job, job.id)
        if current is None or current.status != "queued":  # cancelled while it ran
            return
        status, plan_id, output = await self._finish(job, outcome)
        await asyncio.to_thread(
            self._store.finish_job, job.id, status, plan_id=plan_id, output=output
        )

    async def drain(self) -> None:
        """Record the jobs whose workers finished while the server was stopping; those
        still waiting stay queued in the database and run at the next start."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=30)

    def running(self, job_id: str) -> bool:
        """Started and not yet recorded: a worker runs it, or it has finished and its
        outcome is being stored."""
        future = self._futures.get(job_id)
        return future is not None and (future.running() or future.done()) and not future.cancelled()

    async def cancel(self, job_id: str) -> bool:
        """Cancel a job that has not ended; False if it already had."""
        future = self._futures.get(job_id)
        if future is not None:
            future.cancel()
        return await asyncio.to_thread(self._store.finish_job, job_id, "cancelled")

    def state(self, job: StoredJob) -> str:
        if job.status != "queued":
            return job.status
        return "running" if self.running(job.id) else "queued"
