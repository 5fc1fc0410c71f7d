"""solve(): scenario in, verified Result out."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from hybridplan.checking import check_plan
from hybridplan.model import build_model
from hybridplan.models.loading import input_from_dict, input_from_scenario, load_plan_input
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result, SessionOut, Summary
from hybridplan.models.rules import RuleSet
from hybridplan.models.scenario import Scenario

_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "invalid",
}

# A week is a few hundred booleans: CP-SAT's presolve, probing and symmetry detection cost
# more than they find. Measured with benchmarks/peers.py's scenarios (12 shipped and 100
# generated, one worker): median solve 10.7 ms with CP-SAT's defaults (after probing and
# symmetry were already off), 4.2 ms with presolve off too; worst case 139 -> 38 ms.
# One shipped case got slower (lunch-break-runner under strict: 25 -> 66 ms). The
# explanation oracle (solver/conflicts.py) keeps presolve, which it relies on.
DEFAULT_PARAMS: dict[str, Any] = {
    "cp_model_presolve": False,
    "cp_model_probing_level": 0,
    "symmetry_level": 0,
    # Ctrl-C belongs to Python (KeyboardInterrupt), so a batch can stop cleanly and keep
    # its finished results; CP-SAT would otherwise take SIGINT over while it searches.
    "catch_sigint_signal": False,
}


class _Progress(cp_model.CpSolverSolutionCallback):
    """Wall time of the first and of the last (best) solution, for benchmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.first: float | None = None
        self.best: float | None = None

    def on_solution_callback(self) -> None:
        self.best = self.wall_time
        if self.first is None:
            self.first = self.best


ScenarioLike = PlanInput | Scenario | dict[str, Any] | str | Path


def as_week(scenario: ScenarioLike, rules: str | Path | RuleSet | None = None) -> PlanInput:
    """Accept a PlanInput, a Scenario, a dict or a file path; raises InputError."""
    if isinstance(scenario, PlanInput):
        if rules is None:
            return scenario
        return input_from_scenario(scenario.scenario, rules)
    if isinstance(scenario, Scenario):
        return input_from_scenario(scenario, rules)
    if isinstance(scenario, dict):
        if isinstance(rules, RuleSet):
            return input_from_scenario(Scenario.model_validate(scenario), rules)
        return input_from_dict(scenario, rules)
    return load_plan_input(scenario, rules)


def solve(
    scenario: ScenarioLike,
    rules: str | Path | RuleSet | None = None,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    params: dict[str, Any] | None = None,
) -> Result:
    """Plan the week: the best schedule under the hard rules, with the soft penalties
    recomputed by the rules' own checks. Same input, seed and workers=1: same plan.
    `params` sets further CP-SAT parameters (over DEFAULT_PARAMS)."""
    week = as_week(scenario, rules)
    began = time.perf_counter()
    ctx = build_model(week)
    build_seconds = time.perf_counter() - began

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    for name, value in {**DEFAULT_PARAMS, **(params or {})}.items():
        setattr(solver.parameters, name, value)
    if week.scenario.previous:  # replanning: start the search from the previous plan
        before = {(p.day, p.slot, p.session, p.week) for p in week.scenario.previous}
        for p in ctx.candidates:
            key = (p.slot.day_name, p.slot.name, p.session.id, p.slot.week)
            ctx.model.add_hint(ctx.x[p], key in before)
    progress = _Progress()
    code = solver.solve(ctx.model, progress)
    status = _STATUS.get(code, "unknown")
    result = Result(
        scenario=week.scenario.name,
        rule_set=week.rules.name,
        status=status,
        solve_seconds=solver.wall_time,
        build_seconds=build_seconds,
        first_solution_seconds=progress.first,
        best_solution_seconds=progress.best,
        seed=seed,
        workers=workers,
        input={"scenario": week.scenario.model_dump(mode="json"), "rules": week.rules.to_data()},
        phases=list(week.phases) if week.weeks > 1 else [],
    )
    if status not in ("optimal", "feasible"):
        result.message = (
            "no week satisfies every hard rule"
            if status == "infeasible"
            else f"no schedule found within {time_limit:g} s"
        )
        return result

    plan = Plan.of(week, (p for p in ctx.candidates if solver.boolean_value(ctx.x[p])))
    report = check_plan(plan)
    # The objective of the schedule returned, evaluated on it: after a search cut short,
    # CP-SAT's own objective_value can describe the presolved model's slack (a deviation
    # not yet tight) rather than the postsolved schedule. A schedule that meets the bound
    # is optimal whatever the status said.
    objective = int(solver.value(ctx.objective()))
    bound = min(objective, math.ceil(solver.best_objective_bound - 1e-6))
    if objective == bound:
        result.status = "optimal"
    result.objective = objective
    result.bound = bound
    result.gap = (objective - bound) / max(1, abs(objective))
    result.sessions = [session_out(p) for p in plan.placed]
    result.penalties = report.penalties
    result.violations = report.violations
    result.summary = summarize(plan)
    result.objective_by_rule = {r: int(solver.value(ctx.rule_objective(r))) for r in ctx.penalties}
    if report.violations or report.total != objective:
        result.message = (
            "internal disagreement between the solver and the rule checks; "
            "please report this scenario"
        )
    return result


def session_out(p: Placed) -> SessionOut:
    s = p.session
    return SessionOut(
        week=p.slot.week,
        day=p.slot.day_name,
        slot=p.slot.name,
        start=p.slot.clock,
        minutes=s.minutes,
        session=s.id,
        kind=s.kind,
        intensity=s.intensity,
        run_type=s.run_type,
        legs=s.legs if s.is_strength else None,
        sets=dict(s.sets),
        load=s.load,
    )


def summarize(plan: Plan) -> Summary:
    sets: dict[str, int] = {}
    for p in plan.placed:
        for m, n in p.session.sets.items():
            sets[m] = sets.get(m, 0) + n
    return Summary(
        minutes=sum(p.session.minutes for p in plan.placed),
        run_minutes=sum(p.session.minutes for p in plan.placed if p.session.is_run),
        load=sum(p.session.load for p in plan.placed),
        runs=sum(1 for p in plan.placed if p.session.is_run),
        strength=sum(1 for p in plan.placed if p.session.is_strength),
        sets=sets,
    )
