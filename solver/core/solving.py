"""solve(): scenario in, verified Result out."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from hybridplan.core import preference
from hybridplan.core.checking import check_plan
from hybridplan.core.context import BuildContext
from hybridplan.core.first_plan import BOUNDARY_DAYS, FirstPlan, add_guides, first_plan, fix_lead
from hybridplan.core.model import build_model
from hybridplan.core.objections import coach_objections
from hybridplan.core.stages import WEEK_PARAMS, Budget, Stages, lexicographic_order, make_solver
from hybridplan.models import limits
from hybridplan.models.loading import input_from_dict, input_from_scenario, load_plan_input
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result, SessionOut, Status, Summary, assign_uids
from hybridplan.models.rules import RuleSet
from hybridplan.models.scenario import Scenario
from hybridplan.models.week import session_date

# The share of the time left that a block's weeks, solved one at a time for its bound and
# hint, may take before the block itself is solved.
WEEKS_SHARE = 0.5


# A block's whole-model search from the windows' hint gets this share of what is left;
# when it stops short of the bound, the rest goes to improving the plan a few weeks at a
# time (Stages.improve: LNS), which finds what the whole model's search does not. Measured
# on the 16-week block with monotony and acute_chronic (benchmarks/blocks_speed.py): the
# whole-model search stays at its first plan for 30+ CPU seconds; windows of four weeks,
# the rest fixed, presolved, improve it within a deterministic second each.
SEARCH_SHARE = 0.5
LNS_WEEKS = 4  # weeks re-planned at once (a four-week load window: acute_chronic)
LNS_STRIDE = 2  # windows overlap by half
LNS_STEP_WORK = 1.0  # deterministic seconds per window at most
# Each window is a small model once the rest is fixed: presolve pays for itself there, and
# the LP's linearised load sums prove a window's best quickly.
LNS_PARAMS: dict[str, Any] = {"cp_model_presolve": True, "linearization_level": 2}

# Soft rules that judge a week by the weeks before it (four weeks of load), beyond what a
# window of two weeks models.
LINKING_LOAD_RULES = frozenset({"acute_chronic"})

# With those rules on, the whole-model search from the windows' hint also found little (16
# weeks, `balanced`: 65 -> 65 in 6.5 deterministic s) where the search a few weeks at a
# time found much (65 -> 45 in 5.2), so the whole model gives its first plan (from the
# hint) and the rest of the time goes to the latter. Since acute_chronic judges training
# as a coach reads it (the race aside, no low side in deload and taper weeks), the blocks
# mostly meet the windows' bound, and this still proves them soonest: at 15 deterministic
# s, with it, 16 weeks `strict` and 26 weeks `balanced` are proven optimal (85, 58);
# handled like the other rules (the windows' preference floor, the whole-model search
# with half of the time), they stop at 85 / 70 and 58 / 25 (benchmarks/blocks_speed.py).


# A block's whole-model search from the windows' hint stops at its first plan: the search
# a few weeks at a time improves it sooner (the 14-week masters block: 205 -> 195 in 3.6
# deterministic s, where the whole model found nothing better in 14), and the whole model
# then gets what is left to prove it (see solve()).
FIRST_PLAN_ONLY = True


def _links_load(week: PlanInput) -> bool:
    """Whether a rule of LINKING_LOAD_RULES is on (a weight above 0)."""
    return any(
        rid in LINKING_LOAD_RULES and getattr(cfg, "weight", 0) for rid, cfg in week.rule_items()
    )


# Deterministic seconds a window's preference floor may take at least (more when the
# window's penalty took more).
WINDOW_PREFERENCE_WORK = 0.5

# Deterministic seconds a window of a block's hint may take at most once the windows' share
# of the time is spent.
HINT_STEP_WORK = 0.5

# Deterministic seconds (CP-SAT's own measure of work, the same on any machine) the coach
# preference stage may take at least; about a second of wall time on an idle machine.
PREFERENCE_MIN_WORK = 0.5
# The share of a block's preference stage that goes to improving it a few weeks at a time
# before the whole model's search (for its proof) gets the rest.
PREFERENCE_LNS_SHARE = 0.5

# The share of a block's time left after its first whole-model search that the coach
# preference stage keeps when the plan is improved a few weeks at a time.
PREFERENCE_SHARE = 0.2


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


@dataclass
class _WeekBounds:
    """Lower bounds for a block from windows of its weeks (two at a time) solved alone, with
    the rules that link them to weeks outside the window left out (a relaxation): the sum
    of the windows' best penalties bounds the block's penalty from below, and when the
    block reaches it, the sum of their best preferences (at those penalties) bounds its
    preference. The windows' plans, each planned after the one before, are the block's
    first hint."""

    penalty: int = 0
    preference: int | None = 0
    hint: dict[Placed, bool] = field(default_factory=dict)
    complete: bool = True  # every window solved within the windows' share of the time


def _windows(phases: Sequence[str]) -> list[list[int]]:
    """The block's weeks in windows of two (one where a pair does not fit), each deload week
    with the week before it, so the bound sees the deload's cuts."""
    out, w, n = [], 1, len(phases)
    while w <= n:
        nxt = phases[w] if w < n else None  # phase of week w + 1
        after = phases[w + 1] if w + 1 < n else None  # phase of week w + 2
        if nxt is not None and (nxt == "deload" or after != "deload"):
            out.append([w, w + 1])
            w += 2
        else:
            out.append([w])
            w += 1
    return out


