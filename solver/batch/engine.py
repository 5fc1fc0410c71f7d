"""The batch command's engine: decide what to solve (resume), run it with progress, write
each result as it arrives, then the summary. Ctrl-C and SIGTERM keep every finished
result; a result that cannot be written stops the batch with the summary of what was."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hybridplan.batch.discovery import discover
from hybridplan.batch.running import run_tasks
from hybridplan.batch.signals import StopFlag
from hybridplan.batch.tasks import Options, Outcome, input_hash, summary_row
from hybridplan.batch.writing import stored_hash, write_summary
from hybridplan.models.errors import InputError
from hybridplan.outputs.files import write_atomic


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    summary_files: list[Path] = field(default_factory=list)
    interrupted: bool = False
    signal_exit: int = 130
    write_error: str | None = None
    seconds: float = 0.0

    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return self.signal_exit
        if self.write_error is not None:
            return 2
        if self.outcomes and all(o.status == "error" for o in self.outcomes):
            return 2  # nothing could be read
        return 0 if all(o.found for o in self.outcomes) else 1


def plan_tasks(
    targets: list[str], out: Path, options: Options, *, resume: bool, force: bool
) -> tuple[list[tuple[str, str]], list[Outcome], list[str]]:
    """(tasks to run, outcomes known without solving, problems that stop the run)."""
    from hybridplan.models.loading import load_plan_input, load_rule_set, read_result
    from hybridplan.verify import verify_result

    found = discover(targets, skip=[out])
    problems = [
        f"{t}: no scenario files found (.yaml, .yml, .toml, .json)"
        for t in targets
        if not discover([t], skip=[out])
    ]
    tasks: list[tuple[str, str]] = []
    known: list[Outcome] = []
    clashes: list[Path] = []
    rule_set = None
    if options.rules is not None:
        try:
            rule_set = load_rule_set(options.rules)
        except InputError as exc:
            return [], [], [f"--rules: {p.message}" for p in exc.problems]
    for path, name in found:
        target = out / f"{name}.json"
        if target.exists():
            # Only an existing result needs the input loaded here (to compare hashes);
            # everything else is loaded once, by the worker that solves it.
            try:
                week = load_plan_input(path, rule_set)
            except InputError:
                tasks.append((str(path), name))  # the worker records the error
                continue
            digest = input_hash(path.read_bytes(), week.rules.model_dump_json(), options)
            result = None
            if resume and stored_hash(target) == digest:
                try:
                    result = read_result(target, verify_result)
                except InputError:
                    result = None  # edited or cut short since: solve it again
            if result is not None:
                row = summary_row(str(path), week, result, None)
                row["resumed"] = True
                known.append(Outcome(str(path), name, result=result, row=row, resumed=True))
                continue
            if not (resume or force):
                clashes.append(target)
        tasks.append((str(path), name))
    if clashes:
        problems.append(
            f"--out: {len(clashes)} result file(s) exist already (e.g. {clashes[0]}); pass "
            "--resume to keep finished results or --force to replace them"
        )
    return tasks, known, problems


def run_batch(
    tasks: list[tuple[str, str]],
    known: list[Outcome],
    out: Path,
    options: Options,
    *,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    progress: bool = True,
) -> BatchReport:
    report = BatchReport(outcomes=list(known))
    began = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    total = len(tasks) + len(known)
    show = _Progress(total, len(known), enabled=progress)
    with StopFlag() as stop:
        outcomes = run_tasks(
            tasks,
            options,
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            isolate=True,
            stop=lambda: bool(stop),
        )
        try:
            for outcome in outcomes:
                if outcome.result is not None:
                    path = out / f"{outcome.name}.json"
                    try:
                        write_atomic(path, outcome.result.to_json())
                    except OSError as exc:
                        report.write_error = f"cannot write {path}: {exc.strerror or exc}"
                        break
                report.outcomes.append(outcome)
                show.step(outcome, report.counts())
                if stop:
                    break
        except KeyboardInterrupt:  # a second Ctrl-C, or one outside the wait
            report.interrupted = True
        finally:
            outcomes.close()  # stops the workers at once
            show.close()
            if stop:
                report.interrupted = True
                report.signal_exit = stop.exit_code
            report.seconds = time.perf_counter() - began
            try:
                report.summary_files = write_summary(out, [o.row for o in report.outcomes])
            except OSError as exc:
                report.write_error = report.write_error or (
                    f"cannot write the summary into {out}: {exc.strerror or exc}"
                )
    return report


class _Progress:
    """A rich progress bar on a terminal (done/total, rate, ETA, counts by status); plain
    lines otherwise, so logs of overnight runs stay readable."""

    def __init__(self, total: int, done: int, *, enabled: bool):
        from rich.console import Console

        self.console = Console(stderr=True)
        self.enabled = enabled
        self.total, self.done = total, done
        self.bar: Any = None
        if enabled and self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("[bold]solving"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                TextColumn("{task.fields[counts]}"), console=self.console,
            )  # fmt: skip
            self.task = self.bar.add_task("solve", total=total, completed=done, rate="", counts="")
            self.bar.start()
        self.began = time.perf_counter()

    def step(self, outcome: Outcome, counts: Counter[str]) -> None:
        self.done += 1
        if not self.enabled:
            return
        rate = self.done / max(1e-9, time.perf_counter() - self.began)
        text = " ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, rate=f"{rate:.1f}/s", counts=text)
        else:
            extra = f" ({outcome.error})" if outcome.error else ""
            print(
                f"[{self.done}/{self.total}] {outcome.source}: {outcome.status}{extra}",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
