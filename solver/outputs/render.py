"""Turning Results into what people read: a week grid for the terminal, Markdown, CSV and
JSON. Pure formatting: nothing here solves or checks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from hybridplan.models.catalogue import default_catalogue
from hybridplan.models.explanation import Diff, Explanation
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.session import SessionType
from hybridplan.models.week import DAYS, Day, plural, session_date, short_date
from hybridplan.outputs.escaping import csv_frame, md

if TYPE_CHECKING:
    from rich.console import RenderableType

_STYLE = {"hard": "bold red", "moderate": "yellow", "easy": "green"}


def esc(text: str) -> str:
    """A string for a rich table cell: shown as written (a `[/x]` in a name is no tag)."""
    from rich.markup import escape

    return escape(text)


_RUN_TITLES = {
    "easy": "Easy run", "recovery": "Recovery run", "long": "Long run", "tempo": "Tempo run",
    "intervals": "Interval run", "hills": "Hill repeats", "strides": "Easy run with strides",
}  # fmt: skip
_RACES = {"5k": "5 km", "10k": "10 km", "half": "half marathon", "marathon": "marathon",
          "ultra": "ultra"}  # fmt: skip
_BODY = {
    "lower_heavy": "Lower body", "lower_light": "Lower body", "posterior_chain":
    "Posterior chain", "upper": "Upper body", "full_body": "Full body", "core": "Core",
    "plyometrics": "Plyometrics",
}  # fmt: skip


@cache
def _catalogue() -> dict[str, SessionType]:
    return default_catalogue()


def session_title(s: SessionOut, session: SessionType | None = None) -> str:
    """What a person calls the session, with its real minutes: "Tempo run 40 min", "Lower
    body, heavy, 60 min", "Mobility 20 min" (a calendar event's title; never the internal
    id). `session` is its type (the plan's `PlanInput.sessions[s.session]`: the body part
    of a strength session is there, not in the result); left out, the built-in catalogue's
    entry of that id, else the result's own fields (a light or heavy leg day)."""
    kind = session or _catalogue().get(s.session)
    if s.kind == "run":
        if s.run_type == "race":
            distance = s.session.removeprefix("race_")
            return f"Race: {_RACES.get(distance, distance)}, {s.minutes} min"
        return f"{_RUN_TITLES.get(s.run_type or '', 'Run')} {s.minutes} min"
    if s.kind == "mobility":
        return f"Mobility {s.minutes} min"
    part = _BODY.get(kind.strength_type or "", "Strength") if kind is not None else "Strength"
    how = []
    if kind is not None and kind.hypertrophy:
        how.append("volume")
    elif part in ("Lower body", "Full body", "Strength") and s.legs in ("heavy", "light"):
        how.append(s.legs if part != "Strength" else f"{s.legs} legs")
    return ", ".join([part, *how, f"{s.minutes} min"]) if how else f"{part} {s.minutes} min"


def _slots(result: Result, slot_order: Sequence[str] | None) -> list[str]:
    """The table's slot columns in the order of the day: by the earliest start of a session
    in each (a coach's review found 'pm' before 'am' where a block's first session was an
    evening one); slots without a session keep their given order, after the others."""
    from hybridplan.models.week import clock_minutes

    names = list(slot_order or [])
    earliest: dict[str, int] = {}
    for s in result.sessions:
        if s.slot not in names:
            names.append(s.slot)
        start = clock_minutes(s.start)
        earliest[s.slot] = min(earliest.get(s.slot, start), start)
    last = 24 * 60
    return sorted(names, key=lambda n: (earliest.get(n, last), names.index(n)))


def _headline(result: Result) -> str:
    head = f"{result.scenario} · rules {result.rule_set} · {result.status}"
    if result.objective is not None:
        head += f" · penalty {result.objective}"
        if result.bound is not None and result.status != "optimal":
            head += f" (bound {result.bound})"
    head += f" · {result.solve_seconds * 1000:.0f} ms"
    return head


