"""run_count (hard): the number of runs within `targets.runs`."""

from solver.counting import CountRule

_rule = CountRule("run_count", lambda s: s.is_run, lambda t: t.runs, "runs")
build, check = _rule.build, _rule.check
