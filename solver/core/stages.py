"""The search of one model in stages, under one budget: CP-SAT's parameters, the deterministic
and wall limits shared by every stage of a solve (Budget), and the stages themselves
(Stages: minimise, keep the plan, improve a few weeks at a time). solving.py plans weeks and
blocks with them; first_plan.py builds a block's first plan with them."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ortools.sat.python import cp_model, cp_model_helper

from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed

STATUS = {
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

# A single week's search also without the SAT solver's inprocessing (clause
# vivification, probing at restarts): on a week of a few hundred booleans it costs more than
# it finds. Measured on 300 generated weeks (benchmarks/build_speed.py, one worker, CPU
# time): search median 25 -> 13 ms, p95 ~80 -> ~60 ms, optima unchanged (ties may fall
# elsewhere). Blocks keep it: their searches are long. A caller's `params` come over it.
#
# Nor CP-SAT's Chvatal-Gomory and MIR cuts: on a week's LP they cost
# more than the bound they add. Measured on 200 generated weeks (`hybridplan generate
# --count 200 --seed 1`, solve() CPU, two halves of 100 in parallel, load about 2): median
# 36.3 -> 26.9 and 30.0 -> 23.7 ms, mean 59.9 -> 34.4 and 49.1 -> 27.6, p95 205 -> 81 and
# 135 -> 61, max 346 -> 191 and 518 -> 174, with the same status, penalty and coach
# preference on all 200. Either alone gave about half of it. Blocks keep them (their
# whole-model proof, _prove, leans on the LP).
#
# STEP_PARAMS: a block's first plan's week steps (first_plan.py) search so too.
STEP_PARAMS: dict[str, Any] = {
    "use_sat_inprocessing": False,
    "add_cg_cuts": False,
    "add_mir_cuts": False,
}

# A one-week plan also without zero-half cuts: the same 200 weeks, solve() median 34.5 ->
# 30.5 and 36.6 -> 32.7 ms, p95 100 -> 75 and 111 -> 114, the same status, penalty and
# preference on all 200; the shipped weeks' slowest two 135 -> 71 ms (half-marathon-peak)
# and 136 -> 80 (lunch-break-runner), one slower (marathon-build 67 -> 78). Clique cuts off,
# objective lower-bound search and linearization level 2 were tried again and not kept (the
# lower bound search is 3x faster on marathon-build and 10x slower on the worst generated
# weeks). The first plan's steps keep them: without, the 16-week blocks took the same CPU
# (7.1-7.8 against 7.0-7.2 s balanced, 9.8-10.6 against 9.4-11.1 strict) and every shipped
# block's ties moved (the beginner's half lost its strides and hills but one).
WEEK_PARAMS: dict[str, Any] = {**STEP_PARAMS, "add_zero_half_cuts": False}


class Progress(cp_model.CpSolverSolutionCallback):
    """Wall time of the first and of the last (best) solution, for benchmarks: from
    `origin` (a perf_counter reading) when given, so a block's time counts the windows
    solved before the whole model; else the solve's own clock."""

    def __init__(self, origin: float | None = None) -> None:
        super().__init__()
        self.origin = origin
        self.first: float | None = None
        self.best: float | None = None

    def on_solution_callback(self) -> None:
        now = time.perf_counter()
        self.best = self.wall_time if self.origin is None else now - self.origin
        if self.first is None:
            self.first = self.best


