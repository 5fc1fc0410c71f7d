"""Solves off the event loop: a bounded process pool, and jobs for long solves.

`WorkerPool` wraps pebble's `ProcessPool` (started through a fork server that has preloaded
the solver, so workers start warm and no thread of the server is ever forked), as the batch
runner does: a worker that dies (`kill -9`, the OOM killer) fails only the request it held
(`WorkerLost`, 503) and the pool starts another; the standard library's executor broke for
good instead, and every later solve answered 500. Workers die with the server (the batch
runner's `init_worker`). The pool counts what is in flight and refuses work beyond
`workers + queue` with `Busy`, which the API answers with 503: a burst waits in a bounded
queue instead of piling up.

`Jobs` runs solves that take long (blocks of several weeks, or any request with
`async=true`) in the same pool and remembers them in the database, so a client gets 202
and a job id at once, then polls or listens to server-sent events. The public `solve()`
offers no hook into the search, so a job's progress is its state (queued, running, done,
failed, cancelled) and, when done, the final result with its objective and bound. A
queued job is cancelled at once; a running one is marked cancelled and its worker is
stopped (pebble ends the process and starts another). Jobs a previous server process
accepted but did not finish are started again.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pebble

from hybridplan.batch.workers import init_worker
from hybridplan.service import work
from hybridplan.service.db import Store, StoredJob

log = logging.getLogger("hybridplan.service")

TERMINAL = frozenset({"done", "failed", "cancelled"})


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class WorkerLost(Exception):
    """The worker process died while it held this request (killed, out of memory)."""


class WorkerPool:
    def __init__(self, workers: int, queue: int) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self._executor = self._new_executor()
        self.lost = 0  # workers that died holding a request (each replaced by the pool)
        self.restarts = 0  # whole pools replaced (see heal)
        self._in_flight = 0
        self._futures: set[Future[Any]] = set()
        self._closed = False
        self._lock = threading.Lock()

    def _new_executor(self) -> pebble.ProcessPool:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hybridplan.service.work"])
        return pebble.ProcessPool(
            max_workers=self.workers, initializer=init_worker, context=context
        )

    def heal(self) -> bool:
        """Replace the pool if it broke; True when it takes work. Pebble replaces a worker
        that dies holding a task, but a worker that dies while no task runs (an idle one
        killed beside a busy one) leaves its pool broken ("All workers expired"): then the
        requests it held fail (WorkerLost) and a new pool takes the next ones."""
        with self._lock:
            if self._executor.active or self._closed:
                return not self._closed
            log.error("the worker pool broke; starting a new one")
            self._executor.stop()  # type: ignore[no-untyped-call]
            self._executor = self._new_executor()
            self.restarts += 1
            return True

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Queue `fn(*args)` in a worker process; raises Busy when the queue is full."""
        self.heal()
        with self._lock:
            if self._in_flight >= self.capacity:
                raise Busy
            self._in_flight += 1
        try:
            future: Future[Any] = self._executor.schedule(fn, args=args)
        except BaseException:
            self._release(None)
            raise
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._release)
        return future

    def _release(self, future: Future[Any] | None) -> None:
        with self._lock:
            self._in_flight -= 1
            if future is not None:
                self._futures.discard(future)
                if not future.cancelled() and isinstance(future.exception(), pebble.ProcessExpired):
                    self.lost += 1

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` in a worker, awaited without blocking the event loop. Raises
        WorkerLost when the worker died holding it (the pool has started another)."""
        try:
            return await asyncio.wrap_future(self.submit(fn, *args))
        except (pebble.ProcessExpired, BrokenProcessPool) as exc:
            log.error("a worker died holding a request: %s", exc)
            raise WorkerLost from None

    def warm(self) -> None:
        """Start every worker now rather than on the first requests."""
        for future in [self._executor.schedule(work.warm) for _ in range(self.workers)]:
            future.result()

    def shutdown(self) -> None:
        """Drop what waits, let what runs finish (bounded by the time limit)."""
        with self._lock:
            waiting = [f for f in self._futures if not f.running()]
        for future in waiting:
            future.cancel()
        self._closed = True
        self._executor.close()  # type: ignore[no-untyped-call]
        self._executor.join()


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
