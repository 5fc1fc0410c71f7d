"""The `hybridplan` command: solve (one week or a batch), explain, diff, generate, and
list rules, sessions and the schema.

Exit codes: 0 a schedule for every file, 1 some file infeasible or unsolved in time,
2 invalid input (without --out nothing is solved then; a batch records it and goes on),
3 an internal error (a bug: one line on stderr, the traceback in a log file), 130 after
Ctrl-C and 143 after SIGTERM (a batch keeps what it finished).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.week import DAYS

if TYPE_CHECKING:
    from hybridplan.models.plan_input import PlanInput
    from hybridplan.models.result import Result
    from hybridplan.service.db import Store

T = TypeVar("T")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Plan a hybrid athlete's week (running + strength) with OR-Tools CP-SAT.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# typer prints Python types after an option (<list[str]>, <float range>) and after an
# argument's metavar; help shows plain words instead (N, NUMBER, PATH, TEXT, a|b|c), and
# an argument's metavar alone.
_WORDS = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "Path": "PATH"}


def _plain(shown: str) -> str:
    label = shown.strip("<>").removesuffix("...").removesuffix(" range")
    if label.startswith("list[") and label.endswith("]"):
        label = label[5:-1]
    return _WORDS.get(label, label)


def _readable(original: Any) -> Any:
    def display(param: Any, ctx: Any) -> str | None:
        if isinstance(param, typer.core.TyperArgument):
            return None
        if param.metavar is not None:
            return str(param.metavar)
        shown = original(param, ctx)
        return None if shown is None else _plain(str(shown))

    return display


for _param_class in (typer.core.TyperArgument, typer.core.TyperOption):
    if hasattr(_param_class, "display_type_rich"):  # typer 0.29's one hook for help types
        setattr(_param_class, "display_type_rich", _readable(_param_class.display_type_rich))  # noqa: B010


def _show_version(value: bool) -> None:
    if value:
        from hybridplan import __version__

        typer.echo(f"hybridplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="print the version and exit",
        ),
    ] = False,
) -> None:
    """Plan a hybrid athlete's week (running + strength) with OR-Tools CP-SAT."""


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


def _is_stdout(path: Path) -> bool:
    """`--out -`: standard output."""
    return str(path) == "-"


def _plural(n: int, word: str) -> str:
    from hybridplan.models.week import plural

    return plural(n, word)


def _fail(problems: list[Problem] | list[str]) -> NoReturn:
    from hybridplan.models.errors import one_line

    for p in problems[: limits.MAX_PROBLEMS]:
        typer.echo(f"error: {p if isinstance(p, Problem) else one_line(p, 1000)}", err=True)
    if len(problems) > limits.MAX_PROBLEMS:
        typer.echo(f"error: ... and {len(problems) - limits.MAX_PROBLEMS:,} more", err=True)
    raise typer.Exit(2)


def _load(files: list[Path], rules: str | None) -> list[PlanInput]:
    from hybridplan.models.loading import load_plan_input, load_rule_set

    rule_set = None
    if rules is not None:
        try:
            rule_set = load_rule_set(rules)
        except InputError as exc:
            _fail([f"--rules: {p.message}" if p.field == "rules" else str(p) for p in exc.problems])
    weeks: list[PlanInput] = []
    problems: list[Problem] = []
    for f in files:
        try:
            if _is_result(f):  # a result carries its scenario and rule set
                from hybridplan.models.loading import input_from_result, read_result
                from hybridplan.verify import verify_result

                stored = input_from_result(read_result(f, verify_result))
                weeks.append(
                    stored if rule_set is None
                    else stored.with_rules(rule_set.with_overrides(stored.scenario.rules.override))
                )  # fmt: skip
            else:
                weeks.append(load_plan_input(f, rule_set))
        except InputError as exc:
            problems += exc.problems
    if problems:
        _fail(problems)
    return weeks


def _is_result(path: Path) -> bool:
    """A result file (solve --format json), or meant as one: a JSON document with a
    `status` or `rule_set` (fields no scenario has), so that a broken result is told as
    one ("not a hybridplan result"), not as a scenario missing its name."""
    if path.suffix.lower() != ".json":
        return False
    from hybridplan.models.loading import read_document

    try:
        data, _ = read_document(path)
    except InputError:
        return False  # reading it as a scenario reports the problem
    return isinstance(data, dict) and ("status" in data or "rule_set" in data)


def _slot_order(week: PlanInput) -> list[str]:
    """Slot names in clock order (the first day's slots)."""
    return [s.name for s in week.slots[: len(week.scenario.slots)]]


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


TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=0,
        max=limits.MAX_TIME_LIMIT,
        callback=_seconds,
        help=f"seconds per solve, above 0 and at most {limits.MAX_TIME_LIMIT:g}",
        metavar="SECONDS",
    ),
]
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


class Executor(StrEnum):
    process = "process"
    dask = "dask"


