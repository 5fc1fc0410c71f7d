"""`hybridplan form`: a solved plan's daily load with the fitness, fatigue and form it
builds (the fitness-fatigue model, hybridplan.log.form), and the form on race day."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hybridplan.cli.common import read_result


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
) -> None:
    """Fitness (42-day load), fatigue (7-day load) and form (fitness minus fatigue) of a
    solved plan, day by day from its sessions' session-RPE load, and the form it brings to
    race day.

    Example: hybridplan solve block.yaml --format json > block.json && hybridplan form
    block.json
    """
    from hybridplan.log.form import plan_form

    form = plan_form(read_result(result_file))
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
        sys.stdout.write(json.dumps({"race_day_form": race, "days": rows}, indent=2) + "\n")
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
    sys.stdout.write("\n".join(lines) + "\n")
