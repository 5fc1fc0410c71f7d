"""acute_chronic (soft): each week's acute:chronic load ratio, the week's training load over
the mean of the last four weeks' (this one included; earlier weeks from the scenario's
`history`), inside [`low`, `high`]; `weight` points per week outside. Weeks without four
weeks of data are not judged.

Read as a coach reads the ratio: it warns of a training spike (above `high`) or of
detraining (below `low`). So the race's own load is left out (a marathon is more than a
taper week's training: counted, the race week always paid, and the only way to pay less
was a heavier taper), and deload, taper and race weeks are not judged below `low`: their
drop in load is the point of them (with it judged, the ratio pulled against the deload rule's cut
and against the taper)."""

from __future__ import annotations

from hybridplan.core.context import BuildContext, Expr
from hybridplan.core.load import day_loads, plan_day_loads
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Penalty
from hybridplan.models.rules import AcuteChronic as Config
from hybridplan.models.week import week_tag

WINDOW = 4
UNLOADING = ("deload", "taper")  # phases whose low ratio is planned, not detraining


def _window(week: PlanInput, w: int) -> tuple[list[int], list[int]] | None:
    """(plan weeks, history loads) that make up week w's four-week window."""
    weeks = [x for x in range(w - WINDOW + 1, w + 1) if x >= 1]
    need = WINDOW - len(weeks)
    if need > len(week.scenario.history):
        return None
    return weeks, week.scenario.history[len(week.scenario.history) - need :] if need else []


def _bounds(cfg: Config) -> tuple[int, int]:
    return round(cfg.low * 100), round(cfg.high * 100)


def _judges_low(week: PlanInput, w: int) -> bool:
    """Whether week w is judged below `low`: not a deload or taper week, nor the race's
    week (a one-week race plan's phase need not say taper)."""
    return week.phases[w - 1] not in UNLOADING and w != week.race_week


def build(ctx: BuildContext, cfg: Config) -> None:
    # A model of some weeks only (a block's bound, solving.py) judges the weeks whose whole
    # four-week window it models: a relaxation still, and the bound sees their ratios.
    loads = {w: sum(day_loads(ctx, w, training=True)) for w in ctx.weeks}
    low, high = _bounds(cfg)
    for w in ctx.weeks:
        window = _window(ctx.input, w)
        if window is None or any(x not in loads for x in window[0]):
            continue
        weeks, past = window
        chronic: Expr = sum(loads[x] for x in weeks) + sum(past)  # = 4 x chronic mean
        acute = 400 * loads[w]  # ratio in hundredths: 100 * acute / (chronic / 4)
        sides = [
            ("below", acute >= low * chronic, acute <= low * chronic - 1),
            ("above", acute <= high * chronic, acute >= high * chronic + 1),
        ]
        for name, inside, outside in sides[0 if _judges_low(ctx.input, w) else 1 :]:
            flag = ctx.model.new_bool_var(f"acwr_{name}[{w}]")
            ctx.model.add(outside).only_enforce_if(flag)
            ctx.model.add(inside).only_enforce_if(flag.negated())
            ctx.penalize(Config.ID, cfg.weight, flag)


def check(plan: Plan, cfg: Config) -> list[Penalty]:
    loads = {w: sum(plan_day_loads(plan, w, training=True)) for w in plan.input.per_week()}
    low, high = _bounds(cfg)
    found = []
    for w in plan.input.per_week():
        window = _window(plan.input, w)
        if window is None or not cfg.weight:
            continue
        weeks, past = window
        chronic = sum(loads[x] for x in weeks) + sum(past)
        acute = 400 * loads[w]
        below = acute < low * chronic and _judges_low(plan.input, w)
        if below or acute > high * chronic:
            ratio = acute / chronic / 100 if chronic else float("inf")
            found.append(
                Penalty(
                    rule=Config.ID,
                    amount=cfg.weight,
                    detail=f"{week_tag(w)}: acute:chronic load {ratio:.2f}, outside "
                    f"{cfg.low:g}-{cfg.high:g}",
                )
            )
    return found
