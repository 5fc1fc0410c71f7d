"""Results that prove themselves: a result file read back in (export, diff, replan,
validate, a batch's --resume, the Python API given a dict) is checked against the scenario
and rule set it carries, by the independent rule checks, before anything shows it.

Why: a result is a JSON file a person can edit. Read as it was, an objective of -999999
became the penalty shown in HTML and Markdown, a session moved to a day without
availability went into the calendar, and an infeasible result edited to "optimal" with
invented sessions was exported. Everything a result says that follows from its sessions
and stored input is recomputed here; any difference is bad input (exit 2 / 422), named by
field. What cannot be recomputed without solving again (whether `optimal` is proven, the
bound, timings, uids) is only checked for consistency."""

from __future__ import annotations

from typing import Any

from hybridplan.models.errors import InputError, Problem, echo
from hybridplan.models.loading import capped, input_from_result
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result

# Fields of a placed session that follow from its slot and session type.
DERIVED = ("date", "start", "minutes", "kind", "intensity", "run_type", "legs", "sets", "load")
AGAIN = "solve the scenario again rather than editing its result"


def verify_result(result: Result) -> PlanInput:
    """The result's stored input, when everything the result says holds for it; raises
    InputError with one problem per field that does not (at most `capped`'s number)."""
    week = input_from_result(result)  # the stored input, and sessions in known slots and ids
    problems = _header(result, week)
    if not result.found:
        problems += _unplanned(result)
        if problems:
            raise InputError(capped(problems))
        return week
    problems += _sessions(result, week)
    if problems:  # the plan cannot be rebuilt from sessions that do not fit
        raise InputError(capped(problems))
    problems += _figures(result, week)
    if problems:
        raise InputError(capped(problems))
    return week


def _header(result: Result, week: PlanInput) -> list[Problem]:
    out = []
    if result.scenario != week.scenario.name:
        out.append(
            Problem(
                "scenario",
                f"{echo(result.scenario)} is not the stored scenario's name "
                f"{echo(week.scenario.name)}",
            )
        )
    if result.rule_set != week.rules.name:
        out.append(
            Problem(
                "rule_set",
                f"{echo(result.rule_set)} is not the stored rule set's name "
                f"{echo(week.rules.name)}",
            )
        )
    phases = list(week.phases) if week.weeks > 1 else []
    if result.phases != phases:
        out.append(Problem("phases", f"must be the stored scenario's phases {phases}"))
    return out


def _unplanned(result: Result) -> list[Problem]:
    """A result without a plan (infeasible, unknown, invalid) carries no plan's figures."""
    out = []
    said = f"a result with status {result.status} has none"
    if result.sessions:
        out.append(Problem("sessions", f"{said} (it found no plan); {AGAIN}"))
    if result.objective is not None:
        out.append(Problem("objective", f"must be null: {said}"))
    if result.penalties:
        out.append(Problem("penalties", f"must be empty: {said}"))
    if result.coach_preference is not None:
        out.append(Problem("coach_preference", f"must be null: {said}"))
    return out


def _sessions(result: Result, week: PlanInput) -> list[Problem]:
    """Each session is its session type in its slot, as the solver writes it."""
    from hybridplan.core.solving import session_out
    from hybridplan.models.placement import Placed

    out = []
    seen: dict[tuple[int, str, str], int] = {}
    for i, s in enumerate(result.sessions):
        key = (s.week, s.day, s.slot)
        if key in seen:
            out.append(
                Problem(
                    f"sessions.{i}",
                    f"{s.day} {s.slot} of week {s.week} holds sessions.{seen[key]} already: "
                    "a slot holds one session",
                )
            )
            continue
        seen[key] = i
        try:
            slot = week.slot_at(s.day, s.slot, s.week)
        except KeyError:
            out.append(
                Problem(f"sessions.{i}.slot", f"week {s.week} has no slot {s.slot} on {s.day}")
            )
            continue
        expected = session_out(Placed(slot, week.sessions[s.session]), week.scenario.start)
        for name in DERIVED:
            got, want = getattr(s, name), getattr(expected, name)
            if _value(got) != _value(want):
                out.append(
                    Problem(
                        f"sessions.{i}.{name}",
                        f"{_shown(got)} does not match {s.session} in {s.day} {s.slot} of "
                        f"the stored input ({_shown(want)})",
                    )
                )
    for i, s in enumerate(result.cancelled):
        if s.session not in week.sessions:
            out.append(Problem(f"cancelled.{i}.session", f"unknown session id {echo(s.session)}"))
    return out


