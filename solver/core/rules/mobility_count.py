"""mobility_count (hard): the number of mobility sessions within `targets.mobility`, when
the scenario sets it (nothing else rewards a mobility session, so without a target the
solver has no reason to place one)."""

from hybridplan.core.counting import CountRule

RULE = CountRule(
    "mobility_count",
    lambda s: s.kind == "mobility",
    lambda t: t.mobility,
    "mobility session",
    "targets.mobility",
)
build, check = RULE.build, RULE.check
