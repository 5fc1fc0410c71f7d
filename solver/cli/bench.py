"""`hybridplan bench`: rule sets compared on the same scenarios (hybridplan.bench), the runs
journalled as they finish so that an interrupted bench resumes, then the report written
and the ranking printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hybridplan.cli.common import fail
from hybridplan.cli.options import (
    BenchExecutorOption,
    BenchJobsOption,
    BenchSchedulerOption,
    Executor,
    OptionalTargetsArgument,
    WallOption,
    WorkLimitOption,
)
from hybridplan.models import limits
from hybridplan.models.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from hybridplan.models.rules import RuleSet


def bench_cmd(
    targets: OptionalTargetsArgument = None,
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
    jobs: BenchJobsOption = 1,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="keep the runs of an earlier bench into --out with the same input hash "
            "(file, rule set, options, seed, version); solve the rest",
        ),
    ] = False,
    executor: BenchExecutorOption = Executor.process,
    scheduler: BenchSchedulerOption = None,
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
    import os
    import time

    from hybridplan.batch.outdir import OutputLock, check_writable
    from hybridplan.bench.compare import provenance
    from hybridplan.bench.report import write_report

    given = [*(targets or []), *(scenarios or [])]
    configs = _checked(given, out, rules, resume=resume, force=force)
    try:  # before anything is solved: a directory we can write, and ours alone
        check_writable(out)
        lock = OutputLock(out)
        lock.acquire()
    except InputError as exc:
        fail(exc.problems)
    began = time.time()
    wall, work = limits.solve_limits(time_limit, work_limit)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    with lock:
        runs = _journalled_runs(
            given, configs, out, resume=resume, seeds=seeds, time_limit=wall, work_limit=work,
            jobs=jobs, executor=executor, scheduler=scheduler,
        )  # fmt: skip
        prov = provenance(
            configs, seeds=seeds, time_limit=wall, work_limit=work,
            jobs=jobs, executor=executor.value, scenarios=int(runs["file"].nunique()),
            started=began, load_before=load,
        )  # fmt: skip
        written = write_report(out, runs, show=show, provenance=prov)
    _print_ranking(out, runs, written)


def _checked(
    given: list[str], out: Path, rules: str, *, resume: bool, force: bool
) -> list[RuleSet]:
    """The rule sets to compare, once the scenarios exist and --out may be written (bad
    input, exit 2, otherwise: before anything is solved)."""
    from hybridplan.batch.discovery import discover
    from hybridplan.bench.compare import configurations

    if not given:
        fail(["no scenarios: give files, directories or glob patterns (or --scenarios)"])
    if not discover(given, skip=[out]):
        fail([f"no scenario files found (.yaml, .yml, .toml, .json) in {', '.join(given)}"])
    journal = out / "runs.jsonl"
    if ((out / "report.html").exists() or journal.exists()) and not (force or resume):
        fail([
            f"--out: {out} holds a report already; pass --resume to keep its runs or "
            "--force to replace it"
        ])  # fmt: skip
    try:
        return configurations([r.strip() for r in rules.split(",") if r.strip()])
    except InputError as exc:
        fail([f"--rules: {p}" for p in exc.problems])


def _journalled_runs(
    given: list[str],
    configs: list[RuleSet],
    out: Path,
    *,
    resume: bool,
    seeds: int,
    time_limit: float,
    work_limit: float,
    jobs: int,
    executor: Executor,
    scheduler: str | None,
) -> pd.DataFrame:
    """Every run of the comparison, each appended to runs.jsonl as it finishes (those of an
    earlier bench kept with --resume); an interruption exits at once (130, or the signal's
    code) with the journal kept."""
    import json

    from hybridplan.batch.signals import StopFlag
    from hybridplan.bench.compare import read_known, run_comparison

    journal = out / "runs.jsonl"
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
                time_limit=time_limit, work_limit=work_limit,
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
    return runs


def _print_ranking(out: Path, runs: pd.DataFrame, written: list[Path]) -> None:
    """The ranking table and what was written, on standard output."""
    import pandas as pd

    ranking = pd.read_csv(out / "ranking.csv")
    shown = ["horizon", "rank", "rule_set", "score", "ci_low", "ci_high", "scenarios"]
    typer.echo(ranking[shown].to_string(index=False))
    resumed = int(runs["resumed"].fillna(False).astype(bool).sum()) if "resumed" in runs else 0
    if resumed:
        typer.echo(f"{resumed} runs kept from an earlier bench")
    typer.echo(f"wrote {len(written)} files into {out} (report.html, ranking.csv, runs.csv, ...)")
