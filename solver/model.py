"""Build the CP-SAT model of a week from its enabled rules."""

from __future__ import annotations

from hybridplan.context import BuildContext
from hybridplan.models.plan_input import PlanInput
from hybridplan.rules import rule_module


def build_model(week: PlanInput) -> BuildContext:
    """Variables, every enabled rule's constraints and penalties, and the objective.

    Rules run in catalogue order, so `availability` and `rest_days` rule candidates out
    before the pair rules enumerate what is left."""
    ctx = BuildContext(week)
    for rule_id, cfg in week.rule_items():
        rule_module(rule_id).build(ctx, cfg)
    ctx.model.minimize(ctx.objective())
    return ctx