@dataclass
class Budget:
    """What is left of the time limits across the stages of one solve: wall seconds (a
    safety net) and, when given, CP-SAT's deterministic time, so the same input gives the
    same status and plan on any machine load."""

    wall: float
    deterministic: float | None
    began: float = field(default_factory=time.perf_counter)
    used_deterministic: float = 0.0
    parent: Budget | None = None

    def part(self, share: float) -> Budget:
        """A budget of `share` of what is left here, whose spending counts here too."""
        wall = self.wall - (time.perf_counter() - self.began)
        left = self.remaining()
        return Budget(share * wall, None if left is None else share * left, parent=self)

    def capped(self, work: float) -> Budget:
        """A budget of at most `work` deterministic seconds of what is left here (and the
        wall time left), whose spending counts here too."""
        wall = self.wall - (time.perf_counter() - self.began)
        left = self.remaining()
        return Budget(wall, work if left is None else min(work, left), parent=self)

    def wall_left(self) -> float:
        """Wall seconds left of the safety net."""
        return self.wall - (time.perf_counter() - self.began)

    def exhausted(self) -> bool:
        left = self.remaining()
        return time.perf_counter() - self.began >= self.wall or (left is not None and left <= 0)

    def apply(self, solver: cp_model.CpSolver, cap: float | None = None) -> bool:
        """Set the remaining limits on `solver`, at most `cap` deterministic seconds for
        this stage; False when nothing is left."""
        wall = self.wall - (time.perf_counter() - self.began)
        solver.parameters.max_time_in_seconds = max(wall, 0.0)
        left = [v for v in (cap, self.remaining()) if v is not None]
        solver.parameters.max_deterministic_time = max(min(left), 0.0) if left else 1e9
        return wall > 0 and (not left or min(left) > 0)

    def remaining(self) -> float | None:
        if self.deterministic is None:
            return None
        return self.deterministic - self.used_deterministic

    def spend(self, solver: cp_model.CpSolver) -> None:
        """Count the solve's work here and in every budget this one is a part of, however
        deep (a part of a part must count against the whole limit too)."""
        budget: Budget | None = self
        while budget is not None:
            budget.used_deterministic += solver.deterministic_time
            budget = budget.parent


class Stages:
    """The lexicographic solve of one model: (1) the best penalty; (2) if the plan breaks a
    priority rule (a coach's objection), the fewest such breaks the calendar allows, then
    the best penalty with no more of them; (3) with that penalty fixed, the best coach
    preference. Each stage starts from the last plan (a hint) and shares one budget."""

    def __init__(self, ctx: BuildContext, solver: cp_model.CpSolver, budget: Budget):
        self.ctx, self.solver, self.budget = ctx, solver, budget
        self.values: dict[Placed, bool] = {}
        # the last plan's figures, read from the solve that found it: a later stage that
        # finds nothing new leaves them as they were
        self.figures: dict[str, int] = {}
        self.bound = 0
        self.progress = Progress()
        self.proven = False  # the last improve() step covered every week and proved it

    def run(self, objective: cp_model.LinearExprT, cap: float | None = None) -> str:
        """Minimise `objective` from the last plan (within `cap` deterministic seconds);
        returns the status and keeps the plan."""
        model = self.ctx.model
        model.minimize(objective)
        model.clear_hints()  # type: ignore[no-untyped-call]
        x = self.ctx.x
        for p, value in self.values.items():
            if p in x:  # a plan from elsewhere may name candidates this model rules out
                model.add_hint(x[p], value)
        if not self.budget.apply(self.solver, cap):
            return "unknown"
        code = self.solver.solve(model, self.progress)
        self.budget.spend(self.solver)
        status = STATUS.get(code, "unknown")
        if status in ("optimal", "feasible"):
            self.values = {p: self.solver.boolean_value(v) for p, v in self.ctx.x.items()}
            ctx = self.ctx
            exprs = {
                "objective": ctx.objective(),
                "priority": ctx.priority_count(),
                "preference": ctx.preference_objective(),
                "guide": ctx.guide_objective(),
                **{f"rule:{r}": ctx.rule_objective(r) for r in ctx.penalties},
            }
            self.figures = {k: int(self.solver.value(e)) for k, e in exprs.items()}
            self.bound = math.ceil(self.solver.best_objective_bound - 1e-6)
        return status

    def improve(
        self, weeks: Sequence[int], solver: cp_model.CpSolver, cap: float,
        figure: Literal["objective", "preference"] = "objective",
    ) -> bool:  # fmt: skip
        """One step of large-neighbourhood search: re-plan `weeks` with every other session
        of the last plan fixed, no worse than it (within `cap` deterministic seconds), on
        the penalty or (its value held by the model) the preference. True when the plan got
        better. The whole model's bound is kept: the step's bound holds for its
        neighbourhood only, unless that is every week (a block no longer than LNS_WEEKS):
        then `proven` says the step proved its figure optimal."""
        full, mine, bound = self.ctx.model, self.solver, self.bound
        before = self.figures[figure]
        whole = set(weeks) >= set(self.ctx.weeks)
        expr = self.ctx.objective() if figure == "objective" else self.ctx.preference_objective()
        part = full.clone()
        for p, chosen in self.values.items():
            if p.slot.week not in weeks and p in self.ctx.x:
                part.add(part.get_bool_var_from_proto_index(self.ctx.x[p].index) == chosen)
        part.add(expr <= before)
        self.ctx.model, self.solver = part, solver
        try:
            self.proven = self.run(expr, cap) == "optimal" and whole
        finally:
            self.ctx.model, self.solver, self.bound = full, mine, bound
        return self.figures[figure] < before

    def value(self, name: str) -> int:
        """A figure of the last plan: objective, priority, preference or rule:<id>."""
        return self.figures[name]