@app.command("solve")
def solve_cmd(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="scenario files (.yaml, .toml, .json), directories (searched recursively) "
            "or quoted glob patterns",
            metavar="FILE|DIR|GLOB...",
        ),
    ],
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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            max=limits.max_jobs(),
            help=f"worker processes (batch mode, default 1); at most {limits.JOBS_PER_CORE} x "
            "the cores",
            metavar="N",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="batch mode: skip scenarios whose result exists for the same input"
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="batch mode: replace existing results")
    ] = False,
    executor: Annotated[
        Executor | None,
        typer.Option("--executor", help="batch mode: process pool (default), or a Dask cluster"),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://HOST:PORT); without it, a local cluster",
            metavar="ADDRESS",
        ),
    ] = None,
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
        if _is_stdout(out):
            _fail(["--out -: a batch writes a directory of results; for JSON on the screen "
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
        _fail([f"{name}: only for a batch; add --out DIR (or leave {name} out)" for name in given])
    from hybridplan.batch.discovery import discover

    files = [p for p, _ in discover(targets)] or [Path(t) for t in targets]
    weeks = _load(files, rules)
    if show_week is not None and show_week > max(w.weeks for w in weeks):
        most = max(w.weeks for w in weeks)
        _fail([f"--week {show_week}: the plans have {_plural(most, 'week')} (1-{most})"])

    from rich.console import Console
    from rich.progress import Progress

    from hybridplan.core.solving import solve
    from hybridplan.outputs import render
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

    slot_orders = [_slot_order(w) for w in weeks]
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
    for f, r in zip(files, results, strict=True):
        if r.status == "infeasible":
            typer.echo(f"{f}: no week keeps every hard rule; run: hybridplan explain {f}", err=True)
    raise typer.Exit(0 if all(r.found for r in results) else 1)


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
        _fail(exc.problems)
    with lock:
        tasks, known, problems = plan_tasks(targets, out, options, resume=resume, force=force)
        if problems:
            _fail(problems)
        report = run_batch(
            tasks, known, out, options, jobs=jobs, executor=executor.value, scheduler=scheduler
        )
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
    raise typer.Exit(report.exit_code)


@app.command("bench")
def bench_cmd(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="scenario files (.yaml, .toml, .json), directories (searched recursively) "
            "or quoted glob patterns",
            metavar="FILE|DIR|GLOB...",
            show_default=False,
        ),
    ] = None,
    scenarios: Annotated[
        list[str] | None,
        typer.Option(
            "--scenarios", help="scenarios, as the arguments (kept as an alias)", metavar="PATH"
        ),
    ] = None,
    *,
    out: Annotated[Path, typer.Option("--out", help="directory for the report", metavar="DIR")],
    rules: Annotated[
        str,
        typer.Option(
            "--rules",
            help="comma-separated rule set names, rule set files or variant files "
            "(a base set plus parameter sweeps)",
        ),
    ] = "balanced,stacked,strict,minimal",
    seeds: Annotated[int, typer.Option("--seeds", min=1, max=100, help="seeds per run")] = 1,
    time_limit: WallOption = None,
    work_limit: WorkLimitOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            min=1,
            max=limits.max_jobs(),
            help=f"worker processes; at most {limits.JOBS_PER_CORE} x the cores",
        ),
    ] = 1,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="keep the runs of an earlier bench into --out with the same input hash "
            "(file, rule set, options, seed, version); solve the rest",
        ),
    ] = False,
    executor: Annotated[
        Executor, typer.Option("--executor", help="process pool, or a Dask cluster")
    ] = Executor.process,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://HOST:PORT); without it, a local cluster",
        ),
    ] = None,
    show: Annotated[
        str | None,
        typer.Option(
            "--show",
            help="NAME or NAME:WEEK: the scenario (and week of a block) the report shows "
            "under each rule set",
            metavar="NAME[:WEEK]",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing report")] = False,
) -> None:
    """Compare rule sets on the same scenarios, every plan measured by one yardstick (coach
    objections, sets, key-run freshness, rest, running minutes, monotony): runs.csv,
    weeks.csv, summary.csv, ranking.csv (with bootstrap intervals), pairwise.csv (Wilcoxon,
    effect sizes), winloss.csv, borda.csv, report.json and report.html.

    Examples:

      hybridplan bench scenarios/ --rules balanced,strict --out report/

      hybridplan bench 'weeks/*.yaml' --rules balanced,strict --jobs 2 --resume --out report/"""
    import json
    import os
    import time

    from hybridplan.batch.discovery import discover
    from hybridplan.batch.outdir import OutputLock, check_writable
    from hybridplan.batch.signals import StopFlag
    from hybridplan.bench.compare import configurations, provenance, read_known, run_comparison
    from hybridplan.bench.report import write_report

    given = [*(targets or []), *(scenarios or [])]
    if not given:
        _fail(["no scenarios: give files, directories or glob patterns (or --scenarios)"])
    if not discover(given, skip=[out]):
        _fail([f"no scenario files found (.yaml, .yml, .toml, .json) in {', '.join(given)}"])
    journal = out / "runs.jsonl"
    if ((out / "report.html").exists() or journal.exists()) and not (force or resume):
        _fail([
            f"--out: {out} holds a report already; pass --resume to keep its runs or "
            "--force to replace it"
        ])  # fmt: skip
    try:
        configs = configurations([r.strip() for r in rules.split(",") if r.strip()])
    except InputError as exc:
        _fail([f"--rules: {p}" for p in exc.problems])
    try:  # before anything is solved: a directory we can write, and ours alone
        check_writable(out)
        lock = OutputLock(out)
        lock.acquire()
    except InputError as exc:
        _fail(exc.problems)
    began = time.time()
    wall, work = limits.solve_limits(time_limit, work_limit)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    with lock:
        known = read_known(journal) if resume else {}
        if not resume:
            journal.unlink(missing_ok=True)
        with journal.open("a", encoding="utf-8") as log, StopFlag() as stop:

            def keep(row: dict[str, object]) -> None:
                log.write(json.dumps(row, default=str) + "\n")
                log.flush()

            try:
                runs = run_comparison(
                    given, configs, seeds=seeds,
                    time_limit=wall, work_limit=work,
                    skip=[out], jobs=jobs, executor=executor.value, scheduler=scheduler,
                    known=known, on_row=keep, progress=True, stop=lambda: bool(stop),
                )  # fmt: skip
            except KeyboardInterrupt:
                runs = None
            if stop or runs is None:
                typer.echo(
                    f"interrupted: finished runs are kept in {journal}; run again with --resume",
                    err=True,
                )
                raise typer.Exit(stop.exit_code or 130)
        prov = provenance(
            configs, seeds=seeds, time_limit=wall, work_limit=work,
            jobs=jobs, executor=executor.value, scenarios=int(runs["file"].nunique()),
            started=began, load_before=load,
        )  # fmt: skip
        written = write_report(out, runs, show=show, provenance=prov)
    import pandas as pd

    ranking = pd.read_csv(out / "ranking.csv")
    shown = ["horizon", "rank", "rule_set", "score", "ci_low", "ci_high", "scenarios"]
    typer.echo(ranking[shown].to_string(index=False))
    resumed = int(runs["resumed"].fillna(False).astype(bool).sum()) if "resumed" in runs else 0
    if resumed:
        typer.echo(f"{resumed} runs kept from an earlier bench")
    typer.echo(f"wrote {len(written)} files into {out} (report.html, ranking.csv, runs.csv, ...)")


def _read_result(path: Path) -> Result:
    """A result file, read as carefully as a scenario (a regular file, 1 MiB, strict JSON)
    and validated strictly: an edited or cut-short file is bad input (exit 2)."""
    from hybridplan.models.loading import read_result
    from hybridplan.verify import verify_result

    try:
        return read_result(path, verify_result)
    except InputError as exc:
        _fail(exc.problems)


def _in_file(path: Path, exc: InputError) -> list[Problem]:
    """Problems of a result's stored input, named in the result file."""
    return [p if p.file else p.at(str(path), None) for p in exc.problems]


def _write_new(path: Path, data: bytes, force: bool, option: str = "--out") -> None:
    from hybridplan.outputs.files import write_new

    try:
        write_new(path, data, force=force, option=option)
    except InputError as exc:
        _fail(exc.problems)


@app.command("replan")
def replan_cmd(
    result_file: Annotated[
        Path, typer.Argument(help="a result JSON file (solve --format json)", metavar="RESULT.json")
    ],
    done: Annotated[
        list[str],
        typer.Option(
            "--done",
            help="day:slot done as planned (repeat, or comma-separated)",
            metavar="DAY:SLOT",
        ),
    ] = [],  # noqa: B006
    missed: Annotated[
        list[str],
        typer.Option(
            "--missed", help="day:slot (or day) missed (repeat, or a,b)", metavar="DAY[:SLOT]"
        ),
    ] = [],  # noqa: B006
    unavailable: Annotated[
        list[str],
        typer.Option(
            "--unavailable",
            help="day or day:slot no longer free (repeat, or a,b)",
            metavar="DAY[:SLOT]",
        ),
    ] = [],  # noqa: B006
    from_day: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DAY",
            help="first day to plan again (default: the day after the last done or missed session)",
        ),
    ] = None,
    moved: Annotated[
        list[str],
        typer.Option(
            "--moved",
            help="a session done elsewhere: PLANNED=DONE, each day:slot (repeat, or a,b)",
            metavar="DAY:SLOT=DAY:SLOT",
        ),
    ] = [],  # noqa: B006
    week_no: Annotated[
        int | None,
        typer.Option(
            "--week",
            min=1,
            max=limits.MAX_WEEKS,
            metavar="N",
            help="the week of a block the places are in; weeks before it are kept as "
            "planned (default: the week holding today when the plan has dates, else 1)",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="output format")] = Format.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="write the new result (JSON) to this file, or - for stdout",
            metavar="FILE",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="replace --out, and write it even when nothing is planned"),
    ] = False,
    time_limit: WallOption = None,
    seed: SeedOption = 0,
    work_limit: WorkLimitOption = None,
) -> None:
    """Plan the rest of the week again after real life happened, changing as little as
    possible; lists what changed and why. What can no longer fit (a run, the long run) is
    a priced shortfall, not a failure; only when even that is impossible it exits 1 with
    the explanation, and writes nothing unless --force.

    Example: hybridplan replan week.json --done mon:am,mon:pm --missed wed:am --unavailable thu

    Example: hybridplan replan block.json --week 3 --missed tue
    """
    import datetime as dt

    from rich.console import Console

    from hybridplan.models.loading import input_from_result
    from hybridplan.outputs import render
    from hybridplan.planner.replanning import as_places, current_week, parse_move, replan

    def split(values: list[str]) -> list[str]:
        return [v.strip() for value in values for v in value.split(",") if v.strip()]

    previous = _read_result(result_file)
    try:
        week = input_from_result(previous)
        if from_day is not None and from_day not in DAYS:
            raise InputError([Problem("--from", f"{from_day!r} is not a day ({', '.join(DAYS)})")])
        missed_places = as_places(split(missed), week, "--missed")
        if week_no is None:
            week_no = current_week(week, dt.date.today())
            if week.weeks > 1:
                typer.echo(
                    f"replanning week {week_no} of {week.weeks} (the week holding today; "
                    "--week N to choose)",
                    err=True,
                )
        elif week_no > week.weeks:
            raise InputError(
                [Problem("--week", f"{week_no} is beyond the plan's {week.weeks} week(s)")]
            )
        result = replan(
            previous,
            done=as_places(split(done), week, "--done"),
            missed=missed_places,
            unavailable=as_places(split(unavailable), week, "--unavailable"),
            from_day=from_day,
            week=week_no,
            moved=[parse_move(v, week.scenario.slots, "--moved") for v in split(moved)],
            time_limit=time_limit,
            seed=seed,
            work_limit=work_limit,
        )
    except InputError as exc:
        _fail(_in_file(result_file, exc))
    for day, slot in missed_places:
        if not any(
            s.week == week_no and s.day == day and slot in (None, s.slot) for s in previous.sessions
        ):
            where = day if slot is None else f"{day}:{slot}"
            typer.echo(
                f"warning: --missed {where}: nothing was planned there in week {week_no}",
                err=True,
            )
    to_stdout = out is not None and _is_stdout(out)
    if out is not None and not to_stdout and (result.found or force):
        _write_new(out, result.to_json().encode(), force)
    if to_stdout:  # --out -: the new result is the output, the changes go to stderr
        typer.echo(result.to_json())
        for line in result.changes:
            typer.echo(f"change: {line}", err=True)
    elif fmt is Format.json:
        typer.echo(result.to_json())
    else:
        console = Console()
        console.print(render.table(result, _slot_order(week)))
        for line in result.changes or (["no change to the plan"] if result.found else []):
            console.print(f"change: {line}", markup=False, highlight=False)
    if not result.found:
        from hybridplan.explanations.explainer import explain

        why = explain(
            input_from_result(result), time_limit=time_limit, seed=seed, work_limit=work_limit
        )
        Console(stderr=True).print(render.explanation(why, _slot_order(week)))
        if out is not None and not force and not to_stdout:
            typer.echo(f"nothing written to {out}: no plan (pass --force to write it)", err=True)
    raise typer.Exit(0 if result.found else 1)