def _week_bounds(
    week: PlanInput, budget: Budget, seed: int, params: dict[str, Any], hint: bool = True
) -> _WeekBounds:
    """The block's weeks a window at a time: each window alone (its lead days modelled but
    free) for the bound, then (`hint`) planned after the hint's days before it: see
    _WeekBounds. Without `hint` (the block has its first plan already: first_plan.py),
    the bounds only."""
    bounds = _WeekBounds()
    if _links_load(week):
        # The windows' penalty bound leaves these rules out, so the block may not meet it,
        # and the preference floor counts only when it does: not worth its solves (half
        # of the windows' time on the 16-week block with the load rules, 3.2 of 6.2 s;
        # with them, two of the four long blocks are not proven at 15 deterministic s).
        bounds.preference = None
    chosen: set[Placed] = set()  # the hint's sessions so far
    windows = _windows(week.phases)

    def after_chosen(ctx: BuildContext, stages: Stages) -> None:
        """The window's lead days as the hint has them (a window planned after them)."""
        fix_lead(ctx, chosen)
        stages.values = {p: (p in chosen) if p in ctx.lead else v for p, v in stages.values.items()}

    def guided(ctx: BuildContext) -> bool:
        """What the rules that link weeks ask of this window after the weeks before it
        (their `guide()`: an intervals session still missing, a streak of one quality type
        to break, the last long run to shorten), as terms of the hint's objective only."""
        if not ctx.guides:
            add_guides(ctx, chosen)
        return bool(ctx.guides)

    def late_plan(stages: Stages, i: int) -> str:
        """Out of the windows' time: the window's plan (after its lead days, already fixed)
        still comes, from the block's own time (at most half of it over the windows
        left). A whole hint that agrees across windows is what gives a block with the
        load rules a plan at all (a partial one left the 8-week block under `strict` with
        none at 3 deterministic s; one window's plan made without the days before it left
        the 16-week block under `strict` with none at 5 s); each window's best within
        that, not its first plan, gives LNS a plan worth improving (16 weeks, strict, load
        rules: 119 against 1225 at 15 deterministic s)."""
        spare = budget.parent or budget
        if spare.exhausted():
            return "unknown"
        stages.budget = spare
        left = spare.remaining()
        cap = HINT_STEP_WORK
        if left is not None:
            cap = min(cap, left / (2 * (len(windows) - i)))
        # too little left to improve on it, or only a wall limit (whose spending a loaded
        # machine cannot predict): the window's first plan (the shipped 16-week block at 1
        # deterministic s, or in the service, has a plan only so)
        stages.solver.parameters.stop_after_first_solution = (
            left is None or cap < HINT_STEP_WORK / 2
        )
        guided(stages.ctx)
        return stages.run(stages.ctx.objective() + stages.ctx.guide_objective(), cap)

    for i, weeks in enumerate(windows):
        if not hint and budget.exhausted():
            bounds.preference, bounds.complete = None, False
            break  # the bounds so far stay valid (the rest >= 0), and the plan is made
        ctx = build_model(week, weeks=weeks, lead_days=BOUNDARY_DAYS)
        stages = Stages(ctx, make_solver(seed, 1, params), budget)
        # the bound of the weeks so far stays valid when the time runs out (the rest >= 0)
        status = "unknown" if budget.exhausted() else stages.run(ctx.objective())
        if status == "infeasible":  # the weeks alone cannot be planned: neither can the block
            return _WeekBounds(penalty=0, preference=None)
        if status not in ("optimal", "feasible"):
            bounds.preference, bounds.complete = None, False
            if not hint:
                continue
            after_chosen(ctx, stages)
            if late_plan(stages, i) in ("optimal", "feasible"):
                mine = {p: v for p, v in stages.values.items() if p.slot.week in weeks}
                chosen |= {p for p, v in mine.items() if v}
                bounds.hint.update(mine)
            elif (budget.parent or budget).exhausted():
                break
            continue
        floor = stages.bound if status == "feasible" else stages.value("objective")
        bounds.penalty += floor
        best = stages.value("objective")
        least: int | None = None  # the window's best preference at its best penalty
        if status != "optimal" or bounds.preference is None or not ctx.preference:
            bounds.preference = None if status != "optimal" else bounds.preference
        else:
            # at the window's best penalty, held by an assumption: once its lead days are
            # fixed below, the window may have to cost more
            at_best = ctx.model.new_bool_var("at_best")
            ctx.model.add(ctx.objective() == best).only_enforce_if(at_best)
            ctx.model.add_assumptions([at_best])
            # its floor is worth as much work as the window's penalty took (at least
            # WINDOW_PREFERENCE_WORK): a window whose ties are many would take the block's
            # time for a bound the final preference stage can do without
            cap = max(WINDOW_PREFERENCE_WORK, stages.solver.deterministic_time)
            if stages.run(ctx.preference_objective(), cap) == "optimal":
                least = stages.value("preference")
                bounds.preference += least
            else:
                bounds.preference = None
            ctx.model.clear_assumptions()
        if not hint:
            # the window's own best plan, its lead days free: the windows' plans side by
            # side are a whole plan that meets both floors, if it keeps the rules that
            # link windows (solve() checks it)
            bounds.hint.update({p: v for p, v in stages.values.items() if p.slot.week in weeks})
            continue
        # The hint: these weeks planned after the days before them as the hint has them.
        # When the plan above already agrees with those days (always for the first window),
        # it is that plan; otherwise the window's own optima stay valid floors (fixing days
        # only restricts it), so a replanned window that reaches them is proven at once.
        disagree = any(v != (p in chosen) for p, v in stages.values.items() if p in ctx.lead)
        if guided(ctx) or disagree:
            after_chosen(ctx, stages)
            ctx.model.add(ctx.objective() >= floor)
            replanned = stages.run(ctx.objective() + ctx.guide_objective())
            if replanned == "unknown":
                # the windows' time ran out here: the window's plan without the days before
                # it may not fit them, the late plan does (kept when none comes either)
                bounds.preference, bounds.complete = None, False
                late_plan(stages, i)
            elif replanned != "infeasible" and ctx.preference:
                ctx.model.add(ctx.objective() == stages.value("objective"))
                ctx.model.add(ctx.guide_objective() <= stages.value("guide"))
                if least is not None and stages.value("objective") == best:
                    ctx.model.add(ctx.preference_objective() >= least)
                stages.run(ctx.preference_objective(), HINT_STEP_WORK)
        mine = {p: v for p, v in stages.values.items() if p.slot.week in weeks}
        chosen |= {p for p, v in mine.items() if v}
        bounds.hint.update(mine)
    return bounds


