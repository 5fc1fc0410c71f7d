"""hybridplan.models: pure data and file loading; never imports OR-Tools or the solver."""

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
from hybridplan.models.rules import RULE_CONFIGS, RuleConfig, RulesConfig, RuleSet, RuleSetFile
from hybridplan.models.scenario import Scenario, Targets
from hybridplan.models.session import MUSCLES, SessionType

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
