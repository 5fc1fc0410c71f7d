"""hybridplan.rules: one module per rule id, its CP-SAT `build()` beside its plain `check()`.

Ids, levels and parameters are declared in `hybridplan.models.rules` (the registry); this
package gives them meaning, and `rule_module(id)` finds a rule's module by its id."""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation

if TYPE_CHECKING:
    from hybridplan.context import BuildContext
from hybridplan.models.rules import RULE_CONFIGS


class RuleModule(Protocol):
    def build(self, ctx: BuildContext, cfg: Any) -> None: ...

    def check(self, plan: Plan, cfg: Any) -> list[Violation] | list[Penalty]: ...


@cache
def rule_module(rule_id: str) -> RuleModule:
    if rule_id not in RULE_CONFIGS:
        raise KeyError(f"unknown rule {rule_id!r}")
    module: RuleModule = importlib.import_module(f"hybridplan.rules.{rule_id}")
    return module