def _figures(result: Result, week: PlanInput) -> list[Problem]:
    """The hard rules hold, and the penalty, summary, coach preference, metrics and
    prescriptions are those the checks give for the plan."""
    from hybridplan.core import preference
    from hybridplan.core.checking import check_plan
    from hybridplan.core.objections import coach_objections
    from hybridplan.core.solving import summarize

    plan = Plan.from_placements(week, ((s.day, s.slot, s.session, s.week) for s in result.sessions))
    report = check_plan(plan)
    out = [
        Problem("sessions", f"the plan breaks hard rule {v.rule}: {v.detail}")
        for v in report.violations
    ]
    if result.violations:
        out.append(Problem("violations", "must be empty: a plan the solver returns breaks none"))
    if result.objective != report.total:
        out.append(
            Problem(
                "objective",
                f"{result.objective} is not the plan's penalty: its rules' checks give "
                f"{report.total}; {AGAIN}",
            )
        )
    if _amounts(result.penalties) != _amounts(report.penalties):
        out.append(
            Problem("penalties", f"are not the plan's: its rules' checks give {report.by_rule()}")
        )
    if result.bound is not None and result.objective is not None:
        if result.bound > result.objective:
            out.append(Problem("bound", f"{result.bound} is above the penalty {result.objective}"))
        if result.status == "optimal" and result.bound != result.objective:
            out.append(Problem("status", "optimal, but the bound is not the penalty"))
    if result.summary != summarize(plan):
        out.append(Problem("summary", "is not the plan's: minutes, load or counts differ"))
    terms = preference.check(plan)
    if result.coach_preference is not None and result.coach_preference != sum(
        t.amount for t in terms
    ):
        out.append(
            Problem(
                "coach_preference",
                f"{result.coach_preference} is not the plan's ({sum(t.amount for t in terms)})",
            )
        )
    if result.coach_preference_terms and _amounts(result.coach_preference_terms) != _amounts(terms):
        out.append(Problem("coach_preference_terms", "are not the plan's"))
    if result.metrics is not None and result.metrics != coach_objections(plan):
        out.append(Problem("metrics", "are not the plan's: recounted from its sessions"))
    out += _prescriptions(result, week)
    return out


def _prescriptions(result: Result, week: PlanInput) -> list[Problem]:
    """A prescription is the one the stored input gives (an edited weight or pace would
    reach the athlete's watch); none is allowed (results from before prescriptions)."""
    if all(s.prescription is None for s in result.sessions):
        return []
    from hybridplan.prescribe import prescribe

    out = []
    for i, (s, p) in enumerate(zip(result.sessions, prescribe(week, result.sessions), strict=True)):
        if s.prescription is not None and s.prescription != p:
            out.append(
                Problem(
                    f"sessions.{i}.prescription",
                    f"is not the one the stored input gives {s.session} "
                    f"({p.summary if p else 'none'})",
                )
            )
    return out


def _amounts(items: Any) -> list[tuple[str, int, str, list[str]]]:
    """Penalties as the checks write them, in any order (their text is the checks' too:
    nothing a file adds there reaches an export)."""
    return sorted((p.rule, p.amount, p.detail, p.days) for p in items)


def _value(v: Any) -> Any:
    return {k: n for k, n in v.items() if n} if isinstance(v, dict) else v


def _shown(v: Any) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{k} {n}" for k, n in v.items() if n) or "no sets"
    return "none" if v is None else echo(str(v))
