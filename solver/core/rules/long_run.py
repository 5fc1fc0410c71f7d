"""long_run (hard): exactly `targets.long_run` long runs."""

from hybridplan.core.counting import CountRule
from hybridplan.models.ranges import CountRange

RULE = CountRule(
    "long_run",
    lambda s: s.is_long_run,
    lambda t: CountRange(min=t.long_run, max=t.long_run),
    "long run",
    "targets.long_run",
)
build, check = RULE.build, RULE.check
