"""Why a week cannot be planned: a minimal set of conflicting requirements, each with the
smallest change that alone would make the week possible.

The hard rules are built with one assumption literal per requirement a person can act on
(BuildContext(explain=True)); CP-SAT's infeasible core is then shrunk by deletion until
dropping any one element makes the rest feasible. One worker, no objective: the fast and
deterministic setting for cores (CP-SAT Primer, "infeasibility")."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from hybridplan.core.context import BuildContext, Requirement
from hybridplan.core.counting import CountRule
from hybridplan.core.rules import rule_module
from hybridplan.models.explanation import Conflict
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput


@dataclass
class ConflictReport:
    conflicts: list[Conflict]
    minimal: bool
    message: str = ""


class _Oracle:
    """Feasibility of the hard rules under a chosen set of requirements."""

    def __init__(self, week: PlanInput, work: float, wall: float, seed: int):
        self.ctx = BuildContext(week, explain=True)
        for rule_id, cfg in week.rule_items():
            if cfg.level == "hard":
                rule_module(rule_id).build(self.ctx, cfg)
        self.requirements = list(self.ctx.requirements.values())
        self.work, self.wall = work, wall
        self.seed = seed
        self.undecided = False
        self.solver = cp_model.CpSolver()

    def _params(self, work: float) -> None:
        """Deterministic work per solve (the same core on any machine load), the wall
        clock only a safety net."""
        params = self.solver.parameters
        params.num_workers = 1
        params.random_seed = self.seed
        params.max_deterministic_time = work
        params.max_time_in_seconds = self.wall

    def _solve(self, active: list[Requirement]) -> cp_model.CpSolverStatus:
        """Solve with exactly these requirements on (BuildContext.with_requirements: a plain
        model for presolve, seconds instead of milliseconds with assumption literals)."""
        model = self.ctx.with_requirements(active)
        self._params(self.work)
        status = self.solver.solve(model)
        if status == cp_model.UNKNOWN:
            self.undecided = True
        return status

    def feasible(self, active: list[Requirement]) -> bool:
        return self._solve(active) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    def first_core(self) -> list[Requirement] | None:
        """CP-SAT's own (not minimal) core from assumptions, given a short time; all the
        requirements when it takes longer; None when they are all satisfiable."""
        model = self.ctx.model
        model.clear_assumptions()
        model.add_assumptions([r.literal for r in self.requirements])
        self._params(min(self.work, 0.5))
        status = self.solver.solve(model)
        model.clear_assumptions()
        if status == cp_model.INFEASIBLE:
            found = set(self.solver.sufficient_assumptions_for_infeasibility())
            core = [r for r in self.requirements if r.literal.index in found]
            return core or list(self.requirements)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) or self.feasible(self.requirements):
            return None
        return list(self.requirements)

    def minimal_core(self) -> list[Requirement]:
        """Deletion-based shrinking: drop each element in turn and keep it out whenever the
        rest stays infeasible. What remains is minimal: dropping any one element of it
        makes the others feasible (each was tried, against a subset of what remains)."""
        core = self.first_core()
        if core is None:
            return []
        for rule in dict.fromkeys(r.rule for r in core):  # whole rules first: fewer solves
            trial = [r for r in core if r.rule != rule]
            if len(trial) < len(core) - 1 and not self.feasible(trial):
                core = trial
        i = 0
        while i < len(core):
            trial = core[:i] + core[i + 1 :]
            if self.feasible(trial):
                i += 1
            else:
                core = trial
        return core

    def relaxation(self, requirement: Requirement) -> str | None:
        """The smallest change of this requirement alone (all others kept) that makes the
        week possible, worded by the requirement itself."""
        others = [r for r in self.requirements if r is not requirement]
        model = self.ctx.model
        optimum: int | None = None
        if requirement.relax_expr is not None:
            model.minimize(requirement.relax_expr())
        try:
            if not self.feasible(others):
                return None
            if requirement.relax_expr is not None:
                optimum = round(self.solver.objective_value)
        finally:
            model.clear_objective()  # type: ignore[no-untyped-call]
        plan = Plan.of(
            self.ctx.input,
            (p for p in self.ctx.candidates if self.solver.boolean_value(self.ctx.x[p])),
        )
        if requirement.advice is None:
            return f"drop {requirement.key}"
        return requirement.advice(optimum, plan)


def diagnose(week: PlanInput) -> list[str]:
    """Problems in the data itself, before any solving: a count target whose sessions fit
    no slot ("no slot can hold the long run: the longest free slot is 90 min")."""
    free = [s.capacity for s in week.slots if s.capacity > 0]
    longest = max(free, default=0)
    found = []
    for rule_id, _ in week.rule_items():
        rule = getattr(rule_module(rule_id), "RULE", None)
        if not isinstance(rule, CountRule):
            continue
        wanted = rule.wanted(week.scenario.targets)
        if wanted is None or wanted.min == 0:
            continue
        offered = [s for s in week.sessions.values() if rule.counted(s)]
        if not offered:
            found.append(
                f"no {rule.noun} is on offer ({rule.field} wants {wanted.min}): "
                "check include, exclude and equipment"
            )
        elif min(s.minutes for s in offered) > longest:
            shortest = min(offered, key=lambda s: s.minutes)
            found.append(
                f"no slot can hold a {rule.noun}: the longest free slot is {longest} min, "
                f"the shortest {rule.noun} ({shortest.id}) takes {shortest.minutes} min"
            )
    return found


def find_conflicts(
    week: PlanInput,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    work_limit: float | None = None,
) -> ConflictReport:
    """`work_limit` (deterministic seconds, limits.DEFAULT_WORK_LIMIT by default) bounds
    each feasibility solve; `time_limit` is the wall-clock safety net (limits.solve_limits)."""
    from hybridplan.models.limits import solve_limits

    wall, work = solve_limits(time_limit, work_limit)
    oracle = _Oracle(week, work, wall, seed)
    core = oracle.minimal_core()
    if not core:
        message = (
            "no conflict among the requirements: the hard rules can all be met"
            if not oracle.undecided
            else "undecided within the work limit"
        )
        return ConflictReport([], minimal=False, message=message)
    conflicts = [
        Conflict(rule=r.rule, key=r.key, message=r.message, relaxation=oracle.relaxation(r))
        for r in core
    ]
    message = "undecided within the work limit" if oracle.undecided else ""
    return ConflictReport(conflicts, minimal=not oracle.undecided, message=message)
