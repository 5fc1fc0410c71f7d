"""hybridplan.bench: rule-set comparison. Every scenario is solved under every rule set
(compare.py, through the batch's task runner), judged by one yardstick (measures.py), ranked
with bootstrap intervals and paired tests (ranking.py), and written up as tables and one
HTML page (report.py). Nothing outside the `bench` command needs it, and the single plan's
views in hybridplan.outputs never import it."""