def solve(
    scenario: ScenarioLike,
    rules: str | Path | RuleSet | None = None,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    workers: int = 1,
    params: dict[str, Any] | None = None,
    deterministic_time: float | None = None,
) -> Result:
    """Plan the week or block: the best schedule under the hard rules, in the order fewest
    coach objections, best penalty, best coach preference (a week in one search,
    _at_once, or in stages when it is cut short: Stages; a block in stages, starting
    from its windows' bound and hint, _week_bounds, and a search that stops short of the
    bound goes on four weeks at a time, _improve), with the
    penalties and the preference recomputed by the rules' own checks. Same input, seed
    and workers=1: same plan. `deterministic_time` (CP-SAT deterministic seconds, the same
    on any machine load; limits.DEFAULT_WORK_LIMIT when not given) and `time_limit` (wall
    seconds: a safety net, limits.solve_limits, when not given) bound all stages together;
    the result's `stopped_by` says which one cut a solve short. `params` sets further CP-SAT
    parameters (over DEFAULT_PARAMS)."""
    week = as_week(scenario, rules)
    wall, work = limits.solve_limits(time_limit, deterministic_time)
    budget = Budget(wall, work)
    began = time.perf_counter()
    ctx = build_model(week)
    build_seconds = time.perf_counter() - began

    solver = make_solver(
        seed, workers, {**(WEEK_PARAMS if week.weeks == 1 else {}), **(params or {})}
    )
    stages = Stages(ctx, solver, budget)
    solve_began = time.perf_counter()
    stages.progress.origin = solve_began
    settled = False  # one search proved the whole lexicographic order (_at_once)
    # a block's first plan, week by week (first_plan.py): a plan in hand whatever comes
    # after; when it breaks no hard rule it is the search's hint, and the windows below
    # give the bound only
    first: FirstPlan | None = None
    first_seconds: float | None = None
    if week.weeks > 1 and not week.scenario.previous:
        first = first_plan(week, budget, seed, params or {})
        if first is not None and first.valid:
            first_seconds = time.perf_counter() - solve_began
    planned = first is not None and first.valid
    # the weeks one at a time get at most half of what is left: a plan comes first
    weekly = (
        _week_bounds(week, budget.part(WEEKS_SHARE), seed, params or {}, hint=not planned)
        if week.weeks > 1
        else None
    )
    if weekly is not None:
        # a valid cut: proofs come sooner (but not _prove's, which leaves it out)
        cut = ctx.model.add(ctx.objective() >= weekly.penalty).index
        stages.values = dict(weekly.hint)
        if first is not None and planned:
            # the first plan, or the windows' own best plans side by side when those keep
            # every rule (then at both floors: proven at once) and come first in the order
            side = (
                FirstPlan.of(week, {p for p, on in weekly.hint.items() if on})
                if weekly.complete
                else None
            )
            if side is not None and side.valid and side.order < first.order:
                first = side  # the plan to start from, and to return if cut short
            stages.values = dict(first.values)
        elif first is not None and not weekly.complete:
            stages.values = dict(first.values)
    if week.scenario.previous:  # replanning: start the search from the previous plan
        before = {(p.day, p.slot, p.session, p.week) for p in week.scenario.previous}
        stages.values = {
            p: (p.slot.day_name, p.slot.name, p.session.id, p.slot.week) in before
            for p in ctx.candidates
        }
    if weekly is not None:
        # the whole block from the hint, its first plan only (FIRST_PLAN_ONLY; with the load
        # rules always, see LINKING_LOAD_RULES); what it leaves goes to the plan a few weeks
        # at a time, then to the whole model's proof
        first_only = _links_load(week) or FIRST_PLAN_ONLY
        stages.budget = budget.part(SEARCH_SHARE if weekly.complete and not first_only else 1.0)
        asked = solver.parameters.stop_after_first_solution  # the caller's `params`
        solver.parameters.stop_after_first_solution = first_only or asked
        try:
            status = stages.run(ctx.objective())
        finally:
            solver.parameters.stop_after_first_solution = asked
        stages.budget = budget
        if status not in ("optimal", "feasible", "infeasible") and first is not None and planned:
            status = _adopt(stages, first)  # cut short: the plan started from is the plan
        proven_at = max(stages.bound, weekly.penalty)
        if status == "feasible" and stages.value("objective") > proven_at:
            share = 1 - PREFERENCE_SHARE
            _improve(week, stages, budget.part(share), proven_at, seed, params or {})
            if (
                not _links_load(week)
                and stages.value("objective") > max(stages.bound, weekly.penalty)
                and not budget.exhausted()
            ):
                # what a few weeks at a time cannot improve, the whole model may prove
                # (the windows' bound left out the rules that link weeks): _prove
                status = _prove(stages, budget.part(share), seed, params or {}, status, cut)
    else:
        status = _at_once(ctx, stages)
        if status == "optimal":
            settled = True
        elif status != "infeasible":
            # cut short (or not tried: ORDER_LIMIT): the stages go on from its plan, if
            # any, the penalty first. The one search's bound is of its weighted order, not
            # of the penalty: it proves nothing here.
            stages.bound = 0
            if not stages.budget.exhausted():
                found = stages.run(ctx.objective())
                # a stage that finds nothing in the time left keeps the plan found already
                status = found if found in ("optimal", "feasible") or not stages.values else status
    result = Result(
        scenario=week.scenario.name,
        rule_set=week.rules.name,
        status=cast(Status, status),  # what CP-SAT's status names became (Stages.run)
        build_seconds=build_seconds,
        seed=seed,
        workers=workers,
        input={
            "scenario": week.scenario.model_dump(mode="json", exclude_unset=True),
            "rules": week.rules.to_data(),
        },
        phases=list(week.phases) if week.weeks > 1 else [],
    )
    result.work_limit = work
    if status not in ("optimal", "feasible"):
        result.solve_seconds = time.perf_counter() - solve_began
        if status == "infeasible":
            result.message = "no week satisfies every hard rule"
        else:
            _say_what_stopped(result, budget)
        return result
    # A schedule that meets the bound is optimal whatever the status said; the objective
    # is evaluated on the schedule returned (after a search cut short, CP-SAT's own
    # objective_value can describe the presolved model's slack).
    objective = stages.value("objective")
    if settled:
        stages.bound = objective
    bound = min(objective, max(stages.bound, weekly.penalty if weekly else 0))
    # where the bound comes from: the windows' optima (rules across windows relaxed) or
    # the whole model's search
    source: Literal["weeks", "search"] = (
        "weeks" if weekly is not None and weekly.penalty >= stages.bound else "search"
    )
    proven = objective == bound
    if settled:
        pass  # the fewest objections, then the penalty, then the preference: all proven
    elif proven and ctx.priority_rules and stages.value("priority"):
        objective, bound, proven = _fewest_objections(ctx, stages, objective, bound)
    preference_proven = False
    # The tie-break gets as much deterministic time as the penalty took (at least
    # PREFERENCE_MIN_WORK): reproducible on any machine load, and never the lion's share.
    cap = max(PREFERENCE_MIN_WORK, budget.used_deterministic)
    # every week at its own best penalty: each is at least its best preference too
    floor = (
        weekly.preference
        if weekly is not None and weekly.preference is not None and objective == weekly.penalty
        else None
    )
    if settled:
        preference_proven = bool(ctx.preference)
    elif proven and floor is not None and stages.value("preference") == floor:
        preference_proven = True  # the plan found already meets the bound
    elif proven and ctx.preference:
        ctx.model.add(ctx.objective() == objective)
        if ctx.priority_rules:  # no more coach objections than the plan has: the order
            ctx.model.add(ctx.priority_count() <= stages.value("priority"))
        if floor is not None:
            ctx.model.add(ctx.preference_objective() >= floor)
        tried = True
        if weekly is not None:
            # a block: its preference a few weeks at a time first (the whole model's search
            # seldom improves a block's hint in the time: 10k block 2665 -> 2665 in 2.3
            # deterministic s), then the whole model with what is left for the proof, when
            # those steps found something (else the hint's preference stands: a whole
            # model's search for a floor the windows' plans could not meet took 2 of the
            # 16-week block's 6 deterministic s and found nothing)
            was = stages.value("preference")
            lns = budget.capped(cap * PREFERENCE_LNS_SHARE)
            stages.proven = False
            _improve(week, stages, lns, floor or 0, seed, params or {}, "preference")
            cap -= lns.used_deterministic
            # a step over every week that proved its optimum proved the block's
            preference_proven = stages.proven
            tried = stages.value("preference") < was and not preference_proven
        if (
            tried
            and stages.run(ctx.preference_objective(), max(cap, PREFERENCE_MIN_WORK)) == "optimal"
        ):
            preference_proven = True
    result.solve_seconds = time.perf_counter() - solve_began
    result.first_solution_seconds = min(
        (t for t in (first_seconds, stages.progress.first) if t is not None), default=None
    )
    result.best_solution_seconds = stages.progress.best
    placed = (p for p, chosen in stages.values.items() if chosen)
    plan = Plan.of(week, placed)
    report = check_plan(plan)
    result.status = "optimal" if proven else "feasible"
    result.objective = stages.value("objective")
    result.bound = min(bound, result.objective)
    result.gap = (result.objective - result.bound) / max(1, abs(result.objective))
    result.bound_source = source if result.bound < result.objective else "plan"
    result.sessions = [session_out(p, week.scenario.start) for p in plan.placed]
    assign_uids(result)  # the calendar's event ids; a replan carries them over
    result.penalties = report.penalties
    result.violations = report.violations
    result.summary = summarize(plan)
    result.objective_by_rule = {r: stages.value(f"rule:{r}") for r in ctx.penalties}
    terms = preference.check(plan)
    result.coach_preference = sum(t.amount for t in terms)
    result.coach_preference_terms = terms
    result.coach_preference_optimal = preference_proven
    result.metrics = coach_objections(plan)
    if (
        report.violations
        or report.total != result.objective
        or (stages.value("preference") != result.coach_preference)
    ):
        result.message = (
            "internal disagreement between the solver and the rule checks; "
            "please report this scenario"
        )
    elif not proven:
        _say_what_stopped(result, budget)
    return result