def table(
    result: Result,
    slot_order: Sequence[str] | None = None,
    show_week: int | None = None,
    detail: bool = False,
) -> RenderableType:
    """A days x slots grid per week (or only `show_week`) with the penalty summary under
    it; plans of several weeks start with a per-week summary. `detail` adds each week's
    sessions with their prescriptions (steps, exercises) under its grid."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [Text(_headline(result), style="bold")]
    if result.message:
        parts.append(Text(result.message, style="red" if not result.found else "yellow"))
    if result.found:
        slots = _slots(result, slot_order)
        weeks = weeks_of(result)
        if weeks > 1:
            parts.append(week_summary(result))
        for week in range(1, weeks + 1) if show_week is None else [show_week]:
            grid = Table(
                show_lines=True, title=f"week {week}" if weeks > 1 else None, title_justify="left"
            )
            grid.add_column("day")
            for slot in slots:
                grid.add_column(esc(slot))
            for day in DAYS:
                cells = []
                for slot in slots:
                    here = placed_at(result, week, day, slot)
                    cell = Text()
                    for s in here:
                        cell.append(f"{s.session}\n", style=_STYLE[s.intensity])
                        cell.append(f"{s.start} · {s.minutes} min", style="dim")
                    cells.append(cell)
                grid.add_row(day_heading(result, week, day), *cells)
            parts.append(grid)
            if weeks > 1:
                parts.append(Text(week_line(result, week), style="dim"))
            if detail:
                parts.append(detail_table(result, week))
        parts.append(Text(totals(result), style="dim"))
        if result.penalties:
            pen = Table("rule", "points", "why", title="penalties", title_justify="left")
            for p in result.penalties:
                pen.add_row(esc(p.rule), str(p.amount), esc(p.detail))
            parts.append(pen)
            parts.append(Text(why(result), style="dim"))
        else:
            parts.append(Text("no penalties: every soft rule is met", style="green"))
        parts.append(Text(objections_line(result), style="dim"))
        parts.append(Text(preference_line(result), style="dim"))
    return Group(*parts)


def prescription_lines(session: SessionOut, unit: str) -> list[str]:
    """A session's prescription as lines: the summary, then each step and exercise."""
    p = session.prescription
    if p is None:
        return []
    lines = [p.summary]
    if session.kind == "run":
        lines += [f"  {line}" for line in p.step_lines(unit)]
    lines += [f"  {e.text()}" for e in p.exercises]
    return lines


def detail_table(result: Result, week: int) -> RenderableType:
    """One week's sessions, day by day, with what to do in each."""
    from rich.table import Table
    from rich.text import Text

    unit = result.pace_unit
    grid = Table(
        "day", "slot", "session", "what to do", title=f"week {week}: sessions in detail",
        title_justify="left", show_lines=True,
    )  # fmt: skip
    here = in_order(result, week)
    for s in here:
        lines = prescription_lines(s, unit) or [f"{s.minutes} min"]
        what = Text(lines[0], style="bold")
        for line in lines[1:]:
            what.append("\n" + line, style="dim" if line.startswith("  ") else "")
        grid.add_row(s.day, esc(s.slot), Text(s.session, style=_STYLE[s.intensity]), what)
    return grid


def totals(result: Result) -> str:
    sm = result.summary
    race = f" (and the race, {sm.race_minutes} min)" if sm.race_minutes else ""
    return (
        f"{plural(sm.runs, 'run')} ({sm.run_minutes} min){race} · {sm.strength} strength · "
        f"{sm.minutes} min in all · load {sm.load}"
    )


def objections_line(result: Result) -> str:
    """What a coach would object to, from the plan metrics: "coach objections: none"."""
    if result.metrics is None:
        return ""
    found = {k: v for k, v in result.metrics.coach_objections.items() if v}
    if not found:
        return "coach objections: none"
    return "coach objections: " + ", ".join(f"{k} {v}" for k, v in found.items())


def preference_line(result: Result) -> str:
    """How ties of penalty were broken: the coach preference term by term."""
    if result.coach_preference is None:
        return ""
    terms: dict[str, int] = {}
    for t in result.coach_preference_terms:
        terms[t.rule] = terms.get(t.rule, 0) + t.amount
    proven = "best" if result.coach_preference_optimal else "best found"
    listed = ", ".join(f"{k} {v}" for k, v in sorted(terms.items(), key=lambda kv: -kv[1]))
    return f"ties broken by the coach preference ({proven}): {result.coach_preference} ({listed})"


def day_heading(result: Result, week: int, day: Day) -> str:
    """A grid's row heading: the day, and its date when the plan has a start ("mon 30 Nov")."""
    start = result.start
    return f"{day} {short_date(session_date(start, week, day))}" if start else day


