"""short_runs (PAD): a base, build or peak week holds at most one run of `minutes` or
less, the race aside. Run counts met with 20-minute jogs instead of real easy runs (30-60
min) are padding: the jog is a recovery run, one after the long run or the race at most."""

from __future__ import annotations

from hybridplan.core import coach
from hybridplan.core.context import BuildContext, SessionPredicate
from hybridplan.core.rules.long_share import loaded
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.rules import ShortRuns as Config
from hybridplan.models.session import SessionType


def _short(cfg: Config) -> SessionPredicate:
    def short(s: SessionType) -> bool:
        return s.is_training_run and s.minutes <= cfg.minutes

    return short


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    for w in ctx.weeks:
        short = ctx.live_week(w, _short(cfg))
        if not loaded(inp, w) or len(short) < 2:
            continue
        coach.condition(
            ctx, Config.ID, cfg, inp.tag(w) or "week",
            f"{inp.prefix(w)}at most one run of {cfg.minutes} min or less",
            ctx.total(short), 2,
        )  # fmt: skip


def check(plan: Plan, cfg: Config) -> list[Violation] | list[Penalty]:
    inp = plan.input
    found: list[tuple[str, list[str]]] = []
    for w in inp.per_week():
        short = [p for p in inp.in_week(w, plan.placed) if _short(cfg)(p.session)]
        if loaded(inp, w) and len(short) >= 2:
            found.append((
                f"{inp.prefix(w)}{len(short)} runs of {cfg.minutes} min or less: "
                + ", ".join(p.label for p in short),
                [p.slot.day_label for p in short],
            ))  # fmt: skip
    return coach.findings(Config.ID, cfg, found)