# Deterministic seconds that reading the first plan's figures off the whole block's model
# may take (every session fixed: propagation only), past the work limit when that is spent.
ADOPT_WORK = 1.0


def _adopt(stages: Stages, first: FirstPlan) -> str:
    """The block's first plan (or the windows' plans side by side, whichever the search
    started from; either breaks no hard rule) as the plan, when the search was cut short
    before it found one: its figures read off the whole model with every session
    fixed, the bound left as it was. Returns "feasible", or "unknown" when even that did
    not fit in the wall clock's safety net."""
    bound, values = stages.bound, dict(first.values)
    stages.values = values
    budget, solver = stages.budget, stages.solver
    stages.budget = Budget(budget.wall_left(), ADOPT_WORK, parent=budget)
    solver.parameters.fix_variables_to_their_hinted_value = True
    try:
        status = stages.run(stages.ctx.objective())
    finally:
        solver.parameters.fix_variables_to_their_hinted_value = False
        stages.budget, stages.bound = budget, bound
    return "feasible" if status in ("optimal", "feasible") else "unknown"


# The whole block's model searched with CP-SAT's presolve and its full linear relaxation
# (linearization_level 2): the LP's bound over the block's weekly sums proves what the
# windows' bound cannot (the rules that link weeks), and presolve shrinks the model first.
PROOF_PARAMS: dict[str, Any] = {"cp_model_presolve": True, "linearization_level": 2}


