"""first_week (FIRST-WEEK): with a `history` of weekly session-RPE loads, the plan's first
week's training load (the race aside) is at most `percent` % of the history's mean. A plan
starts where the athlete is: a beginner's first week at three times their usual load is
the injury the +10% a week rule (003) exists to prevent."""

from __future__ import annotations

from hybridplan.core import coach
from hybridplan.core.context import BuildContext
from hybridplan.core.volume import training
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import FirstWeek as Config


def build(ctx: BuildContext, cfg: Config) -> None:
    history = ctx.input.scenario.history
    if not history or 1 not in ctx.weeks:
        return
    load = ctx.total(ctx.live_week(1, training), lambda p: p.session.load)
    coach.condition(
        ctx, Config.ID, cfg, "load",
        f"the first week's load at most {cfg.percent}% of the history's mean",
        100 * len(history) * load - cfg.percent * sum(history), 1,
    )  # fmt: skip


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    history = plan.input.scenario.history
    if not history:
        return []
    placed = plan.input.in_week(1, plan.placed)
    load = sum(p.session.load for p in placed if training(p.session))
    found: list[tuple[str, list[str]]] = []
    if 100 * len(history) * load > cfg.percent * sum(history):
        mean = sum(history) / len(history)
        found.append((
            f"the first week's load {load} is above {cfg.percent}% of the history's mean "
            f"({mean:.0f})", [],
        ))  # fmt: skip
    return coach.findings(Config.ID, cfg, found)
