"""The old import path of the rule checks, kept so that `from hybridplan.checking import
check_plan` (written before the core moved into hybridplan.core) still works. The checks
live in hybridplan.core.checking; new code imports `check_plan` from `hybridplan`."""

from hybridplan.core.checking import CheckReport, check_plan

__all__ = ["CheckReport", "check_plan"]