class ExportFormat(StrEnum):
    ics = "ics"
    md = "md"
    csv = "csv"
    html = "html"
    png = "png"
    fit = "fit"


@app.command("export")
def export_cmd(
    result_file: Annotated[
        Path, typer.Argument(help="a result JSON file (solve --format json)", metavar="RESULT.json")
    ],
    to: Annotated[ExportFormat, typer.Option("--to", help="export format")],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="file to write, or - for standard output (fit: a directory, one file per session)",
            metavar="FILE",
        ),
    ],
    busy_only: Annotated[
        bool, typer.Option("--busy-only", help="ics: events without details")
    ] = False,
    week: Annotated[
        int | None,
        typer.Option(
            "--week",
            min=1,
            max=limits.MAX_WEEKS,
            help="png, html: the week of a block to show (default 1)",
            metavar="N",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            help="ics: the week's Monday, if the scenario has no `start`",
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="replace --out")] = False,
) -> None:
    """Export a solved week as an iCalendar feed, a PNG picture, an HTML page, Markdown,
    CSV, or FIT workouts for the watch (one file per session, runs, lifts and mobility, into
    the --out directory).

    Examples:

      hybridplan export week.json --to ics --out week.ics

      hybridplan export week.json --to md --out - | less

      hybridplan export block.json --to html --week 5 --out week5.html

      hybridplan export week.json --to fit --out workouts/"""
    import datetime as dt

    from hybridplan.outputs.export import export

    result = _read_result(result_file)
    if not result.found:
        _fail([f"{result_file}: has no planned week to export (status {result.status})"])
    options: dict[str, object] = {}
    if to is ExportFormat.ics:
        try:
            options["start"] = dt.date.fromisoformat(start) if start else None
        except ValueError:
            _fail([f"--start: {start!r} is not a date YYYY-MM-DD"])
        options["busy_only"] = busy_only
    if week is not None:
        if to not in (ExportFormat.png, ExportFormat.html):
            _fail([f"--week: only png and html show one week; {to.value} holds every week"])
        options["week"] = week
    if to is ExportFormat.fit:
        if _is_stdout(out):
            _fail(["--out: fit writes one file per session; give a directory, not -"])
        _export_fit(result_file, result, out, force)
    try:
        data = export(result, to.value, **options)
    except InputError as exc:
        _fail(_in_file(result_file, exc))
    if _is_stdout(out):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write_new(out, data, force)
    typer.echo(f"wrote {out} ({len(data)} bytes)")