def _prove(
    stages: Stages, budget: Budget, seed: int, params: dict[str, Any], status: str, cut: int
) -> str:
    """The whole block's penalty from the plan in hand, with PROOF_PARAMS, within `budget`,
    without the windows' cut (constraint `cut`): beside the hint it kept this search from
    its proof (generated race-0010 under `strict`: 99 / 92 after 20 deterministic s with
    it, proven in 2.3 without). Keeps the better plan (a search from a hint may end on a
    worse one) and the higher bound."""
    solver = make_solver(seed, 1, {**PROOF_PARAMS, **params})
    before = (dict(stages.values), dict(stages.figures), stages.bound)
    ctx = stages.ctx
    full = ctx.model
    model = full.clone()
    _drop(model.proto.constraints[cut])
    saved = stages.solver, stages.budget
    stages.solver, stages.budget, ctx.model = solver, budget, model
    try:
        found = stages.run(ctx.objective())
    finally:
        (stages.solver, stages.budget), ctx.model = saved, full
    if found not in ("optimal", "feasible"):
        return status
    bound = max(before[2], stages.bound)
    if stages.value("objective") > before[1]["objective"]:
        stages.values, stages.figures = before[0], before[1]
    stages.bound = bound
    return "optimal" if stages.value("objective") <= bound else "feasible"


