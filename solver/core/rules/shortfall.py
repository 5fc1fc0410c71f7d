"""shortfall (priced, automatic when replanning): the minimum counts of the week (runs,
strength sessions, long runs, quality runs, mobility sessions) become shortfalls priced at
`weight` points per session short, solved first like a coach's objection: the replan keeps
as many sessions as the calendar still allows, and says what it could not keep and why
("3 runs instead of 4 (the week lost thu)"). With it in force the count rules keep only
their maximums hard (CountRule reads PlanInput.soft_minimums)."""

from __future__ import annotations

from collections.abc import Iterator

from hybridplan.core.context import BuildContext
from hybridplan.core.counting import CountRule
from hybridplan.core.rules import rule_module
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import Shortfall as Config
from hybridplan.models.week import day_label, place_label


def _counts(inp: PlanInput) -> Iterator[CountRule]:
    """The count rules in force."""
    for rid, _ in inp.rule_items():
        rule = getattr(rule_module(rid), "RULE", None)
        if isinstance(rule, CountRule):
            yield rule


def _lost(inp: PlanInput, week: int) -> str:
    """The places of `week` the scenario took away that the week had (its availability
    gave them minutes), as a reason; free places of the past (a replan's) are not lost."""
    sc = inp.scenario
    calendar = sc.week_availability.get(week, sc.availability)
    places = [
        day_label(week, b.day) if b.slot is None else place_label(week, b.day, b.slot)
        for b in sc.blocked
        if b.week in (None, week)
        and b.reason != "past"
        and any(
            minutes and (b.slot is None or b.slot == slot)
            for slot, minutes in (calendar.get(b.day) or {}).items()
        )
    ]
    return f" (the week lost {', '.join(dict.fromkeys(places))})" if places else ""


def build(ctx: BuildContext, cfg: Config) -> None:
    if not ctx.input.soft_minimums:
        return  # hard: the count rules keep their minimums
    for rule in _counts(ctx.input):
        for week in ctx.weeks:
            wanted = rule.wanted(ctx.input.targets_for(week))
            if wanted is None or wanted.min == 0:
                continue
            count = ctx.total(ctx.live_week(week, rule.counted))
            short = ctx.model.new_int_var(0, wanted.min, f"short[{rule.rule},{week}]")
            ctx.model.add_max_equality(short, [wanted.min - count, 0])
            ctx.penalize(Config.ID, cfg.weight, short)


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    inp = plan.input
    if not inp.soft_minimums or not cfg.weight:
        return []
    found = []
    for rule in _counts(inp):
        for week in inp.per_week():
            wanted = rule.wanted(inp.targets_for(week))
            if wanted is None:
                continue
            n = sum(1 for p in inp.in_week(week, plan.placed) if rule.counted(p.session))
            if n < wanted.min:
                found.append(
                    Penalty(
                        rule=Config.ID,
                        amount=cfg.weight * (wanted.min - n),
                        detail=inp.prefix(week)
                        + f"{rule.count(n)} instead of {wanted.min}{_lost(inp, week)}",
                    )
                )
    return found