def _export_fit(result_file: Path, result: Result, out: Path, force: bool) -> NoReturn:
    """One FIT workout file per session into the directory `out`."""
    from hybridplan.outputs.watch import workouts
    from hybridplan.prescribe import prescribed

    try:
        files = workouts(prescribed(result))
    except InputError as exc:
        _fail(_in_file(result_file, exc))
    if out.exists() and not out.is_dir():
        _fail([f"--out: {out} is not a directory (fit writes one file per session)"])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail([f"--out: cannot create {out}: {exc.strerror}"])
    for name, data in files.items():
        _write_new(out / name, data, force)
    typer.echo(f"wrote {len(files)} FIT workouts to {out}")
    raise typer.Exit(0)


@app.command("generate")
def generate_cmd(
    out: Annotated[
        Path, typer.Option("--out", help="directory for the scenario files", metavar="DIR")
    ],
    count: Annotated[
        int, typer.Option("--count", min=1, max=100_000, help="how many scenarios")
    ] = 100,
    seed: Annotated[
        int, typer.Option("--seed", min=0, max=limits.MAX_SEED, help="same seed, same files")
    ] = 0,
    blocks: Annotated[
        int,
        typer.Option("--blocks", min=0, max=10_000, help="race blocks of several weeks, too"),
    ] = 0,
    force: Annotated[bool, typer.Option("--force", help="replace existing files")] = False,
) -> None:
    """Write realistic random scenarios (about 10% infeasible by construction, named
    ...-infeasible) for scale tests and benchmarks, and with --blocks race blocks (6-16
    weeks to a 5k, 10k, half or marathon, named race-NNNN-DISTANCE-WEEKSw).

    Example: hybridplan generate --count 100 --blocks 10 --seed 1 --out weeks/"""
    import yaml

    from hybridplan.batch.generate import generate

    scenarios = generate(count, seed, blocks=blocks)
    paths = [out / f"{s['name']}.yaml" for s in scenarios]
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        _fail(
            [f"--out: {existing[0]} exists ({len(existing)} files would be replaced); pass --force"]
        )
    for path, data in zip(paths, scenarios, strict=True):
        _write_new(path, yaml.safe_dump(data, sort_keys=False).encode(), True)
    typer.echo(f"{len(paths)} scenarios in {out}")


