"""Independent verification: every rule's pure-Python check over a plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from hybridplan.core.rules import rule_module
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation


@dataclass
class CheckReport:
    violations: list[Violation] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.penalties)

    def by_rule(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for p in self.penalties:
            totals[p.rule] = totals.get(p.rule, 0) + p.amount
        return totals


def check_plan(plan: Plan) -> CheckReport:
    """Run every enabled rule's check; hard rules give violations, soft rules penalties."""
    report = CheckReport()
    for rule_id, cfg in plan.input.rule_items():
        for finding in rule_module(rule_id).check(plan, cfg):
            if isinstance(finding, Violation):
                report.violations.append(finding)
            else:
                report.penalties.append(finding)
    return report
