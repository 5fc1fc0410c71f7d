"""hybridplan: plans a hybrid athlete's weeks (running + strength) with OR-Tools CP-SAT.

The public API. Names are imported on first use, so `import hybridplan` and the CLI start
fast; OR-Tools loads only when something is solved.

    from hybridplan import Scenario, solve, explain, replan, export
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("hybridplan")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from hybridplan.api import diff, explain, export, replan, solve, solve_many
    from hybridplan.batch.tasks import Outcome
    from hybridplan.core.checking import CheckReport, check_plan
    from hybridplan.models.errors import InputError, Problem
    from hybridplan.models.explanation import Diff, Explanation
    from hybridplan.models.loading import (
        builtin_rule_sets,
        input_from_result,
        load_plan_input,
        load_rule_set,
    )
    from hybridplan.models.placement import Placed, Slot
    from hybridplan.models.plan import Plan
    from hybridplan.models.plan_input import PlanInput
    from hybridplan.models.result import Penalty, Result, SessionOut, Summary, Violation
    from hybridplan.models.rules import RuleSet
    from hybridplan.models.scenario import Scenario
    from hybridplan.models.session import SessionType

# name -> module that defines it (the calls go through hybridplan.api, which checks every
# argument first, so that bad input raises InputError and nothing else)
_EXPORTS: dict[str, str] = {
    "solve": "hybridplan.api",
    "explain": "hybridplan.api",
    "diff": "hybridplan.api",
    "replan": "hybridplan.api",
    "export": "hybridplan.api",
    "solve_many": "hybridplan.api",
    "Outcome": "hybridplan.batch.tasks",
    "check_plan": "hybridplan.core.checking",
    "CheckReport": "hybridplan.core.checking",
    "Scenario": "hybridplan.models.scenario",
    "RuleSet": "hybridplan.models.rules",
    "SessionType": "hybridplan.models.session",
    "PlanInput": "hybridplan.models.plan_input",
    "Plan": "hybridplan.models.plan",
    "Placed": "hybridplan.models.placement",
    "Slot": "hybridplan.models.placement",
    "Result": "hybridplan.models.result",
    "SessionOut": "hybridplan.models.result",
    "Penalty": "hybridplan.models.result",
    "Violation": "hybridplan.models.result",
    "Summary": "hybridplan.models.result",
    "Explanation": "hybridplan.models.explanation",
    "Diff": "hybridplan.models.explanation",
    "InputError": "hybridplan.models.errors",
    "Problem": "hybridplan.models.errors",
    "load_plan_input": "hybridplan.models.loading",
    "load_rule_set": "hybridplan.models.loading",
    "builtin_rule_sets": "hybridplan.models.loading",
    "input_from_result": "hybridplan.models.loading",
}

__all__ = [
    "CheckReport",
    "Diff",
    "Explanation",
    "InputError",
    "Outcome",
    "Penalty",
    "Placed",
    "Plan",
    "PlanInput",
    "Problem",
    "Result",
    "RuleSet",
    "Scenario",
    "SessionOut",
    "SessionType",
    "Slot",
    "Summary",
    "Violation",
    "__version__",
    "builtin_rule_sets",
    "check_plan",
    "diff",
    "explain",
    "export",
    "input_from_result",
    "load_plan_input",
    "load_rule_set",
    "replan",
    "solve",
    "solve_many",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hybridplan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
