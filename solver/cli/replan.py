"""`hybridplan replan`: the rest of a solved week planned again after real life happened
(sessions done, missed, moved; days no longer free), changing as little as possible."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hybridplan.cli.common import fail, in_file, is_stdout, read_result, slot_order, write_new
from hybridplan.cli.options import Format, SeedOption, WallOption, WorkLimitOption
from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.week import DAYS

if TYPE_CHECKING:
    from hybridplan.models.plan_input import PlanInput
    from hybridplan.models.result import Result
    from hybridplan.planner.replanning import Place


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

    from hybridplan.models.loading import input_from_result
    from hybridplan.planner.replanning import as_places, current_week, parse_move, replan

    previous = read_result(result_file)
    try:
        week = input_from_result(previous)
        if from_day is not None and from_day not in DAYS:
            raise InputError([Problem("--from", f"{from_day!r} is not a day ({', '.join(DAYS)})")])
        missed_places = as_places(_split(missed), week, "--missed")
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
            done=as_places(_split(done), week, "--done"),
            missed=missed_places,
            unavailable=as_places(_split(unavailable), week, "--unavailable"),
            from_day=from_day,
            week=week_no,
            moved=[parse_move(v, week.scenario.slots, "--moved") for v in _split(moved)],
            time_limit=time_limit,
            seed=seed,
            work_limit=work_limit,
        )
    except InputError as exc:
        fail(in_file(result_file, exc))
    _warn_nothing_planned(previous, missed_places, week_no)
    _write_and_show(result, week, fmt, out, force)
    if not result.found:
        _explain_failure(result, week, out, force, time_limit, seed, work_limit)
    raise typer.Exit(0 if result.found else 1)


def _split(values: list[str]) -> list[str]:
    """Repeated options and comma-separated lists alike: one place each."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _warn_nothing_planned(previous: Result, missed: list[Place], week_no: int) -> None:
    """A --missed place where nothing was planned is likely a typo: said on stderr."""
    for day, slot in missed:
        if not any(
            s.week == week_no and s.day == day and slot in (None, s.slot) for s in previous.sessions
        ):
            where = day if slot is None else f"{day}:{slot}"
            typer.echo(
                f"warning: --missed {where}: nothing was planned there in week {week_no}",
                err=True,
            )


def _write_and_show(
    result: Result, week: PlanInput, fmt: Format, out: Path | None, force: bool
) -> None:
    """The new result into --out (a plan, or anything with --force), and the new plan with
    its changes on screen; with `--out -` the result is the output and the changes go to
    stderr."""
    from rich.console import Console

    from hybridplan.outputs import render

    to_stdout = out is not None and is_stdout(out)
    if out is not None and not to_stdout and (result.found or force):
        write_new(out, result.to_json().encode(), force)
    if to_stdout:  # --out -: the new result is the output, the changes go to stderr
        typer.echo(result.to_json())
        for line in result.changes:
            typer.echo(f"change: {line}", err=True)
    elif fmt is Format.json:
        typer.echo(result.to_json())
    else:
        console = Console()
        console.print(render.table(result, slot_order(week)))
        for line in result.changes or (["no change to the plan"] if result.found else []):
            console.print(f"change: {line}", markup=False, highlight=False)


def _explain_failure(
    result: Result,
    week: PlanInput,
    out: Path | None,
    force: bool,
    time_limit: float | None,
    seed: int,
    work_limit: float | None,
) -> None:
    """Why nothing could be planned, on stderr, and that --out was left alone."""
    from rich.console import Console

    from hybridplan.explanations.explainer import explain
    from hybridplan.models.loading import input_from_result
    from hybridplan.outputs import render

    why = explain(
        input_from_result(result), time_limit=time_limit, seed=seed, work_limit=work_limit
    )
    Console(stderr=True).print(render.explanation(why, slot_order(week)))
    if out is not None and not force and not is_stdout(out):
        typer.echo(f"nothing written to {out}: no plan (pass --force to write it)", err=True)