class StarterGoal(StrEnum):
    endurance = "endurance"
    hybrid = "hybrid"
    strength = "strength"


@app.command("init")
def init_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="the scenario file to write (.yaml), or - for the screen", metavar="FILE"
        ),
    ],
    goal: Annotated[
        StarterGoal, typer.Option("--goal", help="what the week is for")
    ] = StarterGoal.hybrid,
    force: Annotated[bool, typer.Option("--force", help="replace FILE")] = False,
) -> None:
    """Write a commented starter scenario for a goal (a week that solves as it is), to
    edit: availability, targets, preferences, the rule set.

    Example: hybridplan init --goal endurance me.yaml && hybridplan solve me.yaml"""
    import datetime as dt
    import re

    from hybridplan.outputs.starter import starter_scenario

    name = "my-week" if _is_stdout(file) else re.sub(r"[^\w.-]+", "-", file.stem) or "my-week"
    text = starter_scenario(goal.value, name[: limits.MAX_NAME], dt.date.today())
    if _is_stdout(file):
        typer.echo(text, nl=False)
        return
    _write_new(file, text.encode(), force, "FILE")
    typer.echo(f"wrote {file}; next: hybridplan solve {file}")


@app.command("examples")
def examples_cmd(
    directory: Annotated[
        Path, typer.Argument(help="where to put them (made if missing)", metavar="DIR")
    ] = Path("scenarios"),
    force: Annotated[bool, typer.Option("--force", help="replace files already there")] = False,
) -> None:
    """Copy the shipped example scenarios (weeks, race blocks, two infeasible on purpose)
    into DIR, so that the README's commands work after `pip install hybridplan`.

    Example: hybridplan examples && hybridplan solve scenarios/marathon-build.yaml"""
    from importlib.resources import files

    shipped = sorted(
        (
            f
            for f in files("hybridplan.examples").iterdir()
            if f.name.endswith((".yaml", ".toml", ".json"))
        ),
        key=lambda f: f.name,
    )
    existing = [directory / f.name for f in shipped if (directory / f.name).exists()]
    if existing and not force:
        _fail([f"{existing[0]} exists ({len(existing)} of {len(shipped)} files would be "
               "replaced); pass --force, or name another directory"])  # fmt: skip
    for f in shipped:
        _write_new(directory / f.name, f.read_bytes(), True, "DIR")
    typer.echo(f"{len(shipped)} scenarios in {directory}; try: hybridplan solve "
               f"{directory / 'marathon-build.yaml'}")  # fmt: skip


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("explain")
def explain_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="scenario files (.yaml, .toml, .json) or result files (they carry their scenario)",
            metavar="FILE...",
        ),
    ],
    rules: RulesOption = None,
    fmt: Annotated[
        ExplainFormat, typer.Option("--format", help="output format")
    ] = ExplainFormat.table,
    time_limit: WallOption = None,
    seed: SeedOption = 0,
    work_limit: WorkLimitOption = None,
) -> None:
    """Why a week cannot be planned (a minimal conflict, with the smallest relaxation of
    each part), or why a planned week looks as it does (score by rule and by day, binding
    hard rules, the coach preference). Exit 0 when planned, 1 when not.

    Example: hybridplan explain scenarios/infeasible-on-purpose.yaml"""
    weeks = _load(files, rules)

    from rich.console import Console
    from rich.progress import Progress

    from hybridplan.explanations.explainer import explain
    from hybridplan.outputs import render

    explanations = []
    err = Console(stderr=True)
    with Progress(console=err, transient=True, disable=not err.is_terminal) as shown:
        task = shown.add_task("solving", total=None)
        for w in weeks:
            shown.update(task, description=f"solving {w.scenario.name}", total=None, completed=0)

            def step(rule: str, done: int, total: int, name: str = w.scenario.name) -> None:
                shown.update(
                    task, description=f"{name}: would the plan score better without {rule}?",
                    total=total, completed=done,
                )  # fmt: skip

            explanations.append(
                explain(w, time_limit=time_limit, seed=seed, work_limit=work_limit, progress=step)
            )
    if fmt is ExplainFormat.json:
        if len(explanations) == 1:
            typer.echo(explanations[0].to_json())
        else:
            typer.echo("[" + ",\n".join(e.to_json() for e in explanations) + "]")
    else:
        console = Console()
        for e, w in zip(explanations, weeks, strict=True):
            console.print(render.explanation(e, _slot_order(w)))
            console.print()
    raise typer.Exit(0 if all(e.result is not None for e in explanations) else 1)


