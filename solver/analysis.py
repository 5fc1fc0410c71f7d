"""Why a planned week looks as it does: the score rule by rule with a justification per
match, what each day costs, and which hard rules bind (the week would score better
without them)."""

from __future__ import annotations

from models.explanation import Analysis, DayScore, RuleScore, Tight
from models.plan import WeekData
from models.result import Result
from models.rules import RULE_CONFIGS, RuleSet
from models.week import DAYS


def score(result: Result) -> Analysis:
    """The cheap part, from a result alone: per-rule scores and per-day indictments."""
    rules: dict[str, RuleScore] = {}
    days: dict[str, DayScore] = {d: DayScore(day=d, amount=0) for d in DAYS}
    for p in result.penalties:
        entry = rules.setdefault(
            p.rule, RuleScore(rule=p.rule, amount=0, matches=0, justifications=[])
        )
        entry.amount += p.amount
        entry.matches += 1
        entry.justifications.append(p.detail)
        for day in p.days:
            days[day].amount += p.amount
            days[day].penalties.append(f"{p.rule}: {p.detail}")
    return Analysis(
        objective=result.objective or 0,
        rules=sorted(rules.values(), key=lambda r: -r.amount),
        days=sorted(
            (d for d in days.values() if d.amount), key=lambda d: (-d.amount, DAYS.index(d.day))
        ),
    )


def tight_rules(
    week: WeekData, result: Result, *, time_limit: float = 10.0, seed: int = 0
) -> list[Tight]:
    """Hard rules that bind: re-solve without each one and keep those whose absence would
    lower the penalty. One solve per enabled hard rule."""
    from solver.solving import solve

    if not result.found or not result.objective:
        return []  # nothing to gain: the week already meets every soft rule
    found = []
    for rule_id in week.rules.rules:
        if RULE_CONFIGS[rule_id].LEVEL != "hard":
            continue
        rules = {k: v for k, v in week.rules.rules.items() if k != rule_id}
        without = RuleSet(name=f"{week.rules.name}-{rule_id}", rules=rules)
        other = solve(
            WeekData(week.scenario, week.sessions, without), time_limit=time_limit, seed=seed
        )
        if other.found and other.objective is not None and other.objective < result.objective:
            found.append(
                Tight(
                    rule=rule_id,
                    objective_without=other.objective,
                    improvement=result.objective - other.objective,
                )
            )
    return sorted(found, key=lambda t: -t.improvement)