def solver_for(seed: int, weeks: int) -> cp_model.CpSolver:
    """One deterministic worker with the parameters a plan of `weeks` weeks is solved with
    (explanations' searches use it too)."""
    return make_solver(seed, 1, WEEK_PARAMS if weeks == 1 else {})


def make_solver(seed: int, workers: int, params: dict[str, Any]) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    for name, value in {**DEFAULT_PARAMS, **params}.items():
        setattr(solver.parameters, name, value)
    return solver


def span(ctx: BuildContext, expr: cp_model.LinearExpr) -> tuple[int, int]:
    """The least and greatest value `expr` can take over its variables' domains. Most of
    its variables are booleans, whose domain is known without reading the model's proto
    (3 microseconds a variable: a week's order spans its terms three times, and that was
    about 2.5 ms of solve()'s ~36 ms CPU; now about 0.4)."""
    flat = cp_model_helper.FlatIntExpr(expr)
    low = high = flat.offset
    domains = ctx.model.proto.variables
    for var, coeff in zip(flat.vars, flat.coeffs, strict=True):
        if var.is_boolean:
            first, last = 0, 1
        else:
            domain = domains[var.index].domain  # intervals as [lo, hi, lo, hi, ...]
            first, last = domain[0], domain[len(domain) - 1]
        a, b = coeff * first, coeff * last
        low, high = low + min(a, b), high + max(a, b)
    return low, high


# The largest magnitude the one search's objective may reach: CP-SAT's linear relaxation
# works in doubles, exact for integers up to 2**53, so a preference point stays visible
# under the levels above it. Shipped limits (weights up to 10 000) stay far below it; a
# week beyond it is solved in stages.
ORDER_LIMIT = 2**53


def lexicographic_order(
    ctx: BuildContext, penalty: cp_model.LinearExpr | None = None
) -> cp_model.LinearExpr | None:
    """A week's order (fewest coach objections, then the best penalty, then the best coach
    preference) as one weighted objective: each level's weight exceeds everything the
    levels below can add up to, so its optimum is the stages' optimum. `penalty` stands
    for the penalty level when given (a block's first plan adds its guide terms there).
    None when its values could pass ORDER_LIMIT."""
    low, high = span(ctx, ctx.preference_objective())
    below = high - low + 1  # what the preference can add: less than one penalty point
    penalty = ctx.objective() if penalty is None else penalty
    olow, ohigh = span(ctx, penalty)
    order = penalty * below + ctx.preference_objective()
    largest = max(abs(olow), abs(ohigh)) * below + max(abs(low), abs(high))
    if ctx.priority_rules:
        weight = (ohigh - olow + 1) * below
        order += ctx.priority_count() * weight
        plow, phigh = span(ctx, ctx.priority_count())
        largest += max(abs(plow), abs(phigh)) * weight
    return order if largest <= ORDER_LIMIT else None
