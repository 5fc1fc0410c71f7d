"""`hybridplan explain` (why a week cannot be planned, or why it looks as it does) and
`hybridplan diff` (what changed between two solved weeks)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hybridplan.cli.common import is_result, load_inputs, read_result, slot_order
from hybridplan.cli.options import RulesOption, SeedOption, WallOption, WorkLimitOption

if TYPE_CHECKING:
    from hybridplan.models.result import Result


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


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
    weeks = load_inputs(files, rules)

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
            console.print(render.explanation(e, slot_order(w)))
            console.print()
    raise typer.Exit(0 if all(e.result is not None for e in explanations) else 1)


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
        if is_result(path):
            return read_result(path)
        return solve(load_inputs([path], None)[0])

    results = [result_of(before), result_of(after)]
    d = diff(results[0], results[1])
    if fmt is ExplainFormat.json:
        typer.echo(d.to_json())
    else:
        from rich.console import Console

        Console().print(render.diff_table(d))
