"""run_count (hard): the number of runs within `targets.runs`."""

from hybridplan.core.counting import CountRule

RULE = CountRule("run_count", lambda s: s.is_run, lambda t: t.runs, "run", "targets.runs")
build, check = RULE.build, RULE.check