@app.command("diff")
def diff_cmd(
    before: Annotated[
        Path,
        typer.Argument(
            help="a result JSON file, or a scenario file (solved first)", metavar="BEFORE"
        ),
    ],
    after: Annotated[Path, typer.Argument(help="another result or scenario file", metavar="AFTER")],
    fmt: Annotated[
        ExplainFormat, typer.Option("--format", help="output format")
    ] = ExplainFormat.table,
) -> None:
    """Compare two solved weeks: sessions moved, removed and added, penalty per rule.

    Example: hybridplan diff monday.json tuesday.json"""

    from hybridplan.core.solving import solve
    from hybridplan.explanations.diff import diff
    from hybridplan.outputs import render

    def result_of(path: Path) -> Result:
        if _is_result(path):
            return _read_result(path)
        return solve(_load([path], None)[0])

    results = [result_of(before), result_of(after)]
    d = diff(results[0], results[1])
    if fmt is ExplainFormat.json:
        typer.echo(d.to_json())
    else:
        from rich.console import Console

        Console().print(render.diff_table(d))


@app.command("validate")
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(help="scenario files to check", metavar="FILE...")],
) -> None:
    """Check scenario files (and the rule sets they name) without solving.

    Example: hybridplan validate scenarios/*.yaml"""
    for week, f in zip(_load(files, None), files, strict=True):
        typer.echo(
            f"{f}: ok ({week.scenario.name}, rules {week.rules.name}, "
            f"{len(week.sessions)} session types)"
        )


class ListFormat(StrEnum):
    table = "table"
    json = "json"


ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="output format")]


