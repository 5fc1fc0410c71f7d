"""Both faces of a coach's objection that is not a pair of sessions (the content rules:
race_taper, long_share, short_runs, first_week, heavy_lifts, quality_fit).

A coach rule is hard with `hard: true` (strict) or priced at `weight` points per occurrence
and solved first (CoachRuleConfig). Each occurrence is either one placement ("this leg lift
3 days before the race") or one linear condition ("the long run above half the week's
running"); these helpers give it its CP-SAT form either way, and turn a plain check's
findings into Violations or Penalties as the level says, so every content rule reads the
same."""

from __future__ import annotations

from hybridplan.core.context import BoolVar, BuildContext, Expr
from hybridplan.models.placement import Placed
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import CoachRuleConfig, RuleConfig

# A hard rule's guide: far above any soft penalty a window pays, so a window's hint breaks
# a hard rule that links weeks only where it cannot be kept (the whole model then finds no
# plan near the hint: 16 weeks `strict` with the load rules had none at 2 deterministic s
# with guides priced like objections).
HINT_WEIGHT = 100


def at_least(ctx: BuildContext, expr: Expr, bound: int, name: str) -> BoolVar:
    """A boolean equal to (expr >= bound), exactly both ways, so a penalty is exact even in
    a plan that is feasible but not optimal (the agreement contract)."""
    b = ctx.model.new_bool_var(name)
    ctx.model.add(expr >= bound).only_enforce_if(b)
    ctx.model.add(expr <= bound - 1).only_enforce_if(b.negated())
    return b


def condition(
    ctx: BuildContext, rule: str, cfg: CoachRuleConfig, key: str, message: str,
    expr: Expr, bound: int,
) -> None:  # fmt: skip
    """One objection that occurs when `expr >= bound`: forbidden (hard) or priced (soft)."""
    if cfg.level == "hard":
        literal = ctx.requirement(f"{rule}.{key}", rule, message)
        ctx.enforce(ctx.model.add(expr <= bound - 1), literal)
        return
    ctx.penalize(rule, cfg.weight, at_least(ctx, expr, bound, f"{rule}[{key}]"))


def guide(
    ctx: BuildContext, cfg: RuleConfig, name: str, expr: Expr, bound: int, *,
    decided: bool = False,
) -> None:  # fmt: skip
    """A block's hint: a window planned after the weeks before it pays for `expr >= bound`
    (what a rule that links weeks will ask of the whole block): a soft rule's at one point
    below its weight (a window pays for it less than it would save, since a later window
    may still do it for less); a hard rule's at HINT_WEIGHT, as a price rather than a
    constraint (the hint is a plan to start from, never a reason to find none).

    `decided`: the window alone decides it (the weeks it depends on are all planned), so a
    block's first plan (ctx.strict_guides, first_plan.py) keeps a hard rule's as a
    constraint: a step that cannot keep it finds no plan and is re-planned together with
    the step before it, instead of handing the block's search a plan that breaks it."""
    if decided and cfg.level == "hard" and ctx.strict_guides:
        ctx.model.add(expr <= bound - 1)
        return
    weight = getattr(cfg, "weight", 0) - 1 if cfg.level == "soft" else HINT_WEIGHT
    if weight > 0:
        ctx.guides.append((weight, at_least(ctx, expr, bound, f"guide[{name}]")))


def placement(
    ctx: BuildContext, rule: str, cfg: CoachRuleConfig, key: str, message: str, p: Placed
) -> None:
    """One objection that occurs when `p` is placed: ruled out (hard) or priced (soft)."""
    if cfg.level == "hard":
        ctx.forbid(p, ctx.requirement(f"{rule}.{key}", rule, message))
        return
    ctx.penalize(rule, cfg.weight, ctx.x[p])


def findings(
    rule: str, cfg: CoachRuleConfig, found: list[tuple[str, list[str]]]
) -> list[Violation] | list[Penalty]:
    """A plain check's (detail, days) findings as the rule's level reports them."""
    if cfg.level == "hard":
        return [Violation(rule=rule, detail=detail) for detail, _ in found]
    if not cfg.weight:
        return []
    return [Penalty(rule=rule, amount=cfg.weight, detail=d, days=days) for d, days in found]
