"""`hybridplan log import`: activity files (FIT, GPX, TCX, CSV) into a plan's log, each
planned session judged done, partial, missed or moved, and the rest of the block planned
again with the past as it happened (hybridplan.log)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hybridplan.cli.common import fail, in_file, is_stdout, plural, read_result, write_new
from hybridplan.cli.options import SeedOption, WallOption, WorkLimitOption
from hybridplan.models.errors import InputError, Problem

if TYPE_CHECKING:
    from hybridplan.log.adapting import Imported

log_app = typer.Typer(
    no_args_is_help=True,
    help="The closed loop: what the athlete did, read from activity files, and the plan "
    "adapted to it.",
)


@log_app.command("import")
def import_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="activity files (.fit, .gpx, .tcx, .csv) or folders of them",
            metavar="FILES|DIR...",
        ),
    ],
    plan: Annotated[
        Path,
        typer.Option(
            "--plan",
            help="the plan they were done against (a result JSON file)",
            metavar="RESULT.json",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="write the adapted plan with its log here (- for stdout)", metavar="FILE"
        ),
    ],
    through: Annotated[
        str | None,
        typer.Option(
            "--through",
            metavar="YYYY-MM-DD",
            help="the last day the import covers (default: the last activity's day); "
            "planned sessions up to it with no activity are missed",
        ),
    ] = None,
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
    """
    from hybridplan.log.adapting import import_activities
    from hybridplan.log.importing import read_activities

    previous = read_result(plan)
    day = _date(through)
    try:
        activities = read_activities(files)
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


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail([Problem("--through", f"{text!r} is not a date (YYYY-MM-DD)")])


def _report(imported: Imported, out: Path) -> None:
    """What the import found and did, on stderr when the plan goes to stdout."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=is_stdout(out), highlight=False)
    result = imported.result
    console.print(
        f"imported {plural(len(imported.added), 'activity')}"
        + (
            f" ({len(imported.repeated)} already in the log, counted once)"
            if imported.repeated
            else ""
        )
    )
    for e in imported.entries:
        where = f"w{e.week} {e.day}" + (f" {e.slot}" if e.slot else "")
        what = e.session or "-"
        console.print(f"{e.status:<8} {where:<12} {escape(what):<22} {escape(e.evidence)}")
    for line in result.changes:
        console.print(f"change: {escape(line)}")
    if result.log is not None:
        for line in result.log.changes[len(result.log.changes) - _new_changes(imported) :]:
            console.print(f"athlete: {escape(line)}")
    if result.found:
        weeks = ", ".join(f"w{w}" for w in imported.weeks) or "none"
        console.print(f"replanned from {weeks} on: {result.status}, objective {result.objective}")
    else:
        console.print(
            f"the rest of the block cannot be planned: {result.status}; "
            "nothing written unless --force (hybridplan explain tells why)"
        )


def _new_changes(imported: Imported) -> int:
    return len(imported.athlete_changes)
