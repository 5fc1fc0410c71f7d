"""hybridplan.models: pure data and file loading; never imports OR-Tools or the solver.

Names are imported on first use (as in `hybridplan`), so a command that needs one module
(`hybridplan --help` needs the limits) does not build every pydantic model first."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hybridplan.models.catalogue import default_catalogue, resolve_sessions
    from hybridplan.models.errors import InputError, Problem
    from hybridplan.models.loading import (
        builtin_rule_sets,
        input_from_dict,
        input_from_scenario,
        load_plan_input,
        load_rule_set,
        load_scenario,
    )
    from hybridplan.models.placement import Placed, Slot, gap_hours, hours_apart, same_day
    from hybridplan.models.plan import Plan
    from hybridplan.models.plan_input import PlanInput
    from hybridplan.models.ranges import CountRange
    from hybridplan.models.result import Penalty, Result, SessionOut, Summary, Violation
    from hybridplan.models.rules import (
        RULE_CONFIGS,
        RuleConfig,
        RulesConfig,
        RuleSet,
        RuleSetFile,
    )
    from hybridplan.models.scenario import Scenario, Targets
    from hybridplan.models.session import MUSCLES, SessionType

# name -> module that defines it
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["default_catalogue", "resolve_sessions"], "catalogue"),
    **dict.fromkeys(["InputError", "Problem"], "errors"),
    **dict.fromkeys(
        [
            "builtin_rule_sets",
            "input_from_dict",
            "input_from_scenario",
            "load_plan_input",
            "load_rule_set",
            "load_scenario",
        ],
        "loading",
    ),
    **dict.fromkeys(["Placed", "Slot", "gap_hours", "hours_apart", "same_day"], "placement"),
    "Plan": "plan",
    "PlanInput": "plan_input",
    "CountRange": "ranges",
    **dict.fromkeys(["Penalty", "Result", "SessionOut", "Summary", "Violation"], "result"),
    **dict.fromkeys(
        ["RULE_CONFIGS", "RuleConfig", "RulesConfig", "RuleSet", "RuleSetFile"], "rules"
    ),
    **dict.fromkeys(["Scenario", "Targets"], "scenario"),
    **dict.fromkeys(["MUSCLES", "SessionType"], "session"),
}

__all__ = [
    "MUSCLES",
    "RULE_CONFIGS",
    "CountRange",
    "InputError",
    "Penalty",
    "Placed",
    "Plan",
    "PlanInput",
    "Problem",
    "Result",
    "RuleConfig",
    "RuleSet",
    "RuleSetFile",
    "RulesConfig",
    "Scenario",
    "SessionOut",
    "SessionType",
    "Slot",
    "Summary",
    "Targets",
    "Violation",
    "builtin_rule_sets",
    "default_catalogue",
    "gap_hours",
    "hours_apart",
    "input_from_dict",
    "input_from_scenario",
    "load_plan_input",
    "load_rule_set",
    "load_scenario",
    "resolve_sessions",
    "same_day",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hybridplan.models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"hybridplan.models.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