def week_dates(result: Result, week: int) -> str:
    """A week's Monday ("30 Nov"), or "" without a start: a block's weeks table is one line
    per week at 80 columns, and the Sunday is always six days on."""
    start = result.start
    return short_date(session_date(start, week, "mon")) if start else ""


def placed_at(result: Result, week: int, day: str, slot: str) -> list[SessionOut]:
    """The sessions in one grid cell: a week's day and slot."""
    return [s for s in result.sessions if (s.week, s.day, s.slot) == (week, day, slot)]


def in_order(result: Result, week: int | None = None) -> list[SessionOut]:
    """The sessions (of one week, or all) in calendar order: week, day, start."""
    order = {d: i for i, d in enumerate(DAYS)}
    return sorted(
        (s for s in result.sessions if week is None or s.week == week),
        key=lambda s: (s.week, order[s.day], s.start),
    )


def weeks_of(result: Result) -> int:
    return max((s.week for s in result.sessions), default=1)


def week_rows(result: Result) -> list[dict[str, object]]:
    """Per week: runs, strength, running minutes (the race aside), long run, the race,
    minutes, sets, load, monotony."""
    from hybridplan.core.metrics import monotony

    rows = []
    for week in range(1, weeks_of(result) + 1):
        here = [s for s in result.sessions if s.week == week]
        loads = [sum(s.load for s in here if s.day == d) for d in DAYS]
        sets: dict[str, int] = {}
        for s in here:
            for m, n in s.sets.items():
                sets[m] = sets.get(m, 0) + n
        rows.append({
            "week": week,
            "dates": week_dates(result, week),
            "phase": result.phases[week - 1] if len(result.phases) >= week else "",
            "runs": sum(s.kind == "run" for s in here),
            "strength": sum(s.kind == "strength" for s in here),
            "run_minutes": sum(s.minutes for s in here if s.kind == "run" and s.run_type != "race"),
            "long_run": max((s.minutes for s in here if s.run_type == "long"), default=0),
            "race": next((f"{s.day} {s.minutes}'" for s in here if s.run_type == "race"), ""),
            "minutes": sum(s.minutes for s in here),
            "sets": ", ".join(f"{m} {n}" for m, n in sets.items()),
            "load": sum(loads),
            "monotony": monotony(loads),
        })  # fmt: skip
    return rows


# The weeks table on a terminal: short headings and one line per week, so that 80 columns
# (a pipe, CI) still read as a table; sets per muscle group are under each week's grid.
_SUMMARY_HEADINGS = {
    "week": "wk",
    "dates": "monday",
    "phase": "phase",
    "runs": "runs",
    "strength": "lifts",
    "run_minutes": "run min",
    "long_run": "long",
    "race": "race",
    "minutes": "min",
    "sets": "sets",
    "load": "load",
    "monotony": "mono",
}


