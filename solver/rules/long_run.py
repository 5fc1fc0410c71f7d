"""long_run (hard): exactly `targets.long_run` long runs."""

from models.scenario import CountRange
from solver.counting import CountRule

_rule = CountRule(
    "long_run",
    lambda s: s.is_long_run,
    lambda t: CountRange(min=t.long_run, max=t.long_run),
    "long runs",
)
build, check = _rule.build, _rule.check
