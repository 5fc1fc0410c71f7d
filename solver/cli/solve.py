"""`hybridplan solve`: scenarios solved and shown on screen, or with --out a batch solved
into result files and a summary (resumable, in worker processes or on Dask)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from hybridplan.cli.common import fail, is_stdout, load_inputs, plural, slot_order
from hybridplan.cli.options import (
    BatchExecutorOption,
    BatchJobsOption,
    BatchSchedulerOption,
    Executor,
    Format,
    RulesOption,
    SeedOption,
    TargetsArgument,
    WallOption,
    WorkLimitOption,
)
from hybridplan.models import limits
from hybridplan.models.errors import InputError

if TYPE_CHECKING:
    from hybridplan.batch.engine import BatchReport
    from hybridplan.models.plan_input import PlanInput
    from hybridplan.models.result import Result


def solve_cmd(
    targets: TargetsArgument,
    rules: RulesOption = None,
    time_limit: WallOption = None,
    work_limit: WorkLimitOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="output format on screen (without --out)")
    ] = Format.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="batch mode: one JSON result per scenario and summary.csv into this "
            "directory; a bad file is recorded, never stops the batch",
        ),
    ] = None,
    jobs: BatchJobsOption = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="batch mode: skip scenarios whose result exists for the same input"
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="batch mode: replace existing results")
    ] = False,
    executor: BatchExecutorOption = None,
    scheduler: BatchSchedulerOption = None,
    seed: SeedOption = 0,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=limits.MAX_WORKERS,
            help=f"CP-SAT workers (1-{limits.MAX_WORKERS}); 1 is deterministic",
        ),
    ] = 1,
    show_week: Annotated[
        int | None,
        typer.Option(
            "--week",
            min=1,
            max=limits.MAX_WEEKS,
            help="plans of several weeks: show only this week's grid",
        ),
    ] = None,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail",
            help="table: each session's prescription (paces, steps, exercises) under the grid",
        ),
    ] = False,
) -> None:
    """Solve scenarios and print the planned weeks, or (with --out) solve a batch into
    result files and a summary. Exit 0 when every week is planned, 1 when some is not,
    2 for bad input (in batch mode: when nothing could be read).

    Examples:

      hybridplan solve scenarios/marathon-build.yaml

      hybridplan solve scenarios/ --rules strict --format json > plans.json

      hybridplan solve "weeks/*.yaml" --out results/ --jobs 2 --resume"""
    if out is not None:
        if is_stdout(out):
            fail(["--out -: a batch writes a directory of results; for JSON on the screen "
                  "use --format json"])  # fmt: skip
        _batch(
            targets, out, rules, time_limit, work_limit, jobs or 1, resume, force,
            executor or Executor.process, scheduler, seed,
        )  # fmt: skip
    batch_only = {
        "--jobs": jobs is not None,
        "--resume": resume,
        "--force": force,
        "--executor": executor is not None,
        "--scheduler": scheduler is not None,
    }
    if given := [name for name, used in batch_only.items() if used]:
        fail([f"{name}: only for a batch; add --out DIR (or leave {name} out)" for name in given])
    from hybridplan.batch.discovery import discover

    files = [p for p, _ in discover(targets)] or [Path(t) for t in targets]
    weeks = load_inputs(files, rules)
    if show_week is not None and show_week > max(w.weeks for w in weeks):
        most = max(w.weeks for w in weeks)
        fail([f"--week {show_week}: the plans have {plural(most, 'week')} (1-{most})"])
    results = _solve_all(weeks, time_limit, seed, workers, work_limit)
    _show(results, weeks, fmt, show_week, detail)
    for f, r in zip(files, results, strict=True):
        if r.status == "infeasible":
            typer.echo(f"{f}: no week keeps every hard rule; run: hybridplan explain {f}", err=True)
    raise typer.Exit(0 if all(r.found for r in results) else 1)


def _solve_all(
    weeks: list[PlanInput],
    time_limit: float | None,
    seed: int,
    workers: int,
    work_limit: float | None,
) -> list[Result]:
    """Each week solved and prescribed in turn, with a progress bar on a terminal when
    there are several."""
    from rich.console import Console
    from rich.progress import Progress

    from hybridplan.core.solving import solve
    from hybridplan.prescribe import attach

    results = []
    err = Console(stderr=True)
    with Progress(
        console=err, transient=True, disable=len(weeks) < 2 or not err.is_terminal
    ) as progress:
        task = progress.add_task("solving", total=len(weeks))
        for week in weeks:
            progress.update(task, description=f"solving {week.scenario.name}")
            results.append(
                attach(
                    solve(
                        week,
                        time_limit=time_limit,
                        seed=seed,
                        workers=workers,
                        deterministic_time=work_limit,
                    ),
                    week,
                )
            )
            progress.advance(task)
    return results


def _show(
    results: list[Result],
    weeks: list[PlanInput],
    fmt: Format,
    show_week: int | None,
    detail: bool,
) -> None:
    """The results on standard output in the chosen format."""
    from rich.console import Console

    from hybridplan.outputs import render

    slot_orders = [slot_order(w) for w in weeks]
    if fmt is Format.json:
        typer.echo(render.as_json(results))
    elif fmt is Format.csv:
        typer.echo(render.csv(results), nl=False)
    elif fmt is Format.md:
        typer.echo(
            "\n".join(render.markdown(r, o) for r, o in zip(results, slot_orders, strict=True)),
            nl=False,
        )
    else:
        console = Console()
        for r, o in zip(results, slot_orders, strict=True):
            console.print(render.table(r, o, show_week, detail))
            console.print()


def _batch(
    targets: list[str],
    out: Path,
    rules: str | None,
    time_limit: float | None,
    work_limit: float | None,
    jobs: int,
    resume: bool,
    force: bool,
    executor: Executor,
    scheduler: str | None,
    seed: int,
) -> NoReturn:
    from hybridplan.batch.engine import plan_tasks, run_batch
    from hybridplan.batch.outdir import OutputLock, check_writable
    from hybridplan.batch.tasks import Options

    wall, work = limits.solve_limits(time_limit, work_limit)
    options = Options(rules=rules, time_limit=wall, seed=seed, workers=1, work_limit=work)
    try:  # before anything is solved: a directory we can write, and ours alone
        check_writable(out)
        lock = OutputLock(out)
        lock.acquire()
    except InputError as exc:
        fail(exc.problems)
    with lock:
        tasks, known, problems = plan_tasks(targets, out, options, resume=resume, force=force)
        if problems:
            fail(problems)
        report = run_batch(
            tasks, known, out, options, jobs=jobs, executor=executor.value, scheduler=scheduler
        )
    _tell(report, out)
    raise typer.Exit(report.exit_code)


def _tell(report: BatchReport, out: Path) -> None:
    """What the batch did: counts and where the summary is on stdout, a write error or an
    interruption on stderr."""
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.counts().items()))
    resumed = sum(o.resumed for o in report.outcomes)
    typer.echo(
        f"{len(report.outcomes)} scenarios in {report.seconds:.1f} s ({counts}"
        + (f"; {resumed} kept from an earlier run" if resumed else "")
        + ")"
    )
    typer.echo(
        f"results in {out}; summary: "
        + (", ".join(str(p) for p in report.summary_files) or "none written")
    )
    if report.write_error:
        said = (
            "the summary lists what was written"
            if report.summary_files
            else f"no summary could be written either: the result files in {out} are what was"
        )
        typer.echo(f"error: {report.write_error}; stopped, {said}", err=True)
    if report.interrupted:
        typer.echo("interrupted: finished results are kept; run again with --resume", err=True)
