"""hybridplan.explanations: why a week cannot be planned (minimal conflicts), why a planned
week looks as it does (score analysis), and what changed between two results (diff)."""