def _drop(constraint: Any) -> None:
    """Empty a linear constraint of a model's proto (a constraint with no type holds
    always): OR-Tools 9.13+ protos have clear_linear(), older ones protobuf's ClearField."""
    clear = getattr(constraint, "clear_linear", None)
    if clear is not None:
        clear()
    else:
        constraint.ClearField("linear")


def _say_what_stopped(result: Result, budget: Budget) -> None:
    """Name the limit that cut the solve short and what to pass for more. The wall clock is
    only a safety net: when it cut first, the plan depends on the machine's load, and the
    result says so (a batch summary records it too)."""
    work = budget.deterministic
    by_wall = time.perf_counter() - budget.began >= budget.wall
    result.stopped_by = "time_limit" if by_wall else "work_limit"
    found = (
        f"the best plan found (bound {result.bound}, gap {result.gap:.0%})"
        if result.found
        else "no plan found"
    )
    # four times as much, and at least the default (which proves the shipped blocks)
    more = max(4 * (work or 1), limits.DEFAULT_WORK_LIMIT)
    if by_wall:
        result.message = (
            f"{found}: the wall-clock safety net of {budget.wall:g} s stopped the search "
            f"before its work limit of {work:g} deterministic s, so this plan depends on the "
            "machine's load; allow more time (--time-limit, time_limit=) for the same plan "
            "on any machine"
        )
    else:
        result.message = (
            f"{found} in the work limit of {work:g} deterministic s; a larger work limit "
            f"(--work-limit, work_limit=; about {more:g}) may "
            + ("prove it or find a better one" if result.found else "find one")
        )


