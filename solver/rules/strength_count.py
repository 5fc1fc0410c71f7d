"""strength_count (hard): the number of strength sessions within `targets.strength`."""

from solver.counting import CountRule

_rule = CountRule(
    "strength_count", lambda s: s.is_strength, lambda t: t.strength, "strength sessions"
)
build, check = _rule.build, _rule.check
