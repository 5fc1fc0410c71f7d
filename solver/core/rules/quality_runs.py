"""quality_runs (hard): the number of tempo, interval and hill runs within
`targets.quality_runs`."""

from hybridplan.core.counting import CountRule

RULE = CountRule(
    "quality_runs",
    lambda s: s.is_quality_run,
    lambda t: t.quality_runs,
    "quality run",
    "targets.quality_runs",
)
build, check = RULE.build, RULE.check