@app.command("rules")
def rules_cmd(
    show: Annotated[
        str | None,
        typer.Option(
            "--show",
            help="print this built-in rule set's YAML, to copy and edit",
            metavar="NAME",
        ),
    ] = None,
    fmt: ListFormatOption = ListFormat.table,
) -> None:
    """List the built-in rule sets and the rule catalogue with its defaults.

    Examples:

      hybridplan rules --show strict > my-rules.yaml

      hybridplan rules --format json"""
    from rich.console import Console
    from rich.table import Table

    from hybridplan.models.loading import builtin_rule_set_text, builtin_rule_sets, load_rule_set
    from hybridplan.models.rules import RULE_CONFIGS, CoachRuleConfig

    if show is not None:
        if show not in builtin_rule_sets():
            _fail(
                [f"--show: unknown rule set {show!r}; built-in: {', '.join(builtin_rule_sets())}"]
            )
        typer.echo(builtin_rule_set_text(show), nl=False)
        return
    if fmt is ListFormat.json:
        import json

        typer.echo(json.dumps(_rules_document(), indent=2))
        return
    console = Console()
    sets = Table(title="rule sets", title_justify="left")
    sets.add_column("rule set", no_wrap=True)
    for name in ("rules", "description"):
        sets.add_column(name)
    for name in builtin_rule_sets():
        rs = load_rule_set(name)
        sets.add_row(name, ", ".join(rs.rules), rs.description)
    console.print(sets)
    cat = Table(title="rule catalogue", title_justify="left")
    cat.add_column("rule", no_wrap=True, min_width=max(len(r) for r in RULE_CONFIGS))
    for name in ("level", "defaults", "what it does"):
        cat.add_column(name)
    for rid, cls in RULE_CONFIGS.items():
        defaults = ", ".join(f"{k}={v}" for k, v in cls().model_dump().items() if k != "enabled")
        level = "soft/hard" if issubclass(cls, CoachRuleConfig) else cls.LEVEL
        cat.add_row(rid, level, defaults, " ".join((cls.__doc__ or "").split()))
    console.print(cat)


def _rules_document() -> dict[str, object]:
    """`rules --format json`: the rule sets with their rules' parameters, and the catalogue
    of rules with level, defaults and description."""
    from hybridplan.models.loading import builtin_rule_sets, load_rule_set
    from hybridplan.models.rules import RULE_CONFIGS, CoachRuleConfig

    def level(cls: type) -> str:
        base = "soft or hard" if issubclass(cls, CoachRuleConfig) else str(cls.LEVEL)  # type: ignore[attr-defined]
        return base + (" (automatic)" if getattr(cls, "AUTOMATIC", False) else "")

    sets = []
    for name in builtin_rule_sets():
        rs = load_rule_set(name)
        sets.append({
            "name": name,
            "description": rs.description,
            "rules": {rid: cfg.model_dump(mode="json") for rid, cfg in rs.rules.items()},
        })  # fmt: skip
    catalogue = [
        {
            "id": rid,
            "level": level(cls),
            "defaults": cls().model_dump(mode="json"),
            "description": " ".join((cls.__doc__ or "").split()),
        }
        for rid, cls in RULE_CONFIGS.items()
    ]
    return {"rule_sets": sets, "rules": catalogue}


@app.command("sessions")
def sessions_cmd(fmt: ListFormatOption = ListFormat.table) -> None:
    """List the built-in session catalogue (ids, kind, minutes, intensity, RPE, load, legs,
    sets per muscle group); --format json gives every field.

    Example: hybridplan sessions --format json"""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from hybridplan.models.catalogue import default_catalogue

    catalogue = default_catalogue()
    if fmt is ListFormat.json:
        import json

        typer.echo(json.dumps([s.model_dump(mode="json") for s in catalogue.values()], indent=2))
        return
    # one line per session at 80 columns: short headings, the sets column wraps last
    t = Table(title="session catalogue", title_justify="left", box=box.SIMPLE_HEAD,
              pad_edge=False, collapse_padding=True)  # fmt: skip
    t.add_column("id", no_wrap=True)
    for name in ("min", "int.", "RPE", "legs"):
        t.add_column(name, no_wrap=True)
    t.add_column("sets", ratio=1, min_width=20)
    for s in catalogue.values():
        t.add_row(
            s.id,
            str(s.minutes),
            s.intensity,
            str(s.rpe),
            s.legs if s.is_strength else "",
            # a muscle group and its sets never part: the column wraps between groups only
            ", ".join(f"{m}:{n}" for m, n in s.sets.items()),
        )
    Console().print(t)
    Console().print(
        "int. = intensity; sets per muscle group; --format json for every field (type, load)",
        style="dim",
    )


@app.command("schema")
def schema_cmd() -> None:
    """Print the scenario file's JSON Schema (for editors: yaml-language-server).

    Example: hybridplan schema > scenario.schema.json"""
    from hybridplan.models.schema import scenario_schema_text

    typer.echo(scenario_schema_text(), nl=False)


# ------------------------------------------------------------------------------ service
# The service's packages (FastAPI, SQLAlchemy, uvicorn) are imported inside these commands
# only: the other commands never load them.
DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///FILE (default, in the working directory) or "
        "postgresql+psycopg://USER:PASSWORD@HOST/NAME",
    ),
]