def week_summary(result: Result) -> RenderableType:
    from rich.table import Table

    rows = week_rows(result)
    keys = [k for k in _SUMMARY_HEADINGS if k in rows[0]]
    for optional in ("race", "dates"):  # columns only where some week has them
        if not any(row.get(optional) for row in rows):
            keys.remove(optional)
    from rich import box

    grid = Table(
        title="weeks",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for k in keys:
        grid.add_column(_SUMMARY_HEADINGS[k], no_wrap=True, justify="left" if k in (
            "dates", "phase", "race") else "right")  # fmt: skip
    for row in rows:
        cells = {k: "" if v is None else str(v) for k, v in row.items()}
        cells["sets"] = str(_set_total(result, int(str(row["week"]))))
        cells["race"] = cells["race"].split(" ")[0]  # the day; its minutes are under "min"
        if isinstance(row.get("monotony"), float):
            cells["monotony"] = f"{row['monotony']:.2f}"
        grid.add_row(*[esc(cells[k]) for k in keys])
    return grid


def _week_sets(result: Result, week: int) -> dict[str, int]:
    sets: dict[str, int] = {}
    for s in result.sessions:
        if s.week == week:
            for m, n in s.sets.items():
                sets[m] = sets.get(m, 0) + n
    return sets


def _set_total(result: Result, week: int) -> int:
    return sum(_week_sets(result, week).values())


def week_line(result: Result, week: int) -> str:
    """One week's totals under its grid (a plan of several weeks): sets per muscle group."""
    sets = _week_sets(result, week)
    listed = ", ".join(f"{m} {n}" for m, n in sets.items()) or "none"
    return f"week {week} sets: {listed}"


def why(result: Result) -> str:
    """The short "why" line under a week: where the points come from and the costliest day."""
    from hybridplan.explanations.analysis import score

    analysis = score(result)
    by_rule = ", ".join(f"{r.rule} {r.amount} ({r.matches}x)" for r in analysis.rules)
    text = f"why: {by_rule}"
    if analysis.days:
        top = analysis.days[0]
        text += f"; costliest day {top.day} ({plural(top.amount, 'point')})"
    return text


def explanation(exp: Explanation, slot_order: Sequence[str] | None = None) -> RenderableType:
    """An explanation for the terminal: the conflict and its relaxations, or the week with
    its score analysis."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    if exp.result is not None:
        parts.append(table(exp.result, slot_order))
    else:
        parts.append(Text(f"{exp.scenario} · rules {exp.rule_set} · {exp.status}", style="bold"))
    if exp.conflicts:
        kind = "a minimal conflict" if exp.minimal else "a conflict (not proven minimal)"
        alone = sum(1 for c in exp.conflicts if c.relaxation)
        if alone == len(exp.conflicts):
            advice = "Relaxing any one of them as shown is enough:"
        elif alone:
            advice = (
                f"Relaxing one of the {alone} with a relaxation shown is enough; the others "
                "need more than one change:"
            )
        else:
            advice = "No single one relaxed is enough on its own; change several:"
        parts.append(
            Text(
                f"The week cannot be planned: {kind} of {len(exp.conflicts)} "
                f"requirements. {advice}",
                style="red",
            )
        )
        grid = Table("requirement", "what it asks", "smallest relaxation that alone works")
        for c in exp.conflicts:
            grid.add_row(esc(c.key), esc(c.message), esc(c.relaxation or "not enough on its own"))
        parts.append(grid)
    for line in exp.diagnosis:
        parts.append(Text(f"data: {line}", style="yellow"))
    for line in exp.adapted:
        parts.append(Text(f"adapted: {esc(line)}", style="cyan"))
    if exp.message:
        parts.append(Text(exp.message, style="yellow"))
    if exp.analysis is not None:
        if exp.analysis.days:
            days = Table(
                "day", "points", "penalties involving it", title="by day", title_justify="left"
            )
            for d in exp.analysis.days:
                days.add_row(esc(d.day), str(d.amount), esc("\n".join(d.penalties)))
            parts.append(days)
        if exp.analysis.preference_terms:
            pref = Table(
                "term",
                "points",
                "where",
                title=f"coach preference (ties of penalty broken by it): {exp.analysis.preference}",
                title_justify="left",
            )
            for r in exp.analysis.preference_terms:
                shown = r.justifications[:3] + (["..."] if len(r.justifications) > 3 else [])
                pref.add_row(r.rule, str(r.amount), "\n".join(shown))
            parts.append(pref)
        if exp.analysis.tight:
            tight = Table(
                "hard rule",
                "penalty without it",
                "gain",
                title="binding hard rules",
                title_justify="left",
            )
            for t in exp.analysis.tight:
                tight.add_row(esc(t.rule), str(t.objective_without), str(t.improvement))
            parts.append(tight)
        elif exp.analysis.objective and not exp.analysis.undecided:
            parts.append(
                Text(
                    "no hard rule binds alone: dropping any one would not lower the penalty",
                    style="dim",
                )
            )
        if exp.analysis.undecided:
            parts.append(
                Text(
                    "undecided within the work limit (no better plan found without them, none "
                    "proven impossible): " + ", ".join(esc(r) for r in exp.analysis.undecided),
                    style="dim",
                )
            )
    parts.append(Text(f"explained in {exp.seconds:.2f} s", style="dim"))
    return Group(*parts)


def diff_table(d: Diff) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(
            f"{d.before} -> {d.after}: penalty {d.objective_before} -> {d.objective_after}",
            style="bold",
        ),
        Text(f"{plural(d.unchanged, 'session')} unchanged", style="dim"),
    ]
    if d.moved or d.removed or d.added:
        t = Table("change", "session", "before", "after")
        for m in d.moved:
            t.add_row("moved", esc(m.session), esc(m.before), esc(m.after))
        for gone in d.removed:
            t.add_row("removed", esc(gone), "", "")
        for new in d.added:
            t.add_row("added", esc(new), "", "")
        parts.append(t)
    if d.penalties:
        pen = Table("rule", "before", "after", "change", title="penalties", title_justify="left")
        for delta in d.penalties:
            pen.add_row(esc(delta.rule), str(delta.before), str(delta.after), f"{delta.delta:+d}")
        parts.append(pen)
    return Group(*parts)


def markdown(result: Result, slot_order: Sequence[str] | None = None) -> str:
    """Markdown; every name and detail escaped (`escaping.md`): no raw HTML, and no `|` or
    line break can split a table row."""
    lines = [f"## {md(result.scenario)}", "", md(_headline(result)), ""]
    if result.message:
        lines += [f"> {md(result.message)}", ""]
    if result.found:
        slots = _slots(result, slot_order)
        weeks = weeks_of(result)
        for week in range(1, weeks + 1):  # a grid per week: a block's weeks side by side
            if weeks > 1:
                monday = week_dates(result, week)
                lines += [f"### Week {week}" + (f" (from {monday})" if monday else ""), ""]
            lines.append("| day | " + " | ".join(md(s) for s in slots) + " |")
            lines.append("|---|" + "---|" * len(slots))
            for day in DAYS:
                cells = []
                for slot in slots:
                    here = placed_at(result, week, day, slot)
                    cells.append(
                        "<br>".join(md(f"{s.session} ({s.start}, {s.minutes} min)") for s in here)
                    )
                lines.append(f"| {day_heading(result, week, day)} | " + " | ".join(cells) + " |")
            lines.append("")
        lines += markdown_prescriptions(result)
        if result.penalties:
            lines += ["| rule | points | why |", "|---|---|---|"]
            lines += [f"| {md(p.rule)} | {p.amount} | {md(p.detail)} |" for p in result.penalties]
        else:
            lines.append("No penalties: every soft rule is met.")
    return "\n".join(lines) + "\n"


def markdown_prescriptions(result: Result) -> list[str]:
    """Each session's prescription as a list item with its steps and exercises nested."""
    if not any(s.prescription for s in result.sessions):
        return []
    unit = result.pace_unit
    several = weeks_of(result) > 1
    out = ["### Sessions", ""]
    for s in in_order(result):
        lines = prescription_lines(s, unit)
        if not lines:
            continue
        when = f"w{s.week} " if several else ""
        day = day_heading(result, s.week, s.day)
        out.append(f"- **{md(f'{when}{day} {s.slot} {s.session}')}**: {md(lines[0])}")
        out += [f"  - {md(line.strip())}" for line in lines[1:]]
    for line in legend_lines(result):
        out += ["", md(line)]
    return [*out, ""]


def legend_lines(result: Result) -> list[str]:
    """What a plan's prescriptions need said beside them: the zones, when a step names one,
    and the athlete inputs that would add paces, heart rates or kilograms."""
    from hybridplan.prescribe.zones import legend, missing_inputs, pace_legend

    steps = [st for s in result.sessions if s.prescription for st in s.prescription.steps]
    out = [legend()] if any(st.zone for st in steps) else []
    if any(s.kind == "run" and s.prescription for s in result.sessions):
        out.append(pace_legend())
    scenario = (result.input or {}).get("scenario") or {}
    athlete = scenario.get("athlete") if isinstance(scenario, dict) else None
    strength = any(s.kind == "strength" for s in result.sessions)
    wanted = missing_inputs(athlete if isinstance(athlete, dict) else None, strength)
    return [*out, wanted] if wanted else out


def csv(results: Sequence[Result]) -> str:
    import pandas as pd

    frames = [r.to_dataframe() for r in results]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    sets = sorted(c for c in frame.columns if c.startswith("sets_"))
    frame[sets] = frame[sets].fillna(0).astype(int)
    return str(csv_frame(frame).to_csv(index=False))


def as_json(results: Sequence[Result]) -> str:
    """One object for one result; a JSON array for several."""
    if len(results) == 1:
        return results[0].to_json()
    return json.dumps([r.to_dict() for r in results], indent=2)
