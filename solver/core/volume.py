"""Weekly volume, as model expressions and as plain numbers, for the rules about a block's
shape (run_volume, run_progression, deload, race_week, long_run_length, long_run_peak):
running minutes (the race aside), training minutes (the race aside) and the long run's
minutes. One definition for both faces of each rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ortools.sat.python import cp_model

from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.session import SessionType

Measure = Callable[[SessionType], bool]


def running(s: SessionType) -> bool:
    return s.is_training_run


def training(s: SessionType) -> bool:
    return not s.is_race


def long_run(s: SessionType) -> bool:
    return s.is_long_run


def week_minutes(ctx: BuildContext, week: int, counted: Measure) -> cp_model.LinearExpr:
    """Minutes of the counted sessions in `week`, as a model expression."""
    return ctx.total(ctx.live_week(week, counted), lambda p: p.session.minutes)


def minutes_of(placed: Iterable[Placed], counted: Measure) -> int:
    return sum(p.session.minutes for p in placed if counted(p.session))


def plan_week_minutes(plan: Plan, week: int, counted: Measure) -> int:
    """Minutes of the counted sessions in `week` of a plan."""
    return minutes_of(plan.input.in_week(week, plan.placed), counted)


def basis_minutes(inp: PlanInput, week: int, counted: Measure) -> int | None:
    """The minutes a logged week counts as when a later week is compared with it (the
    scenario's `basis`, written by a log import), or None for a week judged by its
    sessions. A logged week's sessions are what happened: a week missed to illness would
    otherwise cap the next week's running at 110% of nothing."""
    basis = inp.scenario.basis.get(week)
    if basis is None:
        return None
    if counted is running:
        return basis.run_minutes
    if counted is long_run:
        return basis.long_run
    return basis.minutes


def reference_minutes(ctx: BuildContext, week: int, counted: Measure) -> cp_model.LinearExpr:
    """`week_minutes` of a week another week is compared with: its basis when logged."""
    fixed = basis_minutes(ctx.input, week, counted)
    if fixed is None:
        return week_minutes(ctx, week, counted)
    return cp_model.LinearExpr.constant(fixed)


def plan_reference_minutes(plan: Plan, week: int, counted: Measure) -> int:
    """`plan_week_minutes` of a week another week is compared with: its basis when logged."""
    fixed = basis_minutes(plan.input, week, counted)
    return plan_week_minutes(plan, week, counted) if fixed is None else fixed