@app.command("serve")
def serve_cmd(
    host: Annotated[
        str, typer.Option("--host", help="address to bind", metavar="ADDRESS")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="port")] = 8000,
    db: DbOption = "sqlite:///hybridplan.db",
    no_auth: Annotated[
        bool,
        typer.Option(
            "--no-auth", help="single user, no tokens (refused unless bound to a loopback address)"
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="solver processes in the pool")
    ] = 2,
    queue: Annotated[
        int, typer.Option("--queue", min=0, help="solves waiting beyond the workers; more get 503")
    ] = 32,
    time_limit: Annotated[
        float,
        typer.Option(
            "--work-limit",
            "--time-limit",
            min=0.01,
            help="default solver work per request (deterministic seconds; the CLI's and the "
            "API's default)",
        ),
    ] = limits.DEFAULT_WORK_LIMIT,
    max_time_limit: Annotated[
        float,
        typer.Option(
            "--max-work-limit",
            "--max-time-limit",
            min=0.01,
            help="the most solver work (deterministic seconds) a request gets",
        ),
    ] = 60.0,
    max_body: Annotated[
        int,
        typer.Option(
            "--max-body",
            min=1024,
            help="largest request body in bytes (413); a JSON body's limit is a "
            "scenario file's, 1 MiB, whatever this says",
        ),
    ] = 4 * limits.MAX_FILE_BYTES,
    client_timeout: Annotated[
        float,
        typer.Option(
            "--client-timeout",
            min=0.1,
            max=3600,
            help="seconds a client has to send a request's headers, then its body "
            "(closed, or 408); idle keep-alive connections close after 5 s",
        ),
    ] = 15.0,
) -> None:
    """Run the planning service: the HTTP API under /v1, the planner's page at /, and
    /openapi.json. Plans are kept in the database (--db).

    Example: hybridplan token create anna && hybridplan serve --port 8000"""
    from hybridplan.service.server import RefusedSettings, serve
    from hybridplan.service.settings import Settings

    settings = Settings(
        db_url=db,
        host=host,
        port=port,
        no_auth=no_auth,
        workers=workers,
        queue=queue,
        default_time_limit=min(time_limit, max_time_limit),
        max_time_limit=max_time_limit,
        max_body_bytes=max_body,
        client_timeout=client_timeout,
    )
    try:
        serve(settings)
    except RefusedSettings as exc:
        _fail([str(exc)])


token_app = typer.Typer(no_args_is_help=True, help="API tokens of coaches for `hybridplan serve`.")
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create_cmd(
    name: Annotated[str, typer.Argument(help="the coach's name (made if new)", metavar="NAME")],
    db: DbOption = "sqlite:///hybridplan.db",
) -> None:
    """Print a new API token for coach NAME. Only its hash is stored: keep it now, it
    cannot be shown again. Send it as `Authorization: Bearer TOKEN`.

    Example: hybridplan token create "Anna Berg" --db sqlite:///plans.db"""
    if not name.strip() or len(name) > 200:
        _fail(["NAME: give the coach's name (1-200 characters)"])
    token: str = _in_store(db, lambda store: store.create_token(name.strip()))
    typer.echo(token)


def _in_store(db: str, work: Callable[[Store], T]) -> T:
    """`work` on the service's database at `db` (migrated first), closed after; a database
    that cannot be used is bad input (exit 2), named by the option."""
    from sqlalchemy.exc import SQLAlchemyError

    from hybridplan.service.db import Store

    store = Store(db)
    try:
        store.migrate()
        return work(store)
    except SQLAlchemyError as exc:
        _fail([f"--db: cannot use the database: {type(exc).__name__}"])
    finally:
        store.close()


@token_app.command("list")
def token_list_cmd(db: DbOption = "sqlite:///hybridplan.db") -> None:
    """List the tokens: id, coach and when it was made (never the token: only its hash
    is stored). Revoke one with `hybridplan token revoke ID`."""
    from hybridplan.models.errors import one_line

    rows = _in_store(db, lambda store: store.tokens())
    for token_id, coach, created in rows:
        made = created.isoformat(timespec="seconds")
        typer.echo(f"{token_id}\t{one_line(coach, 200)}\t{made}")


@token_app.command("revoke")
def token_revoke_cmd(
    token_id: Annotated[
        int,
        typer.Argument(help="the token's id (`token list`)", metavar="ID", min=1, max=2**31 - 1),
    ],
    db: DbOption = "sqlite:///hybridplan.db",
) -> None:
    """Revoke token ID at once: requests with it get 401 from then on.

    Example: hybridplan token revoke 3 --db sqlite:///plans.db"""
    revoked = _in_store(db, lambda store: store.revoke_token(token_id))
    if not revoked:
        _fail([f"ID: no token {token_id} (`hybridplan token list` shows them)"])
    typer.echo(f"token {token_id} revoked")


def main() -> None:
    """The command, with its last line of defence: an exception that is not bad input is a
    bug, reported in one line with exit code 3 (scripts can tell it from an infeasible week,
    exit 1), its traceback kept in a log file."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except InputError as exc:  # a path that forgot to report it: still bad input
        for p in exc.problems:
            typer.echo(f"error: {p}", err=True)
        sys.exit(2)
    except Exception as exc:
        from hybridplan.crash import report_crash

        typer.echo(report_crash(exc), err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
