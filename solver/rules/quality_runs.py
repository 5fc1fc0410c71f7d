"""quality_runs (hard): the number of tempo, interval and hill runs within
`targets.quality_runs`."""

from solver.counting import CountRule

_rule = CountRule(
    "quality_runs", lambda s: s.is_quality_run, lambda t: t.quality_runs, "quality runs"
)
build, check = _rule.build, _rule.check
