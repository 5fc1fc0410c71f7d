"""Build the CP-SAT model of a week from its enabled rules."""

from __future__ import annotations

from collections.abc import Sequence

from hybridplan.core import preference
from hybridplan.core.context import BuildContext
from hybridplan.core.rules import rule_module, rules_out
from hybridplan.models.placement import Placed
from hybridplan.models.plan_input import PlanInput


def build_model(
    week: PlanInput, weeks: Sequence[int] | None = None, lead_days: int = 0
) -> BuildContext:
    """Variables, every enabled rule's constraints and penalties, the coach's preference
    terms (for the tie-break stage), and the objective.

    Rules run in catalogue order, so `availability` and `rest_days` rule candidates out
    before the pair rules enumerate what is left. With `weeks`, only those weeks are
    modelled and the rules that link weeks leave themselves out: a relaxation whose
    optimum bounds the whole plan's from below (solving.py uses it for blocks).
    `lead_days` models the days before those weeks too, free until a caller fixes them, so
    a week can be planned after the one before it.

    Candidates a hard rule rules out whatever else is planned (`rules_out`: too long for
    the slot, banned, too hard for the phase, too close to the race, on a named rest day)
    get no variable: about 63% of a generated week's candidates, and its build is about a
    fifth faster (docs: Benchmarks)."""
    tests = [(test, cfg) for rule_id, cfg in week.rule_items() if (test := rules_out(rule_id))]

    def keep(p: Placed) -> bool:
        return not any(test(p, week, cfg) for test, cfg in tests)

    ctx = BuildContext(week, weeks=weeks, lead_days=lead_days, keep=keep)
    for rule_id, cfg in week.rule_items():
        rule_module(rule_id).build(ctx, cfg)
        if cfg.priority:
            ctx.priority_rules.add(rule_id)
    ctx.preference = preference.build(ctx)
    ctx.model.minimize(ctx.objective())
    return ctx
