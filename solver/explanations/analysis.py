"""Why a planned week looks as it does: the score rule by rule with a justification per
match, what each day costs, and which hard rules bind (the week would score better
without them)."""

from __future__ import annotations

from collections.abc import Callable

from hybridplan.models import limits
from hybridplan.models.explanation import Analysis, DayScore, RuleScore, Tight
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty, Result
from hybridplan.models.week import label_order


def _by_rule(penalties: list[Penalty]) -> list[RuleScore]:
    rules: dict[str, RuleScore] = {}
    for p in penalties:
        entry = rules.setdefault(
            p.rule, RuleScore(rule=p.rule, amount=0, matches=0, justifications=[])
        )
        entry.amount += p.amount
        entry.matches += 1
        entry.justifications.append(p.detail)
    return sorted(rules.values(), key=lambda r: -r.amount)


def score(result: Result) -> Analysis:
    """The cheap part, from a result alone: per-rule scores, per-day indictments, and the
    coach preference term by term (how the solver chose between weeks of equal penalty)."""
    rules: dict[str, RuleScore] = {}
    days: dict[str, DayScore] = {}  # by day label: 'tue', or 'w3 tue' in longer plans
    for p in result.penalties:
        entry = rules.setdefault(
            p.rule, RuleScore(rule=p.rule, amount=0, matches=0, justifications=[])
        )
        entry.amount += p.amount
        entry.matches += 1
        entry.justifications.append(p.detail)
        for day in p.days:
            entry_day = days.setdefault(day, DayScore(day=day, amount=0))
            entry_day.amount += p.amount
            entry_day.penalties.append(f"{p.rule}: {p.detail}")
    return Analysis(
        objective=result.objective or 0,
        rules=sorted(rules.values(), key=lambda r: -r.amount),
        days=sorted(days.values(), key=lambda d: (-d.amount, label_order(d.day))),
        preference=result.coach_preference or 0,
        preference_terms=_by_rule(result.coach_preference_terms),
    )


#: Deterministic seconds each hard rule's "would the plan score better without it?" search
#: gets: a week's answer takes milliseconds; a rule whose better plan is not found in it is
#: listed as undecided, not as loose.
RULE_WORK = 1.0
#: Deterministic seconds all the rules' searches get together (at most the explanation's
#: work limit): a week's take a fraction of it; a long block's (seconds of CPU each, for
#: presolving a model of thousands of literals) stop here, the rest listed as undecided.
TIGHT_WORK = 5.0


def tight_rules(
    week: PlanInput,
    result: Result,
    *,
    work: float = limits.DEFAULT_WORK_LIMIT,
    wall: float = limits.MIN_SAFETY_NET,
    seed: int = 0,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list[Tight], list[str]]:
    """Hard rules that bind, and those left undecided. The model is built once, as for
    conflicts, with every hard requirement behind its own literal (BuildContext(explain=
    True)) and the soft rules priced as usual; then for each enabled hard rule, its
    requirements are released and every other one held, and a search started from the plan
    (which still fits) asks for a lower penalty with no more coach objections (priority
    rules' breaks) than the plan has, and nothing else (no tie-break stages): found, the rule
    binds (with the best penalty found without it); proven impossible, it does not. A rule
    with no requirement in this plan binds nothing and costs no search. Each rule gets at
    most RULE_WORK deterministic seconds and all of them together TIGHT_WORK (at most
    `work`), so the answer is the same on any machine load; `wall` is only a safety net.
    `progress(rule, done, total)` is called before each rule."""
    import time

    from ortools.sat.python import cp_model

    from hybridplan.core.context import BuildContext
    from hybridplan.core.rules import rule_module
    from hybridplan.core.stages import solver_for

    if not result.found or not result.objective:
        return [], []  # nothing to gain: the plan already meets every soft rule
    began, spent = time.perf_counter(), 0.0
    ctx = BuildContext(week, explain=True)
    for rule_id, cfg in week.rule_items():
        rule_module(rule_id).build(ctx, cfg)
        if cfg.priority:
            ctx.priority_rules.add(rule_id)
    ctx.model.minimize(ctx.objective())
    ctx.model.add(ctx.objective() <= result.objective - 1)
    if ctx.priority_rules:  # the solver's order: no more coach objections than the plan's
        breaks = sum(1 for p in result.penalties if p.rule in ctx.priority_rules)
        ctx.model.add(ctx.priority_count() <= breaks)
    chosen = {(s.week, s.day, s.slot, s.session) for s in result.sessions}
    for p, x in ctx.x.items():
        ctx.model.add_hint(x, (p.slot.week, p.slot.day_name, p.slot.name, p.session.id) in chosen)
    held = list(ctx.requirements.values())
    hard = [rule_id for rule_id, cfg in week.rules.rules.items() if cfg.level == "hard"]
    found: list[Tight] = []
    undecided: list[str] = []
    for i, rule_id in enumerate(hard):
        if progress is not None:
            progress(rule_id, i, len(hard))
        if not any(r.rule == rule_id for r in held):
            continue  # it asks nothing of this plan
        left_wall = wall - (time.perf_counter() - began)
        cap = min(RULE_WORK, min(work, TIGHT_WORK) - spent)
        if cap <= 0 or left_wall <= 0:
            undecided.append(rule_id)
            continue
        model = ctx.with_requirements(r for r in held if r.rule != rule_id)
        solver = solver_for(seed, week.weeks)
        solver.parameters.cp_model_presolve = True  # the held literals fix out of the model
        solver.parameters.max_deterministic_time = cap
        solver.parameters.max_time_in_seconds = left_wall
        status = solver.solve(model)
        spent += solver.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            better = round(solver.objective_value)
            found.append(
                Tight(rule=rule_id, objective_without=better, improvement=result.objective - better)
            )
        elif status != cp_model.INFEASIBLE:
            undecided.append(rule_id)
    if progress is not None:
        progress("", len(hard), len(hard))
    return sorted(found, key=lambda t: -t.improvement), undecided
