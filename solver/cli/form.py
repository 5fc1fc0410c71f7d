"""`hybridplan form`: a solved plan's daily load with the fitness, fatigue and form it
builds (the fitness-fatigue model, hybridplan.log.form), and the form on race day."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hybridplan.cli.common import fail, read_result, write_new

if TYPE_CHECKING:
    from hybridplan.models.result import Result


class LoadMethod(StrEnum):
    srpe = "srpe"
    trimp = "trimp"
    rtss = "rtss"


class FormFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def form_cmd(
    result_file: Annotated[
        Path, typer.Argument(help="a result JSON file (solve --format json)", metavar="RESULT.json")
    ],
    fmt: Annotated[
        FormFormat,
        typer.Option(
            "--format",
            help="table: one line a week; csv and json: one row a day",
            metavar="table|csv|json",
        ),
    ] = FormFormat.table,
    load: Annotated[
        LoadMethod,
        typer.Option(
            "--load",
            help="the load of logged activities: srpe (RPE x minutes), trimp (heart rate) or "
            "rtss (pace); one method for the whole curve",
            metavar="srpe|trimp|rtss",
        ),
    ] = LoadMethod.srpe,
    png: Annotated[
        Path | None,
        typer.Option("--png", help="also draw the chart to this PNG file", metavar="FILE"),
    ] = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            help="another result (e.g. the plan before a replan), drawn dashed on the chart",
            metavar="OTHER.json",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="replace the --png file")] = False,
) -> None:
    """Fitness (42-day load), fatigue (7-day load) and form (fitness minus fatigue) of a
    solved plan, day by day from its sessions' session-RPE load, and the form it brings to
    race day.

    Example: hybridplan solve block.yaml --format json > block.json && hybridplan form
    block.json
    """
    from hybridplan.log.form import PlanForm, plan_form
    from hybridplan.models.errors import InputError

    if compare is not None and png is None:
        fail(["--compare: draws a second plan on the chart; give --png FILE too"])
    if png is not None and png.exists() and not force:  # before any work
        fail([f"--png: {png} exists; add --force to replace it"])
    result = read_result(result_file)
    before_result = read_result(compare) if compare is not None else None

    def form_of(r: Result, option: str) -> PlanForm:
        try:
            return plan_form(r, load.value)
        except InputError as exc:
            fail([f"{option}: {p.message}" for p in exc.problems])

    form = form_of(result, "--load")
    if png is not None:
        from hybridplan.outputs.form_chart import form_png

        other = form_of(before_result, "--compare") if before_result else None
        title = f"{result.scenario} · {result.rule_set} · load by {load.value}"
        write_new(png, form_png(form, title, other), force, "--png")
    rows = [
        {
            "day": d.day + 1,
            "date": d.date.isoformat() if d.date else "",
            "load": d.load,
            "fitness": round(d.fitness, 1),
            "fatigue": round(d.fatigue, 1),
            "form": round(d.form, 1),
        }
        for d in form.days
    ]
    race = None if form.race_form is None else round(form.race_form, 1)
    if fmt is FormFormat.json:
        data: dict[str, object] = {"race_day_form": race, "load": form.method, "days": rows}
        if form.through is not None:
            data["through"] = rows[form.through]["date"]
        if form.notes:
            data["notes"] = form.notes
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    if fmt is FormFormat.csv:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
        return
    lines = [f"{'wk':>3}  {'monday':<10} {'load':>5} {'fitness':>8} {'fatigue':>8} {'form':>7}"]
    for w in range(len(form.days) // 7):
        week = form.days[7 * w : 7 * w + 7]
        first, last = week[0], week[-1]
        monday = first.date.isoformat() if first.date else "-"
        lines.append(
            f"{w + 1:>3}  {monday:<10} {sum(d.load for d in week):>5} "
            f"{last.fitness:>8.1f} {last.fatigue:>8.1f} {last.form:>+7.1f}"
        )
    lines.append("(fitness, fatigue and form at the end of each week's Sunday)")

    if race is not None and form.race_day is not None:
        before, day = form.days[form.race_day - 1], form.days[form.race_day]
        when = day.date.isoformat() if day.date else "race day"
        lines.append(
            f"race-day form {race:+.1f} (fitness {before.fitness:.1f}, fatigue "
            f"{before.fatigue:.1f}, the morning of {when})"
        )
    if form.through is not None:
        today = form.days[form.through]
        lines.append(
            f"logged through day {form.through + 1}"
            f"{f' ({today.date.isoformat()})' if today.date else ''}, planned after it"
        )
    if form.method != "srpe":
        lines.append(f"loads by {form.method}")
    lines += [f"note: {n}" for n in form.notes]
    sys.stdout.write("\n".join(lines) + "\n")
