"""What a request asks of the planner, shared by the API and the page: validate, solve in
the pool (or start a job), store, read back. Everything the server holds while it runs
(settings, database, pool, jobs) lives in one `Service` on `app.state`.

Errors are the package's own: `InputError` (422 with its problem lines), `NotFound` (404
for an unknown id and for another coach's id alike), `Busy` (503).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem, shown
from hybridplan.models.explanation import Explanation
from hybridplan.models.loading import builtin_rule_sets, input_from_scenario
from hybridplan.models.result import Result, restored
from hybridplan.models.scenario import Scenario
from hybridplan.service import work
from hybridplan.service.db import Store, StoredJob, StoredPlan
from hybridplan.service.jobs import Jobs, WorkerPool
from hybridplan.service.schemas import JobOut, PlanOut, ReplanIn
from hybridplan.service.settings import Settings

log = logging.getLogger("hybridplan.service")
T = TypeVar("T")
LOCAL_COACH = "local"


class NotFound(Exception):
    """No such plan or job for this coach."""


class FileProblems(InputError):
    """Problems of uploaded activity files: 422 with each line naming its file and line
    (or record)."""


def plan_out(stored: StoredPlan) -> PlanOut:
    return PlanOut.model_validate(
        {
            **stored.result,
            "id": stored.id,
            "version": stored.version,
            "versions": stored.versions,
            "athlete": stored.athlete,
        }
    )


def _raise_problems(outcome: dict[str, Any]) -> None:
    """A worker's problems as the error the API answers: [field, message] each, or [field,
    message, file, line] for the problems of uploaded files."""
    if "problems" in outcome:
        lines = outcome["problems"]
        problems = [Problem(*line) for line in lines]
        raise (FileProblems if any(len(line) > 2 for line in lines) else InputError)(problems)


def check_rules(scenario: Scenario, rules: str | None) -> None:
    """Over HTTP a rule set is named, never a path: a path would read the server's files."""
    builtin = builtin_rule_sets()
    problems = []
    if rules is not None and rules not in builtin:
        problems.append(
            Problem("rules", f"unknown rule set {rules!r}; built-in sets: {', '.join(builtin)}")
        )
    if scenario.rules.use not in builtin:
        problems.append(
            Problem(
                "rules.use",
                f"unknown rule set {scenario.rules.use!r}; the service takes the built-in "
                f"sets only ({', '.join(builtin)}), with `override` for changes",
            )
        )
    if problems:
        raise InputError(problems)


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.db_url)
        self.pool: WorkerPool | None = None
        self.jobs: Jobs | None = None
        self.local_coach: int | None = None

    # -- life cycle ------------------------------------------------------------------------
    async def start(self) -> None:
        """Migrate the database, start the workers, and resume unfinished jobs."""
        await self.db(self.store.migrate)
        if self.settings.no_auth:
            self.local_coach = await self.db(self.store.coach_id, LOCAL_COACH)
        self.pool = WorkerPool(self.settings.workers, self.settings.queue)
        await asyncio.to_thread(self.pool.warm)
        self.jobs = Jobs(self.pool, self.store, self._finish)
        for job in await self.db(self.store.unfinished_jobs):
            try:
                await self._start_job(job)
            except Exception as exc:  # never block start-up on one old job
                log.error("job %s could not be resumed: %s", job.id, type(exc).__name__)
                await self.db(
                    self.store.finish_job, job.id, "failed",
                    output={"problems": [["", "could not be resumed after a restart"]]},
                )  # fmt: skip

    async def stop(self) -> None:
        if self.pool is not None:
            await asyncio.to_thread(self.pool.shutdown)
        if self.jobs is not None:
            await self.jobs.drain()
        self.store.close()

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A database call in a worker thread: the event loop never waits on I/O."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    def _pool(self) -> WorkerPool:
        assert self.pool is not None, "the service was not started"
        return self.pool

    def _jobs(self) -> Jobs:
        assert self.jobs is not None, "the service was not started"
        return self.jobs

    # -- solve, explain, replan ------------------------------------------------------------
    async def _validated(self, scenario: Scenario, rules: str | None) -> dict[str, Any]:
        """The scenario as JSON data after every check a solve would make (so bad input is
        422 before anything is queued)."""
        check_rules(scenario, rules)
        await asyncio.to_thread(input_from_scenario, scenario, rules)
        return scenario.model_dump(mode="json", exclude_unset=True)

    def _is_job(self, weeks: int, as_job: bool) -> bool:
        return as_job or weeks > self.settings.job_weeks

    async def solve(
        self,
        coach: int,
        scenario: Scenario,
        rules: str | None,
        time_limit: float | None,
        athlete: str | None,
        as_job: bool,
    ) -> PlanOut | JobOut:
        data = await self._validated(scenario, rules)
        request = {
            "scenario": data,
            "rules": rules,
            "time_limit": self.settings.time_limit(time_limit),
            # a name typed in a form: hidden characters shown as their escapes
            "athlete": shown(athlete or scenario.name),
        }
        if self._is_job(scenario.weeks, as_job):
            return await self._new_job(coach, "solve", request)
        outcome = await self._pool().run(work.solve_task, data, rules, request["time_limit"])
        _raise_problems(outcome)
        plan_id = await self.db(self.store.add_plan, coach, request["athlete"], outcome["result"])
        return await self.plan(coach, plan_id)

    async def explain(
        self,
        coach: int,
        scenario: Scenario,
        rules: str | None,
        time_limit: float | None,
        as_job: bool,
    ) -> Explanation | JobOut:
        data = await self._validated(scenario, rules)
        limit = self.settings.time_limit(time_limit)
        if self._is_job(scenario.weeks, as_job):
            request = {"scenario": data, "rules": rules, "time_limit": limit}
            return await self._new_job(coach, "explain", request)
        outcome = await self._pool().run(work.explain_task, data, rules, limit)
        _raise_problems(outcome)
        return Explanation.model_validate(outcome["explanation"])

    async def replan(
        self, coach: int, change: ReplanIn, time_limit: float | None, as_job: bool
    ) -> PlanOut | JobOut:
        previous = await self.db(self.store.plan, coach, change.plan_id, change.version)
        if previous is None:
            raise NotFound
        weeks = int((previous.result.get("input") or {}).get("scenario", {}).get("weeks", 1))
        request = {
            "plan_id": change.plan_id,
            "version": previous.version,
            "change": change.model_dump(mode="json", exclude={"plan_id", "version"}),
            "time_limit": self.settings.time_limit(time_limit),
        }
        if self._is_job(weeks, as_job):
            return await self._new_job(coach, "replan", request)
        outcome = await self._pool().run(
            work.replan_task, previous.result, request["change"], request["time_limit"]
        )
        _raise_problems(outcome)
        await self.db(self.store.add_version, change.plan_id, outcome["result"])
        return await self.plan(coach, change.plan_id)

    async def import_files(
        self,
        coach: int,
        plan_id: str,
        files: list[tuple[str, bytes]],
        through: dt.date | None,
        version: int | None,
        time_limit: float | None,
        as_job: bool,
    ) -> PlanOut | JobOut:
        """Activity files (name, bytes) into a stored plan's log, and the rest of its block
        planned again, as `hybridplan log import` does: a new version (kind `import`). The
        files are read in a worker (422 naming each bad file's lines); a block of several
        weeks (or `as_job`) imports as a job."""
        previous = await self.stored(coach, plan_id, version)
        if not files:
            raise FileProblems([Problem("files", "send at least one activity file")])
        if len(files) > limits.MAX_UPLOAD_FILES:
            raise FileProblems(
                [
                    Problem(
                        "files",
                        f"{len(files)} files; at most {limits.MAX_UPLOAD_FILES} in one upload "
                        "(send the rest in another: what the log holds counts once)",
                    )
                ]
            )
        read = await self._pool().run(work.read_task, previous.result, files)
        _raise_problems(read)
        weeks = int((previous.result.get("input") or {}).get("scenario", {}).get("weeks", 1))
        request = {
            "plan_id": plan_id,
            "version": previous.version,
            "activities": read["activities"],
            "through": through.isoformat() if through else None,
            "time_limit": self.settings.time_limit(time_limit),
        }
        if self._is_job(weeks, as_job):
            return await self._new_job(coach, "import", request)
        outcome = await self._pool().run(
            work.import_task,
            previous.result,
            request["activities"],
            request["through"],
            request["time_limit"],
        )
        _raise_problems(outcome)
        number = await self.db(self.store.add_version, plan_id, outcome["result"], "import")
        return await self.plan(coach, plan_id, number)

    async def restore(self, coach: int, plan_id: str, version: int) -> PlanOut:
        """Undo: version `version` becomes the plan's newest version again (a new version,
        so nothing is lost; see models.result.restored)."""
        older = await self.stored(coach, plan_id, version)
        newest = await self.stored(coach, plan_id)
        back = restored(
            Result.model_validate(older.result), Result.model_validate(newest.result), version
        )
        await self.db(self.store.add_version, plan_id, back.to_dict(), "restore")
        return await self.plan(coach, plan_id)

    # -- reading ---------------------------------------------------------------------------
    async def stored(self, coach: int, plan_id: str, version: int | None = None) -> StoredPlan:
        found = await self.db(self.store.plan, coach, plan_id, version)
        if found is None:
            raise NotFound
        return found

    async def plan(self, coach: int, plan_id: str, version: int | None = None) -> PlanOut:
        return plan_out(await self.stored(coach, plan_id, version))

    async def explanation(self, stored: StoredPlan) -> Explanation | None:
        """Why an impossible week cannot be planned: worked out once, then kept with the
        version. None for a planned week."""
        if stored.result.get("status") != "infeasible":
            return None
        if stored.explanation is None:
            outcome = await self._pool().run(
                work.explain_result_task, stored.result, self.settings.default_time_limit
            )
            _raise_problems(outcome)
            await self.db(
                self.store.set_explanation, stored.id, stored.version, outcome["explanation"]
            )
            return Explanation.model_validate(outcome["explanation"])
        return Explanation.model_validate(stored.explanation)

    async def export(
        self, coach: int, plan_id: str, version: int | None, to: str, options: dict[str, Any]
    ) -> bytes:
        stored = await self.stored(coach, plan_id, version)
        if stored.result.get("status") not in ("optimal", "feasible"):
            status = stored.result.get("status")
            raise InputError([Problem("id", f"the plan has no planned week to export ({status})")])
        outcome = await self._pool().run(work.export_task, stored.result, to, options)
        _raise_problems(outcome)
        data: bytes = outcome["bytes"]
        return data

    async def form_png(self, coach: int, plan_id: str, version: int | None) -> bytes:
        """The plan's fitness, fatigue and form chart (PNG), drawn in a worker."""
        stored = await self.stored(coach, plan_id, version)
        if stored.result.get("status") not in ("optimal", "feasible"):
            status = stored.result.get("status")
            raise InputError([Problem("id", f"the plan has no planned week to chart ({status})")])
        outcome = await self._pool().run(work.form_png_task, stored.result)
        _raise_problems(outcome)
        data: bytes = outcome["bytes"]
        return data

    # -- jobs ------------------------------------------------------------------------------
    async def _new_job(self, coach: int, kind: str, request: dict[str, Any]) -> JobOut:
        job_id = await self.db(self.store.add_job, coach, kind, request)
        job = await self.db(self.store.job, job_id)
        assert job is not None
        try:
            await self._start_job(job)
        except BaseException:
            await self.db(
                self.store.finish_job,
                job_id,
                "failed",
                output={"problems": [["", "the server is busy; try again"]]},
            )
            raise
        return await self.job(coach, job_id)

    async def _start_job(self, job: StoredJob) -> None:
        r, jobs = job.request, self._jobs()
        if job.kind == "solve":
            await jobs.start(job, work.solve_task, r["scenario"], r["rules"], r["time_limit"])
        elif job.kind == "explain":
            await jobs.start(job, work.explain_task, r["scenario"], r["rules"], r["time_limit"])
        else:
            previous = await self.db(self.store.plan, job.coach_id, r["plan_id"], r["version"])
            if previous is None:
                raise NotFound
            if job.kind == "import":
                await jobs.start(
                    job,
                    work.import_task,
                    previous.result,
                    r["activities"],
                    r["through"],
                    r["time_limit"],
                )
            else:
                await jobs.start(
                    job, work.replan_task, previous.result, r["change"], r["time_limit"]
                )

    async def _finish(self, job: StoredJob, outcome: dict[str, Any]) -> tuple[str, str | None, Any]:
        """Store what a job's worker returned; (status, plan id, output) for the job."""
        if "problems" in outcome:
            return "failed", None, {"problems": outcome["problems"]}
        if job.kind == "explain":
            return "done", None, {"explanation": outcome["explanation"]}
        if job.kind == "solve":
            plan_id = await self.db(
                self.store.add_plan, job.coach_id, job.request["athlete"], outcome["result"]
            )
            return "done", plan_id, None
        plan_id = job.request["plan_id"]
        await self.db(self.store.add_version, plan_id, outcome["result"], job.kind)
        return "done", plan_id, None

    async def job(self, coach: int, job_id: str) -> JobOut:
        job = await self.db(self.store.job, job_id, coach)
        if job is None:
            raise NotFound
        output = job.output or {}
        return JobOut(
            id=job.id,
            kind=job.kind,
            status=self._jobs().state(job),
            plan_id=job.plan_id,
            result=await self.plan(coach, job.plan_id) if job.plan_id else None,
            explanation=output.get("explanation"),
            problems=[
                str(Problem(field, message)) for field, message in output.get("problems", [])
            ],
        )

    async def cancel(self, coach: int, job_id: str) -> tuple[bool, JobOut]:
        job = await self.db(self.store.job, job_id, coach)
        if job is None:
            raise NotFound
        cancelled = await self._jobs().cancel(job_id)
        return cancelled, await self.job(coach, job_id)
