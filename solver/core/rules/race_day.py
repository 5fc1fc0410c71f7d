"""race_day (hard, in force with a race): the race is on race day, in the day's first slot,
the only session that day, and nothing follows it. It overrides a named rest day (many
athletes keep Sunday free and race on a Sunday). The candidates already keep everything
else off race day and after it (PlanInput.offers); this rule places the race itself and
its check verifies all of it."""

from __future__ import annotations

from hybridplan.core.context import BuildContext
from hybridplan.models.plan import Plan
from hybridplan.models.result import Violation
from hybridplan.models.rules import RaceDay as Config


def build(ctx: BuildContext, cfg: Config) -> None:
    inp = ctx.input
    if inp.race is None or inp.race_slot is None or inp.race_week not in ctx.weeks:
        return
    race = [p for p in ctx.candidates if p.session.is_race]
    literal = ctx.requirement(
        Config.ID,
        Config.ID,
        f"the race on race day ({inp.race_slot.label}, {inp.race.minutes} min)",
        advice=lambda _, __: "move the race or its date",
    )
    ctx.enforce(ctx.model.add(ctx.total(race) == 1), literal)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    inp = plan.input
    if inp.race is None or inp.race_day is None:
        return []
    found = []
    races = [p for p in plan.placed if p.session.is_race]
    if [p.slot for p in races] != [inp.race_slot]:
        found.append(Violation(rule=Config.ID, detail="the race is not on race day in its slot"))
    for p in plan.placed:
        if not p.session.is_race and p.slot.day >= inp.race_day:
            when = "on race day" if p.slot.day == inp.race_day else "after the race"
            found.append(Violation(rule=Config.ID, detail=f"{p.label} {when}"))
    return found
