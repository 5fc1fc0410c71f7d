"""Turning Results into what people read: a week grid for the terminal, Markdown, CSV and
JSON. Pure formatting: nothing here solves or checks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from models.result import Result
from models.week import DAYS

if TYPE_CHECKING:
    from rich.console import RenderableType

_STYLE = {"hard": "bold red", "moderate": "yellow", "easy": "green"}


def _slots(result: Result, slot_order: Sequence[str] | None) -> list[str]:
    names = list(slot_order or [])
    for s in result.sessions:
        if s.slot not in names:
            names.append(s.slot)
    return names


def _headline(result: Result) -> str:
    head = f"{result.scenario} · rules {result.rule_set} · {result.status}"
    if result.objective is not None:
        head += f" · penalty {result.objective}"
        if result.bound is not None and result.status != "optimal":
            head += f" (bound {result.bound})"
    head += f" · {result.solve_seconds * 1000:.0f} ms"
    return head


def table(result: Result, slot_order: Sequence[str] | None = None) -> RenderableType:
    """A days x slots grid with the penalty summary under it."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [Text(_headline(result), style="bold")]
    if result.message:
        parts.append(Text(result.message, style="red" if not result.found else "yellow"))
    if result.found:
        slots = _slots(result, slot_order)
        grid = Table(show_lines=True)
        grid.add_column("day")
        for slot in slots:
            grid.add_column(slot)
        for day in DAYS:
            cells = []
            for slot in slots:
                here = [s for s in result.sessions if s.day == day and s.slot == slot]
                cell = Text()
                for s in here:
                    cell.append(f"{s.session}\n", style=_STYLE[s.intensity])
                    cell.append(f"{s.start} · {s.minutes} min", style="dim")
                cells.append(cell)
            grid.add_row(day, *cells)
        parts.append(grid)
        sm = result.summary
        parts.append(
            Text(
                f"{sm.runs} runs ({sm.run_minutes} min) · {sm.strength} strength · "
                f"{sm.minutes} min in all · load {sm.load}",
                style="dim",
            )
        )
        if result.penalties:
            pen = Table("rule", "points", "why", title="penalties", title_justify="left")
            for p in result.penalties:
                pen.add_row(p.rule, str(p.amount), p.detail)
            parts.append(pen)
        else:
            parts.append(Text("no penalties: every soft rule is met", style="green"))
    return Group(*parts)


def markdown(result: Result, slot_order: Sequence[str] | None = None) -> str:
    lines = [f"## {result.scenario}", "", f"{_headline(result)}", ""]
    if result.message:
        lines += [f"> {result.message}", ""]
    if result.found:
        slots = _slots(result, slot_order)
        lines.append("| day | " + " | ".join(slots) + " |")
        lines.append("|---|" + "---|" * len(slots))
        for day in DAYS:
            cells = []
            for slot in slots:
                here = [s for s in result.sessions if s.day == day and s.slot == slot]
                cells.append("<br>".join(f"{s.session} ({s.start}, {s.minutes} min)" for s in here))
            lines.append(f"| {day} | " + " | ".join(cells) + " |")
        lines.append("")
        if result.penalties:
            lines += ["| rule | points | why |", "|---|---|---|"]
            lines += [f"| {p.rule} | {p.amount} | {p.detail} |" for p in result.penalties]
        else:
            lines.append("No penalties: every soft rule is met.")
    return "\n".join(lines) + "\n"


def csv(results: Sequence[Result]) -> str:
    import pandas as pd

    frames = [r.to_dataframe() for r in results]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    sets = sorted(c for c in frame.columns if c.startswith("sets_"))
    frame[sets] = frame[sets].fillna(0).astype(int)
    return str(frame.to_csv(index=False))


def as_json(results: Sequence[Result]) -> str:
    """One object for one result; a JSON array for several."""
    if len(results) == 1:
        return results[0].to_json()
    return json.dumps([r.to_dict() for r in results], indent=2)