def _improve(
    week: PlanInput,
    stages: Stages,
    budget: Budget,
    floor: int,
    seed: int,
    params: dict[str, Any],
    figure: Literal["objective", "preference"] = "objective",
) -> None:
    """Large-neighbourhood search over the block: windows of LNS_WEEKS weeks (overlapping,
    in order) re-planned with the rest of the last plan fixed, round after round, until a
    round finds nothing better, the plan meets `floor` (a lower bound) or `budget` is
    spent. Each step has a deterministic cap and the order is fixed: same input and seed,
    same plan."""
    n = week.weeks
    starts = range(1, max(2, n - LNS_WEEKS + 2), LNS_STRIDE)
    windows = [list(range(a, min(a + LNS_WEEKS, n + 1))) for a in starts]
    if windows[-1][-1] < n:
        windows.append(list(range(max(1, n - LNS_WEEKS + 1), n + 1)))
    solver = make_solver(seed, 1, {**LNS_PARAMS, **params})
    saved = stages.budget
    stages.budget = budget
    try:
        better = True
        while better:
            better = False
            for weeks in windows:
                if budget.exhausted() or stages.value(figure) <= floor:
                    return
                better |= stages.improve(weeks, solver, LNS_STEP_WORK, figure)
    finally:
        stages.budget = saved


# The share of a week's time the search of the whole order at once may take (_at_once);
# when it stops short, the stages go on from its plan with the rest.
AT_ONCE_SHARE = 0.5


def _at_once(ctx: BuildContext, stages: Stages) -> str:
    """The week's whole order in one search instead of two or three stages
    (lexicographic_order; the median generated week's solve() 48 -> 38 ms CPU,
    benchmarks/build_speed.py). Returns the status of that search, within AT_ONCE_SHARE of
    the time; the caller goes on in stages when it is cut short."""
    order = lexicographic_order(ctx)
    if order is None:
        return "unknown"  # weights too large for one objective: the stages
    budget = stages.budget
    stages.budget = budget.part(AT_ONCE_SHARE)
    try:
        status = stages.run(order)
    finally:
        stages.budget = budget
    return status


def _fewest_objections(
    ctx: BuildContext, stages: Stages, objective: int, bound: int
) -> tuple[int, int, bool]:
    """Stage 2: the plan breaks a priority rule; find the fewest breaks any plan needs, and
    if that is fewer, the best penalty with no more breaks than that. Returns (objective,
    bound, proven); proven means lexicographically optimal."""
    breaks = stages.value("priority")
    if stages.run(ctx.priority_count()) != "optimal":
        return stages.value("objective"), bound, False
    fewest = stages.value("priority")
    ctx.model.add(ctx.priority_count() <= fewest)
    if fewest == breaks:  # the best-penalty plan already has the fewest
        return objective, bound, True
    status = stages.run(ctx.objective())
    objective = stages.value("objective")
    bound = min(objective, stages.bound)
    return objective, bound, status == "optimal" or objective == bound


def session_out(p: Placed, start: dt.date | None = None) -> SessionOut:
    """A placed session as the result shows it, with its date when the plan has `start`."""
    s = p.session
    return SessionOut(
        date=session_date(start, p.slot.week, p.slot.day_name) if start else None,
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
        run_minutes=sum(p.session.minutes for p in plan.placed if p.session.is_training_run),
        race_minutes=sum(p.session.minutes for p in plan.placed if p.session.is_race),
        load=sum(p.session.load for p in plan.placed),
        runs=sum(1 for p in plan.placed if p.session.is_run),
        strength=sum(1 for p in plan.placed if p.session.is_strength),
        sets=sets,
    )
