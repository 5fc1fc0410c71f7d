"""pinned (hard): sessions pinned with `fixed` stay in their slots, sessions in `forbid`
stay off their day or slot. Each pin is a requirement of its own when explaining, so a pin
that cannot hold is named in the conflict."""

from __future__ import annotations

from collections.abc import Callable

from hybridplan.core.context import BuildContext
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Violation
from hybridplan.models.rules import Pinned as Config
from hybridplan.models.scenario import Ban, Pin
from hybridplan.models.week import week_tag


def _banned(p: Placed, ban: Ban) -> bool:
    """A ban names one length (long_120) or an entry (long: every length), as `include`
    and `exclude` do."""
    return (
        ban.session in (p.session.id, p.session.entry)
        and p.slot.day_name == ban.day
        and ban.slot in (None, p.slot.name)
        and ban.week in (None, p.slot.week)
    )


def rules_out(p: Placed, week: PlanInput, cfg: Config) -> bool:
    """A session the scenario bans from its day or slot (`forbid`)."""
    return any(_banned(p, ban) for ban in week.scenario.forbid)


def _unpin(pin: Pin) -> Callable[[int | None, Plan], str]:
    return lambda _, __: f"unpin {pin.session} from {pin.day} {pin.slot}"


def build(ctx: BuildContext, cfg: Config) -> None:
    week = ctx.input
    for pin in week.scenario.fixed:
        if pin.week not in ctx.weeks:
            continue
        slot = week.slot_at(pin.day, pin.slot, pin.week)
        found = [p for p in ctx.candidates if p.slot == slot and p.session.id == pin.session]
        literal = ctx.requirement(
            f"pinned.{pin.day}-{pin.slot}" + (f".{week_tag(pin.week)}" if week.weeks > 1 else ""),
            Config.ID,
            f"{pin.session} pinned to {pin.day} {pin.slot} (fixed)",
            advice=_unpin(pin),
        )
        # no candidate there (race day holds the race alone): the pin cannot hold
        pinned = ctx.model.add(ctx.x[found[0]] == 1) if found else ctx.model.add_bool_or([])
        ctx.enforce(pinned, literal)
    for ban in week.scenario.forbid:
        for p in ctx.live():
            if _banned(p, ban):
                ctx.forbid(p)


def check(plan: Plan, cfg: Config) -> list[Violation]:
    placed = {(p.slot.day_name, p.slot.name, p.session.id, p.slot.week) for p in plan.placed}
    found = [
        Violation(
            rule=Config.ID,
            detail=f"{pin.session} is pinned to {pin.day} {pin.slot} but not planned there",
        )
        for pin in plan.input.scenario.fixed
        if (pin.day, pin.slot, pin.session, pin.week) not in placed
    ]
    found += [
        Violation(rule=Config.ID, detail=f"{p.label} is forbidden there")
        for p in plan.placed
        for ban in plan.input.scenario.forbid
        if _banned(p, ban)
    ]
    return found
