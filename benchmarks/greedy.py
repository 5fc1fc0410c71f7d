"""A greedy planner of the kind training apps use, as a baseline: fill a template day by
day, first fit, no search. It checks the hard rules as it goes (so it never returns a
week that breaks one) but never undoes a choice, so it misses weeks that exist."""

from __future__ import annotations

from hybridplan.core.checking import check_plan
from hybridplan.core.counting import CountRule
from hybridplan.core.rules import rule_module
from hybridplan.models.placement import Placed
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.session import SessionType
from hybridplan.models.week import day_index


def _wanted(week: PlanInput) -> list[tuple[CountRule, int, int]]:
    out = []
    for rule_id, _ in week.rule_items():
        rule = getattr(rule_module(rule_id), "RULE", None)
        if isinstance(rule, CountRule) and (w := rule.wanted(week.scenario.targets)):
            out.append((rule, w.min, w.max))
    return out


def _template(week: PlanInput, day: int, placed: list[Placed]) -> list[SessionType]:
    """What the template wants next, most important first: the long run (on its day),
    quality runs, strength, then easy runs, each until its minimum is met."""
    counts = _wanted(week)

    def short(pred: str) -> bool:
        return any(
            rule.rule == pred and sum(rule.counted(p.session) for p in placed) < lo
            for rule, lo, _ in counts
        )

    long_day = week.scenario.preferences.long_run_day
    order: list[SessionType] = []
    sessions = list(week.sessions.values())
    if short("long_run") and (long_day is None or day_index(long_day) == day):
        order += [s for s in sessions if s.is_long_run]
    if short("quality_runs"):
        order += [s for s in sessions if s.is_quality_run]
    if short("strength_count"):
        order += [s for s in sessions if s.is_strength]
    if short("run_count"):
        order += [s for s in sessions if s.is_run and not s.is_long_run and not s.is_quality_run]
    if short("mobility_count"):
        order += [s for s in sessions if s.kind == "mobility"]
    return order


def _allowed(week: PlanInput, placed: list[Placed]) -> bool:
    """No hard rule broken so far; count rules only by their maximum."""
    report = check_plan(Plan.of(week, placed))
    for v in report.violations:
        rule = getattr(rule_module(v.rule), "RULE", None)
        if not isinstance(rule, CountRule):
            return False
    return all(sum(rule.counted(p.session) for p in placed) <= hi for rule, _, hi in _wanted(week))


def greedy(week: PlanInput) -> Plan | None:
    """A week, or None when first fit ends short of a target (or breaks a hard rule)."""
    placed: list[Placed] = []
    for slot in week.slots:
        if slot.capacity == 0:
            continue
        for session in _template(week, slot.day, placed):
            if session.minutes > slot.capacity:
                continue
            trial = [*placed, Placed(slot, session)]
            if _allowed(week, trial):
                placed = trial
                break
    plan = Plan.of(week, placed)
    return None if check_plan(plan).violations else plan
