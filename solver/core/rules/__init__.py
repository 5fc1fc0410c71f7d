"""hybridplan.core.rules: one module per rule id, its CP-SAT `build()` beside its plain `check()`.

Ids, levels and parameters are declared in `hybridplan.models.rules` (the registry); this
package gives them meaning, and `rule_module(id)` finds a rule's module by its id."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation

if TYPE_CHECKING:
    from hybridplan.core.context import BuildContext
    from hybridplan.models.placement import Placed
    from hybridplan.models.plan_input import PlanInput
from hybridplan.models.rules import RULE_CONFIGS


class RuleModule(Protocol):
    def build(self, ctx: BuildContext, cfg: Any) -> None: ...

    def check(self, plan: Plan, cfg: Any) -> list[Violation] | list[Penalty]: ...


# A hard rule that rules single candidates out whatever else is planned (a session longer
# than its slot, a banned one) also has `rules_out(p, week, cfg) -> bool`, the test its
# build() forbids by and its check() reports: the model is then built without those
# candidates (model.build_model), except when explaining, where each stays behind its
# requirement's literal.
RulesOut = Callable[["Placed", "PlanInput", Any], bool]


def rules_out(rule_id: str) -> RulesOut | None:
    """The rule's `rules_out` test, if it has one."""
    test: RulesOut | None = getattr(rule_module(rule_id), "rules_out", None)
    return test


@cache
def rule_module(rule_id: str) -> RuleModule:
    if rule_id not in RULE_CONFIGS:
        raise KeyError(f"unknown rule {rule_id!r}")
    module: RuleModule = importlib.import_module(f"hybridplan.core.rules.{rule_id}")
    return module
