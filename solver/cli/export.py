"""`hybridplan export`: a solved week (a result file, re-checked first) as an iCalendar feed,
a PNG picture, an HTML page, Markdown, CSV, or FIT workouts for the watch."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from hybridplan.cli.common import fail, in_file, is_stdout, read_result, write_new
from hybridplan.models import limits
from hybridplan.models.errors import InputError

if TYPE_CHECKING:
    from hybridplan.models.result import Result


class ExportFormat(StrEnum):
    ics = "ics"
    md = "md"
    csv = "csv"
    html = "html"
    png = "png"
    fit = "fit"


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

    result = read_result(result_file)
    if not result.found:
        fail([f"{result_file}: has no planned week to export (status {result.status})"])
    options: dict[str, object] = {}
    if to is ExportFormat.ics:
        try:
            options["start"] = dt.date.fromisoformat(start) if start else None
        except ValueError:
            fail([f"--start: {start!r} is not a date YYYY-MM-DD"])
        options["busy_only"] = busy_only
    if week is not None:
        if to not in (ExportFormat.png, ExportFormat.html):
            fail([f"--week: only png and html show one week; {to.value} holds every week"])
        options["week"] = week
    if to is ExportFormat.fit:
        if is_stdout(out):
            fail(["--out: fit writes one file per session; give a directory, not -"])
        _export_fit(result_file, result, out, force)
    try:
        data = export(result, to.value, **options)
    except InputError as exc:
        fail(in_file(result_file, exc))
    if is_stdout(out):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_new(out, data, force)
    typer.echo(f"wrote {out} ({len(data)} bytes)")


def _export_fit(result_file: Path, result: Result, out: Path, force: bool) -> NoReturn:
    """One FIT workout file per session into the directory `out`."""
    from hybridplan.outputs.watch import workouts
    from hybridplan.prescribe import prescribed

    try:
        files = workouts(prescribed(result))
    except InputError as exc:
        fail(in_file(result_file, exc))
    if out.exists() and not out.is_dir():
        fail([f"--out: {out} is not a directory (fit writes one file per session)"])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail([f"--out: cannot create {out}: {exc.strerror}"])
    for name, data in files.items():
        write_new(out / name, data, force)
    typer.echo(f"wrote {len(files)} FIT workouts to {out}")
    raise typer.Exit(0)
