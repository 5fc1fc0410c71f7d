"""hybridplan's data: scenarios, sessions, rule sets, plans and results.

Pure pydantic and dataclasses; nothing here imports OR-Tools.
"""

from models.catalogue import default_catalogue, resolve_sessions
from models.errors import InputError, Problem
from models.loading import (
    builtin_rule_sets,
    load_rule_set,
    load_scenario,
    load_week,
    week_from_dict,
    week_from_scenario,
)
from models.plan import Placed, Plan, Slot, WeekData, gap_hours, hours_apart, same_day
from models.result import Penalty, Result, SessionOut, Summary, Violation
from models.rules import RULE_CONFIGS, RuleConfig, RulesConfig, RuleSet, RuleSetFile
from models.scenario import CountRange, Scenario, Targets
from models.session import MUSCLES, SessionType

__all__ = [
    "MUSCLES",
    "RULE_CONFIGS",
    "CountRange",
    "InputError",
    "Penalty",
    "Placed",
    "Plan",
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
    "WeekData",
    "builtin_rule_sets",
    "default_catalogue",
    "gap_hours",
    "hours_apart",
    "load_rule_set",
    "load_scenario",
    "load_week",
    "resolve_sessions",
    "same_day",
    "week_from_dict",
    "week_from_scenario",
]
