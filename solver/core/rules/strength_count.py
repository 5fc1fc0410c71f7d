"""strength_count (hard): the number of strength sessions within `targets.strength`."""

from hybridplan.core.counting import CountRule

RULE = CountRule(
    "strength_count",
    lambda s: s.is_strength,
    lambda t: t.strength,
    "strength session",
    "targets.strength",
)
build, check = RULE.build, RULE.check
