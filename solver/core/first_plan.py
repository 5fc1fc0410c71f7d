"""A block's first plan, built week by week (anytime blocks: a solve cut short returns it).

The whole block's model is large, and its search's first plan used to cost seconds and be
poor. A coach plans a block the other way: week by week, in order, each week planned after
the days before it as they were planned. This does the same with the solver: each step is a
week's model (a deload week together with the week before it, which the deload rule
compares it with) whose lead days are fixed to the plan so far, solved with the week
search's parameters under a small deterministic cap. The rules that link weeks and cannot
be seen from inside a step (a week's running growth, the long run's peak, a heavy lift
somewhere in the block) steer the step through their `guide()` terms; the running growth,
which the weeks already planned decide, is a constraint there, and a step it leaves with no
plan is planned again together with the steps before it. A hard rule the plan still breaks
is caught by the rules' own checks; the block's search then starts from the windows' hint
instead (solving.py) and repairs it.

The steps' caps are deterministic, so the same block gives the same first plan on any
machine load; the work counts against the solve's budget but a smaller work limit does not
cut it short, so a block always has a plan to improve (or, cut short later, to return)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hybridplan.core import preference
from hybridplan.core.checking import check_plan
from hybridplan.core.context import BuildContext
from hybridplan.core.model import build_model
from hybridplan.core.rules import rule_module
from hybridplan.core.stages import STEP_PARAMS, Budget, Stages, lexicographic_order, make_solver
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation

# Days before a step whose sessions it is planned after: the widest rule about two
# sessions reaches 48 h (legs_fresh) from a session's end.
BOUNDARY_DAYS = 3

# Deterministic seconds one step may take at most. Most weeks prove their optimum well
# within it; the cap bounds the odd hard week (the 16-week block's first weeks under
# `strict` reach it). Measured on the shipped blocks: with 0.05 a deload step of
# crossfit-10k-8w under `strict` found no plan and the 16-week block's first plan cost 145
# against 60; with 0.2 every step of the shipped and generated blocks found one
# (benchmarks/first_plan.py: 0.2-4.0 CPU s a block, its penalty the solve's in 17 of
# 24 blocks, 7.25x at worst).
STEP_WORK = 0.2
# Deterministic seconds the whole first plan may take before its steps get less than
# STEP_WORK each (what is left, shared by the steps left, at least STEP_LEAST_WORK): a
# bound for blocks whose weeks are hard to solve, not a target. The shipped blocks' first
# plans take 0.1-1.1 deterministic s, the 26-week marathon block about 2; spread thinner
# (1.0), the 16-week block's first plan cost 155 against 60 (its steps' caps too small).
FIRST_PLAN_WORK = 3.0
STEP_LEAST_WORK = 0.02
# Steps before one that finds no plan that are planned again together with it, one more at
# a time, before the first plan gives up (and the block's search starts without it).
REPAIR_STEPS = 4


@dataclass
class FirstPlan:
    """A whole plan of the block made before its search: every candidate's value (the
    search's hint), and what the independent checks find it to be: the hard rules it
    breaks (rules that link weeks, beyond what its parts saw), its coach objections,
    penalty and coach preference (the solve's order), and the deterministic work it took."""

    values: dict[Placed, bool]
    penalty: int
    violations: list[Violation] = field(default_factory=list)
    work: float = 0.0
    breaks: int = 0
    preference: int = 0

    @classmethod
    def of(cls, week: PlanInput, chosen: set[Placed], work: float = 0.0) -> FirstPlan:
        """The plan of these sessions, judged by the rules' checks."""
        plan = Plan.of(week, chosen)
        report = check_plan(plan)
        priority = {rule_id for rule_id, cfg in week.rule_items() if cfg.priority}
        return cls(
            values={p: p in chosen for p in week.candidates(week.per_week(), 0)},
            penalty=report.total,
            violations=list(report.violations),
            work=work,
            breaks=sum(1 for p in report.penalties if p.rule in priority),
            preference=sum(t.amount for t in preference.check(plan)),
        )

    @property
    def valid(self) -> bool:
        """No hard rule broken: a plan the block may return as it is."""
        return not self.violations

    @property
    def order(self) -> tuple[int, int, int]:
        """Fewest coach objections, then the least penalty, then the least preference."""
        return self.breaks, self.penalty, self.preference


def steps(phases: Sequence[str]) -> list[list[int]]:
    """The block's weeks in planning order: one at a time, a deload week with the week
    before it (the deload rule compares the two, so one step must see both)."""
    out: list[list[int]] = []
    for w, phase in enumerate(phases, start=1):
        if phase == "deload" and out and out[-1] == [w - 1]:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def fix_lead(ctx: BuildContext, chosen: set[Placed]) -> None:
    """Fix the lead days of a model of some weeks as the plan so far (`chosen`) has them."""
    for p in sorted(ctx.lead, key=ctx.order):
        ctx.model.add(ctx.x[p] == int(p in chosen))


def add_guides(ctx: BuildContext, chosen: set[Placed]) -> None:
    """What the rules that link weeks ask of weeks planned after `chosen` (their `guide()`
    terms: an intervals session still missing, the last long run to shorten, ...)."""
    for rule_id, cfg in ctx.input.rule_items():
        guide = getattr(rule_module(rule_id), "guide", None)
        if guide is not None:
            guide(ctx, cfg, chosen)


def _step(
    week: PlanInput, weeks: list[int], chosen: set[Placed], budget: Budget, cap: float,
    seed: int, params: dict[str, Any],
) -> set[Placed] | None:  # fmt: skip
    """The sessions of `weeks` planned after `chosen`, or None when no plan was found."""
    ctx = build_model(week, weeks=weeks, lead_days=BOUNDARY_DAYS)
    ctx.strict_guides = True
    fix_lead(ctx, chosen)
    add_guides(ctx, chosen)
    stages = Stages(ctx, make_solver(seed, 1, {**STEP_PARAMS, **params}), budget)
    # the week's order as one objective (fewest objections, penalty and guides, then the
    # coach's preference), as a week is solved: a first plan a coach would keep
    penalty = ctx.objective() + ctx.guide_objective()
    order = lexicographic_order(ctx, penalty)
    status = stages.run(penalty if order is None else order, cap)
    if status not in ("optimal", "feasible"):
        return None
    return {p for p, v in stages.values.items() if v and p.slot.week in weeks}


def _union(placed: list[tuple[list[int], set[Placed]]]) -> set[Placed]:
    return {p for _, sessions in placed for p in sessions}


def first_plan(
    week: PlanInput, budget: Budget, seed: int = 0, params: dict[str, Any] | None = None
) -> FirstPlan | None:
    """The block planned week by week (see the module's docstring); None when a step finds
    no plan even re-planned with the steps before it, or the wall clock's safety net ran
    out. Its work is counted in `budget`; only `budget`'s wall time can stop it."""
    own = Budget(budget.wall_left(), None, parent=budget)
    order = steps(week.phases)
    placed: list[tuple[list[int], set[Placed]]] = []  # each step's weeks and sessions
    for i, weeks in enumerate(order):
        if own.exhausted():
            return None
        left = (FIRST_PLAN_WORK - own.used_deterministic) / (len(order) - i)
        cap = max(STEP_LEAST_WORK, min(STEP_WORK, left))
        found = _step(week, weeks, _union(placed), own, cap, seed, params or {})
        # repair: the steps before, planned again together with this one (one more at a
        # time, REPAIR_STEPS at most), may leave it a way through: a week's running may
        # grow 10% at most, so a light week 2 can leave week 3 no plan, and week 1 week 2
        kept = len(placed)
        while found is None and kept > max(0, len(placed) - REPAIR_STEPS):
            kept -= 1
            weeks = [w for ws, _ in placed[kept:] for w in ws] + order[i]
            found = _step(week, weeks, _union(placed[:kept]), own, STEP_WORK, seed, params or {})
        if found is None:
            return None
        del placed[kept:]
        placed.append((weeks, found))
    return FirstPlan.of(week, _union(placed), own.used_deterministic)
