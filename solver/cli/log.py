"""`hybridplan log import`: activity files (FIT, GPX, TCX, CSV) into a plan's log, each
planned session judged done, partial, missed or moved, and the rest of the block planned
again with the past as it happened (hybridplan.log)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from hybridplan.cli.common import fail, in_file, is_stdout, read_result, write_new
from hybridplan.cli.options import (
    BatchExecutorOption,
    BatchJobsOption,
    BatchSchedulerOption,
    Executor,
    SeedOption,
    WallOption,
    WorkLimitOption,
)
from hybridplan.models.errors import InputError, Problem, one_line

if TYPE_CHECKING:
    from hybridplan.log.adapting import Imported

log_app = typer.Typer(
    no_args_is_help=True,
    help="The closed loop: what the athlete did, read from activity files, and the plan "
    "adapted to it.",
)


@log_app.command("import")
def import_cmd(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="the adapted plan with its log (- for stdout); with --athletes, a folder",
            metavar="FILE|DIR",
        ),
    ],
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="activity files (.fit, .gpx, .tcx, .csv) or folders of them; with "
            "--athletes, one folder of athletes' folders",
            metavar="[FILES|DIR...]",
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="the plan they were done against (a result JSON file); not with --athletes",
            metavar="RESULT.json",
        ),
    ] = None,
    through: Annotated[
        str | None,
        typer.Option(
            "--through",
            metavar="YYYY-MM-DD",
            help="the last day the import covers (default: the last activity's day); "
            "planned sessions up to it with no activity are missed",
        ),
    ] = None,
    athletes: Annotated[
        bool,
        typer.Option(
            "--athletes",
            help="DIR holds one folder per athlete, each with its plan.json and its activity "
            "files: all imported and replanned as a batch",
        ),
    ] = False,
    jobs: BatchJobsOption = None,
    executor: BatchExecutorOption = None,
    scheduler: BatchSchedulerOption = None,
    force: Annotated[bool, typer.Option("--force", help="replace --out")] = False,
    time_limit: WallOption = None,
    seed: SeedOption = 0,
    work_limit: WorkLimitOption = None,
) -> None:
    """Import activity files into a plan's log and plan the rest of the block again: each
    planned session of the logged days is done, partial, missed or moved (with the evidence),
    unplanned activities are extra, the same activity imported twice counts once, and the
    weeks ahead change as little as possible. Exits 1 when the rest cannot be planned.

    Example: hybridplan log import week3/ --plan block.json --out block-w3.json

    Example: hybridplan log import club/ --athletes --out adapted/ --jobs 2
    """
    files = files or []
    if not files and through is None and not athletes:
        fail(
            [
                Problem(
                    "FILES",
                    "give activity files or folders, or --through DATE for days "
                    "with nothing recorded (their sessions are missed)",
                )
            ]
        )
    if athletes:
        _athletes(
            files,
            out,
            plan,
            through,
            force,
            jobs,
            executor,
            scheduler,
            time_limit,
            seed,
            work_limit,
        )
    if plan is None:
        fail(
            [
                Problem(
                    "--plan",
                    "the plan the activities were done against is needed "
                    "(a result JSON file), or --athletes",
                )
            ]
        )
    from hybridplan.log.adapting import import_activities
    from hybridplan.log.importing import read_activities
    from hybridplan.models.loading import input_from_result

    if not is_stdout(out) and out.exists() and not force:  # before the work, not after
        fail([Problem("--out", f"{out} exists; pass --force to replace it")])
    previous = read_result(plan)
    day = _date(through)
    try:
        zone = input_from_result(previous).scenario.timezone
    except InputError as exc:
        fail(in_file(plan, exc))
    try:
        activities = read_activities(files, timezone=zone) if files else []
    except InputError as exc:
        fail(exc.problems)
    try:
        imported = import_activities(
            previous,
            activities,
            through=day,
            seed=seed,
            work_limit=work_limit,
            time_limit=time_limit,
        )
    except InputError as exc:
        fail(in_file(plan, exc))
    result = imported.result
    if result.found or force:
        if is_stdout(out):
            typer.echo(result.to_json())
        else:
            write_new(out, result.to_json().encode(), force)
    _report(imported, out)
    raise typer.Exit(0 if result.found else 1)


def _athletes(
    targets: list[Path],
    out: Path,
    plan: Path | None,
    through: str | None,
    force: bool,
    jobs: int | None,
    executor: Executor | None,
    scheduler: str | None,
    time_limit: float | None,
    seed: int,
    work_limit: float | None,
) -> NoReturn:
    """Every athlete's folder imported and replanned on the batch runner: OUT/<athlete>.json
    for each adapted plan, OUT/athletes.csv a row each. Exit 0 when every athlete has a
    plan, 1 when some block cannot be planned, 2 when some folder holds bad input."""
    import csv
    import io

    from hybridplan.batch.athletes import ATHLETE_COLUMNS, athlete_folders, import_one
    from hybridplan.batch.outdir import check_writable
    from hybridplan.batch.running import run_tasks
    from hybridplan.batch.tasks import Options
    from hybridplan.models.limits import solve_limits
    from hybridplan.models.result import FOUND

    problems = []
    if plan is not None:
        problems.append(
            Problem(
                "--plan",
                "each athlete's folder holds its plan.json: --plan is not used with --athletes",
            )
        )
    if through is not None:
        problems.append(
            Problem(
                "--through",
                "not used with --athletes (each import covers its athlete's activities)",
            )
        )
    if len(targets) != 1 or is_stdout(out):
        problems.append(
            Problem("--athletes", "give one folder of athletes' folders, and --out a folder")
        )
    if problems:
        fail(problems)
    try:
        tasks = athlete_folders(targets[0])
        check_writable(out)
    except InputError as exc:
        fail(exc.problems)
    taken = [out / f"{name}.json" for _, name in tasks if (out / f"{name}.json").exists()]
    if taken and not force:
        fail([Problem("--out", f"{taken[0]} exists; --force replaces it")])
    wall, work = solve_limits(time_limit, work_limit)
    options = Options(None, wall, seed, workers=1, work_limit=work)
    rows = []
    for outcome in run_tasks(
        tasks,
        options,
        jobs=jobs or 1,
        executor=(executor or Executor.process).value,
        scheduler=scheduler,
        work=import_one,
    ):
        rows.append(outcome.row)
        if outcome.result is not None and outcome.result.found:
            (out / f"{outcome.name}.json").write_text(outcome.result.to_json())
    rows.sort(key=lambda r: str(r["athlete"]))
    table = io.StringIO()
    writer = csv.DictWriter(
        table, fieldnames=ATHLETE_COLUMNS, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    (out / "athletes.csv").write_text(table.getvalue())
    for r in rows:
        typer.echo(
            one_line(
                f"{r['athlete']}: {r['status']}"
                + (
                    f", {r['added']} new, done {r['done']}, partial {r['partial']}, missed "
                    f"{r['missed']}, moved {r['moved']}, extra {r['extra']}"
                    if not r.get("error")
                    else f": {r['error']}"
                ),
                600,
            )
        )
    statuses = {str(r["status"]) for r in rows}
    raise typer.Exit(2 if statuses & {"invalid", "error"} else 0 if statuses <= FOUND else 1)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail([Problem("--through", f"{text!r} is not a date (YYYY-MM-DD)")])


def _report(imported: Imported, out: Path) -> None:
    """What the import found and did, a line each (on stderr when the plan goes to stdout):
    each planned session's status with its evidence, the plan's changes, the athlete's."""
    err = is_stdout(out)
    result = imported.result
    n = len(imported.added)
    again = (
        f" ({len(imported.repeated)} already in the log, counted once)" if imported.repeated else ""
    )
    typer.echo(f"imported {n} {'activity' if n == 1 else 'activities'}{again}", err=err)
    if imported.after:
        k = len(imported.after)
        typer.echo(
            f"{k} {'activity' if k == 1 else 'activities'} after the import's last day "
            "left for the import that covers it",
            err=err,
        )
    for e in imported.entries:
        where = f"w{e.week} {e.day}" + (f" {e.slot}" if e.slot else "")
        line = f"{e.status:<8} {where:<12} {e.session or '-':<20} {e.evidence}"
        typer.echo(one_line(line), err=err)
    for line in result.changes:
        typer.echo(one_line(f"change: {line}"), err=err)
    for line in imported.athlete_changes:
        typer.echo(one_line(f"athlete: {line}"), err=err)
    if not imported.weeks:
        typer.echo("nothing new to plan: the plan is as it was", err=err)
    elif result.found:
        weeks = ", ".join(f"w{w}" for w in imported.weeks)
        typer.echo(
            f"replanned {weeks} and the weeks after: {result.status}, objective {result.objective}",
            err=err,
        )
    else:
        typer.echo(
            f"the rest of the block cannot be planned ({result.status}); nothing "
            "written unless --force",
            err=True,
        )
