"""Why a planned week looks as it does: the score rule by rule with a justification per
match, what each day costs, and which hard rules bind (the week would score better
without them)."""

from __future__ import annotations

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


def tight_rules(
    week: PlanInput, result: Result, *, time_limit: float = 10.0, seed: int = 0
) -> list[Tight]:
    """Hard rules that bind: re-solve without each one and keep those whose absence would
    lower the penalty. One solve per enabled hard rule, each given twice the original
    solve's time (at most `time_limit`): a rule whose better week takes longer to find is
    not reported."""
    from hybridplan.solving import solve

    if not result.found or not result.objective:
        return []  # nothing to gain: the week already meets every soft rule
    limit = min(time_limit, max(1.0, 2 * result.solve_seconds))
    found = []
    for rule_id, cfg in week.rules.rules.items():
        if cfg.level != "hard":
            continue
        rules = {k: v for k, v in week.rules.rules.items() if k != rule_id}
        without = week.rules.model_copy(  # the phase table stays
            update={"name": f"{week.rules.name}-{rule_id}", "rules": rules}
        )
        other = solve(week.with_rules(without), time_limit=limit, seed=seed)
        if other.found and other.objective is not None and other.objective < result.objective:
            found.append(
                Tight(
                    rule=rule_id,
                    objective_without=other.objective,
                    improvement=result.objective - other.objective,
                )
            )
    return sorted(found, key=lambda t: -t.improvement)
